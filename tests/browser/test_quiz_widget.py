"""The quiz widget in Chromium: practice and assessment, keyboard, progress, downloads, events.

Pages come from the fixture course (tests/fixtures/quizcourse), built once and served on
localhost, and from file:// where it matters. Every test fails on any console error.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator.integrity import codes
from generator.integrity.opaque import OpaqueIds
from generator.models.answers import AnswerFile
from generator.scoring import grade_quiz
from generator.shuffle import presentation
from helpers import run_course, serve_directory, served_at_its_site_url
from quizhelpers import (
    QUIZ_COURSE,
    PageOpener,
    answer_with_clicks,
    build_fixture_course,
    check_answer,
    fixture_course,
    page_answer,
    question_box,
    registry_salt,
    start_identified,
)

pytestmark = pytest.mark.browser

# What private modes and blocked storage do: touching localStorage throws.
FORGET_ATTEMPT = """quiz => {
  const key = Object.keys(localStorage).find(k => k.startsWith('course-progress:'));
  const state = JSON.parse(localStorage.getItem(key));
  delete state.quizzes[quiz].attempt;
  localStorage.setItem(key, JSON.stringify(state));
}"""
QUOTA_FULL = """
Storage.prototype.setItem = function () {
  throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
};
"""
NO_STORAGE = """
Object.defineProperty(window, 'localStorage', {
  get() { throw new DOMException('The operation is insecure.', 'SecurityError'); },
});
"""


@pytest.fixture(scope="module")
def course():
    loaded, quizzes = fixture_course()
    return loaded, {q.id: q for q in quizzes}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build_fixture_course(tmp_path_factory, assessment=False)


@pytest.fixture(scope="module")
def server(site):
    base, stop = serve_directory(site)
    yield base
    stop()


@pytest.fixture
def open_page(browser):
    opener = PageOpener(browser)
    yield opener
    assert opener.close() == []  # no console errors, no uncaught exceptions


def quiz_state(page) -> dict:
    return page.evaluate("() => ({...document.querySelector('.course-quiz').dataset})")


def live_text(page) -> str:
    return page.locator(".course-quiz [aria-live]").text_content()


def visible(page, selector: str) -> list[str]:
    return page.locator(selector).evaluate_all(
        "els => els.filter(e => e.offsetParent !== null).map(e => e.dataset.node || e.dataset.option"
        " || e.textContent.trim())")


# ---- Without JavaScript ---------------------------------------------------------------------

def test_without_javascript_every_question_is_readable(open_page, server, course):
    page = open_page(f"{server}/quiz/service-scenario.html", java_script_enabled=False)
    assert page.locator("fieldset.course-q > legend").all_text_contents() == [
        "第 1 题 · 情景对话", "第 2 题 · 情景对话", "第 3 题 · 排序题"]
    # Every node of the conversation shows, with links to where each reply leads.
    assert visible(page, '[data-question="late-parcel"] .course-node') == [
        "open", "checked", "angry", "happy-end", "saved-end", "complaint-end"]
    assert page.locator(".course-goto:visible").count() == 7 + 3
    assert page.locator(".course-feedback:visible, .course-outcome:visible, "
                        ".course-explanation:visible").count() == 0
    assert page.locator(".course-check, .course-continue, .course-move").count() == 0


# ---- Practice: answer, check, feedback, retry ------------------------------------------------

def test_checking_a_single_choice_shows_its_feedback_the_explanation_and_points(open_page, server):
    page = open_page(f"{server}/quiz/basics-practice.html")
    box = question_box(page, "start-day")
    box.locator(".course-check").click()
    assert live_text(page) == "请先选择答案。"
    # Shown too, beside the button, not only announced; gone once an answer is chosen.
    assert visible(page, '[data-question="start-day"] .course-q-actions .course-q-result') == [
        "请先选择答案。"]
    box.locator('input[value="day-3"]').check()
    assert page.locator(".course-q-result", has_text="请先选择答案").count() == 0
    box.locator(".course-check").click()
    assert box.locator(".course-q-result").text_content() == "✘ 错误：得 0/1 分"
    assert live_text(page) == "✘ 错误：得 0/1 分"
    assert box.get_attribute("data-status") == "wrong"
    assert (box.get_attribute("data-points"), box.get_attribute("data-max-points")) == ("0", "1")
    assert sorted(box.locator(".course-mark").all_text_contents()) == ["✔ 正确答案", "✘ 错误"]
    assert visible(page, '[data-question="start-day"] .course-feedback') == [
        "签收当天不计入期限，这一天不算。"]
    assert box.locator(".course-explanation").is_visible()
    assert box.locator(".course-explanation a").evaluate(
        "a => a.pathname + decodeURIComponent(a.hash)") == "/basics/return-window.html#从签收次日起算"
    assert box.locator("input:disabled").count() == 3  # locked once checked
    assert box.locator(".course-check").get_attribute("aria-disabled") == "true"


def test_multiple_choice_partial_credit_and_marks(open_page, server):
    page = open_page(f"{server}/quiz/basics-practice.html")
    box = question_box(page, "evidence")
    for option in ("video", "photo", "memory"):
        box.locator(f'input[value="{option}"]').check()
    box.locator(".course-check").click()
    # (2 right − 0.5 × 1 wrong) / 3 correct × 2 points = 1
    assert box.locator(".course-q-result").text_content() == "◐ 部分正确：得 1/2 分"
    marks = dict(box.locator(".course-option").evaluate_all(
        "lis => lis.map(li => [li.dataset.option, li.querySelector('.course-mark')?.textContent])"))
    assert marks == {"video": "✔ 正确", "photo": "✔ 正确", "chat": "✔ 正确答案",
                     "memory": "✘ 错误", "delete": None}


def test_ordering_moves_with_buttons_and_announces_the_new_place(open_page, server):
    page = open_page(f"{server}/quiz/basics-practice.html")
    box = question_box(page, "refund-steps")

    def order():
        return box.locator(".course-step").evaluate_all("els => els.map(e => e.dataset.step)")

    start = order()
    assert sorted(start) == ["inspect", "receive", "refund"] and start != ["receive", "inspect", "refund"]
    first_up = box.locator(".course-step").first.locator(".course-move").first
    assert first_up.get_attribute("aria-disabled") == "true"
    moved = start[1]
    box.locator(f'.course-step[data-step="{moved}"] .course-move').first.click()
    assert order()[0] == moved
    text = box.locator(f'.course-step[data-step="{moved}"]').evaluate("li => li.firstChild.textContent")
    assert live_text(page) == f"“{text.strip()}”移到第 1 位，共 3 位。"


def test_a_conversation_unfolds_along_the_chosen_path(open_page, server):
    page = open_page(f"{server}/quiz/service-scenario.html")
    box = question_box(page, "late-parcel")

    def nodes():
        return visible(page, '[data-question="late-parcel"] .course-node')

    assert nodes() == ["open"]
    assert page.locator(".course-goto:visible").count() == 0
    box.locator('[data-node="open"] .course-continue').click()
    assert live_text(page) == "请先选择答案。"
    assert box.locator('[data-node="open"] .course-continue + .course-q-result').text_content() \
        == "请先选择答案。"
    box.locator('input[value="blame"]').check()
    box.locator('[data-node="open"] .course-continue').click()
    assert nodes() == ["open", "angry"]
    assert page.evaluate("document.activeElement.dataset.node") == "angry"
    assert live_text(page) == "推卸责任会让买家更生气。"  # focus reads the next message itself
    assert visible(page, '[data-question="late-parcel"] .course-feedback') == ["推卸责任会让买家更生气。"]
    assert visible(page, '[data-node="open"] .course-option') == ["blame"]  # the reply given
    box.locator('input[value="apologize"]').check()
    box.locator('[data-node="angry"] .course-continue').click()
    assert nodes() == ["open", "angry", "saved-end"]
    assert box.locator(".course-outcome").filter(has_text="买家接受了道歉").is_visible()
    # Path points 0 + 1 of the best 5, times the question's 3 points.
    assert box.locator(".course-q-result").text_content() == "◐ 部分正确：得 0.6/3 分"
    assert box.get_attribute("data-points") == str(3 * (1 / 5))


def test_finishing_a_quiz_scores_it_emits_quiz_graded_and_retry_starts_over(open_page, server,
                                                                            course):
    loaded, quizzes = course
    quiz = quizzes["service-scenario"]
    page = open_page(f"{server}/quiz/service-scenario.html")
    page.evaluate("""window.graded = [];
        document.addEventListener('quiz:graded', e => graded.push({target: e.target.id, ...e.detail}))""")
    answers = {"late-parcel": ["soothe", "promise-date"], "wrong-size": ["ask-photo", "exchange-late"],
               "ticket-steps": ["read", "order", "rules", "ask", "decide", "reply", "note"]}
    for question in quiz.questions:
        answer_with_clicks(page, question, answers[question.id])
        check_answer(page, question)
    expected = grade_quiz(quiz, answers)
    state = quiz_state(page)
    assert float(state["score"]) == expected.score and state["passed"] == "true"
    assert page.evaluate("graded") == [{
        "target": "quiz-service-scenario", "quiz": "service-scenario", "score": expected.score,
        "passed": True, "points": expected.points, "maxPoints": expected.max_points,
        "mode": "practice"}]
    result = page.locator(".course-quiz-result")
    assert result.text_content() == (f"得分 {expected.percent}%（{round(expected.points, 2):g}/5 分）"
                                     "✔ 通过（及格线 60%）")
    seed = state["seed"]
    page.locator(".course-learner").fill("王小明")
    download(page)
    assert page.locator(".course-download-note").text_content().startswith("已下载答案文件：")
    page.locator(".course-retry").click()
    after = quiz_state(page)
    assert "score" not in after and after["seed"] != seed
    assert page.locator(".course-download-note").text_content() == ""  # that file was the last try
    assert page.locator(".course-q-result:visible").count() == 0
    assert visible(page, '[data-question="late-parcel"] .course-node') == ["open"]
    assert page.evaluate("graded.length") == 1


# ---- Keyboard and accessibility --------------------------------------------------------------

def test_everything_works_from_the_keyboard_with_visible_focus(open_page, server):
    page = open_page(f"{server}/quiz/service-scenario.html")
    page.evaluate("document.querySelector('.course-quiz').scrollIntoView()")
    # Conversation: arrow keys choose, Tab reaches Continue, Enter takes the step.
    page.locator('input[value="soothe"]').focus()
    page.keyboard.press("ArrowDown")  # moves to the next reply and chooses it
    chosen = page.evaluate("document.activeElement.value")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('course-continue')")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.classList.contains('course-node')")
    assert page.evaluate("document.querySelector('[data-node=\"open\"] .is-chosen').dataset.option") == chosen
    # Ordering: move the third step up twice with Enter, focus stays on its button.
    box = question_box(page, "ticket-steps")
    third = box.locator(".course-step").nth(2)
    step = third.get_attribute("data-step")
    third.locator(".course-move").first.focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    assert box.locator(".course-step").first.get_attribute("data-step") == step
    assert page.evaluate("document.activeElement.closest('.course-step').dataset.step") == step
    page.keyboard.press("Tab")  # down button of the same step
    page.keyboard.press("Tab")  # up button of the next step
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.getAttribute('aria-disabled')") == "true"
    page.keyboard.press("Enter")  # at the top already: nothing happens
    assert box.locator(".course-step").first.get_attribute("data-step") == step


def test_questions_are_fieldsets_with_legends_and_feedback_is_announced(open_page, server):
    page = open_page(f"{server}/quiz/basics-practice.html")
    assert page.locator(".course-quiz fieldset").count() == page.locator(
        ".course-quiz fieldset > legend").count() == 7
    live = page.locator(".course-quiz [aria-live]")
    assert (live.count(), live.get_attribute("aria-live"), live.get_attribute("role")) == (
        1, "polite", "status")
    labels = page.locator(".course-move").evaluate_all("bs => bs.map(b => b.getAttribute('aria-label'))")
    assert all(label.startswith(("上移：", "下移：")) and len(label) > 3 for label in labels)


def test_phone_width_needs_no_horizontal_scrolling(open_page, server, site):
    for name in ("basics-practice", "service-scenario", "final-exam"):
        page = open_page(f"{server}/quiz/{name}.html", viewport={"width": 360, "height": 740},
                         is_mobile=True, has_touch=True)
        if name == "final-exam":  # its id + code form first, which must fit too
            width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
            assert width[0] <= width[1], (name, "identity form", width)
            start_identified(page, "CS-017", codes.new_code())
        for box in page.locator(".course-q").all()[:2]:
            first = box.locator("input").first
            if first.count():
                first.check()
        width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1], (name, width)
        page.context.close()


def test_progress_rows_are_big_enough_to_tap_on_a_phone(open_page, server):
    page = open_page(f"{server}/progress.html", viewport={"width": 360, "height": 740},
                     is_mobile=True, has_touch=True)
    page.locator(".course-progress.is-live").wait_for()
    heights = page.locator(".course-progress-list a").evaluate_all(
        "links => links.map(a => a.getBoundingClientRect().height)")
    assert heights and min(heights) >= 44, heights
    states = page.locator(".course-progress-state").evaluate_all(
        "spans => spans.map(s => s.getClientRects().length)")
    assert set(states) == {1}, states  # each state word on one line


# ---- Shuffling ---------------------------------------------------------------------------------

def test_the_order_shown_is_the_python_replay_of_the_recorded_seed(open_page, server, course):
    _, quizzes = course
    quiz = quizzes["basics-practice"]
    page = open_page(f"{server}/quiz/basics-practice.html")
    for _ in range(3):
        seed = int(quiz_state(page)["seed"])
        shown = presentation(quiz, seed)
        assert page.locator(".course-q").evaluate_all(
            "els => els.map(e => e.dataset.question)") == shown.questions
        numbers = page.locator(".course-q-number").all_text_contents()
        assert numbers == [f"第 {n} 题" for n in range(1, 8)]
        for qid, options in shown.options.items():
            assert question_box(page, qid).locator(".course-option").evaluate_all(
                "els => els.map(e => e.dataset.option)") == options
        page.reload()  # the same attempt keeps its seed and order
        assert int(quiz_state(page)["seed"]) == seed
        page.evaluate(FORGET_ATTEMPT, "basics-practice")  # as if the learner came back later
        page.reload()


# ---- Progress in localStorage ----------------------------------------------------------------

def test_progress_survives_reloads_and_shows_on_the_progress_page(open_page, server, course):
    _, quizzes = course
    page = open_page(f"{server}/progress.html")
    assert page.locator(".course-progress-summary").text_content() == (
        "已读 0/2 课，已完成 0/3 个测验。")
    assert page.locator(".course-progress-nojs").is_hidden()
    page.goto(f"{server}/basics/return-window.html")
    quiz = quizzes["service-scenario"]
    page.goto(f"{server}/quiz/service-scenario.html")
    answers = {"late-parcel": ["blame", "ignore"], "wrong-size": ["exchange"],
               "ticket-steps": ["read", "order", "rules", "ask", "decide", "note", "reply"]}
    for question in quiz.questions[:2]:
        answer_with_clicks(page, question, answers[question.id])
    page.reload()  # half-way: the answers given so far are still there
    assert visible(page, '[data-question="late-parcel"] .course-node') == [
        "open", "angry", "complaint-end"]
    assert question_box(page, "late-parcel").locator(".course-q-result").text_content() == (
        "✘ 错误：得 0/3 分")
    answer_with_clicks(page, quiz.questions[2], answers["ticket-steps"])
    check_answer(page, quiz.questions[2])
    first = grade_quiz(quiz, answers)
    page.locator(".course-retry").click()
    better = dict(answers, **{"late-parcel": ["soothe", "promise-date"]})
    for question in quiz.questions:
        answer_with_clicks(page, question, better[question.id])
        check_answer(page, question)
    best = grade_quiz(quiz, better)
    page.reload()
    assert float(quiz_state(page)["score"]) == best.score  # the finished attempt is kept
    page.locator(".course-retry").click()
    for question in quiz.questions:
        answer_with_clicks(page, question, answers[question.id])
        check_answer(page, question)
    page.goto(f"{server}/progress.html")
    states = dict(page.locator(".course-progress-list li").evaluate_all(
        "lis => lis.map(li => [li.querySelector('a').textContent, "
        "li.querySelector('.course-progress-state').textContent])"))
    assert states == {
        "七天从哪天算": "✔ 已读", "基础练习": "未开始", "先安抚，再处理": "未读",
        "沟通情景练习": f"最高分 {best.percent}% · 上次 {first.percent}% · ✔ 已通过",
        "结业考核": "未开始"}
    assert page.locator(".course-progress-summary").text_content() == (
        "已读 1/2 课，已完成 1/3 个测验。")
    assert page.locator(".course-progress-left").text_content() == "还剩 3 项未完成。下一项：基础练习"
    assert page.locator(".course-progress-left a").get_attribute("href").endswith(
        "quiz/basics-practice.html")
    assert page.locator("li.is-done").count() == 2


def test_reset_asks_first_then_clears_everything(open_page, server):
    page = open_page(f"{server}/basics/return-window.html")
    page.goto(f"{server}/progress.html")
    assert page.locator(".course-progress-summary").text_content().startswith("已读 1/2 课")
    dialogs = []
    page.once("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.locator(".course-progress-reset").click()
    assert dialogs == ["确定要清除本课程在这个浏览器里的全部学习进度吗？此操作无法撤销。"]
    assert page.locator(".course-progress-summary").text_content().startswith("已读 1/2 课")
    page.once("dialog", lambda d: d.accept())
    page.locator(".course-progress-reset").click()
    assert page.locator(".course-progress-summary").text_content().startswith("已读 0/2 课")
    assert page.locator(".course-progress-message").text_content() == "学习进度已清除。"
    page.reload()
    assert page.locator(".course-progress-summary").text_content().startswith("已读 0/2 课")


def test_two_courses_on_one_host_keep_separate_progress(open_page, site, tmp_path):
    shutil.copytree(site, tmp_path / "a")
    shutil.copytree(site, tmp_path / "b")
    base, stop = serve_directory(tmp_path)
    try:
        page = open_page(f"{base}/a/basics/return-window.html")
        page.goto(f"{base}/a/progress.html")
        assert page.locator(".course-progress-summary").text_content().startswith("已读 1/2 课")
        page.goto(f"{base}/b/progress.html")
        assert page.locator(".course-progress-summary").text_content().startswith("已读 0/2 课")
        page.goto(f"{base}/b/quiz/final-exam.html")
        start_identified(page, "CS-017", codes.new_code())  # starts an attempt: b's own record
        keys = page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('course-'))")
        assert sorted(keys) == ["course-progress:/a/", "course-progress:/b/"]
        page.wait_for_load_state("networkidle")  # the search worker, before the server stops
    finally:
        stop()


def test_when_storage_refuses_writes_everything_still_works(open_page, server, course):
    _, quizzes = course
    page = open_page()
    page.add_init_script(QUOTA_FULL)  # Safari's private mode did this
    page.goto(f"{server}/quiz/basics-practice.html")
    assert page.locator(".course-storage-note").text_content() == (
        "这个浏览器不允许保存学习进度（例如隐私模式），关闭页面后进度不会保留。")
    question = quizzes["basics-practice"].questions[0]
    answer_with_clicks(page, question, "day-4")
    check_answer(page, question)
    assert question_box(page, "start-day").get_attribute("data-status") == "correct"
    page.goto(f"{server}/progress.html")
    assert page.locator(".course-progress-summary").text_content().startswith("已读 0/2 课")
    assert page.locator(".course-storage-note").is_visible()


def test_when_storage_is_blocked_the_widget_adds_no_error(browser, server, course):
    """Blocked storage makes Material's own inline scripts throw; the widget must add nothing."""
    _, quizzes = course

    def errors(widget: bool) -> list[str]:
        opener = PageOpener(browser)
        page = opener()
        page.add_init_script(NO_STORAGE)
        if not widget:
            page.route("**/assets/course/quiz.js", lambda route: route.fulfill(
                body="", content_type="text/javascript"))
        page.goto(f"{server}/quiz/basics-practice.html")
        if widget:
            question = quizzes["basics-practice"].questions[0]
            answer_with_clicks(page, question, "day-4")
            check_answer(page, question)
            assert question_box(page, "start-day").get_attribute("data-status") == "correct"
        page.goto(f"{server}/progress.html")
        if widget:
            assert page.locator(".course-progress-summary").text_content().startswith("已读 0/2")
        return opener.close()

    without = errors(widget=False)
    assert without  # Material's palette script reads localStorage unguarded
    assert errors(widget=True) == without


# ---- Answer files ------------------------------------------------------------------------------

def download(page) -> dict:
    with page.expect_download() as info:
        page.locator(".course-download-button").click()
    return json.loads(Path(info.value.path()).read_text(encoding="utf-8"))


def test_practice_answer_file_validates_and_grades_to_the_score_shown(open_page, server, course):
    _, quizzes = course
    quiz = quizzes["basics-practice"]
    page = open_page(f"{server}/quiz/basics-practice.html")
    page.evaluate("window.files = []; document.addEventListener('quiz:answers', e => files.push(e.detail))")
    page.locator(".course-download-button").click()  # no name yet: asked for, nothing written
    assert page.locator(".course-learner").get_attribute("aria-invalid") == "true"
    assert page.evaluate("document.activeElement.classList.contains('course-learner')")
    assert page.locator(".course-download-note").text_content() == "请先填写姓名或工号，再下载答案。"
    page.locator(".course-learner").fill("王小明 A017")
    answers = {"start-day": "day-4", "evidence": ["video", "chat", "delete"],
               "refund-channels": ["original", "partial-refund"], "reason-needed": True,
               "inspect-steps": ["record", "open", "decide", "check"],
               "reply-steps": ["greet", "confirm", "promise", "explain", "thank", "note"],
               "refund-steps": ["receive", "inspect", "refund"]}
    for question in quiz.questions:
        answer_with_clicks(page, question, answers[question.id])
        check_answer(page, question)
    file = download(page)
    parsed = AnswerFile.model_validate_json(json.dumps(file)).root  # either format
    assert parsed.learner.name == "王小明 A017" and parsed.quiz == "basics-practice"
    assert parsed.seed == int(quiz_state(page)["seed"])
    assert [a.question for a in parsed.answers] == [q.id for q in quiz.questions]  # YAML order
    graded = grade_quiz(quiz, {a.question: a.answer for a in parsed.answers})
    assert graded.score == float(quiz_state(page)["score"]) == parsed.page_score
    assert all(a.answered_at is not None for a in parsed.answers)
    assert page.evaluate("files.map(f => [f.quiz, f.mode, f.file.seed])") == [
        ["basics-practice", "practice", parsed.seed]]
    # The name is remembered for the next quiz, and can be changed there (a practice one: an
    # assessment asks for the staff id and access code instead).
    page.goto(f"{server}/quiz/service-scenario.html")
    assert page.locator(".course-learner").input_value() == "王小明 A017"


def test_downloading_with_questions_left_says_how_many(open_page, server, course):
    _, quizzes = course
    quiz = quizzes["final-exam"]
    ids = OpaqueIds(quiz, registry_salt(QUIZ_COURSE))
    page = open_page(f"{server}/quiz/final-exam.html")
    start_identified(page, "CS-017", codes.new_code())  # an assessment asks who first
    answer_with_clicks(page, quiz.questions[0], "d17", ids)
    download(page)
    assert page.locator(".course-quiz-status").text_content() == "作答人 CS-017 · 第 1 次作答 · 已作答 1/5 题"
    assert page.locator(".course-download-note").text_content() == (
        "已下载答案文件：final-exam-CS-017.json。注意：还有 4 题没有作答，答完后可以再下载一次。")


def test_assessment_shows_no_result_and_its_answer_file_grades_in_python(open_page, server,
                                                                       course):
    _, quizzes = course
    quiz = quizzes["final-exam"]
    ids = OpaqueIds(quiz, registry_salt(QUIZ_COURSE))
    page = open_page(f"{server}/quiz/final-exam.html")
    page.evaluate("""window.events = [];
        for (const name of ['quiz:graded', 'quiz:answers'])
          document.addEventListener(name, e => events.push([name, e.detail]))""")
    assert page.locator(".course-check").count() == 0
    start_identified(page, "CS-017", codes.new_code())  # an assessment asks who first
    assert page.locator(".course-quiz-status").text_content() == "作答人 CS-017 · 第 1 次作答 · 已作答 0/5 题"
    answers = {"exam-day": "d17", "exam-evidence": ["unbox", "guess"], "exam-private": False,
               "exam-order": ["agree", "check", "wait", "pay"], "exam-chat": ["q-sorry", "q-refund"]}
    for question in quiz.questions:
        answer_with_clicks(page, question, answers[question.id], ids)
    assert page.locator(".course-quiz-status").text_content() == "作答人 CS-017 · 第 1 次作答 · 已作答 5/5 题"
    assert page.locator(".course-mark[data-mark='right'], .course-mark[data-mark='wrong'], "
                        ".course-q-result:visible, .course-quiz-result:visible").count() == 0
    box = question_box(page, "exam-chat", ids)
    # Replies are final on an assessment page: no restart, the answered steps are locked.
    assert box.locator(".course-restart").count() == 0
    assert box.locator(".is-done input:enabled").count() == 0
    chat_nodes = f'[data-question="{ids.question("exam-chat")}"] .course-node'
    path_taken = visible(page, chat_nodes)
    file = download(page)
    parsed = AnswerFile.model_validate_json(json.dumps(file)).root  # either format
    assert parsed.page_score is None and "page_score" not in file
    by_id = {q.id: q for q in quiz.questions}
    assert {a.question: a.answer for a in parsed.answers} == {
        ids.question(q): page_answer(by_id[q], a, ids) for q, a in answers.items()}
    assert grade_quiz(quiz, answers).percent == 60  # 1 + 0 + 1 + 0 (no pair right) + 1
    assert [name for name, _ in page.evaluate("events")] == ["quiz:answers"]
    assert page.evaluate("events[0][1].file") == file
    page.reload()  # the path taken stays taken (the tab still knows who, and the code)
    page.locator(".course-quiz:not(.is-waiting)").wait_for()
    assert visible(page, chat_nodes) == path_taken and len(path_taken) == 3
    page.goto(f"{server}/progress.html")
    state = page.locator('[data-progress-quiz="final-exam"] .course-progress-state').text_content()
    assert state == f"✔ 已下载答案（{parsed.submitted_at.date().isoformat()}）"


def test_from_file_url_the_quiz_works_and_downloads(open_page, site, course):
    _, quizzes = course
    quiz = quizzes["service-scenario"]
    page = open_page((site / "quiz" / "service-scenario.html").as_uri())
    assert quiz_state(page)["courseReady"] == "true"
    answers = {"late-parcel": ["wait", "promise-date"], "wrong-size": ["exchange"],
               "ticket-steps": ["read", "order", "rules", "ask", "decide", "reply", "note"]}
    for question in quiz.questions:
        answer_with_clicks(page, question, answers[question.id])
        check_answer(page, question)
    page.locator(".course-learner").fill("韩梅梅")
    file = download(page)
    assert file["page_score"] == grade_quiz(quiz, answers).score == float(quiz_state(page)["score"])
    page.goto((site / "progress.html").as_uri())
    assert "最高分" in page.locator('[data-progress-quiz="service-scenario"]').text_content()


# ---- Start-up: idempotent, with Material's instant navigation -------------------------------

def test_initialising_again_binds_nothing_twice(open_page, server):
    page = open_page(f"{server}/quiz/basics-practice.html")
    page.evaluate("CourseQuiz.init(); CourseQuiz.init(); document$.next(document)")
    assert page.locator(".course-check").count() == 7
    assert page.locator(".course-quiz-footer").count() == 1
    assert page.locator(".course-moves").count() == 4 + 6 + 3
    page.evaluate("window.graded = 0; document.addEventListener('quiz:graded', () => graded++)")
    box = question_box(page, "refund-steps")
    before = box.locator(".course-step").evaluate_all("els => els.map(e => e.dataset.step)")
    box.locator(".course-step").nth(1).locator(".course-move").first.click()
    after = box.locator(".course-step").evaluate_all("els => els.map(e => e.dataset.step)")
    assert after == [before[1], before[0], before[2]]  # moved once, not twice


def test_instant_navigation_initialises_each_page_once(open_page, tmp_path):
    folder = tmp_path / "course"
    shutil.copytree(QUIZ_COURSE, folder)
    with served_at_its_site_url(folder, tmp_path / "www") as site:
        page = open_page(f"{site}/basics/return-window.html")
        # Material intercepts clicks only once its script has loaded the sitemap; on a busy
        # machine a click before that is an ordinary (full) page load.
        page.wait_for_load_state("networkidle")
        page.evaluate("window.sameDocument = true")
        # Clicks on navigation links (some sit in collapsed sections), as Material sees them.

        def follow(path):
            page.locator(f'.md-nav a[href$="{path}"]').first.dispatch_event("click", {"button": 0})

        follow("quiz/basics-practice.html")
        page.wait_for_selector(".course-quiz.is-live")
        assert page.evaluate("window.sameDocument") is True  # no full page load happened
        assert page.locator(".course-check").count() == 7
        follow("quiz/service-scenario.html")
        page.wait_for_selector('.course-quiz.is-live[data-quiz="service-scenario"]')
        page.go_back()
        page.wait_for_selector('.course-quiz.is-live[data-quiz="basics-practice"]')
        assert page.evaluate("window.sameDocument") is True
        assert page.locator(".course-check").count() == 7
        assert page.locator(".course-quiz-footer").count() == 1
        follow("progress.html")
        page.wait_for_selector(".course-progress.is-live")
        assert page.locator(".course-progress-summary").text_content().startswith("已读 1/2 课")
        assert page.locator(".course-progress-reset").count() == 1


def test_english_course_speaks_english(open_page, tmp_path, course):
    folder = tmp_path / "course"
    shutil.copytree(QUIZ_COURSE, folder)
    course_file = folder / "content" / "course.yml"
    course_file.write_text(course_file.read_text(encoding="utf-8").replace(
        "language: zh", "language: en"), encoding="utf-8")
    # course.yml is the one switch: mkdocs.yml says nothing of the language.
    config = folder / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  language: zh\n", "").replace(
        "  - search:\n      lang: zh\n", "  - search\n"), encoding="utf-8")
    run_course("build", "-f", str(config), "-d", str(tmp_path / "site"), check=True)
    page = open_page((tmp_path / "site" / "quiz" / "basics-practice.html").as_uri())
    box = question_box(page, "reason-needed")
    box.locator('input[value="false"]').check()
    box.locator(".course-check").click()
    assert box.locator(".course-q-result").text_content() == "✔ Correct: 0.5/0.5 points"
    assert box.locator(".course-check").text_content() == "Checked"
    assert page.locator(".course-download-button").text_content() == "Download my answers"
    page.goto((tmp_path / "site" / "progress.html").as_uri())
    assert page.locator(".course-progress-summary").text_content() == (
        "Lessons read: 0 of 2. Quizzes done: 0 of 3.")


def test_without_material_the_widget_starts_on_domcontentloaded(open_page, site, tmp_path, course):
    """A page of another theme: no document$, the script in <head>, before the quiz exists."""
    _, quizzes = course
    source = open_page((site / "quiz" / "service-scenario.html").as_uri(), java_script_enabled=False)
    quiz_html = source.locator(".course-quiz").evaluate("el => el.outerHTML")
    shutil.copy(site / "assets" / "course" / "quiz.js", tmp_path / "quiz.js")
    (tmp_path / "plain.html").write_text(
        '<!doctype html><html lang="zh"><head><meta charset="utf-8"><script src="quiz.js"></script>'
        f"</head><body>{quiz_html}</body></html>", encoding="utf-8")
    page = open_page((tmp_path / "plain.html").as_uri())
    assert page.evaluate("typeof window.document$") == "undefined"
    assert quiz_state(page)["courseReady"] == "true"
    question = quizzes["service-scenario"].questions[1]
    answer_with_clicks(page, question, ["exchange"])
    assert question_box(page, "wrong-size").get_attribute("data-status") == "correct"
