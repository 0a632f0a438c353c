"""Grader throughput, measured here only until the grading desk's `bench/grading.py` exists.

10,000 answer files of one 50-question quiz (every question type) are written to a folder; then
the median over several passes of:
- floor: read each file and `json.loads` it;
- grade: read each file, `AnswerFile.model_validate_json` it, and grade it with a `Grader`
  prepared once for the quiz.
"""

from __future__ import annotations

import json
import random
import statistics
import time
from pathlib import Path

from generator.grader import Grader
from generator.models.answers import FORMAT, AnswerFile
from generator.models.quiz import (MultipleChoice, Ordering, Quiz, Scenario, SingleChoice,
                                   TrueFalse)


def make_quiz(questions: int) -> Quiz:
    import corpus  # bench/ is on sys.path when run from run.py

    rng = random.Random("grading")
    pool = []
    index = 0
    while len(pool) < questions:
        data = corpus.quiz_data(index, max(index + 1, 1))
        pool += data["questions"]
        index += 1
    chosen = []
    for n, question in enumerate(pool[:questions]):
        chosen.append({**question, "id": f"q{n + 1}"})
    rng.shuffle(chosen)
    return Quiz.model_validate({"id": "grading-bench", "title": "评分基准", "questions": chosen})


def _answer(question, rng: random.Random):
    if rng.random() < 0.05:
        return None
    if isinstance(question, SingleChoice):
        return rng.choice(question.options).id
    if isinstance(question, MultipleChoice):
        return [o.id for o in question.options if rng.random() < 0.4]
    if isinstance(question, TrueFalse):
        return rng.random() < 0.5
    if isinstance(question, Ordering):
        ids = [i.id for i in question.items]
        rng.shuffle(ids)
        return ids
    if isinstance(question, Scenario):
        nodes = {n.id: n for n in question.nodes}
        node, path = nodes[question.start or question.nodes[0].id], []
        while node.choices:
            choice = rng.choice(node.choices)
            path.append(choice.id)
            node = nodes[choice.next]
        return path
    raise TypeError(question)


def write_answer_files(folder: Path, quiz: Quiz, count: int) -> list[Path]:
    from generator.fingerprint import question_version, quiz_version

    folder.mkdir(parents=True, exist_ok=True)
    versions = {q.id: question_version(q) for q in quiz.questions}
    version = quiz_version(quiz)
    files = []
    for n in range(count):
        rng = random.Random(n)
        data = {
            "format": FORMAT, "course": "基准测试课程", "quiz": quiz.id, "quiz_version": version,
            "question_versions": versions,
            "learner": {"name": f"学员{n:05d}", "id": f"staff-{n:05d}"},
            "seed": n, "started_at": "2026-11-20T09:00:00+08:00",
            "submitted_at": "2026-11-20T09:20:00+08:00",
            "answers": [{"question": q.id, "answer": _answer(q, rng),
                         "answered_at": "2026-11-20T09:10:00+08:00"} for q in quiz.questions],
        }
        path = folder / f"answers-{n:05d}.json"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        files.append(path)
    return files


def measure(work: Path, files: int = 10_000, questions: int = 50, runs: int = 3) -> dict:
    quiz = make_quiz(questions)
    paths = write_answer_files(work / "answers", quiz, files)
    grader = Grader(quiz)

    def floor():
        for path in paths:
            json.loads(path.read_bytes())

    def grade():
        for path in paths:
            answer_file = AnswerFile.model_validate_json(path.read_bytes())
            grader.grade({a.question: a.answer for a in answer_file.answers})

    timings: dict[str, list[float]] = {"json": [], "grade": []}
    for _ in range(runs):
        for name, work_fn in (("json", floor), ("grade", grade)):
            started = time.perf_counter()
            work_fn()
            timings[name].append(time.perf_counter() - started)
    json_s, grade_s = statistics.median(timings["json"]), statistics.median(timings["grade"])
    return {"source": "bench/grading_fallback.py", "files": files, "questions": questions,
            "runs": runs, "json_seconds": json_s, "grade_seconds": grade_s,
            "json_files_per_second": files / json_s, "grade_files_per_second": files / grade_s}
