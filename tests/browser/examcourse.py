"""The fixture course with a drawn, timed final exam, built as any course is, for the widget's
tests on a real assessment page (test_assessment_widget.py).

Test-only. A copy of the fixture course whose final exam draws from two pools and has exam
settings, with a registry (published.jsonl, and so a salt) of its own; `course build` writes its
pages, and the tests use them as they are: opaque ids in page order, `identity`, `draw` and
`exam` in data-json, linear conversations (generator/render/quiz.py).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.integrity.registry import read as read_registry
from helpers import run_course
from quizhelpers import QUIZ_COURSE, load_quizzes

EXAM = "final-exam"
POOLS = {"exam-day": "facts", "exam-evidence": "facts", "exam-private": "facts",
         "exam-order": "tasks", "exam-chat": "tasks"}
SETTINGS = """draw:
  - pool: facts
    count: 2
  - pool: tasks
    count: 2
exam:
  time_limit: 30
  late: flag
  grace: 2
  attempts: 2
  after_submit: {after_submit}
"""


def exam_course(folder: Path, after_submit: str = "answers") -> Path:
    """The fixture course copied to `folder`, its final exam drawing 2 of 3 facts and 2 of 2
    tasks, with a 30-minute limit and 2 attempts. Returns the course folder."""
    shutil.copytree(QUIZ_COURSE, folder)
    (folder / "published.jsonl").unlink()  # a registry (and salt) of its own
    path = folder / "quizzes" / f"{EXAM}.yml"
    text = path.read_text(encoding="utf-8")
    for question, pool in POOLS.items():
        text = text.replace(f"  - id: {question}\n", f"  - id: {question}\n    pool: {pool}\n")
    text = text.replace("questions:\n", SETTINGS.format(after_submit=after_submit)
                        + "questions:\n", 1)
    path.write_text(text, encoding="utf-8")
    return folder


def build_exam_site(folder: Path, site: Path) -> Path:
    """`course build` of the exam course into `site`: the pages as a learner gets them (the
    build also writes the course's published.jsonl and its salt). Returns `site`."""
    run_course("build", "-f", str(folder / "mkdocs.yml"), "-d", str(site), check=True)
    return site


def course_quizzes(folder: Path):
    loaded, quizzes = load_quizzes(folder / "content", folder / "quizzes")
    return loaded, {q.id: q for q in quizzes}


def salt_of(folder: Path) -> str:
    """The salt of the course's registry, written by its first build: it names the exam
    page's opaque ids."""
    return read_registry(folder / "published.jsonl").salt
