"""Options of the `course` MkDocs plugin."""

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class CourseConfig(Config):
    enabled = c.Type(bool, default=True)

    # Settings for where the course lives (relative to mkdocs.yml)
    content_dir = c.Dir(exists=True, default="content")
    quiz_dir = c.Optional(c.Dir(exists=True))

    # Settings for the build
    assessment = c.Type(bool, default=False)  # every quiz without an answer key
    stale_after_days = c.Type(int, default=180)
