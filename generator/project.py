"""Find a course's folders and settings from its mkdocs.yml, without building anything."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from .errors import AuthorError, Problem
from .items.thresholds import ItemChecks

DEFAULT_CONFIG = "mkdocs.yml"


@dataclass
class Project:
    config_file: Path
    content_dir: Path
    quiz_dir: Path | None
    stale_after_days: int = 180
    assessment: bool = False
    item_checks: ItemChecks = field(default_factory=ItemChecks)

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
    return Project(path, content, quiz_dir if quiz_dir.is_dir() else None,
                   settings.stale_after_days, settings.assessment, settings.item_checks)


class CourseOptions(BaseModel):
    """The `course` plugin's options in mkdocs.yml (the MkDocs plugin declares the same names,
    with these defaults, in plugin/config.py: MkDocs needs them in its own form)."""

    model_config = ConfigDict(extra="forbid", strict=True)
    enabled: bool = True
    content_dir: str = "content"
    quiz_dir: str | None = None
    assessment: bool = False
    stale_after_days: int = 180
    item_checks: ItemChecks = ItemChecks()


def item_checks_from(options, config_file: str | Path) -> ItemChecks:
    """The `item_checks:` option as the MkDocs plugin receives it, checked by the same model
    `course` uses, with the same messages."""
    try:
        return CourseOptions.model_validate({"item_checks": options}).item_checks
    except ValidationError as error:
        path = Path(config_file)
        where = _option_positions(path)
        raise AuthorError([_option_problem(item, path, where)
                           for item in error.errors(include_url=False)]) from None


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
                    return _positions(options, "")
    return {}


def _positions(node, prefix: str) -> dict[str, tuple[int, int]]:
    """Where each value of a mapping starts, nested mappings' keys named `outer.inner`."""
    import yaml

    found = {}
    for key, value in node.value:
        name = f"{prefix}{getattr(key, 'value', '')}"
        found[name] = (value.start_mark.line + 1, value.start_mark.column + 1)
        if isinstance(value, yaml.MappingNode):
            found |= _positions(value, name + ".")
    return found


def _entries(node, key: str) -> list:
    import yaml

    if not isinstance(node, yaml.MappingNode):
        return []
    return [value for name, value in node.value if getattr(name, "value", None) == key]


_EXPECTED = {"bool_type": "true or false", "int_type": "a whole number", "string_type": "text",
             "float_type": "a number", "list_type": "a list", "model_type": "a mapping of "
             "settings (key: value lines)", "greater_than_equal": "at least {ge}",
             "less_than_equal": "at most {le}"}
_EXAMPLE = {"enabled": "true", "content_dir": "content", "quiz_dir": "quizzes",
            "assessment": "false", "stale_after_days": "180",
            "item_checks": "{enabled: false} or {longest_key_share: 0.4}",
            **{f"item_checks.{name}": str(field.get_default(call_default_factory=True)).lower()
               for name, field in ItemChecks.model_fields.items()}}


def _option_problem(item, path: Path, where: dict[str, tuple[int, int]]) -> Problem:
    # A setting inside a nested option (item_checks.longest_key_share; a list's items name
    # the list) is named with its dotted path.
    names = [str(part) for part in item["loc"] if not isinstance(part, int)]
    name = ".".join(names)
    line, column = where.get(name, (0, 0))
    owner = CourseOptions
    for part in names[:-1]:
        annotation = owner.model_fields[part].annotation if part in owner.model_fields else None
        owner = annotation if isinstance(annotation, type) else None
        if owner is None:
            break
    if item["type"] == "extra_forbidden" or owner is None or names[-1] not in owner.model_fields:
        known = ", ".join(owner.model_fields) if owner else ""
        what = f"'{names[-1]}' in course plugin option '{names[0]}'" if len(names) > 1 \
            else f"course plugin option '{name}'"
        return Problem(str(path), line, column, f"unknown {what}", f"use one of: {known}")
    short = names[-1]  # the key as written on its own line
    example = _EXAMPLE.get(name, "...")
    if item["type"] == "value_error":
        return Problem(str(path), line, column, f"course plugin option '{name}' "
                       f"{item['ctx']['error']}", f"for example: {short}: {example}")
    limits = {key: f"{value:g}" for key, value in item.get("ctx", {}).items()
              if isinstance(value, (int, float))}
    expected = _EXPECTED.get(item["type"], "a valid value").format(**limits)
    given = item["input"]
    if isinstance(given, str) and item["type"] in ("bool_type", "int_type", "float_type"):
        return Problem(str(path), line, column,
                       f"course plugin option '{name}' must be {expected}, not the text {given!r}",
                       f"write it without quotes, for example: {short}: {example}")
    return Problem(str(path), line, column,
                   f"course plugin option '{name}' must be {expected}, not {given!r}",
                   f"for example: {short}: {example}")
