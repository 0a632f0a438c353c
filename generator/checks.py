"""Checks that span more than one value: ids, references, answer keys, scenario graphs, staleness.

The models check the shape of each file; this module checks what the shape cannot express.
Every problem points at the key that causes it.
"""

from __future__ import annotations

import datetime
import difflib
import re
from pathlib import PurePath

from pydantic import BaseModel

from .anchors import anchors_in
from .bundle import CourseBundle
from .errors import Problem
from .items.checks import check_items
from .items.thresholds import ItemCheckRun
from .models.quiz import MultipleChoice, Ordering, Quiz, Scenario, SingleChoice
from .render.text import COURSE_LINK, POLICY_REF, without_code
from .yamlsource import Locator

# Where a course link begins; one that COURSE_LINK does not match would show as raw text.
_LINK_START = re.compile(r"\]\((lesson|quiz|section|glossary|policy):")


def check_bundle(bundle: CourseBundle, today: datetime.date | None = None,
                 stale_after_days: int = 180, items: ItemCheckRun | None = None) -> list[Problem]:
    """Every problem of a loaded course; with `items`, the item-quality checks too."""
    checker = _Checker(bundle, today or datetime.date.today(), stale_after_days, items)
    checker.run()
    return checker.problems


class _Checker:
    def __init__(self, bundle: CourseBundle, today: datetime.date, stale_after_days: int,
                 items: ItemCheckRun | None = None):
        self.bundle = bundle
        self.items = items
        self.today = today
        self.stale_after = datetime.timedelta(days=stale_after_days)
        self.stale_after_days = stale_after_days
        self.problems: list[Problem] = []
        self._anchors: dict[str, set[str]] = {}

    def error(self, locator: Locator, path: tuple, message: str, hint: str = "", at_key=False,
              inside: tuple[str, int] | None = None):
        self.problems.append(locator.problem(path, message, hint, at_key=at_key, inside=inside))

    def warn(self, locator: Locator, path: tuple, message: str, hint: str = ""):
        self.problems.append(locator.problem(path, message, hint, severity="warning"))

    def run(self) -> None:
        bundle = self.bundle
        self._unique([s.id for s in bundle.course.sections], bundle.course_locator,
                     lambda i: ("sections", i, "id"), "section id")
        self._check_files()
        for entry in bundle.lessons:
            self._check_text(entry.lesson, (), entry.locator)
            self._check_freshness(entry.locator, ("reviewed_on",), entry.lesson.reviewed_on,
                                  "lesson")
            if not entry.lesson.sources:
                self.warn(entry.locator, (), "lesson has no sources",
                          "add `sources:` naming the rules or laws it is based on")
        for entry in bundle.quizzes:
            self._check_quiz(entry.quiz, entry.locator)
            self._check_text(entry.quiz, (), entry.locator)
            if self.items is not None:
                self._check_items(entry.quiz, entry.locator)
        self._check_text(bundle.course, (), bundle.course_locator)
        if bundle.policies_locator is not None:
            for name, policy in bundle.policies.policies.items():
                self._check_freshness(bundle.policies_locator, ("policies", name, "as_of"),
                                      policy.as_of, f"policy '{name}'")
                self._check_text(policy, ("policies", name), bundle.policies_locator)
        if bundle.glossary_locator is not None:
            names = []
            for index, term in enumerate(bundle.glossary.terms):
                names += [(t, index) for t in [term.term, *term.aliases]]
                self._check_text(term, ("terms", index), bundle.glossary_locator)
            seen: dict[str, int] = {}
            for name, index in names:
                if name in seen and seen[name] != index:
                    self.error(bundle.glossary_locator, ("terms", index),
                               f"glossary term '{name}' is defined twice",
                               f"merge it with terms[{seen[name]}]")
                seen.setdefault(name, index)

    # File names and ids must agree: the id is the page address, and people link to it.
    def _check_files(self) -> None:
        first_lesson: dict[str, str] = {}
        for entry in self.bundle.lessons:
            self._id_matches_file(entry.lesson.id, entry.locator)
            other = first_lesson.setdefault(entry.lesson.id, entry.locator.label)
            if other != entry.locator.label:
                self.error(entry.locator, ("id",), f"lesson id '{entry.lesson.id}' is also used "
                           f"by {other}", "give each lesson its own id")
        first_quiz: dict[str, str] = {}
        for entry in self.bundle.quizzes:
            self._id_matches_file(entry.quiz.id, entry.locator)
            other = first_quiz.setdefault(entry.quiz.id, entry.locator.label)
            if other != entry.locator.label:
                self.error(entry.locator, ("id",), f"quiz id '{entry.quiz.id}' is also used by "
                           f"{other}", "give each quiz its own id")

    def _id_matches_file(self, ident: str, locator: Locator) -> None:
        stem = PurePath(locator.label).stem
        if stem != ident:
            valid = re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", stem) is not None
            self.error(locator, ("id",), f"id '{ident}' does not match the file name "
                       f"'{PurePath(locator.label).name}'", f"rename the file to {ident}.yml"
                       + (f" or change the id to {stem}" if valid else ""))

    def _unique(self, ids: list[str], locator: Locator, path_of, noun: str) -> None:
        seen: dict[str, int] = {}
        for index, ident in enumerate(ids):
            if ident in seen:
                line = locator.position(path_of(seen[ident]))[0]
                self.error(locator, path_of(index), f"duplicate {noun} '{ident}' (first used "
                           f"on line {line})", "ids must be unique; rename one of them")
            else:
                seen[ident] = index

    def _check_freshness(self, locator: Locator, path: tuple, date: datetime.date, what: str):
        if date > self.today:
            self.error(locator, path, f"{what} date {date} is in the future",
                       "write the date the check was done")
        elif self.today - date > self.stale_after:
            self.warn(locator, path, f"{what} was last checked on {date}, more than "
                      f"{self.stale_after_days} days ago",
                      "re-read the current rules and update the date")

    # Quiz structure: answer keys, ids and scenario graphs
    def _check_quiz(self, quiz: Quiz, locator: Locator) -> None:
        bundle = self.bundle
        sections = {s.id for s in bundle.course.sections}
        if quiz.section is not None and quiz.section not in sections:
            self.error(locator, ("section",), f"unknown section '{quiz.section}'",
                       f"use one of: {', '.join(sorted(sections))}")
        for index, lesson_id in enumerate(quiz.lessons):
            if bundle.lesson(lesson_id) is None and lesson_id not in bundle.unloaded_lessons:
                self.error(locator, ("lessons", index), f"unknown lesson '{lesson_id}'",
                           self._lesson_hint(lesson_id))
        self._unique([q.id for q in quiz.questions], locator,
                     lambda i: ("questions", i, "id"), "question id")
        self._check_draw(quiz, locator)
        if quiz.exam is not None and quiz.mode != "assessment":
            self.error(locator, ("exam",), "exam settings apply to assessment quizzes only",
                       "add `mode: assessment`, or remove `exam:`", at_key=True)
        for index, question in enumerate(quiz.questions):
            path = ("questions", index)
            if question.lesson:
                self._check_lesson_ref(question.lesson, locator, path + ("lesson",))
            if isinstance(question, (SingleChoice, MultipleChoice)):
                self._unique([o.id for o in question.options], locator,
                             lambda i, p=path: p + ("options", i, "id"), "option id")
                correct = sum(o.correct for o in question.options)
                if isinstance(question, SingleChoice) and correct != 1:
                    self.error(locator, path + ("options",),
                               f"single-choice question '{question.id}' has {correct} correct "
                               f"options", "mark exactly one option `correct: true`, or make it "
                               "`type: multiple`")
                if isinstance(question, MultipleChoice) and correct == 0:
                    self.error(locator, path + ("options",),
                               f"multiple-choice question '{question.id}' has no correct option",
                               "mark at least one option `correct: true`")
            elif isinstance(question, Ordering):
                self._unique([i.id for i in question.items], locator,
                             lambda i, p=path: p + ("items", i, "id"), "step id")
            elif isinstance(question, Scenario):
                self._check_scenario(question, locator, path)

    def _check_items(self, quiz: Quiz, locator: Locator) -> None:
        """Item quality (generator/items/checks.py): cues that give answers away."""
        run = self.items
        graded = quiz.mode == "assessment" or quiz.required or run.every_quiz_assessed
        values = {name: p.value for name, p in self.bundle.policies.policies.items()}
        for finding in check_items(quiz, run.thresholds, values):
            severity, message = finding.kind, finding.message
            if finding.kind == "flaw":  # named, so that the author knows what to allow
                severity = "error" if run.strict and graded else "warning"
                message = f"{finding.check}: {message}"
            self.problems.append(locator.problem(finding.path, message, finding.hint,
                                                 severity=severity))

    def _check_draw(self, quiz: Quiz, locator: Locator) -> None:
        """A drawn paper: every pool named once, big enough, and every question in one."""
        pools: dict[str, int] = {}
        for question in quiz.questions:
            if question.pool is not None:
                pools[question.pool] = pools.get(question.pool, 0) + 1
        if not quiz.draw:
            if pools:
                self.error(locator, ("questions",), "questions name a `pool:` but the quiz has "
                           "no `draw:`", "add draw: [{pool: NAME, count: N}, …], or remove the "
                           "questions' pool: lines")
            return
        drawn: dict[str, int] = {}
        for index, part in enumerate(quiz.draw):
            path = ("draw", index)
            if part.pool in drawn:
                self.error(locator, path + ("pool",), f"pool '{part.pool}' is drawn twice "
                           f"(also draw[{drawn[part.pool]}])", "draw each pool once, with the "
                           "total count")
                continue
            drawn[part.pool] = index
            size = pools.get(part.pool, 0)
            if size == 0:
                known = ", ".join(sorted(pools)) or "none"
                self.error(locator, path + ("pool",), f"no question is in pool '{part.pool}'",
                           f"give questions `pool: {part.pool}`, or draw one of: {known}")
            elif part.count > size:
                self.error(locator, path + ("count",), f"draw of {part.count} from pool "
                           f"'{part.pool}', which has only {size} question"
                           f"{'s' if size != 1 else ''}", f"draw at most {size}, or add "
                           "questions to the pool")
        for index, question in enumerate(quiz.questions):
            if question.pool is None:
                self.error(locator, ("questions", index), f"question '{question.id}' is in no "
                           "pool, so no learner would get it", "add `pool:` naming one of: "
                           + ", ".join(drawn), at_key=True)
            elif question.pool not in drawn:
                self.error(locator, ("questions", index, "pool"), f"pool '{question.pool}' is "
                           "not drawn, so no learner would get this question",
                           f"add it to `draw:`, or use one of: {', '.join(drawn)}")

    def _check_scenario(self, question: Scenario, locator: Locator, path: tuple) -> None:
        self._unique([n.id for n in question.nodes], locator,
                     lambda i: path + ("nodes", i, "id"), "node id")
        choices = [(n_index, c_index, choice)
                   for n_index, node in enumerate(question.nodes)
                   for c_index, choice in enumerate(node.choices)]
        self._unique([c.id for _, _, c in choices], locator,
                     lambda i: path + ("nodes", choices[i][0], "choices", choices[i][1], "id"),
                     "choice id")
        index_of: dict[str, int] = {}
        for i, node in enumerate(question.nodes):
            index_of.setdefault(node.id, i)
        start = question.start or question.nodes[0].id
        if start not in index_of:
            self.error(locator, path + ("start",), f"start node '{start}' does not exist",
                       f"use one of: {', '.join(index_of)}")
            return
        broken = False
        for n_index, c_index, choice in choices:
            if choice.next not in index_of:
                broken = True
                self.error(locator, path + ("nodes", n_index, "choices", c_index, "next"),
                           f"choice '{choice.id}' leads to missing node '{choice.next}'",
                           f"use one of: {', '.join(index_of)}")
        for n_index, node in enumerate(question.nodes):
            node_path = path + ("nodes", n_index)
            if not node.choices and not node.outcome:
                self.error(locator, node_path, f"node '{node.id}' has no choices and no outcome, "
                           "so the conversation stops without an ending",
                           "add `choices:` or an `outcome:` for this ending")
            if node.choices and node.outcome:
                self.error(locator, node_path + ("outcome",), f"node '{node.id}' has both choices "
                           "and an outcome", "an outcome belongs on an ending (a node without "
                           "choices)")
        if broken:
            return
        # Depth-first walk from the start: finds cycles and the nodes it can reach.
        state: dict[str, str] = {}
        cycle_reported = False

        def visit(node_id: str) -> None:
            nonlocal cycle_reported
            state[node_id] = "open"
            node = question.nodes[index_of[node_id]]
            for c_index, choice in enumerate(node.choices):
                if state.get(choice.next) == "open":
                    if not cycle_reported:
                        cycle_reported = True
                        self.error(locator, path + ("nodes", index_of[node_id], "choices",
                                                    c_index, "next"),
                                   f"choice '{choice.id}' leads back to '{choice.next}', making "
                                   "a loop", "conversations must move forward; lead it to a "
                                   "new node")
                elif choice.next not in state:
                    visit(choice.next)
            state[node_id] = "done"

        visit(start)
        for n_index, node in enumerate(question.nodes):
            if node.id not in state:
                self.error(locator, path + ("nodes", n_index, "id"),
                           f"node '{node.id}' cannot be reached from the start",
                           "lead a choice to it, or remove it")
        if not cycle_reported and all(
            c.points == 0 for n in question.nodes for c in n.choices
        ):
            self.error(locator, path, f"scenario '{question.id}' gives no points on any path",
                       "give the good choices `points:`")

    # References inside text: {{policy.x}} and [..](lesson:id#anchor)
    def _check_text(self, value, path: tuple, locator: Locator) -> None:
        if isinstance(value, str):
            self._check_string(value, path, locator)
            return
        if isinstance(value, BaseModel):
            items = ((name, getattr(value, name)) for name in type(value).model_fields)
        elif isinstance(value, (list, tuple)):
            items = enumerate(value)
        elif isinstance(value, dict):
            items = value.items()
        else:
            return
        # Called for every value of every file: skip at once what cannot hold a reference.
        for key, item in items:
            if isinstance(item, str):
                if "{{" in item or "](" in item:
                    self._check_string(item, path + (key,), locator)
            elif isinstance(item, (BaseModel, list, tuple, dict)):
                self._check_text(item, path + (key,), locator)

    def _check_string(self, value: str, path: tuple, locator: Locator) -> None:
        value = without_code(value)  # code shows course syntax as written, unresolved
        for match in POLICY_REF.finditer(value):
            if self._policy_unknown(match.group(1)):
                self.error(locator, path, f"unknown policy '{match.group(1)}'",
                           self._policy_hint(match.group(1)), inside=(value, match.start()))
        linked = set()
        for match in COURSE_LINK.finditer(value):
            linked.add(match.start())
            at = (value, match.start() + 2)  # the link's target, after "]("
            target = match.group(0)[2:-1]
            if "）" in target:
                self.error(locator, path, f"link target '{target}' contains a full-width '）'",
                           f"end the link with an ASCII ')': [text]({target.split('）')[0]})",
                           inside=at)
                continue
            self._check_link(match.group(1), match.group(2), (match.group(3) or "")[1:],
                             locator, path, at)
        for start in _LINK_START.finditer(value):
            if start.start() not in linked:
                shown = value[start.start() + 2:].split("\n")[0][:40]
                self.error(locator, path, f"link '({shown}' is not closed, so it would show as "
                                          "raw text",
                           "write it as [text](kind:id) with ASCII brackets and no spaces "
                           "inside the ( )", inside=(value, start.start() + 2))

    def _check_link(self, kind: str, ident: str, anchor: str, locator: Locator, path: tuple,
                    at: tuple[str, int] | None = None):
        bundle = self.bundle
        if kind == "lesson":
            self._check_lesson_ref(ident + (f"#{anchor}" if anchor else ""), locator, path, at)
        elif kind == "quiz" and bundle.quiz(ident) is None and ident not in bundle.unloaded_quizzes:
            self.error(locator, path, f"link to unknown quiz '{ident}'",
                       f"use one of: {', '.join(e.quiz.id for e in bundle.quizzes) or 'none'}",
                       inside=at)
        elif kind == "section" and ident not in {s.id for s in bundle.course.sections}:
            self.error(locator, path, f"link to unknown section '{ident}'",
                       f"use one of: {', '.join(s.id for s in bundle.course.sections)}",
                       inside=at)
        elif (kind == "glossary" and not bundle.glossary_unloaded
              and bundle.glossary.find(ident) is None):
            self.error(locator, path, f"link to unknown glossary term '{ident}'",
                       "add it to glossary.yml", inside=at)
        elif kind == "policy" and self._policy_unknown(ident):
            self.error(locator, path, f"link to unknown policy '{ident}'", self._policy_hint(ident),
                       inside=at)

    def _policy_unknown(self, name: str) -> bool:
        # While policies.yml itself has errors, every reference would look broken: say nothing.
        return not self.bundle.policies_unloaded and name not in self.bundle.policies.policies

    def _policy_hint(self, name: str) -> str:
        known = sorted(self.bundle.policies.policies)
        close = difflib.get_close_matches(name, known, n=1)
        if close:
            return f"did you mean '{close[0]}'?"
        if not known:
            return "define it in policies.yml (known: none defined)"
        more = f", … ({len(known)} in all)" if len(known) > 8 else ""
        return f"define it in policies.yml (known: {', '.join(known[:8])}{more})"

    def _check_lesson_ref(self, ref: str, locator: Locator, path: tuple,
                          at: tuple[str, int] | None = None) -> None:
        lesson_id, _, anchor = ref.partition("#")
        entry = self.bundle.lesson(lesson_id)
        if entry is None:
            if lesson_id not in self.bundle.unloaded_lessons:
                self.error(locator, path, f"unknown lesson '{lesson_id}'",
                           self._lesson_hint(lesson_id), inside=at)
            return
        if anchor and anchor not in self._lesson_anchors(lesson_id):
            anchors = sorted(self._lesson_anchors(lesson_id))
            close = difflib.get_close_matches(anchor, anchors, n=3, cutoff=0.5)
            self.error(locator, path, f"lesson '{lesson_id}' has no heading '#{anchor}'",
                       "use one of: " + ", ".join(close or anchors[:8]), inside=at)

    def _lesson_hint(self, lesson_id: str) -> str:
        ids = [e.lesson.id for e in self.bundle.lessons]
        close = difflib.get_close_matches(lesson_id, ids, n=1)
        return f"did you mean '{close[0]}'?" if close else "check the lesson id"

    def _lesson_anchors(self, lesson_id: str) -> set[str]:
        if lesson_id not in self._anchors:
            from .render.lesson import render_lesson

            page = render_lesson(self.bundle, self.bundle.lesson(lesson_id))
            self._anchors[lesson_id] = set(anchors_in(page))
        return self._anchors[lesson_id]

