"""Ids and file names: each id once, and a lesson's or quiz's id is its file's name (the id is
the page address, and people link to it)."""

from __future__ import annotations

import re
from pathlib import PurePath

from ..loaded import LoadedCourse
from ..yamlsource import Locator
from .findings import Findings


def check_ids(loaded: LoadedCourse, found: Findings) -> None:
    found.unique([s.id for s in loaded.course.sections], loaded.course_locator,
                 lambda i: ("sections", i, "id"), "section id")
    first_lesson: dict[str, str] = {}
    for entry in loaded.lessons:
        _id_matches_file(entry.lesson.id, entry.locator, found)
        other = first_lesson.setdefault(entry.lesson.id, entry.locator.label)
        if other != entry.locator.label:
            found.error(entry.locator, ("id",), f"lesson id '{entry.lesson.id}' is also used "
                        f"by {other}", "give each lesson its own id")
    first_quiz: dict[str, str] = {}
    for entry in loaded.quizzes:
        _id_matches_file(entry.quiz.id, entry.locator, found)
        other = first_quiz.setdefault(entry.quiz.id, entry.locator.label)
        if other != entry.locator.label:
            found.error(entry.locator, ("id",), f"quiz id '{entry.quiz.id}' is also used by "
                        f"{other}", "give each quiz its own id")
    _glossary_terms_once(loaded, found)


def _id_matches_file(ident: str, locator: Locator, found: Findings) -> None:
    stem = PurePath(locator.label).stem
    if stem != ident:
        valid = re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", stem) is not None
        found.error(locator, ("id",), f"id '{ident}' does not match the file name "
                    f"'{PurePath(locator.label).name}'", f"rename the file to {ident}.yml"
                    + (f" or change the id to {stem}" if valid else ""))


def _glossary_terms_once(loaded: LoadedCourse, found: Findings) -> None:
    """A term or alias names one entry: a link to it must know where to go."""
    if loaded.glossary_locator is None:
        return
    names = [(name, index) for index, term in enumerate(loaded.glossary.terms)
             for name in [term.term, *term.aliases]]
    seen: dict[str, int] = {}
    for name, index in names:
        if name in seen and seen[name] != index:
            found.error(loaded.glossary_locator, ("terms", index),
                        f"glossary term '{name}' is defined twice",
                        f"merge it with terms[{seen[name]}]")
        seen.setdefault(name, index)
