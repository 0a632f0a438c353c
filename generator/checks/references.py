"""References between files: `{{policy.x}}` and `[text](kind:id#anchor)` in any text, a quiz's
section and lessons, and the lesson (and heading) each question links to.

A reference is found with the patterns the pages are written with (`markup`), and a lesson's
anchors are the ids of its headings (`outline`): what `course check` accepts is what the site
links to.
"""

from __future__ import annotations

import difflib

from pydantic import BaseModel

from .. import pagepaths
from ..catalogue import strings
from ..loaded import LoadedCourse
from ..markup import COURSE_LINK, LINK_START, POLICY_REF, TextRenderer, without_code
from ..outline import lesson_anchors
from ..yamlsource import Locator
from .findings import Findings


class ReferenceMemo:
    """What the reference checks work out from each file, kept between the runs of `course
    serve` so that a save does not redo it for the files it left alone: the texts of a model
    that may hold a reference, and a lesson's heading anchors. A file's model is the same object
    while the file is unchanged (loading's cache) and models are frozen, so both are looked up
    by identity. Anchors depend on more than the lesson (policy values and links in headings
    are rendered first): they are forgotten whenever the course, policies, glossary or where any
    lesson or quiz is changes."""

    def __init__(self):
        self.texts: dict[int, tuple[object, list[tuple[tuple, str]]]] = {}
        self.anchors: dict[int, tuple[object, set[str]]] = {}
        self._world: tuple | None = None

    def begin(self, loaded: LoadedCourse) -> None:
        """Before a run: forget what no longer holds."""
        world = (loaded.course, loaded.policies, loaded.glossary,
                 tuple((e.lesson.id, e.section.id) for e in loaded.lessons),
                 tuple(e.quiz.id for e in loaded.quizzes))
        if self._world is None or any(a is not b for a, b in zip(world[:3], self._world[:3])) \
                or world[3:] != self._world[3:]:
            self.anchors = {}
        self._world = world
        # What was kept for files since changed or gone is dropped: memory stays the course's.
        models = {id(model) for model in _models(loaded)}
        self.texts = {key: kept for key, kept in self.texts.items() if key in models}
        self.anchors = {key: kept for key, kept in self.anchors.items() if key in models}


def _models(loaded: LoadedCourse) -> list:
    return [*(e.lesson for e in loaded.lessons), *(e.quiz for e in loaded.quizzes),
            loaded.course, *loaded.policies.policies.values(), *loaded.glossary.terms]


def check_references(loaded: LoadedCourse, found: Findings,
                     memo: ReferenceMemo | None = None) -> None:
    if memo is not None:
        memo.begin(loaded)
    references = _References(loaded, found, memo)
    for entry in loaded.lessons:
        references.in_text(entry.lesson, (), entry.locator)
    for entry in loaded.quizzes:
        references.of_quiz(entry.quiz, entry.locator)
        references.in_text(entry.quiz, (), entry.locator)
    references.in_text(loaded.course, (), loaded.course_locator)
    if loaded.policies_locator is not None:
        for name, policy in loaded.policies.policies.items():
            references.in_text(policy, ("policies", name), loaded.policies_locator)
    if loaded.glossary_locator is not None:
        for index, term in enumerate(loaded.glossary.terms):
            references.in_text(term, ("terms", index), loaded.glossary_locator)


class _References:
    def __init__(self, loaded: LoadedCourse, found: Findings, memo: ReferenceMemo | None = None):
        self.loaded = loaded
        self.found = found
        self._anchors: dict[str, set[str]] = {}
        self.memo = memo

    def of_quiz(self, quiz, locator: Locator) -> None:
        """The quiz's section and lessons, and the lesson each question links to."""
        loaded = self.loaded
        sections = {s.id for s in loaded.course.sections}
        if quiz.section is not None and quiz.section not in sections:
            self.found.error(locator, ("section",), f"unknown section '{quiz.section}'",
                             f"use one of: {', '.join(sorted(sections))}")
        for index, lesson_id in enumerate(quiz.lessons):
            if loaded.lesson(lesson_id) is None and lesson_id not in loaded.unloaded_lessons:
                self.found.error(locator, ("lessons", index), f"unknown lesson '{lesson_id}'",
                                 self._lesson_hint(lesson_id))
        for index, question in enumerate(quiz.questions):
            if question.lesson:
                self.lesson_ref(question.lesson, locator, ("questions", index, "lesson"))

    def in_text(self, value, path: tuple, locator: Locator) -> None:
        """Every reference in the text of a model, a list, a mapping or a string."""
        if self.memo is None:
            texts = _texts(value, ())
        else:
            kept = self.memo.texts.get(id(value))
            if kept is None or kept[0] is not value:
                kept = self.memo.texts[id(value)] = (value, _texts(value, ()))
            texts = kept[1]
        for where, text in texts:
            self._in_string(text, path + where, locator)

    def _in_string(self, value: str, path: tuple, locator: Locator) -> None:
        error = self.found.error
        value = without_code(value)  # code shows course syntax as written, unresolved
        for match in POLICY_REF.finditer(value):
            if self._policy_unknown(match.group(1)):
                error(locator, path, f"unknown policy '{match.group(1)}'",
                      self._policy_hint(match.group(1)), inside=(value, match.start()))
        linked = set()
        for match in COURSE_LINK.finditer(value):
            linked.add(match.start())
            at = (value, match.start() + 2)  # the link's target, after "]("
            target = match.group(0)[2:-1]
            if "）" in target:
                error(locator, path, f"link target '{target}' contains a full-width '）'",
                      f"end the link with an ASCII ')': [text]({target.split('）')[0]})",
                      inside=at)
                continue
            self._link(match.group(1), match.group(2), (match.group(3) or "")[1:], locator,
                       path, at)
        for start in LINK_START.finditer(value):
            if start.start() not in linked:
                shown = value[start.start() + 2:].split("\n")[0][:40]
                error(locator, path, f"link '({shown}' is not closed, so it would show as raw "
                      "text", "write it as [text](kind:id) with ASCII brackets and no spaces "
                      "inside the ( )", inside=(value, start.start() + 2))

    def _link(self, kind: str, ident: str, anchor: str, locator: Locator, path: tuple,
              at: tuple[str, int] | None = None) -> None:
        loaded, error = self.loaded, self.found.error
        if kind == "lesson":
            self.lesson_ref(ident + (f"#{anchor}" if anchor else ""), locator, path, at)
        elif kind == "quiz" and loaded.quiz(ident) is None and ident not in loaded.unloaded_quizzes:
            error(locator, path, f"link to unknown quiz '{ident}'",
                  f"use one of: {', '.join(e.quiz.id for e in loaded.quizzes) or 'none'}",
                  inside=at)
        elif kind == "section" and ident not in {s.id for s in loaded.course.sections}:
            error(locator, path, f"link to unknown section '{ident}'",
                  f"use one of: {', '.join(s.id for s in loaded.course.sections)}", inside=at)
        elif (kind == "glossary" and not loaded.glossary_unloaded
              and loaded.glossary.find(ident) is None):
            error(locator, path, f"link to unknown glossary term '{ident}'",
                  "add it to glossary.yml", inside=at)
        elif kind == "policy" and self._policy_unknown(ident):
            error(locator, path, f"link to unknown policy '{ident}'", self._policy_hint(ident),
                  inside=at)

    def _policy_unknown(self, name: str) -> bool:
        # While policies.yml itself has errors, every reference would look broken: say nothing.
        return not self.loaded.policies_unloaded and name not in self.loaded.policies.policies

    def _policy_hint(self, name: str) -> str:
        known = sorted(self.loaded.policies.policies)
        close = difflib.get_close_matches(name, known, n=1)
        if close:
            return f"did you mean '{close[0]}'?"
        if not known:
            return "define it in policies.yml (known: none defined)"
        more = f", … ({len(known)} in all)" if len(known) > 8 else ""
        return f"define it in policies.yml (known: {', '.join(known[:8])}{more})"

    def lesson_ref(self, ref: str, locator: Locator, path: tuple,
                   at: tuple[str, int] | None = None) -> None:
        """`lesson-id` or `lesson-id#anchor`: the lesson exists, and so does the heading."""
        lesson_id, _, anchor = ref.partition("#")
        if self.loaded.lesson(lesson_id) is None:
            if lesson_id not in self.loaded.unloaded_lessons:
                self.found.error(locator, path, f"unknown lesson '{lesson_id}'",
                                 self._lesson_hint(lesson_id), inside=at)
            return
        if anchor and anchor not in self._lesson_anchors(lesson_id):
            known = sorted(self._lesson_anchors(lesson_id))
            close = difflib.get_close_matches(anchor, known, n=3, cutoff=0.5)
            self.found.error(locator, path, f"lesson '{lesson_id}' has no heading '#{anchor}'",
                             "use one of: " + ", ".join(close or known[:8]), inside=at)

    def _lesson_hint(self, lesson_id: str) -> str:
        ids = [e.lesson.id for e in self.loaded.lessons]
        close = difflib.get_close_matches(lesson_id, ids, n=1)
        return f"did you mean '{close[0]}'?" if close else "check the lesson id"

    def _lesson_anchors(self, lesson_id: str) -> set[str]:
        if lesson_id not in self._anchors:
            entry = self.loaded.lesson(lesson_id)
            kept = self.memo.anchors.get(id(entry.lesson)) if self.memo else None
            if kept is None or kept[0] is not entry.lesson:
                text = TextRenderer(self.loaded, pagepaths.lesson(entry.section.id, lesson_id))
                labels = strings(self.loaded.course.language)["site"]
                kept = (entry.lesson, set(lesson_anchors(entry.lesson, labels, text)))
                if self.memo is not None:
                    self.memo.anchors[id(entry.lesson)] = kept
            self._anchors[lesson_id] = kept[1]
        return self._anchors[lesson_id]


def _texts(value, path: tuple) -> list[tuple[tuple, str]]:
    """The texts in a model, a list, a mapping or a string that may hold a reference, with
    where each is."""
    if isinstance(value, str):
        return [(path, value)]
    if isinstance(value, BaseModel):
        items = ((name, getattr(value, name)) for name in type(value).model_fields)
    elif isinstance(value, (list, tuple)):
        items = enumerate(value)
    elif isinstance(value, dict):
        items = value.items()
    else:
        return []
    found = []
    # Called for every value of every file: skip at once what cannot hold a reference.
    for key, item in items:
        if isinstance(item, str):
            if "{{" in item or "](" in item:
                found.append((path + (key,), item))
        elif isinstance(item, (BaseModel, list, tuple, dict)):
            found += _texts(item, path + (key,))
    return found
