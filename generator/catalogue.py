"""Interface strings: one catalogue per language, `locales/<language>.yml`.

Each file holds every string the course shows around the author's text, by namespace: the site,
the quiz page, the widget, the progress page, the desk's report, certificates, grade table and
access-code sheet, the handbook. Adding a language is adding one file with the same keys and
`{placeholders}` as the reference language, en.yml (`course check` checks it: catalogue_check.py).

Where the files are: the package's own (`generator/locales/`), and the course's — a `locales/`
folder beside the course's mkdocs.yml, where an author adds a language or adjusts wording without
touching the installed package. A course language `zh-CN` takes `zh-CN.yml` if there is one, else
its base language's `zh.yml`; the more specific file wins, and at the same level the course's.

The course folder is set once per command, when its mkdocs.yml is resolved (`use_course`); a
file is read the first time it is asked for, once per process. A string a catalogue lacks is
taken from the reference, so that nothing fails half-way; `course check` reports it as an error.
The returned tables are shared: read them, never change them.
"""

from __future__ import annotations

import functools
from pathlib import Path

from .languagetags import base, canonical

REFERENCE = "en"
# Beside this module (read as a plain file: importlib.resources would cost `course check` more
# time to import than reading the file takes).
FOLDER = Path(__file__).with_name("locales")
REFERENCE_FILE = FOLDER / f"{REFERENCE}.yml"
COURSE_LOCALES = "locales"  # the course's own catalogues: beside its mkdocs.yml

_course_folder: list[Path | None] = [None]  # the course whose catalogues come first


def use_course(root: Path | None) -> None:
    """Look for catalogues in `root`/locales/ before the package's (None: the package's only)."""
    _course_folder[0] = root


def course_locales() -> Path | None:
    """The current course's own catalogue folder (it may not exist)."""
    root = _course_folder[0]
    return root / COURSE_LOCALES if root is not None else None


def languages() -> list[str]:
    """The languages that have a catalogue: the package's and the current course's."""
    folders = [FOLDER] + ([course_locales()] if course_locales() is not None else [])
    return sorted({path.stem for folder in folders for path in folder.glob("*.yml")})


def catalogue_file(language: str) -> Path | None:
    """The file the strings of `language` come from, None when there is none even for its base
    language."""
    return _catalogue_file(language, course_locales())


@functools.lru_cache(maxsize=None)
def _catalogue_file(language: str, course: Path | None) -> Path | None:
    folders = ([course] if course is not None else []) + [FOLDER]
    for name in dict.fromkeys((canonical(language), base(language))):
        for folder in folders:
            if (folder / f"{name}.yml").is_file():
                return folder / f"{name}.yml"
    return None


def reference() -> dict[str, dict[str, str]]:
    """The reference catalogue, the package's en.yml (a course's own en.yml does not change it)."""
    return _strings(REFERENCE_FILE)


def strings(language: str) -> dict[str, dict[str, str]]:
    """The catalogue of `language` (the reference language's when it has none): namespace →
    key → text, e.g. strings("zh")["site"]["objectives"] == "学习目标"."""
    return _strings(catalogue_file(language) or REFERENCE_FILE)


@functools.lru_cache(maxsize=None)
def _strings(path: Path) -> dict[str, dict[str, str]]:
    reference = read(REFERENCE_FILE)
    if path == REFERENCE_FILE:
        return reference
    try:
        own = read(path)
    except (OSError, ValueError):  # course check says what is wrong with the file
        return reference
    return {namespace: {key: _usable(own, namespace, key, entry) for key, entry in table.items()}
            for namespace, table in reference.items()}


def _usable(own, namespace: str, key: str, fallback):
    table = own.get(namespace) if isinstance(own, dict) else None
    entry = table.get(key) if isinstance(table, dict) else None
    if isinstance(entry, str) or isinstance(entry, dict) and isinstance(entry.get("other"), str) \
            and all(isinstance(text, str) for text in entry.values()):
        return entry
    return fallback


def read(path: Path) -> dict:
    """A catalogue file as YAML gives it; ValueError when it is not YAML."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.load(path.read_text("utf-8"), Loader=loader)
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise ValueError(str(error)) from None


def question_type(language: str, question_type: str) -> str:
    """A question type as the learner reads it: 单选题, Multiple choice, …"""
    return strings(language)["question_types"].get(question_type, question_type)
