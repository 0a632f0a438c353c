"""Options of the `course` MkDocs plugin."""

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class CourseConfig(Config):
    enabled = c.Type(bool, default=True)

    # Settings for where the course lives (relative to mkdocs.yml)
    content_dir = c.Dir(exists=True, default="content")
    # No existence check: a new course may have no quizzes yet (git keeps no empty folders).
    quiz_dir = c.Optional(c.Type(str))

    # Settings for the build
    assessment = c.Type(bool, default=False)  # every quiz without an answer key
    stale_after_days = c.Type(int, default=180)

    # Settings for the item-quality checks: thresholds, read by project.ItemChecks
    item_checks = c.Type(dict, default={})
