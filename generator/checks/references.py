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
from ..anchors import slug
from ..catalogue import strings
from ..loaded import LoadedCourse
from ..markup import COURSE_LINK, LINK_START, POLICY_REF, TextRenderer, link_parts, without_code
from ..outline import lesson_anchors
from ..pagepaths import link_name
from ..yamlsource import Locator
from .findings import Findings
from .sitelinks import SiteLinks


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
    links = references.site_links
    for entry in loaded.lessons:
        page = pagepaths.lesson(entry.section.id, entry.lesson.id)
        references.in_text(entry.lesson, (), entry.locator, page)
        for index, source in enumerate(entry.lesson.sources):
            if source.url:
                links.target(source.url, ("sources", index, "url"), entry.locator, page)
    for entry in loaded.quizzes:
        references.of_quiz(entry.quiz, entry.locator)
        references.in_text(entry.quiz, (), entry.locator, pagepaths.quiz(entry.quiz.id))
    course = loaded.course
    for name in type(course).model_fields:  # each section's text is on the section's page
        if name != "sections":
            references.in_text(getattr(course, name), (name,), loaded.course_locator,
                               pagepaths.HOME)
    for index, section in enumerate(course.sections):
        references.in_text(section, ("sections", index), loaded.course_locator,
                           pagepaths.section(section.id))
    if loaded.policies_locator is not None:
        for name, policy in loaded.policies.policies.items():
            path = ("policies", name)
            references.in_text(policy, path, loaded.policies_locator, pagepaths.POLICIES)
            if policy.source.url:
                links.target(policy.source.url, path + ("source", "url"),
                             loaded.policies_locator, pagepaths.POLICIES)
    if loaded.glossary_locator is not None:
        for index, term in enumerate(loaded.glossary.terms):
            references.in_text(term, ("terms", index), loaded.glossary_locator,
                               pagepaths.GLOSSARY)


class _References:
    def __init__(self, loaded: LoadedCourse, found: Findings, memo: ReferenceMemo | None = None):
        self.loaded = loaded
        self.found = found
        self._anchors: dict[str, set[str]] = {}
        self.memo = memo
        self.site_links = SiteLinks(loaded, found, self._lesson_anchors)

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

    def in_text(self, value, path: tuple, locator: Locator, page: str) -> None:
        """Every reference in the text of a model, a list, a mapping or a string, shown on
        `page` (links are read from there)."""
        if self.memo is None:
            texts = _texts(value, ())
        else:
            kept = self.memo.texts.get(id(value))
            if kept is None or kept[0] is not value:
                kept = self.memo.texts[id(value)] = (value, _texts(value, ()))
            texts = kept[1]
        for where, text in texts:
            self._in_string(text, path + where, locator, page)

    def _in_string(self, value: str, path: tuple, locator: Locator, page: str) -> None:
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
            self._link(*link_parts(match), locator, path, at)
        for start in LINK_START.finditer(value):
            if start.start() not in linked:
                self._unreadable(value, start, locator, path)
        if "](" in value or "]:" in value:
            self.site_links.in_string(value, path, locator, page)

    def _unreadable(self, value: str, start, locator: Locator, path: tuple) -> None:
        """A course link that would show as raw text: a space in its target, or no end."""
        at = (value, start.start() + 2)
        line = value[start.start() + 2:].split("\n")[0]
        target = line.split(")")[0]
        if ")" in line and " " in target and not target.startswith("<"):
            kind, _, rest = target.partition(":")
            ident, _, anchor = rest.partition("#")
            if kind == "glossary":
                hint = (f"write the term's link name, [text](glossary:{link_name(ident)}), or "
                        f"the target in angle brackets: [text](<{target}>)")
            elif anchor:
                hint = f"anchors join words with '-': [text]({kind}:{ident}#{slug(anchor, '-')})"
            else:
                hint = f"ids have no spaces: [text]({kind}:{ident.replace(' ', '')})"
            self.found.error(locator, path, f"link target '{target}' has a space, so the link "
                             "would show as raw text", hint, inside=at)
            return
        self.found.error(locator, path, f"link '({line[:40]}' is not closed, so it would show "
                         "as raw text", "write it as [text](kind:id) with ASCII brackets and no "
                         "spaces inside the ( )", inside=at)

    def _link(self, kind: str, ident: str, anchor: str, locator: Locator, path: tuple,
              at: tuple[str, int] | None = None) -> None:
        loaded, error = self.loaded, self.found.error
        if kind == "lesson":
            self.lesson_ref(ident + (f"#{anchor}" if anchor else ""), locator, path, at)
        elif kind == "quiz" and loaded.quiz(ident) is None and ident not in loaded.unloaded_quizzes:
            error(locator, path, f"link to unknown quiz '{ident}'",
                  suggestion(ident, [e.quiz.id for e in loaded.quizzes], "add a quiz file to "
                             "quizzes/"), inside=at)
        elif kind == "section" and ident not in {s.id for s in loaded.course.sections}:
            error(locator, path, f"link to unknown section '{ident}'",
                  suggestion(ident, [s.id for s in loaded.course.sections], ""), inside=at)
        elif kind == "glossary" and not loaded.glossary_unloaded and loaded.term(ident) is None:
            names = [name for term in loaded.glossary.terms for name in (term.term, *term.aliases)]
            error(locator, path, f"link to unknown glossary term '{ident}'",
                  suggestion(ident, names, "add it to glossary.yml"), inside=at)
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
        return f"define it in policies.yml (known: {_listed(known)})"

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
        return suggestion(lesson_id, [e.lesson.id for e in self.loaded.lessons],
                          "add the lesson first (course new lesson SECTION ID)")

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
        return [(path, value)] if _may_refer(value) else []
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
            if _may_refer(item):
                found.append((path + (key,), item))
        elif isinstance(item, (BaseModel, list, tuple, dict)):
            found += _texts(item, path + (key,))
    return found


def _may_refer(text: str) -> bool:
    """A policy value, an inline link or a reference-style link's definition may be in it."""
    return "{{" in text or "](" in text or "]:" in text


def suggestion(name: str, known: list[str], none_hint: str) -> str:
    """What to write instead of an unknown `name`: the close match when there is one, else the
    names there are (`none_hint` when there are none)."""
    close = difflib.get_close_matches(name, known, n=1)
    if close:
        return f"did you mean '{close[0]}'?"
    return f"use one of: {_listed(known)}" if known else none_hint


def _listed(names: list[str]) -> str:
    more = f", … ({len(names)} in all)" if len(names) > 8 else ""
    return ", ".join(names[:8]) + more
