"""Ids and file names: each id once, and a lesson's or quiz's id is its file's name (the id is
the page address, and people link to it)."""

from __future__ import annotations

import re
from pathlib import PurePath

from ..loaded import LoadedCourse
from ..pagepaths import link_name
from ..yamlsource import Locator
from .findings import Findings


def check_ids(loaded: LoadedCourse, found: Findings) -> None:
    found.unique([s.id for s in loaded.course.sections], loaded.course_locator,
                 lambda i: ("sections", i, "id"), "section id")
    for noun, entries in (("lesson", [(e.lesson.id, e.locator) for e in loaded.lessons]),
                          ("quiz", [(e.quiz.id, e.locator) for e in loaded.quizzes])):
        first: dict[str, str] = {}
        for ident, locator in entries:
            _id_matches_file(ident, locator, found)
            other = first.setdefault(ident, locator.label)
            if other != locator.label:
                found.error(locator, ("id",), f"{noun} id '{ident}' is also used by {other}",
                            f"give each {noun} its own id")
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
    # Each entry's id on the glossary page (and the link name a `glossary:` link may use).
    anchors: dict[str, int] = {}
    for index, term in enumerate(loaded.glossary.terms):
        name = link_name(term.term)
        first = anchors.setdefault(name, index)
        other = loaded.glossary.terms[first].term
        if other != term.term:  # the same spelling twice is reported above
            found.error(loaded.glossary_locator, ("terms", index, "term"),
                        f"glossary terms '{other}' and '{term.term}' have the same link name "
                        f"'{name}'", "spell them apart, or merge them into one entry")
