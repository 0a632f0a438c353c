"""Item quality: the cues that give answers away (found by `generator/items/`), as findings.

Run when the caller asks for them (`course check` and builds do; grading does not): a flaw is a
warning, an error in a graded quiz (assessment or required, or any quiz of an assessment build)
under --strict; mistakes in a `quality:` entry are errors or warnings as they are.
"""

from __future__ import annotations

from ..items.checks import check_items
from ..items.thresholds import ItemCheckRun
from ..loaded import LoadedCourse
from .findings import Findings


def check_item_quality(loaded: LoadedCourse, found: Findings, run: ItemCheckRun) -> None:
    if not run.thresholds.enabled:
        return
    values = {name: p.value for name, p in loaded.policies.policies.items()}
    for entry in loaded.quizzes:
        quiz = entry.quiz
        graded = quiz.mode == "assessment" or quiz.required or run.every_quiz_assessed
        for finding in check_items(quiz, run.thresholds, values):
            severity, message = finding.kind, finding.message
            if finding.kind == "flaw":  # named, so that the author knows what to allow
                severity = "error" if run.strict and graded else "warning"
                message = f"{finding.check}: {message}"
            found.problems.append(entry.locator.problem(finding.path, message, finding.hint,
                                                        severity=severity))
