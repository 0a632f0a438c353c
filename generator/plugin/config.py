"""Options of the `course` MkDocs plugin, in MkDocs' form: derived from their one declaration,
`project.CourseOptions` (names, types, defaults), so the two can never disagree."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from pydantic import BaseModel

from ..project import CourseOptions


def _option(annotation, default) -> c.BaseConfigOption:
    # A plain type (bool, int or str) with a default: MkDocs checks the type. A nested group of
    # settings (item_checks) is a mapping to MkDocs, its defaults as the declaration's; the
    # plugin checks what is inside with project.validated, which says where each mistake is.
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return c.Type(dict, default=default.model_dump())
    return c.Type(annotation, default=default)


CourseConfig = type("CourseConfig", (Config,), {
    name: _option(field.annotation, field.default)
    for name, field in CourseOptions.model_fields.items()
})
CourseConfig.__doc__ = "The `course` plugin's options (see project.CourseOptions)."
