"""Options of the `course` MkDocs plugin."""

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class CourseConfig(Config):
    enabled = c.Type(bool, default=True)

    # Settings for where the course lives (relative to mkdocs.yml)
    content_dir = c.Dir(exists=True, default="content")
    # No existence check: a new course may have no quizzes yet (git keeps no empty folders).
    quiz_dir = c.Optional(c.Type(str))
    # The published quiz versions, for the grading desk; kept in version control.
    registry = c.Type(str, default="published.jsonl")

    # Settings for the build
    assessment = c.Type(bool, default=False)  # every quiz without an answer key
    stale_after_days = c.Type(int, default=180)
