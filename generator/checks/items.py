"""Item quality: the cues that give answers away (found by `generator/items/`), as findings.

Run when the caller asks for them (`course check` and builds do; grading does not): a flaw is a
warning, an error in a graded quiz (assessment or required, or any quiz of an assessment build)
under --strict; mistakes in a `quality:` entry are errors or warnings as they are.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import Problem
from ..items.checks import check_items
from ..items.thresholds import ItemCheckRun
from ..loaded import LoadedCourse, QuizEntry
from .findings import Findings

if TYPE_CHECKING:
    from .memo import CheckMemo


def check_item_quality(loaded: LoadedCourse, found: Findings, run: ItemCheckRun,
                       memo: CheckMemo | None = None) -> None:
    if not run.thresholds.enabled:
        return
    values = {name: p.value for name, p in loaded.policies.policies.items()}

    def of_quiz(entry: QuizEntry) -> list[Problem]:
        quiz = entry.quiz
        graded = quiz.mode == "assessment" or quiz.required or run.every_quiz_assessed
        problems = []
        for finding in check_items(quiz, run.thresholds, values):
            severity, message = finding.kind, finding.message
            if finding.kind == "flaw":  # named, so that the author knows what to allow
                severity = "error" if run.strict and graded else "warning"
                message = f"{finding.check}: {message}"
            problems.append(entry.locator.problem(finding.path, message, finding.hint,
                                                  severity=severity))
        return problems

    settings = (run, values)
    for entry in loaded.quizzes:
        found.problems += (memo.of_quiz("items", entry, settings, of_quiz) if memo is not None
                           else of_quiz(entry))
