"""Driving MkDocs: assessment mode reaches the plugin one way, as its own option."""

from __future__ import annotations

import logging

from coursefolder import make_course
from generator.plugin import engine
from generator.project import find_project, with_options


def test_assessment_is_the_course_plugins_option_in_the_overrides(here):
    project = find_project(make_course(here))
    assert engine.overrides(project) == {}
    settings = engine.overrides(project, assessment=True, site_dir="out", strict=None)
    assert settings == {"site_dir": "out", "plugins": [
        {"search": {"lang": "zh"}},
        {"course": {"content_dir": "content", "quiz_dir": "quizzes", "assessment": True}}]}
    config = engine.load_config(project.config_file, **settings)
    assert config.plugins["course"].config.assessment is True
    assert config.plugins["material/search"].config.lang == ["zh"]


def test_options_change_in_every_form_mkdocs_yml_may_list_plugins():
    assert with_options({"plugins": ["search", "course"]}, assessment=True) == [
        "search", {"course": {"assessment": True}}]
    assert with_options({"plugins": {"course": None, "search": {}}}, assessment=True) == {
        "course": {"assessment": True}, "search": {}}
    assert with_options({"plugins": ["search"]}, assessment=True) is None
    assert with_options({}, assessment=True) is None


def test_messages_set_up_once_show_warnings_and_with_notes_the_course_plugins(capsys):
    mkdocs_log = logging.getLogger("mkdocs")
    saved = list(mkdocs_log.handlers), mkdocs_log.level, mkdocs_log.propagate
    try:
        for notes in (False, True):
            mkdocs_log.handlers = []
            engine.show_messages(course_notes=notes)
            logging.getLogger("mkdocs.plugins.course").info("lesson: warning: old date")
            logging.getLogger("mkdocs.structure").info("Building documentation")
            logging.getLogger("mkdocs.structure").warning("a link is broken")
        err = capsys.readouterr().err
        assert err == ("WARNING - a link is broken\n" "lesson: warning: old date\n"
                       "WARNING - a link is broken\n")
    finally:
        mkdocs_log.handlers, mkdocs_log.level, mkdocs_log.propagate = saved
