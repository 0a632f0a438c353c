"""Interface strings: one catalogue per language, `generator/locales/<language>.yml`.

Each file holds every string the course shows around the author's text, by namespace: the site,
the quiz page, the widget, the progress page, the desk's report, certificates, grade table and
access-code sheet, the handbook. Adding a language is adding one file with the same keys and
`{placeholders}` as the reference language (tests/test_catalogue.py checks both). A file is read
the first time its language is asked for, once per process.

The returned tables are shared: read them, never change them.
"""

from __future__ import annotations

import functools
from pathlib import Path

REFERENCE = "en"
# Beside this module (read as a plain file: importlib.resources would cost `course check` more
# time to import than reading the file takes).
FOLDER = Path(__file__).with_name("locales")


def languages() -> list[str]:
    """The languages that have a catalogue."""
    return sorted(path.stem for path in FOLDER.glob("*.yml"))


@functools.lru_cache(maxsize=None)
def strings(language: str) -> dict[str, dict[str, str]]:
    """The catalogue of `language` (the reference language's when it has none): namespace →
    key → text, e.g. strings("zh")["site"]["objectives"] == "学习目标"."""
    if language != REFERENCE and language not in languages():
        return strings(REFERENCE)
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    text = (FOLDER / f"{language}.yml").read_text("utf-8")
    return yaml.load(text, Loader=loader)


def question_type(language: str, question_type: str) -> str:
    """A question type as the learner reads it: 单选题, Multiple choice, …"""
    return strings(language)["question_types"].get(question_type, question_type)
