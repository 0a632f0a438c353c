"""Driving MkDocs from the `course` command: its config with our settings, a build, its messages.

`course build`, `course serve` and `course export` all come through here, so that each thing is
done one way:
- assessment mode reaches the plugin as its own option (`assessment: true`), given to MkDocs'
  `load_config` as an override of mkdocs.yml's `plugins`; serve passes the same override to
  every reload. No environment variable, and no loaded config changed afterwards;
- a build says who published it (`build(published_by=…)`), for the registry of published
  versions the plugin appends to;
- MkDocs' log messages are shown by `show_messages`.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from ..project import Project, read_config, with_options

COURSE_LOG = "mkdocs.plugins.course"


class BuildFailed(Exception):
    """MkDocs could not build the site; MkDocs has logged the problems, the message says more."""


def overrides(project: Project, *, assessment: bool = False, **settings) -> dict:
    """Settings for MkDocs' load_config (and serve): those given, and assessment mode."""
    out = {name: value for name, value in settings.items() if value is not None}
    if assessment:
        plugins = with_options(read_config(project.config_file), assessment=True)
        if plugins is not None:
            out["plugins"] = plugins
    return out


def load_config(config_file: Path, **settings):
    """mkdocs.yml loaded by MkDocs with `settings` (see `overrides`); MkDocs' ConfigurationError
    when it is wrong."""
    from mkdocs.config import load_config as load

    return load(config_file=str(config_file), **settings)


def build(config, *, published_by: str) -> None:
    """One build, with the plugins' start and end events around it, as `mkdocs build` does.
    `published_by` names the command in the registry of published versions (published.jsonl),
    where a plain `mkdocs build` writes "mkdocs build"."""
    from mkdocs.commands.build import build as build_site
    from mkdocs.exceptions import Abort, PluginError

    course = config.plugins.get("course")
    if course is not None:
        course.published_by = published_by
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build_site(config)
    except (PluginError, Abort) as error:
        raise BuildFailed(str(error)) from None
    finally:
        config.plugins.on_shutdown()


def show_messages(*, course_notes: bool) -> None:
    """MkDocs' warnings and errors on standard error as `LEVEL - message`; with `course_notes`,
    the course plugin's notes too (old review dates), as they are. No other log noise."""

    class _Format(logging.Formatter):
        def format(self, record):
            message = record.getMessage()
            if record.name.startswith(COURSE_LOG) and record.levelno < logging.WARNING:
                return message
            return f"{record.levelname} - {message}"

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_Format())
    handler.addFilter(lambda r: r.levelno >= logging.WARNING
                      or (course_notes and r.name.startswith(COURSE_LOG)))
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.addHandler(handler)
    mkdocs_log.setLevel(logging.INFO)
    mkdocs_log.propagate = False
