"""Find a course's folders and settings from its mkdocs.yml, without building anything."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from .errors import AuthorError, Problem

DEFAULT_CONFIG = "mkdocs.yml"


@dataclass
class Project:
    config_file: Path
    content_dir: Path
    quiz_dir: Path | None
    stale_after_days: int = 180
    assessment: bool = False
    registry: Path | None = None  # published.jsonl: the published quiz versions
    site_url: str | None = None

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
    try:
        settings = CourseOptions.model_validate(_course_options(config, path))
    except ValidationError as error:
        where = _option_positions(path)  # read again only to say where the mistakes are
        raise AuthorError([_option_problem(item, path, where)
                           for item in error.errors(include_url=False)]) from None
    root = path.parent
    content = root / settings.content_dir
    quiz_dir = root / (settings.quiz_dir or "quizzes")
    if not content.is_dir():
        raise AuthorError([Problem(str(path), 0, 0, f"content folder '{content}' does not exist",
                                   "create it or set plugins: course: content_dir")])
    site_url = config.get("site_url") if isinstance(config, dict) else None
    return Project(path, content, quiz_dir if quiz_dir.is_dir() else None,
                   settings.stale_after_days, settings.assessment, root / settings.registry,
                   site_url if isinstance(site_url, str) else None)


class CourseOptions(BaseModel):
    """The `course` plugin's options in mkdocs.yml (the MkDocs plugin declares the same names,
    with these defaults, in plugin/config.py: MkDocs needs them in its own form)."""

    model_config = ConfigDict(extra="forbid", strict=True)
    enabled: bool = True
    content_dir: str = "content"
    quiz_dir: str | None = None
    assessment: bool = False
    stale_after_days: int = 180
    registry: str = "published.jsonl"


def _course_options(config, path: Path) -> dict:
    """The `course` entry under plugins (a list or a mapping)."""
    options = {}
    plugins = config.get("plugins") if isinstance(config, dict) else None
    if isinstance(plugins, list):
        for plugin in plugins:
            if isinstance(plugin, dict) and "course" in plugin:
                options = plugin["course"] or {}
                break
    elif isinstance(plugins, dict) and "course" in plugins:
        options = plugins["course"] or {}
    if not isinstance(options, dict):
        raise AuthorError([Problem(str(path), 0, 0, "the course plugin's options must be a "
                                   "mapping", "write them as key: value lines under - course:")])
    return options


def _option_positions(path: Path) -> dict[str, tuple[int, int]]:
    """Line and column of each course option. Composing builds nodes without running tags, so
    mkdocs.yml's own tags (!ENV, !relative) don't get in the way."""
    import yaml

    try:
        root = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except (yaml.YAMLError, OSError, UnicodeDecodeError):
        return {}
    for node in _entries(root, "plugins"):
        for entry in (node.value if isinstance(node, yaml.SequenceNode) else [node]):
            for options in _entries(entry, "course"):
                if isinstance(options, yaml.MappingNode):
                    return {key.value: (value.start_mark.line + 1, value.start_mark.column + 1)
                            for key, value in options.value}
    return {}


def _entries(node, key: str) -> list:
    import yaml

    if not isinstance(node, yaml.MappingNode):
        return []
    return [value for name, value in node.value if getattr(name, "value", None) == key]


_EXPECTED = {"bool_type": "true or false", "int_type": "a whole number", "string_type": "text"}
_EXAMPLE = {"enabled": "true", "content_dir": "content", "quiz_dir": "quizzes",
            "assessment": "false", "stale_after_days": "180", "registry": "published.jsonl"}


def _option_problem(item, path: Path, where: dict[str, tuple[int, int]]) -> Problem:
    name = str(item["loc"][0]) if item["loc"] else ""
    line, column = where.get(name, (0, 0))
    if item["type"] == "extra_forbidden" or name not in CourseOptions.model_fields:
        known = ", ".join(CourseOptions.model_fields)
        return Problem(str(path), line, column, f"unknown course plugin option '{name}'",
                       f"use one of: {known}")
    expected = _EXPECTED.get(item["type"], "a valid value")
    given = item["input"]
    if isinstance(given, str) and item["type"] in ("bool_type", "int_type"):
        return Problem(str(path), line, column,
                       f"course plugin option '{name}' must be {expected}, not the text {given!r}",
                       f"write it without quotes, for example: {name}: {_EXAMPLE.get(name)}")
    return Problem(str(path), line, column,
                   f"course plugin option '{name}' must be {expected}, not {given!r}",
                   f"for example: {name}: {_EXAMPLE.get(name, '...')}")
