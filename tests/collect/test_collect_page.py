"""The quiz page submits to the real service, from the built site, in Chromium, with the real
widget: the trainer imports the roster and hands out access codes with `course roster`; the
learner reads their slip, types staff id and code into the page's identity form, answers and
presses Submit (提交).

Submitted: "submitted ✓" only after the service recorded the file, and the gradebook holds
exactly that attempt with its score. Network blocked: the file is queued in localStorage and the
learner sees "queued"; the next page load with the network back sends it, and it lands once. A
wrong access code (one that passes the page's check symbol) is refused with the reason and
queues nothing. Screenshots of the page after a submission and while queued go to
/tmp/collect-real-shots/.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers import free_port, serve_directory
from servicekit import ROOT, Service, attempt_hash, make_course

pytestmark = pytest.mark.browser
SHOTS = Path("/tmp/collect-real-shots")
QUIZ_PAGE = "quiz/final.html"
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
STAFF = {"cs-101": "王芳", "cs-102": "李雷"}
# The fixture's final quiz (tests/desk/fixtures/course/quizzes/final.yml), as a learner sees
# it: the right option of each question by its text (the page shows opaque ids only).
RIGHT = ("签收次日", "错")
WRONG = ("下单当天", "错")
STATE = "document.querySelector('.course-collect-status')"


def cli(course, *args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "generator", *args, "-f", str(course.config),
                           "--db", course.db], cwd=course.folder, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture
def trainer(tmp_path, browser):
    """The fixture course with an empty gradebook; the trainer imports the roster and prints
    the access-code slips as a trainer does; returns the course and each learner's code as
    their slip shows it."""
    course = make_course(tmp_path, f"{tmp_path}/gradebook.sqlite", roster=False)
    staff = tmp_path / "staff.csv"
    staff.write_text("id,name\n" + "".join(f"{i},{n}\n" for i, n in STAFF.items()),
                     encoding="utf-8")
    cli(course, "roster", "import", str(staff))
    sheet = tmp_path / "codes.html"
    cli(course, "roster", "codes", "--out", str(sheet))
    context = browser.new_context()
    slips = context.new_page()
    slips.goto(sheet.as_uri())
    codes = {slip.locator(".id").inner_text(): slip.locator(".code .value").inner_text()
             for slip in slips.locator(".slip").all()}
    context.close()
    assert sorted(codes) == sorted(STAFF)
    return course, codes


@pytest.fixture
def site(trainer):
    """The course built with collect_url pointing at a free port, served over HTTP, and the
    service on that port (allowing the site's origin)."""
    yield from serve(*trainer)


@pytest.fixture
def exam_site(trainer):
    """The same with the final quiz an exam (handing in closes the attempt)."""
    course, codes = trainer
    final = course.folder / "quizzes" / "final.yml"
    final.write_text(final.read_text(encoding="utf-8").replace(
        "questions:\n", "exam:\n  attempts: 2\n  after_submit: answers\nquestions:\n", 1),
        encoding="utf-8")
    yield from serve(course, codes)


def serve(course, codes):
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
        yield base, service, course, codes
    stop()


def open_quiz(browser, base: str, screen: dict | None = None):
    context = browser.new_context(**(screen or {}))
    page = context.new_page()
    page.goto(f"{base}/{QUIZ_PAGE}")
    page.wait_for_selector(".course-identity")
    page.evaluate("""() => document.addEventListener('quiz:submitted', (e) => {
        window.submitted = (window.submitted || []).concat([e.detail]); })""")
    return context, page


def sign_in(page, learner: str, code: str) -> None:
    """What the learner types from their slip."""
    page.fill(".course-identity input[autocomplete=username]", learner)
    page.fill(".course-identity input[autocomplete=off]", code)
    page.click(".course-start")
    page.wait_for_selector(".course-collect-button", state="visible")


def answer(page, texts: tuple[str, ...]) -> None:
    """Pick each option by its text, wherever the learner's paper put its question."""
    for text in texts:
        page.locator(".course-q:not([hidden]) label").get_by_text(text, exact=True).click()


def hold_posts(page, url: str) -> list:
    """POSTs to url are held (not sent) until the test continues them; the list of them."""
    held = []
    page.route(url, lambda route: held.append(route) if route.request.method == "POST"
               else route.continue_())
    return held


def wait_state(page, state: str) -> None:
    page.wait_for_function(f"{STATE} && {STATE}.dataset.state === '{state}'")


def status(page) -> tuple[str, str]:
    line = page.locator(".course-collect-status")
    return line.get_attribute("data-state"), line.inner_text()


def shoot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.locator(".course-quiz-footer").scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def recorded(course) -> list:
    with course.book() as book:
        return book.attempts()


def test_the_real_widget_submits_and_the_gradebook_holds_exactly_that_attempt(browser, site):
    base, service, course, codes = site
    for learner, screen, texts, name in (("cs-101", None, RIGHT, "desktop"),
                                         ("cs-102", PHONE, WRONG, "phone")):
        context, page = open_quiz(browser, base, screen)
        sign_in(page, learner, codes[learner])
        answer(page, texts)
        # Hold the POST on its way: until the service has answered, the page says "sending".
        held = hold_posts(page, f"{service.url}/answers")
        page.click(".course-collect-button")
        for _ in range(50):
            if held:
                break
            page.wait_for_timeout(100)
        assert len(held) == 1
        page.wait_for_timeout(300)
        assert status(page) == ("sending", "正在提交……")
        assert len(recorded(course)) == (0 if learner == "cs-101" else 1)
        held[0].continue_()
        wait_state(page, "submitted")
        assert status(page) == ("submitted", "已提交 ✓ 培训老师已收到你的答卷。")
        page.unroute(f"{service.url}/answers")
        shoot(page, f"submitted-{name}")
        sent = page.evaluate("window.submitted")
        assert [(e["status"], e["quiz"]) for e in sent] == [("recorded", "final")]
        file = sent[0]["file"]
        assert file["learner"] == {"id": learner} and file["signature"]
        stored = [a for a in recorded(course) if a.learner_id == learner]
        assert len(stored) == 1
        assert stored[0].content_hash == attempt_hash(file)
        assert stored[0].identity_verified is True
        assert (stored[0].points, stored[0].max_points) == ((2, 2) if texts == RIGHT else (1, 2))
        # Submit again with the same answers: the same file, which the service already has
        # (a fresh file of the same answers would be a second attempt in the gradebook).
        page.click(".course-collect-button")
        page.wait_for_function("window.submitted.length === 2")
        assert status(page) == ("submitted", "已提交 ✓ 这份答卷之前已经收到。")
        again = page.evaluate("window.submitted[1]")
        assert (again["status"], again["file"]) == ("already_recorded", file)
        assert len([a for a in recorded(course) if a.learner_id == learner]) == 1
        context.close()
    assert len(recorded(course)) == 2


def test_the_real_widget_queues_while_offline_then_the_next_page_load_sends_it_once(
        browser, site):
    base, service, course, codes = site
    context, page = open_quiz(browser, base)
    sign_in(page, "cs-101", codes["cs-101"])
    answer(page, RIGHT)
    page.route(f"{service.url}/**", lambda route: route.abort("internetdisconnected"))
    page.click(".course-collect-button")
    wait_state(page, "queued")
    assert status(page)[1].startswith("已排队：现在连不上网络")
    # Submit pressed again, still offline: the same answers stay one file in the queue.
    page.click(".course-collect-button")
    page.wait_for_timeout(300)
    wait_state(page, "queued")
    queued = json.loads(page.evaluate("localStorage.getItem('course-collect-queue')"))
    assert [(i["quiz"], i["file"]["learner"]) for i in queued] == [("final", {"id": "cs-101"})]
    assert recorded(course) == []
    shoot(page, "queued-desktop")
    page.set_viewport_size({"width": 390, "height": 844})
    page.locator(".course-collect-status").scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "queued-phone.png"))
    page.set_viewport_size({"width": 1280, "height": 720})
    # Still offline on the next load: still queued, and said so.
    page.reload()
    wait_state(page, "queued")
    assert recorded(course) == []
    # The network is back: the next page load sends it, once. The service may answer before the
    # widget is built (quiz.js fetches quiz-exam.js first): here it surely does.
    page.unroute(f"{service.url}/**")
    page.route("**/quiz-exam.js", lambda route: (time.sleep(1.5), route.continue_()))
    page.reload()
    wait_state(page, "submitted")
    assert status(page) == ("submitted", "排队的答卷已提交 ✓")
    assert page.locator(".course-retry").is_visible()  # the widget counts it handed in
    page.unroute("**/quiz-exam.js")
    assert page.evaluate("localStorage.getItem('course-collect-queue')") is None
    stored = recorded(course)
    assert [(a.learner_id, a.points, a.max_points) for a in stored] == [("cs-101", 2, 2)]
    assert stored[0].content_hash == attempt_hash(queued[0]["file"])
    page.reload()
    page.wait_for_timeout(500)
    assert len(recorded(course)) == 1
    context.close()


def test_a_wrong_access_code_is_refused_with_the_reason_and_queues_nothing(browser, site):
    base, service, course, codes = site
    context, page = open_quiz(browser, base)
    sign_in(page, "cs-101", codes["cs-102"])  # a code that passes the check: somebody else's
    answer(page, RIGHT)
    page.click(".course-collect-button")
    wait_state(page, "refused")
    assert status(page) == ("refused", "没有提交成功：访问码和员工编号对不上，请核对访问码后重新作答。")
    assert page.evaluate("localStorage.getItem('course-collect-queue')") is None
    assert recorded(course) == []
    context.close()


def test_submit_on_an_exam_hands_in_as_the_download_does(browser, exam_site):
    base, service, course, codes = exam_site
    context, page = open_quiz(browser, base)
    sign_in(page, "cs-101", codes["cs-101"])
    answer(page, RIGHT)
    asked = []
    # The learner says no: nothing is sent, the attempt stays open.
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    page.click(".course-collect-button")
    page.wait_for_timeout(300)
    assert asked == ["提交就是交卷，交卷后不能再修改答案。确定交卷吗？"]
    assert status(page)[1] == "" and recorded(course) == []
    assert page.locator(".course-q:not([hidden]) input:disabled").count() == 0
    # The learner says yes: the attempt closes (answers final) and the file is what was handed in.
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    page.click(".course-collect-button")
    wait_state(page, "submitted")
    assert len(asked) == 2
    inputs = page.locator(".course-q:not([hidden]) input")
    assert inputs.count() == 4 and page.locator(".course-q:not([hidden]) input:disabled").count() == 4
    file = page.evaluate("window.submitted[0].file")
    closed = page.evaluate("""() => Object.values(JSON.parse(localStorage.getItem(
        Object.keys(localStorage).find((k) => k.startsWith('course-progress:')))).quizzes.final
        .attempts)[0].closed""")
    assert file["submitted_at"] == closed
    # Handed in: Submit again asks nothing and sends the same file.
    page.click(".course-collect-button")
    page.wait_for_function("window.submitted.length === 2")
    assert len(asked) == 2
    assert page.evaluate("window.submitted[1]")["status"] == "already_recorded"
    assert [(a.learner_id, a.attempt, a.points) for a in recorded(course)] == [("cs-101", 1, 2)]
    context.close()
    # Handed in by download first: Submit then asks nothing and sends the file downloaded.
    context, page = open_quiz(browser, base)
    sign_in(page, "cs-102", codes["cs-102"])
    answer(page, WRONG)
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    with page.expect_download() as download:
        page.click(".course-download-button")
    downloaded = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert asked[2] == "下载答案文件就是交卷，交卷后不能再修改答案。确定交卷吗？"
    assert page.locator(".course-q:not([hidden]) input:disabled").count() == 4
    page.click(".course-collect-button")
    wait_state(page, "submitted")
    assert len(asked) == 3
    assert page.evaluate("window.submitted[0].file") == downloaded
    assert [(a.learner_id, a.points) for a in recorded(course)] == [("cs-101", 2), ("cs-102", 1)]
    context.close()


def test_a_practice_quiz_offers_the_download_alone(browser, site):
    base, *_ = site
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{base}/quiz/practice.html")
    page.wait_for_selector(".course-download-button")
    page.wait_for_function("window.CourseCollect !== undefined")
    page.wait_for_timeout(200)
    assert page.locator(".course-collect-button").count() == 0
    context.close()
