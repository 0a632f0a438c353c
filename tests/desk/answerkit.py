"""Make answer files for the fixture course, as the quiz page's "download my answers" does."""

from __future__ import annotations

import datetime
import functools
import json
import random
from pathlib import Path

from generator.checks import checked
from generator.desk.answerfiles import ParsedFile, parse
from generator.desk.attempts import GradingCourse
from generator.fingerprint import question_version, quiz_version
from generator.integrity import opaque, registry, seeds, signing
from generator.loaded import LoadedCourse
from generator.loading import load_course
from generator.models.quiz import Quiz, Scenario
from generator.project import find_project
from generator.quizgraph import walk
from generator.shuffle import presentation

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "course"
CONFIG = FIXTURE / "mkdocs.yml"


@functools.lru_cache(maxsize=None)
def fixture_course() -> LoadedCourse:
    project = find_project(CONFIG)
    return checked(load_course(project.content_dir, project.quiz_dir))


def fixture_quiz(quiz_id: str) -> Quiz:
    return fixture_course().quiz(quiz_id).quiz


def answer_document(quiz: Quiz, answers: dict, *, name: str = "张三", learner_id: str | None = None,
                    submitted: str = "2026-11-20T08:10:00Z", seed: int = 7) -> dict:
    learner = {"name": name} if learner_id is None else {"name": name, "id": learner_id}
    return {
        "format": "course-answers/1",
        "course": "退款实务测试课",
        "quiz": quiz.id,
        "quiz_version": quiz_version(quiz),
        "question_versions": {q.id: question_version(q) for q in quiz.questions},
        "learner": learner,
        "seed": seed,
        "started_at": "2026-11-20T08:00:00Z",
        "submitted_at": submitted,
        "answers": [{"question": qid, "answer": answer, "answered_at": submitted}
                    for qid, answer in answers.items()],
    }


def write(folder: Path, name: str, document) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    text = document if isinstance(document, (str, bytes)) else json.dumps(
        document, ensure_ascii=False, indent=1)
    if isinstance(text, str):
        text = text.encode("utf-8")
    path.write_bytes(text)
    return path


def perfect_answers(quiz: Quiz) -> dict:
    answers = {}
    for q in quiz.questions:
        if q.type == "single":
            answers[q.id] = next(o.id for o in q.options if o.correct)
        elif q.type == "multiple":
            answers[q.id] = [o.id for o in q.options if o.correct]
        elif q.type == "true_false":
            answers[q.id] = q.answer
        elif q.type == "ordering":
            answers[q.id] = [item.id for item in q.items]
        else:
            answers[q.id] = best_path(q)
    return answers


def wrong_answers(quiz: Quiz) -> dict:
    """An answer to every question that earns nothing."""
    answers = {}
    for q in quiz.questions:
        if q.type == "single":
            answers[q.id] = next(o.id for o in q.options if not o.correct)
        elif q.type == "multiple":
            answers[q.id] = [o.id for o in q.options if not o.correct]
        elif q.type == "true_false":
            answers[q.id] = not q.answer
        elif q.type == "ordering":
            answers[q.id] = [item.id for item in reversed(q.items)]
        else:
            answers[q.id] = worst_path(q)
    return answers


def random_answers(quiz: Quiz, rng: random.Random) -> dict:
    answers = {}
    for q in quiz.questions:
        if q.type == "single":
            answers[q.id] = rng.choice(q.options).id
        elif q.type == "multiple":
            answers[q.id] = [o.id for o in q.options if rng.random() < 0.5]
        elif q.type == "true_false":
            answers[q.id] = rng.random() < 0.5
        elif q.type == "ordering":
            order = [item.id for item in q.items]
            rng.shuffle(order)
            answers[q.id] = order
        else:
            answers[q.id] = walk(q, lambda choices: rng.choice(choices))
    return answers


def best_path(q: Scenario) -> list[str]:
    return walk(q, lambda choices: max(choices, key=lambda c: c.points))


def worst_path(q: Scenario) -> list[str]:
    return walk(q, lambda choices: min(choices, key=lambda c: c.points))


# Format 2, as the quiz page will write it ------------------------------------------------------
#
# The page (assets/quiz.js, a later task) must produce exactly these files: the widget's tests
# can compare what it downloads with `page_answer_file` for the same learner, code, attempt and
# answers. Every definition used here is the grader's own (generator/integrity/).

FIXTURE_SALT = "0123456789abcdef0123456789abcdef"
PUBLISHED = datetime.datetime(2026, 11, 1, 0, 0, 0)
FIXTURE_REGISTRY = FIXTURE / "published.jsonl"


def registry_text(quizzes, *, salt: str = FIXTURE_SALT,
                  published: datetime.datetime = PUBLISHED, mode: str | None = None) -> str:
    """A registry that publishes these quizzes (as they are now) at `published`."""
    lines = [registry.header_line(salt, published)]
    for quiz in quizzes:
        entry = registry.publication_entry(quiz, mode=mode or quiz.mode, published=published,
                                           by="tests")
        lines.append(json.dumps(entry, ensure_ascii=False, separators=(", ", ": ")) + "\n")
    return "".join(lines)


def fixture_registry() -> registry.Registry:
    """The fixture course's committed registry (tests/desk/fixtures/course/published.jsonl)."""
    return registry.read(FIXTURE_REGISTRY)


def grading_course(*, roster=None, changed="zero", now=None, quizzes=None, reg=None):
    quizzes = quizzes or [entry.quiz for entry in fixture_course().quizzes]
    return GradingCourse(quizzes, reg or fixture_registry(), roster=roster, changed=changed,
                         now=now)


def page_answer_file(quiz: Quiz, answers: dict, *, reg: registry.Registry | None = None,
                     learner_id: str | None = "cs-017", name: str | None = None,
                     code: str | None = None, attempt: int = 1, seed: int | None = None,
                     assessment_page: bool | None = None,
                     started: str = "2026-11-20T08:00:00Z",
                     submitted: str = "2026-11-20T08:10:00Z",
                     page_score: float | None = None) -> dict:
    """The answer file a format-2 page writes.

    `answers` are in authored ids, for any questions; the file holds the learner's paper only
    (the draw replayed from the seed), every question of it, null where unanswered. The seed is
    derived from id, version and attempt on pages that ask for id and code, else `seed` (or 7).
    Assessment pages (`assessment_page`, default: the quiz's mode) name everything by opaque
    ids. With `code`, the file is signed as the page signs it.
    """
    reg = reg or fixture_registry()
    version = quiz_version(quiz)
    asks = seeds.asks_for_identity(quiz) or bool(assessment_page)
    if seed is None:
        seed = seeds.derived_seed(learner_id, version, attempt) if asks and learner_id else 7
    page = assessment_page if assessment_page is not None else quiz.mode == "assessment"
    ids = opaque.OpaqueIds(quiz, reg.salt)
    shown = presentation(quiz, seed, assessment=page, page_order=ids if page else None)
    items = []
    for question_id in shown.paper:
        answer = answers.get(question_id)
        if page:
            answer = _opaque_answer(ids, question_id, answer)
            question_id = ids.question(question_id)
        items.append({"question": question_id, "answer": answer, "answered_at": submitted})
    learner = {}
    if learner_id is not None:
        learner["id"] = learner_id
    if name is not None:
        learner["name"] = name
    document = {"format": "course-answers/2", "course": "退款实务测试课", "quiz": quiz.id,
                "quiz_version": version, "learner": learner, "attempt": attempt, "seed": seed,
                "started_at": started, "submitted_at": submitted, "answers": items}
    if page_score is not None:
        document["page_score"] = page_score
    if code is not None:
        document["signature"] = signing.sign(document, code)
    return document


def _opaque_answer(ids, question_id: str, answer):
    if isinstance(answer, str):
        return ids.item(question_id, answer)
    if isinstance(answer, list):
        return [ids.item(question_id, a) for a in answer]
    return answer


def resign(document: dict, code: str) -> dict:
    """The same file signed again (after a test changed it) with `code`."""
    document = {k: v for k, v in document.items() if k != "signature"}
    document["signature"] = signing.sign(document, code)
    return document


def parsed(document: dict) -> ParsedFile:
    return parse(json.dumps(document, ensure_ascii=False).encode("utf-8"))


# How the grader says to fix a file it refuses (generator/desk/answerfiles.py, timing.py,
# attempts.py), as the end of the lines a trainer reads.
FIX = " — ask the learner for the file as the quiz page saved it"
CLOCK_FIX = (" — check the learner's device clock, or ask the learner for the file as the quiz "
             "page saved it")
COURSE_FIX = "; grade the file with its own course (-f its mkdocs.yml)"
