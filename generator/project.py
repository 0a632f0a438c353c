"""Find a course's folders and settings from its mkdocs.yml, without building anything."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import AuthorError, Problem

DEFAULT_CONFIG = "mkdocs.yml"


@dataclass
class Project:
    config_file: Path
    content_dir: Path
    quiz_dir: Path | None
    stale_after_days: int = 180
    assessment: bool = False

    @property
    def root(self) -> Path:
        return self.config_file.parent


def find_project(config_file: str | Path = DEFAULT_CONFIG) -> Project:
    """Read the `course` plugin's options from mkdocs.yml; folders resolve against that file."""
    path = Path(config_file)
    if not path.is_file():
        raise AuthorError([Problem(str(path), 0, 0, "config file not found",
                                   "run from the course folder or pass -f path/to/mkdocs.yml")])
    # MkDocs' own loader: it understands the tags mkdocs.yml may use (!ENV, !relative, ...).
    from mkdocs.utils.yaml import yaml_load

    try:
        with path.open("rb") as stream:
            config = yaml_load(stream) or {}
    except Exception as error:  # mkdocs' loader raises several kinds; all mean "bad config"
        raise AuthorError([Problem(str(path), 0, 0, f"cannot read config: {error}")]) from None
    options = {}
    for plugin in config.get("plugins") or []:
        if plugin == "course":
            break
        if isinstance(plugin, dict) and "course" in plugin:
            options = plugin["course"] or {}
            break
    else:
        if isinstance(config.get("plugins"), dict) and "course" in config["plugins"]:
            options = config["plugins"]["course"] or {}
    root = path.parent
    content = root / options.get("content_dir", "content")
    quiz = options.get("quiz_dir")
    quiz_dir = root / quiz if quiz else (root / "quizzes")
    if not content.is_dir():
        raise AuthorError([Problem(str(path), 0, 0, f"content folder '{content}' does not exist",
                                   "create it or set plugins: course: content_dir")])
    return Project(path, content, quiz_dir if quiz_dir.is_dir() else None,
                   int(options.get("stale_after_days", 180)), bool(options.get("assessment", False)))
