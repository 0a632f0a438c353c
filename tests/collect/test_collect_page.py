"""The quiz page submits to the real service, from the built site, in Chromium.

Submitted: "submitted ✓" only after the service recorded the file. Network blocked: the file is
queued in localStorage and the learner sees "queued"; next page load with the network back: it
is sent and lands once. A refusal shows the reason and queues nothing. Screenshots of the page
after a submission and while queued go to /tmp/collect-shots/.

The page asks for staff id and access code first (its footer, with collect.js's button, shows
after that). The signed file is made here as the page makes it (tests/desk/answerkit
.page_answer_file, the grader's own definitions) and handed to collect.js through the widget's
hook, `element.courseQuiz.answerFile()`, so each test controls what is sent.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import serve_directory
from servicekit import ROOT, Service, free_port, through_identity_form

pytestmark = pytest.mark.browser
SHOTS = Path("/tmp/collect-shots")
QUIZ_PAGE = "quiz/final.html"
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


@pytest.fixture
def site(course, tmp_path):
    """The course built with collect_url pointing at a service port, served over HTTP; the
    service itself (allowing the site's origin)."""
    port = free_port()
    config = course.config.read_text(encoding="utf-8").replace(
        "  - course\n", f"  - course:\n      collect_url: http://127.0.0.1:{port}/\n")
    course.config.write_text(config, encoding="utf-8")
    built = subprocess.run([sys.executable, "-m", "generator", "build", "-f",
                            str(course.config)], cwd=ROOT, capture_output=True, text=True,
                           timeout=300)
    assert built.returncode == 0, built.stderr
    base, stop = serve_directory(course.folder / "site")
    with Service(course, "--origin", base, port=port) as service:
        yield base, service
    stop()


def open_quiz(browser, course, base: str, screen: dict | None = None):
    context = browser.new_context(**(screen or {}))
    page = context.new_page()
    page.goto(f"{base}/{QUIZ_PAGE}")
    through_identity_form(page, course)
    page.wait_for_selector(".course-collect-button")
    return context, page


def hand_file(page, document: dict) -> None:
    """The widget's hook, giving this answer file (see the module's note)."""
    page.evaluate("""file => {
        document.querySelector('.course-quiz').courseQuiz = {answerFile: async () => file};
    }""", document)


def status(page) -> tuple[str, str]:
    line = page.locator(".course-collect-status")
    return line.get_attribute("data-state"), line.inner_text()


def test_submitted_only_after_the_service_recorded_it(browser, course, site):
    base, service = site
    SHOTS.mkdir(exist_ok=True)
    for name, screen in (("desktop", None), ("phone", PHONE)):
        context, page = open_quiz(browser, course, base, screen)
        learner = "cs-001" if name == "desktop" else "cs-002"
        hand_file(page, course.answer_file(learner=learner))
        page.evaluate("""() => document.addEventListener('quiz:submitted',
            (e) => { window.submittedEvent = e.detail.status; })""")
        page.click(".course-collect-button")
        page.wait_for_function("document.querySelector('.course-collect-status')"
                               ".dataset.state === 'submitted'")
        assert status(page) == ("submitted", "已提交 ✓ 培训老师已收到你的答卷。")
        assert page.evaluate("window.submittedEvent") == "recorded"
        page.locator(".course-quiz-footer").scroll_into_view_if_needed()
        page.screenshot(path=str(SHOTS / f"submitted-{name}.png"), full_page=False)
        context.close()
    assert course.counts()[0] == 2


def test_queued_while_the_network_fails_then_sent_on_the_next_page_load(browser, course, site):
    base, service = site
    context, page = open_quiz(browser, course, base)
    document = course.answer_file(learner="cs-003")
    hand_file(page, document)
    page.route(f"{service.url}/**", lambda route: route.abort("internetdisconnected"))
    page.click(".course-collect-button")
    page.wait_for_function("document.querySelector('.course-collect-status')"
                           ".dataset.state === 'queued'")
    assert status(page)[1].startswith("已排队：现在连不上网络")
    queued = json.loads(page.evaluate("localStorage.getItem('course-collect-queue')"))
    assert [item["file"] for item in queued] == [document]
    assert course.counts()[0] == 0
    SHOTS.mkdir(exist_ok=True)
    page.locator(".course-quiz-footer").scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "queued-desktop.png"))
    page.set_viewport_size({"width": 390, "height": 844})
    page.locator(".course-collect-status").scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "queued-phone.png"))
    page.set_viewport_size({"width": 1280, "height": 720})
    # Still offline on the next load: still queued, and said so.
    page.reload()
    page.wait_for_function("document.querySelector('.course-collect-status') && "
                           "document.querySelector('.course-collect-status').dataset.state "
                           "=== 'queued'")
    assert course.counts()[0] == 0
    # The network is back: the next page load sends it, once.
    page.unroute(f"{service.url}/**")
    page.reload()
    page.wait_for_function("document.querySelector('.course-collect-status') && "
                           "document.querySelector('.course-collect-status').dataset.state "
                           "=== 'submitted'")
    assert status(page) == ("submitted", "排队的答卷已提交 ✓")
    assert page.evaluate("localStorage.getItem('course-collect-queue')") is None
    assert course.counts()[0] == 1
    page.reload()
    page.wait_for_timeout(500)
    assert course.counts()[0] == 1
    context.close()


def test_a_practice_quiz_offers_the_download_alone(browser, course, site):
    base, _ = site
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{base}/quiz/practice.html")
    page.wait_for_selector(".course-download-button")
    page.wait_for_function("window.CourseCollect !== undefined")
    page.wait_for_timeout(200)
    assert page.locator(".course-collect-button").count() == 0
    context.close()


def test_a_refusal_shows_the_reason_and_queues_nothing(browser, course, site):
    base, service = site
    context, page = open_quiz(browser, course, base)
    forged = course.answer_file(learner="cs-001")
    forged["answers"][0]["answer"] = "changed-after-signing"
    hand_file(page, forged)
    page.click(".course-collect-button")
    page.wait_for_function("document.querySelector('.course-collect-status')"
                           ".dataset.state === 'refused'")
    assert status(page) == ("refused", "没有提交成功：访问码和员工编号对不上，请核对访问码后重新作答。")
    assert page.evaluate("localStorage.getItem('course-collect-queue')") is None
    # (A format-1 file from a widget without the hook can no longer come from this page: the
    # merged widget asks for id and code and signs format 2. The service's "not_verified"
    # refusal of a file that shows no identity is in test_service.py.)
    assert course.counts()[0] == 0
    context.close()
