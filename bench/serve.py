"""The preview's benchmark: how long after an author saves a lesson or a quiz its page, served by
`course serve`, shows the change.

    python bench/serve.py COURSE_FOLDER [--edits 5] [--before]   (bench/run.py --only serve)

`course serve` runs as an author runs it (its own process, a free port). Once it serves, each
edit writes a marker of its own into a lesson (a paragraph at the top of its body) or a quiz
(the start of its first question), with one `write`, and the page is then fetched over HTTP
every 50 ms until it holds the marker: the time from the write to that response is the
edit-to-updated time. It includes what the author waits for and nothing else: the server
noticing the change (it polls the folders every 0.5 s), the rebuild, the answer. Edits go to
lessons and quizzes spread over the course, one at a time. Also measured: the time from
starting `course serve` to the first page served (start-up and one full build). `--before`
measures `mkdocs serve` instead: MkDocs' own serve with the course plugin, which builds the whole
site on every save, as `course serve` did before issue 15.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402

POLL_SECONDS = 0.05
URL_LINE = re.compile(r"(?:course serve: serving|Serving on) (\S+)")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _fetch(url: str) -> str:
    # The server answers once a rebuild under way has finished: a full build of 1,000 lessons
    # on a busy machine takes many minutes.
    with urllib.request.urlopen(url, timeout=3600) as response:
        return response.read().decode("utf-8")


def _until(predicate, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(POLL_SECONDS)
    raise TimeoutError(f"{what}: nothing after {timeout:.0f} s")


def _served_url(log: Path) -> str | None:
    found = URL_LINE.search(log.read_text(encoding="utf-8", errors="replace"))
    return found.group(1) if found else None


def _write(path: Path, text: str) -> float:
    """Save as an editor does (one write of the whole file); the time the save ended."""
    with open(path, "w", encoding="utf-8") as file:
        file.write(text)
    return time.monotonic()


def _edit_lesson(course: Path, index: int, lessons: int, marker: str) -> tuple[Path, str, str]:
    section_id, _ = corpus.section_of(index, lessons)
    path = course / "content" / section_id / f"{corpus.lesson_id(index)}.yml"
    text = path.read_text(encoding="utf-8")
    edited = text.replace("\nbody: |\n", f"\nbody: |\n  {marker}\n\n", 1)
    return path, edited, f"{section_id}/{corpus.lesson_id(index)}.html"


def _edit_quiz(course: Path, index: int, marker: str) -> tuple[Path, str, str]:
    path = course / "quizzes" / f"quiz-{index:04d}.yml"
    text = path.read_text(encoding="utf-8")
    edited = text.replace("    prompt: ", f"    prompt: {marker}", 1)
    return path, edited, f"quiz/quiz-{index:04d}.html"


def measure(course: Path, lessons: int, edits: int = 5, log: Path | None = None,
            env: dict | None = None, before: bool = False) -> dict:
    """Start `course serve` (`mkdocs serve` with `before`) in `course`, make `edits` lesson
    edits and as many quiz edits."""
    log = log or course / "serve.log"
    port = _free_port()
    command = (["mkdocs", "serve", "--livereload"] if before else ["generator", "serve"])
    load_before = os.getloadavg()
    started = time.monotonic()
    with open(log, "w", encoding="utf-8") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", *command, "-f", "mkdocs.yml", "-a", f"127.0.0.1:{port}"],
            cwd=course, stdout=output, stderr=subprocess.STDOUT, env=env)
    try:
        base = _until(lambda: _served_url(log), 3600, "course serve did not start")
        _fetch(base)
        start_seconds = time.monotonic() - started
        spread = [round(lessons * (k + 0.5) / edits) % lessons for k in range(edits)]
        times: dict[str, list[float]] = {"lesson": [], "quiz": []}
        for kind in ("lesson", "quiz"):
            for number, index in enumerate(spread):
                marker = f"benchmark-edit-{kind}-{number}-{time.time_ns()}"
                path, text, page = (_edit_lesson(course, index, lessons, marker) if kind == "lesson"
                                    else _edit_quiz(course, index, marker))
                saved = _write(path, text)
                _until(lambda url=base + page, marker=marker: marker in _fetch(url), 3600,
                       f"{page} never showed {marker}")
                times[kind].append(time.monotonic() - saved)
                time.sleep(1.0)  # an author reads the page before the next save
    finally:
        server.terminate()
        server.wait(timeout=60)
    return {"lessons": lessons, "command": " ".join(command[:2]),
            "start_seconds": start_seconds, "edits": edits,
            "lesson_seconds": times["lesson"], "quiz_seconds": times["quiz"],
            "lesson_median": statistics.median(times["lesson"]),
            "quiz_median": statistics.median(times["quiz"]),
            "load_before": load_before, "load_after": os.getloadavg()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("course", type=Path, help="a course folder written by bench/corpus.py")
    parser.add_argument("--lessons", type=int, help="its number of lessons (default: counted)")
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--before", action="store_true",
                        help="measure `mkdocs serve` (a full build on every save) instead")
    args = parser.parse_args(argv)
    lessons = args.lessons or len(list((args.course / "content").glob("*/*.yml")))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1",
           "PYTHONPATH": os.pathsep.join(filter(None, [str(HERE.parent),
                                                       os.environ.get("PYTHONPATH")]))}
    print(json.dumps(measure(args.course.resolve(), lessons, args.edits, env=env,
                             before=args.before), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
