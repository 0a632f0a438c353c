"""`course import --force` over an existing quiz file: what the old file keeps.

A workbook carries questions, not a quiz: it has no row for the quiz's settings (mode, exam,
required, lessons, …) nor for scenario questions. The trainer's natural round trip — export,
fix a typo, import back with --force — must not turn an assessment into a practice quiz (whose
page carries every answer key) or drop its conversations. So the old file's quiz-level keys are
all kept as they were, and so are its scenarios; only the other questions come from the workbook.

The questions keep the old file's order: those whose id the old file has (an exported
workbook carries the ids in 题目ID) and the kept scenarios stand where they stood, so a round
trip changes only what the trainer changed; questions new in the workbook follow, in the
workbook's order.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .imported import ImportedQuestion

SCENARIO = "scenario"


@dataclass
class KeptQuiz:
    settings: dict  # the old file's top-level keys but `questions`, in the old order
    order: list[str | dict] = field(default_factory=list)  # old question ids; scenarios whole
    scenarios: int = 0


def kept_from(data: object) -> KeptQuiz | None:
    """What an old quiz file (its parsed YAML) keeps; None when it is not a quiz mapping."""
    if not isinstance(data, dict):
        return None
    kept = KeptQuiz({key: value for key, value in data.items() if key != "questions"})
    questions = data.get("questions")
    for question in questions if isinstance(questions, list) else []:
        if isinstance(question, dict) and question.get("type") == SCENARIO:
            kept.order.append(question)
            kept.scenarios += 1
        elif isinstance(question, dict) and isinstance(question.get("id"), str):
            kept.order.append(question["id"])
    return kept


def merged(questions: list[ImportedQuestion], kept: KeptQuiz) -> list[ImportedQuestion]:
    """The workbook's questions and the old scenarios, in the old file's order (module note)."""
    by_id = {question.data.get("id"): question for question in questions}
    out = []
    for entry in kept.order:
        if isinstance(entry, dict):
            out.append(ImportedQuestion(dict(entry), "", 0, kept=True))
        elif entry in by_id:
            out.append(by_id.pop(entry))
    placed = {id(question) for question in out}
    return out + [question for question in questions if id(question) not in placed]


def kept_note(kept: KeptQuiz) -> str:
    """One line saying what the old file kept, for the trainer to see."""
    keys = ", ".join(key for key in kept.settings if key != "id")
    count = kept.scenarios
    scenarios = (f" and its {count} scenario question{'s' if count != 1 else ''} (a workbook "
                 "cannot carry them)") if count else ""
    return (f"kept this file's quiz settings ({keys}){scenarios}, and its order of questions; "
            "the other questions are the workbook's")
