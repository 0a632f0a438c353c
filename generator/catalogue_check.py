"""A catalogue file checked against the reference (en.yml) before it is used: every key there,
no other, the same {placeholders} in every string, and the plural forms its language counts
with. One problem per mistake, at its line, so that a new language file can be finished by
following `course check` alone (and never makes a build fail half-way)."""

from __future__ import annotations

import difflib
import functools
import string
from pathlib import Path

from .catalogue import REFERENCE_FILE, reference
from .errors import AuthorError, Problem
from .languagetags import canonical
from .valuekinds import kind_of
from .yamlsource import Locator

CLDR_CATEGORIES = ("zero", "one", "two", "few", "many", "other")


def catalogue_problems(path: Path) -> list[Problem]:
    """What is wrong with the catalogue at `path` (its file name gives its language)."""
    from .loading import label_for, read_document

    try:
        document = read_document(path)
    except AuthorError as error:
        return error.problems
    except OSError as error:
        return [Problem(label_for(path), 0, 0, f"cannot read it: {error.strerror or error}")]
    locator, data = document.locator, document.data
    if not isinstance(data, dict):
        return [locator.problem((), "a catalogue must be a mapping of namespaces (site:, "
                                    "widget:, …)", f"start from a copy of {REFERENCE_FILE}")]
    problems: list[Problem] = []
    for namespace, table in reference().items():
        if namespace not in data:
            problems.append(locator.problem((), f"missing namespace '{namespace}' "
                                                f"({len(table)} keys)",
                                            f"copy `{namespace}:` and its keys from "
                                            f"{REFERENCE_FILE} and translate them"))
        elif not isinstance(data[namespace], dict):
            problems.append(locator.problem((namespace,), f"'{namespace}' must be a mapping of "
                                                          "keys to strings",
                                            f"copy it from {REFERENCE_FILE}"))
        else:
            problems += _table_problems(locator, namespace, data[namespace], table,
                                        canonical(path.stem))
    for namespace in data:
        if namespace not in reference():
            problems.append(locator.problem((namespace,), f"unknown namespace '{namespace}'",
                                            _unknown_hint(str(namespace), list(reference())),
                                            at_key=True))
    return problems


def _table_problems(locator: Locator, namespace: str, table: dict, expected: dict,
                    language: str) -> list[Problem]:
    problems = []
    for key, entry in expected.items():
        if key not in table:
            problems.append(locator.problem((namespace,), f"missing key '{namespace}.{key}'",
                                            f"add it under {namespace}:, translated from "
                                            f"{REFERENCE_FILE.name}: {key}: "
                                            f"{_shown(entry)}", at_key=True))
        else:
            problems += _entry_problems(locator, (namespace, key), table[key], entry, language)
    for key in table:
        if key not in expected:
            problems.append(locator.problem((namespace, key), f"unknown key '{namespace}.{key}'",
                                            _unknown_hint(str(key), list(expected)),
                                            at_key=True))
    return problems


def _entry_problems(locator: Locator, path: tuple, entry, expected, language: str) -> list:
    name = ".".join(path)
    wanted = _placeholders(expected if isinstance(expected, str) else expected["other"])
    if isinstance(entry, str):
        if isinstance(expected, dict) and _counts_with(language) != {"other"}:
            forms = ", ".join(sorted(_counts_with(language)))
            return [locator.problem(path, f"'{name}' needs plural forms: {language} counts "
                                          f"with {forms}",
                                    f"write it as a mapping of {forms}, each with {{n}}, as "
                                    f"{REFERENCE_FILE.name} does")]
        return _placeholder_problems(locator, path, name, entry, wanted)
    if not isinstance(entry, dict) or not all(isinstance(text, str) for text in entry.values()):
        return [locator.problem(path, f"'{name}' must be text in quotes or a mapping of plural "
                                      f"forms, not {_described(entry)}",
                                f"write it as {path[-1]}: \"…\"")]
    if "n" not in wanted:
        return [locator.problem(path, f"'{name}' has plural forms but counts nothing (no {{n}} "
                                      f"in {REFERENCE_FILE.name})",
                                f"write it as one string: {path[-1]}: \"…\"")]
    problems = []
    for category in entry:
        if category not in CLDR_CATEGORIES:
            problems.append(locator.problem(path + (category,), f"'{name}' has an unknown plural "
                                                                f"form '{category}'",
                                            f"use CLDR's: {', '.join(CLDR_CATEGORIES)}",
                                            at_key=True))
    for category in sorted(_counts_with(language) - set(entry)):
        problems.append(locator.problem(path, f"'{name}' has no plural form '{category}' "
                                              f"({language} counts with "
                                              f"{', '.join(sorted(_counts_with(language)))})",
                                        f"add {category}: \"…{{n}}…\""))
    for category, text in entry.items():
        problems += _placeholder_problems(locator, path + (category,), f"{name}.{category}",
                                          text, wanted)
    return problems


def _placeholder_problems(locator: Locator, path: tuple, name: str, text: str,
                          wanted: set[str]) -> list[Problem]:
    try:
        found = _placeholders(text)
    except ValueError as error:  # a lone { or }
        return [locator.problem(path, f"'{name}' is not a valid template: {error}",
                                "write a brace as {{ or }}, a placeholder as {name}")]
    if found == wanted:
        return []
    return [locator.problem(path, f"'{name}' has the placeholders {_set(found)} where "
                                  f"{REFERENCE_FILE.name} has {_set(wanted)}",
                            f"use exactly {_set(wanted)}: the course fills in those names only")]


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@functools.lru_cache(maxsize=None)
def _counts_with(language: str) -> frozenset[str]:
    """The plural categories a language's counts take (CLDR, as plurals.py picks them)."""
    from babel.core import Locale, UnknownLocaleError

    try:
        return frozenset(Locale.parse(language.replace("-", "_")).plural_form.tags) | {"other"}
    except (UnknownLocaleError, ValueError):
        return frozenset({"one", "other"})  # plurals.py's English rule


def _set(names: set[str]) -> str:
    return " ".join(f"{{{name}}}" for name in sorted(names)) if names else "none"


def _shown(entry) -> str:
    if isinstance(entry, str):
        text = entry if len(entry) <= 60 else entry[:57] + "…"  # a hint, not the whole text
        return '"' + text.replace('"', '\\"') + '"'
    return "{" + ", ".join(f'{category}: {_shown(text)}' for category, text in entry.items()) + "}"


def _described(value) -> str:
    """What a catalogue value is instead of text: "empty" for a key with nothing after it, the
    type's name for a mapping with something other than text in it."""
    if value is None:
        return "empty"
    return type(value).__name__ if isinstance(value, dict) else kind_of(value)


def _unknown_hint(name: str, known: list[str]) -> str:
    close = difflib.get_close_matches(name, known, n=1)
    return f"did you mean '{close[0]}'?" if close else \
        f"remove it: {REFERENCE_FILE.name} has no such key"
