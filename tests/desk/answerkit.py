"""Make answer files for the fixture course, as the quiz page's "download my answers" does."""

from __future__ import annotations

import functools
import json
import random
from pathlib import Path

from generator.checks import checked
from generator.fingerprint import question_version, quiz_version
from generator.loaded import LoadedCourse
from generator.loading import load_course
from generator.models.quiz import Quiz, Scenario
from generator.project import find_project
from generator.quizgraph import start_node

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
            answers[q.id] = _walk(q, lambda choices: rng.choice(choices))
    return answers


def best_path(q: Scenario) -> list[str]:
    return _walk(q, lambda choices: max(choices, key=lambda c: c.points))


def worst_path(q: Scenario) -> list[str]:
    return _walk(q, lambda choices: min(choices, key=lambda c: c.points))


def _walk(q: Scenario, pick) -> list[str]:
    nodes = {node.id: node for node in q.nodes}
    node = nodes[start_node(q)]
    path = []
    while node.choices:
        choice = pick(node.choices)
        path.append(choice.id)
        node = nodes[choice.next]
    return path
