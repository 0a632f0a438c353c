"""A course folder's settings: the `course` plugin's options in its mkdocs.yml, read and
checked without building anything (and without loading MkDocs itself: `course check` stays fast).

`CourseOptions` declares the options once: this module validates mkdocs.yml with it, and the
MkDocs plugin derives its own config from it (plugin/config.py). `resolve` turns options into
folders, for the CLI and the plugin alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from .errors import AuthorError, Problem
from .items.thresholds import ItemChecks

DEFAULT_CONFIG = "mkdocs.yml"


class CourseOptions(BaseModel):
    """The `course` plugin's options in mkdocs.yml; folders are relative to mkdocs.yml."""

    model_config = ConfigDict(extra="forbid", strict=True)
    enabled: bool = True
    content_dir: str = "content"
    quiz_dir: str = "quizzes"  # need not exist yet: a new course may have no quizzes
    assessment: bool = False  # every quiz without an answer key
    stale_after_days: int = 180
    item_checks: ItemChecks = ItemChecks()  # thresholds of the item-quality checks
    # The published quiz versions, for the grading desk; kept in version control beside mkdocs.yml.
    registry: str = "published.jsonl"
    # `course collect`: the service's address the quiz pages submit to (empty: no Submit
    # button), and the sites allowed to submit there (CORS; empty: site_url's origin).
    collect_url: str = ""
    collect_origins: list[str] = []

    @field_validator("collect_url")
    @classmethod
    def _an_http_address(cls, value: str) -> str:
        if value and not value.startswith(("https://", "http://")):
            raise ValueError(f"must be an address starting with https://, not {value!r}")
        return value

    @field_validator("collect_origins")
    @classmethod
    def _origins(cls, value: list[str]) -> list[str]:
        for origin in value:
            if origin == "null":  # pages opened from disk (the offline zip)
                continue
            if not origin.startswith(("https://", "http://")) or "/" in origin.split("://")[1] \
                    .rstrip("/"):
                raise ValueError(f"must list sites as scheme://host[:port], not {origin!r}")
        return value


@dataclass
class Project:
    config_file: Path
    content_dir: Path
    quiz_folder: Path  # where the quizzes live, or will: the folder may not exist yet
    stale_after_days: int = 180
    assessment: bool = False
    item_checks: ItemChecks = field(default_factory=ItemChecks)
    registry: Path | None = None  # published.jsonl: the published quiz versions
    site_url: str | None = None  # the course's address, printed on the access-code slips
    collect_url: str = ""  # `course collect`'s address (the pages' Submit button)
    collect_origins: tuple[str, ...] = ()  # sites allowed to submit there

    @property
    def root(self) -> Path:
        return self.config_file.parent

    @property
    def quiz_dir(self) -> Path | None:
        """The quiz folder when there is one."""
        return self.quiz_folder if self.quiz_folder.is_dir() else None


def find_project(config_file: str | Path = DEFAULT_CONFIG) -> Project:
    """Read the `course` plugin's options from mkdocs.yml; folders resolve against that file."""
    path = Path(config_file)
    if not path.is_file():
        raise AuthorError([Problem(str(path), 0, 0, "config file not found",
                                   "run from the course folder or pass -f path/to/mkdocs.yml")])
    config = read_config(path)
    site_url = config.get("site_url")
    return resolve(path, validated(_course_options(config, path), path),
                   site_url=site_url if isinstance(site_url, str) else None)


def validated(options: dict, config_file: Path) -> CourseOptions:
    """The course plugin's options checked against their declaration; AuthorError with one
    `mkdocs.yml:line:column` message per mistake (settings inside a nested option too). The
    plugin calls this on what MkDocs read, which checks only the outer types."""
    try:
        return CourseOptions.model_validate(options)
    except ValidationError as error:
        where = _option_positions(config_file)  # read again only to say where the mistakes are
        raise AuthorError([_option_problem(item, config_file, where)
                           for item in error.errors(include_url=False)]) from None


def resolve(config_file: Path, options: CourseOptions, *, site_url: str | None = None) -> Project:
    """The course's folders (and registry file) from its options; the content folder must
    exist. The course's own interface strings, if any, are used from now on (catalogue.py)."""
    from .catalogue import use_course

    root = config_file.parent
    use_course(root)  # the course's own interface strings (locales/) come first
    content = root / options.content_dir
    if not content.is_dir():
        raise AuthorError([Problem(str(config_file), 0, 0,
                                   f"content folder '{content}' does not exist",
                                   "create it or set plugins: course: content_dir")])
    return Project(config_file, content, root / options.quiz_dir, options.stale_after_days,
                   options.assessment, options.item_checks, root / options.registry, site_url,
                   options.collect_url, tuple(options.collect_origins))


def read_config(path: Path) -> dict:
    """mkdocs.yml as a mapping, read with MkDocs' own YAML loader: it understands the tags
    mkdocs.yml may use (!ENV, !relative) and INHERIT. (Only that loader is imported.)"""
    from mkdocs.utils.yaml import yaml_load

    try:
        with path.open("rb") as stream:
            config = yaml_load(stream) or {}
    except Exception as error:  # mkdocs' loader raises several kinds; all mean "bad config"
        # Its messages are PyYAML's, over several lines and without the file's name: say
        # instead what the lesson files' reader says about the same mistake, where it is.
        _explain_unreadable(path, str(path), set())
        first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise AuthorError([Problem(str(path), 0, 0, f"cannot read config: {first}")]) from None
    return config if isinstance(config, dict) else {}


def _explain_unreadable(path: Path, label: str, seen: set[Path]) -> None:
    """Raise AuthorError with `file:line:column` when mkdocs.yml, or a file it INHERITs from,
    is not UTF-8 or not YAML; return when both read (the trouble is elsewhere: a tag's value,
    a missing inherited file)."""
    import yaml

    from .loading import label_for
    from .yamlsource import compose, decode

    if path.resolve() in seen:
        return
    seen.add(path.resolve())
    try:
        raw = path.read_bytes()
    except OSError:
        return
    root = compose(decode(raw, label), label)
    if isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            if getattr(key, "value", None) == "INHERIT" and isinstance(value, yaml.ScalarNode):
                inherited = path.parent / value.value
                _explain_unreadable(inherited, label_for(inherited), seen)


@dataclass(frozen=True)
class Setting:
    """A value mkdocs.yml gives, and where (line 0 when the file does not say: inherited)."""

    value: object
    line: int = 0
    column: int = 0


@dataclass(frozen=True)
class SiteSettings:
    """What mkdocs.yml itself says about the site's name and language; None where it says
    nothing, and the course decides (checks/site.py, plugin/language.py)."""

    label: str  # mkdocs.yml as messages name it
    site_name: Setting | None = None
    theme_language: Setting | None = None
    search_listed: bool = False  # the search plugin is on
    search_lang: Setting | None = None
    custom_dir: Path | None = None  # the theme's own templates (it may add languages)


SEARCH_PLUGINS = ("search", "material/search")


def site_settings(path: Path) -> SiteSettings:
    """The site's name, theme language and search language as mkdocs.yml (or the file it
    INHERITs from) gives them."""
    from .loading import label_for

    config = read_config(path)
    where = _setting_positions(path)

    def setting(name: str, value) -> Setting | None:
        return None if value is None else Setting(value, *where.get(name, (0, 0)))

    theme = config.get("theme")
    search, search_listed = None, False
    for name, options in _plugin_entries(config.get("plugins")):
        if name in SEARCH_PLUGINS:
            search_listed = not (isinstance(options, dict) and options.get("enabled") is False)
            search = options.get("lang") if isinstance(options, dict) else None
    custom_dir = theme.get("custom_dir") if isinstance(theme, dict) else None
    return SiteSettings(
        label_for(path), setting("site_name", config.get("site_name")),
        setting("theme.language", theme.get("language") if isinstance(theme, dict) else None),
        search_listed, setting("plugins.search.lang", search),
        path.parent / custom_dir if isinstance(custom_dir, str) else None)


def _plugin_entries(plugins) -> list[tuple[object, object]]:
    """(name, options) of each plugin listed, in either form mkdocs.yml allows."""
    if isinstance(plugins, dict):
        return list(plugins.items())
    entries: list[tuple[object, object]] = []
    for plugin in plugins if isinstance(plugins, list) else []:
        entries += list(plugin.items()) if isinstance(plugin, dict) else [(plugin, None)]
    return entries


def _setting_positions(path: Path) -> dict[str, tuple[int, int]]:
    """Line and column of site_name, theme.language and the search plugin's lang."""
    import yaml

    try:
        root = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except (yaml.YAMLError, OSError, UnicodeDecodeError):
        return {}
    found = {}

    def at(node) -> tuple[int, int]:
        return node.start_mark.line + 1, node.start_mark.column + 1

    for node in _entries(root, "site_name"):
        found["site_name"] = at(node)
    for theme in _entries(root, "theme"):
        for node in _entries(theme, "language"):
            found["theme.language"] = at(node)
    for plugins in _entries(root, "plugins"):
        for entry in (plugins.value if isinstance(plugins, yaml.SequenceNode) else [plugins]):
            for name in SEARCH_PLUGINS:
                for options in _entries(entry, name):
                    for node in _entries(options, "lang"):
                        found["plugins.search.lang"] = at(node)
    return found


def with_options(config: dict, **changes) -> list | dict | None:
    """mkdocs.yml's `plugins` with the course plugin's options changed (for MkDocs' load_config
    overrides); None when the course plugin is not listed."""
    plugins = config.get("plugins")
    if isinstance(plugins, dict) and "course" in plugins:
        return {**plugins, "course": {**(plugins["course"] or {}), **changes}}
    if isinstance(plugins, list):
        for index, plugin in enumerate(plugins):
            if plugin == "course" or isinstance(plugin, dict) and "course" in plugin:
                options = plugin["course"] if isinstance(plugin, dict) else None
                changed = list(plugins)
                changed[index] = {"course": {**(options or {}), **changes}}
                return changed
    return None


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
             "float_type": "a number", "list_type": "a list",
             "model_type": "a mapping of settings (key: value lines)",
             "greater_than_equal": "at least {ge}", "less_than_equal": "at most {le}"}
_EXAMPLE = {"item_checks": "{enabled: false} or {longest_key_share: 0.4}",
            "collect_url": "https://collect.example.com/",
            "collect_origins": "[https://course.example.com]"}


def _model_of(names: list[str]) -> type[BaseModel] | None:
    """The options model that declares the last of `names` (CourseOptions, or a nested one)."""
    owner = CourseOptions
    for part in names[:-1]:
        annotation = owner.model_fields[part].annotation if part in owner.model_fields else None
        if not (isinstance(annotation, type) and issubclass(annotation, BaseModel)):
            return None
        owner = annotation
    return owner


def _example(names: list[str]) -> str:
    """The option's default as written in mkdocs.yml."""
    name = ".".join(names)
    if name in _EXAMPLE:
        return _EXAMPLE[name]
    default = _model_of(names).model_fields[names[-1]].get_default(call_default_factory=True)
    return str(default).lower() if isinstance(default, bool) else str(default)


def _option_problem(item, path: Path, where: dict[str, tuple[int, int]]) -> Problem:
    # A setting inside a nested option (item_checks.longest_key_share) is named by its dotted
    # path; a list's items are named by the list.
    names = [str(part) for part in item["loc"] if not isinstance(part, int)] or [""]
    name = ".".join(names)
    line, column = where.get(name, (0, 0))
    owner = _model_of(names)
    if item["type"] == "extra_forbidden" or owner is None or names[-1] not in owner.model_fields:
        known = ", ".join(owner.model_fields) if owner else ""
        what = (f"'{names[-1]}' in course plugin option '{names[0]}'" if len(names) > 1
                else f"course plugin option '{name}'")
        return Problem(str(path), line, column, f"unknown {what}", f"use one of: {known}")
    short = names[-1]  # the key as written on its own line
    if item["type"] == "value_error":
        return Problem(str(path), line, column,
                       f"course plugin option '{name}' {item['ctx']['error']}",
                       f"for example: {short}: {_example(names)}")
    limits = {key: f"{value:g}" for key, value in item.get("ctx", {}).items()
              if isinstance(value, (int, float))}
    expected = _EXPECTED.get(item["type"], "a valid value").format(**limits)
    given = item["input"]
    if isinstance(given, str) and item["type"] in ("bool_type", "int_type", "float_type"):
        return Problem(str(path), line, column,
                       f"course plugin option '{name}' must be {expected}, not the text {given!r}",
                       f"write it without quotes, for example: {short}: {_example(names)}")
    return Problem(str(path), line, column,
                   f"course plugin option '{name}' must be {expected}, not {given!r}",
                   f"for example: {short}: {_example(names)}")
