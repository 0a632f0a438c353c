"""Start `course collect` as a trainer would (a subprocess on a free port) and talk to it."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from answerkit import FIXTURE, fixture_quiz, page_answer_file, perfect_answers
from desktools import postgres_schema_url
from generator.desk.gradebook import Gradebook
from generator.desk.roster import RosterEntry
from helpers import free_port

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "trainer-token-for-tests-0123456789"
CODES = {"cs-001": "7KQ2-M9XD-4", "cs-002": "AB12-CD34-0", "cs-003": "ZZ99-YY88-X"}
NAMES = {"cs-001": "王芳", "cs-002": "李雷", "cs-003": "陈静"}


def _with_check(code: str) -> str:
    from generator.integrity.codes import check_symbol, normalise, printed

    raw = normalise(code)[:8]
    return printed(raw + check_symbol(raw))


@dataclass
class Course:
    folder: Path
    db: str
    codes: dict[str, str] = field(default_factory=dict)

    @property
    def config(self) -> Path:
        return self.folder / "mkdocs.yml"

    def book(self) -> Gradebook:
        return Gradebook.open(self.db, create=False)

    def counts(self) -> tuple[int, int]:
        with self.book() as book:
            return book.counts()

    def hashes(self) -> list[str]:
        with self.book() as book:
            return [a.content_hash for a in book.attempts()]

    def answer_file(self, learner: str = "cs-001", attempt: int = 1, code: str | None = None,
                    quiz_id: str = "final", **changes) -> dict:
        """The file the page writes for this learner (signed with their code, unless the quiz
        asks for none)."""
        quiz = fixture_quiz(quiz_id)
        if quiz_id == "final":
            code = code or self.codes.get(learner, "0000-0000-0")
        document = page_answer_file(quiz, perfect_answers(quiz), learner_id=learner,
                                    code=code, attempt=attempt)
        document.update(changes)
        return document


def make_course(tmp_path: Path, db: str, roster: bool = True, more_learners: int = 0
                ) -> Course:
    """The fixture course in tmp_path/course; a gradebook at `db` with the three learners of
    CODES (and `more_learners` more, lt-0000 …) and their access codes."""
    from generator.integrity.codes import new_code

    folder = tmp_path / "course"
    if not folder.exists():
        shutil.copytree(FIXTURE, folder)
    codes = {learner: _with_check(code) for learner, code in CODES.items()}
    names = dict(NAMES)
    for number in range(more_learners):
        learner = f"lt-{number:04d}"
        codes[learner], names[learner] = new_code(), f"学员{number}"
    with Gradebook.open(db) as book:
        if roster:
            book.import_roster([RosterEntry(learner, names[learner]) for learner in codes])
            book.set_codes(codes)
    return Course(folder, db, codes)


def attempt_hash(document: dict) -> str:
    from generator.desk.answerfiles import parse

    return parse(json.dumps(document, ensure_ascii=False).encode()).attempt_hash


def postgres_url():
    """A PostgreSQL URL whose search_path is a fresh schema, dropped afterwards."""
    return postgres_schema_url("collect_test")


class Service:
    """A running `course collect`; `stop()` ends it (also on exit of a `with`)."""

    def __init__(self, course: Course, *extra: str, port: int | None = None,
                 token: str | None = TOKEN, env: dict | None = None,
                 log_folder: Path | None = None):
        self.course = course
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = (log_folder or course.folder) / f"collect-{self.port}.log"
        args = [sys.executable, "-m", "generator", "collect", "-f", str(course.config),
                "--db", course.db, "--port", str(self.port), *extra]
        environment = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
        if token:
            environment["COURSE_TRAINER_TOKEN"] = token
        self.stream = self.log.open("wb")
        self.process = subprocess.Popen(args, cwd=course.folder, env=environment,
                                        stdout=self.stream, stderr=subprocess.STDOUT)
        self._wait_until_serving()

    def _wait_until_serving(self, seconds: float = 30) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"course collect exited: {self.log.read_text()}")
            try:
                if httpx.get(self.url + "/healthz", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"course collect did not start: {self.log.read_text()}")

    def post(self, body, content_type: str = "application/json", **kwargs) -> httpx.Response:
        if not isinstance(body, (bytes, str)):
            body = json.dumps(body, ensure_ascii=False).encode("utf-8")
        headers = {"Content-Type": content_type, **kwargs.pop("headers", {})}
        return httpx.post(self.url + "/answers", content=body, headers=headers, timeout=30,
                          **kwargs)

    def log_lines(self) -> list[dict]:
        self.stream.flush()
        return [json.loads(line) for line in self.log.read_text().splitlines() if line.strip()]

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(10)
        self.stream.close()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        self.stream.close()

    def __enter__(self) -> Service:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def raw_request(port: int, head: bytes, body_parts: tuple[bytes, ...] = (), pause: float = 0,
                timeout: float = 30) -> tuple[int, dict]:
    """Send bytes as they are (no client tidies the path) and read the answer: (status, JSON)."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(head)
        try:
            for part in body_parts:
                time.sleep(pause)
                sock.sendall(part)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the service answered and closed before the body was all sent
        answer = b""
        while True:
            try:
                chunk = sock.recv(65536)
            except ConnectionResetError:
                break
            if not chunk:
                break
            answer += chunk
            if b"\r\n\r\n" in answer:
                head_end = answer.index(b"\r\n\r\n")
                length = next((int(line.split(b":")[1]) for line in
                               answer[:head_end].split(b"\r\n")
                               if line.lower().startswith(b"content-length:")), None)
                if length is not None and len(answer) >= head_end + 4 + length:
                    break
    status = int(answer.split(b" ", 2)[1])
    body = answer[answer.index(b"\r\n\r\n") + 4:]
    return status, json.loads(body)
