"""`course serve`: a preview that rebuilds when a lesson or quiz YAML file changes, and shows
a mistake over the last good pages until it is fixed (the rebuild itself is compared with full
builds in test_plugin_incremental.py)."""

import html
import os
import re
import subprocess
import sys
import time
import urllib.request

import pytest

from coursefolder import make_course
from helpers import free_port


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
    with open(tmp_path / "serve.log", "w", encoding="utf-8") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "generator", "serve", "-f", str(config), "-a",
             f"127.0.0.1:{port}"], cwd=tmp_path, stdout=output, stderr=subprocess.STDOUT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(lambda: fetch(base + "/index.html"))
        yield tmp_path, base
    finally:
        process.terminate()
        process.wait(timeout=10)


def terminal(folder) -> str:
    return (folder / "serve.log").read_text(encoding="utf-8")


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


def test_a_mistake_shows_over_the_last_good_page_and_in_the_terminal_until_fixed(served_course):
    folder, base = served_course
    assert "course serve: serving http://127.0.0.1:" in terminal(folder)
    lesson = folder / "content/rules/refund-rules.yml"
    good = lesson.read_text(encoding="utf-8")
    lesson.write_text(good.replace("summary: 小结。", "summary: 注意: 小结。"), "utf-8")
    problem = ("content/rules/refund-rules.yml:12:12: YAML syntax error: a colon followed by a "
               'space starts a new key here — put the whole text in quotes, e.g. title: "问题: '
               '怎么办"')
    page = wait_for(lambda: (lambda text: "course-preview-problems" in text and text)(
        fetch(base + "/rules/refund-rules.html")))
    assert "课程文件有问题" in page and html.escape(problem) in page
    assert "退款规则" in page and "小结。" in page and "注意" not in page  # the last good page
    assert page.index("course-preview-problems") < page.index('class="md-header')
    assert "course-preview-problems" in fetch(base + "/index.html")  # every page says so
    wait_for(lambda: problem in terminal(folder))
    assert "the preview shows the pages as last built" in terminal(folder)
    lesson.write_text(good.replace("summary: 小结。", "summary: 改好的小结。"), "utf-8")
    page = wait_for(lambda: (lambda text: "改好的小结" in text and text)(
        fetch(base + "/rules/refund-rules.html")))
    assert "course-preview-problems" not in page
    assert "course-preview-problems" not in fetch(base + "/index.html")
    assert "problems fixed" in terminal(folder)


def test_a_course_with_problems_is_not_served_and_says_so(tmp_path):
    config = make_course(tmp_path, course="title: 测试课程\n")
    result = subprocess.run(
        [sys.executable, "-m", "generator", "serve", "-f", str(config), "-a",
         f"127.0.0.1:{free_port()}"], cwd=tmp_path, capture_output=True, text=True, timeout=120,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 1
    assert "content/course.yml:1:1: missing required key 'audience'" in result.stderr
    assert result.stderr.endswith("course serve: fix the problems, then start it again\n")


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
