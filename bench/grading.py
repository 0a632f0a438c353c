"""Grading throughput of the grading desk against only parsing the same files with json.loads.

    python bench/grading.py [--files 10000] [--questions 50] [--runs 3]

Writes N answer files of one quiz with every question type (in a temporary folder) and times,
as the median of several passes over all files:

- json.loads: read each file and `json.loads` it (the floor);
- answer-file parse: read each file and `answerfiles.parse` it: validated, duplicate keys
  refused, the parsed document kept and its canonical form hashed (issue 17 asks this to be no
  slower than the floor);
- grading core: what `course grade` does per file before the database: read, parse and
  validate (`answerfiles.parse`: msgspec's typed decode, the parsed document, duplicate keys
  refused, its canonical form hashed: the attempt's identity), check the version against the
  registry, the times and the paper, and grade (`attempts.grade_file`);
- with gradebook: the whole `course grade` pipeline (`batch.grade_files`) into a fresh SQLite
  gradebook, in batches of one transaction each.

`measure()` is what bench/run.py calls; its keys match what run.py's table reads.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.desk.answerfiles import parse, read_bytes  # noqa: E402
from generator.desk.attempts import GradingCourse, grade_file  # noqa: E402
from generator.desk.batch import grade_files  # noqa: E402
from generator.desk.gradebook import Gradebook  # noqa: E402
from generator.fingerprint import quiz_version  # noqa: E402
from generator.integrity import registry  # noqa: E402
from generator.models.answers import FORMAT  # noqa: E402
from generator.models.quiz import Quiz  # noqa: E402

TYPES = ("single", "multiple", "true_false", "ordering", "scenario")


def make_quiz(questions: int = 50) -> Quiz:
    """A quiz cycling through every question type, with realistic sizes and Chinese text."""
    items = []
    for n in range(questions):
        kind = TYPES[n % len(TYPES)]
        base = {"id": f"q{n + 1}", "type": kind,
                "prompt": f"第 {n + 1} 题：买家申请退款，你怎么处理？"}
        if kind == "single":
            base["options"] = [{"id": f"o{i}", "text": f"选项 {i}", "correct": i == 1}
                               for i in range(4)]
        elif kind == "multiple":
            base["scoring"] = "partial" if n % 2 else "all_or_nothing"
            base["options"] = [{"id": f"o{i}", "text": f"选项 {i}", "correct": i < 2}
                               for i in range(5)]
        elif kind == "true_false":
            base["answer"] = n % 2 == 0
        elif kind == "ordering":
            base["scoring"] = ("all_or_nothing", "position", "adjacent_pairs")[n % 3]
            base["items"] = [{"id": f"s{i}", "text": f"步骤 {i}"} for i in range(5)]
        else:
            base["nodes"] = [
                {"id": "start", "customer": "我要退款", "choices": [
                    {"id": "ask", "text": "先问原因", "next": "reason", "points": 2},
                    {"id": "refuse", "text": "直接拒绝", "next": "complaint"}]},
                {"id": "reason", "customer": "不喜欢", "choices": [
                    {"id": "agree", "text": "同意退货", "next": "satisfied", "points": 2},
                    {"id": "stall", "text": "拖延", "next": "complaint", "points": 0}]},
                {"id": "satisfied", "outcome": "买家满意"},
                {"id": "complaint", "outcome": "买家投诉"}]
        items.append(base)
    return Quiz.model_validate({"id": "grading-bench", "title": "评分基准", "questions": items})


def _answer(question, rng: random.Random):
    if rng.random() < 0.05:
        return None
    if question.type == "single":
        return rng.choice(question.options).id
    if question.type == "multiple":
        return [o.id for o in question.options if rng.random() < 0.4]
    if question.type == "true_false":
        return rng.random() < 0.5
    if question.type == "ordering":
        ids = [item.id for item in question.items]
        rng.shuffle(ids)
        return ids
    nodes = {node.id: node for node in question.nodes}
    node, path = nodes[question.nodes[0].id], []
    while node.choices:
        choice = rng.choice(node.choices)
        path.append(choice.id)
        node = nodes[choice.next]
    return path


def published(quiz: Quiz) -> registry.Registry:
    """A registry in which this quiz version was published before the files were made."""
    when = registry.datetime.datetime(2026, 11, 1)
    entry = registry.publication_entry(quiz, mode=quiz.mode, published=when, by="bench")
    return registry.parse(registry.header_line("0" * 32, when) + json.dumps(entry) + "\n")


def write_answer_files(folder: Path, quiz: Quiz, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    version = quiz_version(quiz)
    paths = []
    for n in range(count):
        rng = random.Random(n)
        document = {
            "format": FORMAT, "course": "基准测试课程", "quiz": quiz.id, "quiz_version": version,
            "learner": {"name": f"学员{n:05d}", "id": f"staff-{n:05d}"}, "attempt": 1,
            "seed": n, "started_at": "2026-11-20T09:00:00+08:00",
            "submitted_at": "2026-11-20T09:20:00+08:00",
            "answers": [{"question": q.id, "answer": _answer(q, rng),
                         "answered_at": "2026-11-20T09:10:00+08:00"} for q in quiz.questions],
        }
        path = folder / f"answers-{n:05d}.json"
        path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
        paths.append(path)
    return paths


def measure(work: Path, files: int = 10_000, questions: int = 50, runs: int = 3) -> dict:
    quiz = make_quiz(questions)
    paths = write_answer_files(work / "answers", quiz, files)
    labelled = [(path, path.name) for path in paths]

    def floor():
        for path in paths:
            json.loads(path.read_bytes())

    def parsing():
        for path in paths:
            parse(read_bytes(path))

    versions = published(quiz)

    def core():
        course = GradingCourse([quiz], versions)  # prepared once per run, as `course grade` does
        for path, label in labelled:
            grade_file(parse(read_bytes(path)), course, source=label)

    def with_gradebook():
        database = work / f"gradebook-{time.monotonic_ns()}.sqlite"
        with Gradebook.open(str(database)) as book:
            graded, skipped = grade_files(labelled, GradingCourse([quiz], versions), book)
        assert len(graded) == files and not skipped, skipped[:3]
        database.unlink()

    timings: dict[str, list[float]] = {"json": [], "parse": [], "core": [], "db": []}
    for _ in range(runs):
        for name, run in (("json", floor), ("parse", parsing), ("core", core),
                          ("db", with_gradebook)):
            started = time.perf_counter()
            run()
            timings[name].append(time.perf_counter() - started)
    json_s, parse_s, core_s, db_s = (statistics.median(timings[k])
                                     for k in ("json", "parse", "core", "db"))
    return {
        "source": "bench/grading.py", "files": files, "questions": questions, "runs": runs,
        "json_seconds": json_s, "parse_seconds": parse_s, "grade_seconds": core_s,
        "gradebook_seconds": db_s, "json_files_per_second": files / json_s,
        "parse_files_per_second": files / parse_s, "grade_files_per_second": files / core_s,
        "gradebook_files_per_second": files / db_s,
        "bytes_per_file": sum(p.stat().st_size for p in paths[:100]) // min(100, len(paths)),
    }


def table(result: dict) -> str:
    rows = [("read + json.loads only", result["json_seconds"], result["json_files_per_second"]),
            ("read + answer-file parse", result["parse_seconds"],
             result["parse_files_per_second"]),
            ("grading core (read, validate, hash, check, grade)", result["grade_seconds"],
             result["grade_files_per_second"]),
            ("grading core + SQLite gradebook", result["gradebook_seconds"],
             result["gradebook_files_per_second"])]
    floor = result["json_seconds"]
    lines = [f"{result['files']:,} answer files of {result['questions']} questions "
             f"(~{result['bytes_per_file']:,} bytes each), median of {result['runs']} runs", "",
             f"{'stage':44} {'seconds':>8} {'files/s':>9} {'time ÷ json.loads':>18}"]
    for name, seconds, rate in rows:
        lines.append(f"{name:44} {seconds:8.2f} {rate:9,.0f} {seconds / floor:17.2f}x")
    extra = (result["grade_seconds"] - floor) / floor
    lines += ["", f"grading beyond parsing costs {extra:.2f}x the parse "
                  f"(core ÷ json.loads = {result['grade_seconds'] / floor:.2f})"]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--questions", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="grading-bench-") as folder:
        result = measure(Path(folder), args.files, args.questions, args.runs)
    print(table(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
