"""`course serve`: a preview that rebuilds when a lesson or quiz YAML file changes."""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from coursefolder import make_course


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(predicate, timeout: float = 60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = predicate()
            if value:
                return value
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError("timed out")


@pytest.fixture
def served_course(tmp_path):
    config = make_course(tmp_path)
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "-f", str(config), "-a", f"127.0.0.1:{port}"],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(lambda: fetch(base + "/index.html"))
        yield tmp_path, base
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_serve_rebuilds_when_lesson_or_quiz_yaml_changes(served_course):
    folder, base = served_course
    page = fetch(base + "/rules/refund-rules.html")
    assert "退款规则" in page
    assert "livereload" in page  # the browser is told to reload after each rebuild
    lesson = folder / "content/rules/refund-rules.yml"
    lesson.write_text(lesson.read_text(encoding="utf-8").replace("title: 退款规则",
                                                                  "title: 改过的标题"), "utf-8")
    wait_for(lambda: "改过的标题" in fetch(base + "/rules/refund-rules.html"))
    quiz = folder / "quizzes/rules-practice.yml"
    quiz.write_text(quiz.read_text(encoding="utf-8").replace("title: 练习", "title: 新练习"),
                    "utf-8")
    wait_for(lambda: "新练习" in fetch(base + "/quiz/rules-practice.html"))
    # A preview publishes nothing: no registry of published versions is created or written.
    assert not (folder / "published.jsonl").exists()


def test_serve_without_a_registry_still_names_an_assessment_by_opaque_ids(served_course):
    # No registry, no salt: the preview makes one up, so its ids map back to nothing (nothing is
    # graded from a preview), and no authored id reaches the page.
    folder, base = served_course
    quiz = folder / "quizzes/rules-practice.yml"
    quiz.write_text(quiz.read_text(encoding="utf-8").replace("title: 练习",
                                                             "title: 考核\nmode: assessment"),
                    "utf-8")

    def assessment_page():
        text = fetch(base + "/quiz/rules-practice.html")
        return text if 'data-mode="assessment"' in text else None

    page = wait_for(assessment_page)
    assert re.search(r'data-question="x[a-z2-7]{11}"', page)
    assert 'value="approve"' not in page and 'data-question="q1"' not in page
    assert not (folder / "published.jsonl").exists()
