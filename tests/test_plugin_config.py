"""The plugin's options are declared once (project.CourseOptions); MkDocs' form is derived."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from generator.plugin.config import CourseConfig
from generator.project import CourseOptions


def test_mkdocs_config_has_the_declared_options_and_defaults():
    config = CourseConfig()
    config.load_dict({})
    assert config.validate() == ([], [])
    assert dict(config) == CourseOptions().model_dump()


@pytest.mark.parametrize("name, value", [("stale_after_days", "often"), ("assessment", "yes"),
                                         ("content_dir", 3), ("quiz_dir", True),
                                         ("item_checks", 5)])
def test_mkdocs_refuses_what_the_declaration_refuses(name, value):
    config = CourseConfig()
    config.load_dict({name: value})
    failed, _ = config.validate()
    assert [failed_name for failed_name, _ in failed] == [name]
    with pytest.raises(ValidationError):
        CourseOptions.model_validate({name: value})
