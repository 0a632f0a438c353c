"""A learner's journey through the bundled course in Chromium, at desktop and at phone size.

The learner reads a lesson, answers every question type of a practice quiz with the keyboard
alone, fails, tries again and passes, reloads, downloads the answer file, and `course grade` gives
that file the score the page showed. Then every page of the built site, at both sizes: nothing
scrolls sideways, nothing logs an error, every request succeeds.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from generator.models.quiz import (
    MultipleChoice,
    Ordering,
    Question,
    Scenario,
    SingleChoice,
    TrueFalse,
)
from generator.scoring import grade_question, grade_quiz
from helpers import ROOT, run_course, serve_directory
from quizhelpers import bundled_course, question_box, scenario_paths

pytestmark = pytest.mark.browser

CONFIG = ROOT / "mkdocs.yml"  # what `built_site` was built from
SITE_PATH = urlsplit(yaml.safe_load(CONFIG.read_text(encoding="utf-8"))["site_url"]).path
QUIZ = "rules-practice"  # every question type, as each section's practice quiz
LESSON = "rules/seven-day-return.html"
LEARNER = "王小明 A017"

DESKTOP = {"viewport": {"width": 1280, "height": 800}}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
SCREENS = [pytest.param(DESKTOP, id="desktop-1280x800"), pytest.param(PHONE, id="phone-390x844")]


@pytest.fixture(scope="module")
def course_url(built_site, tmp_path_factory) -> str:
    """The built course served under site_url's path, as it is deployed: 404.html links its
    styles and scripts from there, since it answers for any address."""
    root = tmp_path_factory.mktemp("www")
    (root / SITE_PATH.strip("/")).symlink_to(built_site, target_is_directory=True)
    base, stop = serve_directory(root)
    yield base + SITE_PATH
    stop()


@pytest.fixture(scope="module")
def quiz():
    _, quizzes = bundled_course()
    return next(q for q in quizzes if q.id == QUIZ)


# Material's search says this (in Chinese) until its worker has loaded the index and lunr.
SEARCH_STARTING = "正在初始化搜索引擎"
SEARCH_READY = """starting => {
    const meta = document.querySelector('.md-search-result__meta');
    return meta !== null && meta.textContent.trim() !== starting;
}"""


class Watch:
    """What goes wrong on a page (console errors, uncaught exceptions, failed requests, HTTP
    errors), and which requests are still in flight."""

    def __init__(self, page):
        self.page = page
        self.problems: list[str] = []
        self.in_flight: set = set()
        page.on("console", lambda m: m.type == "error" and self.note(f"console error: {m.text}"))
        page.on("pageerror", lambda e: self.note(f"uncaught exception: {e}"))
        page.on("request", lambda r: self.in_flight.add(r))
        page.on("requestfinished", lambda r: self.in_flight.discard(r))
        page.on("requestfailed", self.failed)
        page.on("response", lambda r: r.status >= 400 and self.note(f"HTTP {r.status}: {r.url}"))

    def note(self, problem: str) -> None:
        self.problems.append(f"{self.page.url}: {problem}")

    def failed(self, request) -> None:
        self.in_flight.discard(request)
        self.note(f"request failed: {request.url} ({request.failure})")

    def visit(self, url: str | None = None) -> None:
        """Open a page (or reload this one) and stay until it has settled."""
        if url:
            self.page.goto(url)
        else:
            self.page.reload()
        self.settle()

    def settle(self, quiet_ms: int = 100, timeout_s: float = 10) -> None:
        """Wait until the search is ready and nothing has loaded for a moment: after `load` the
        search worker fetches its index and scripts, and leaving earlier would abort them."""
        from playwright.sync_api import TimeoutError as PlaywrightTimeout  # where it is installed

        try:
            self.page.wait_for_function(SEARCH_READY, arg=SEARCH_STARTING,
                                        timeout=timeout_s * 1000)
        except PlaywrightTimeout:
            self.note(f"the search was not ready after {timeout_s} s")
        deadline = time.monotonic() + timeout_s
        quiet = 0
        while quiet < quiet_ms and time.monotonic() < deadline:
            self.page.wait_for_timeout(50)
            quiet = 0 if self.in_flight else quiet + 50


def open_page(browser, screen: dict):
    context = browser.new_context(**screen)
    page = context.new_page()
    return page, Watch(page)


def site_pages(site: Path) -> list[str]:
    return sorted(path.relative_to(site).as_posix() for path in site.rglob("*.html"))


def sideways_overflow(page) -> str | None:
    """None when the page fits the window's width; else the widths and the widest elements."""
    width, window, screen = page.evaluate(
        "[document.documentElement.scrollWidth, window.innerWidth, screen.width]")
    # A phone zooms out to fit a too-wide page, which widens innerWidth: compare with the screen.
    if width <= window <= screen:
        return None
    # The innermost visible elements that stick out: the ones to fix.
    culprits = page.evaluate("""() => {
        const out = el => el.offsetParent !== null
          && el.getBoundingClientRect().right > Math.min(innerWidth, screen.width) + 0.5;
        return [...document.querySelectorAll('body *')]
          .filter(el => out(el) && ![...el.children].some(out)).slice(0, 5)
          .map(el => `${el.tagName.toLowerCase()}.${el.getAttribute('class')} ends at `
                     + el.getBoundingClientRect().right);
    }""")
    return f"scrollWidth {width} > innerWidth {window} (screen {screen}): {culprits}"


def assert_fits(page) -> None:
    assert sideways_overflow(page) is None, sideways_overflow(page)


# ---- Answers, as the grader reads them -----------------------------------------------------

def right_answer(question: Question):
    if isinstance(question, SingleChoice):
        return next(o.id for o in question.options if o.correct)
    if isinstance(question, MultipleChoice):
        return [o.id for o in question.options if o.correct]
    if isinstance(question, TrueFalse):
        return question.answer
    if isinstance(question, Ordering):
        return [item.id for item in question.items]  # listed in the right order
    return max(scenario_paths(question, complete_only=True),
               key=lambda path: grade_question(question, path).points)


def wrong_answer(question: Question):
    if isinstance(question, SingleChoice):
        return next(o.id for o in question.options if not o.correct)
    if isinstance(question, MultipleChoice):
        return [o.id for o in question.options if not o.correct]
    if isinstance(question, TrueFalse):
        return not question.answer
    if isinstance(question, Ordering):
        return [item.id for item in reversed(question.items)]
    return min(scenario_paths(question, complete_only=True),
               key=lambda path: grade_question(question, path).points)


def nearly_right_answers(quiz) -> dict:
    """Right, except one correct option left out of a multiple choice: a pass below 100%, so
    that a score that matches means something."""
    answers = {q.id: right_answer(q) for q in quiz.questions}
    partial = next(q for q in quiz.questions
                   if isinstance(q, MultipleChoice) and q.scoring == "partial")
    answers[partial.id] = answers[partial.id][1:]
    return answers


# ---- The keyboard --------------------------------------------------------------------------

FOCUS = """selector => {
  const el = document.activeElement;
  const name = el ? `${el.tagName.toLowerCase()}.${el.className}[${el.value || ''}]` : 'none';
  return [Boolean(el && el.matches(selector)), name];
}"""


def focus_is(page, selector: str) -> bool:
    return page.evaluate(FOCUS, selector)[0]


def tab_to(page, selector: str, limit: int = 40) -> None:
    """Press Tab until the focused element matches; fails with the path focus took if it never
    gets there (a keyboard trap, or a control Tab skips)."""
    trail = []
    for _ in range(limit):
        matched, name = page.evaluate(FOCUS, selector)
        if matched:
            return
        trail.append(name)
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}; focus went {' → '.join(trail)}")


def press_enter_on(page, selector: str) -> None:
    tab_to(page, selector)
    page.keyboard.press("Enter")


def choose_radio(page, scope: str, value: str) -> None:
    """Tab into a radio group, then arrow keys (which choose as they move), or Space where focus
    lands on the wanted one already."""
    radios = f"{scope} input[type=radio]"
    tab_to(page, radios)
    values = page.locator(radios).evaluate_all("els => els.map(e => e.value)")
    here = values.index(page.evaluate("document.activeElement.value"))
    steps = (values.index(value) - here) % len(values)
    for _ in range(steps):
        page.keyboard.press("ArrowDown")
    if not steps:
        page.keyboard.press("Space")
    assert page.locator(f'{scope} input[value="{value}"]').is_checked()


def tick_checkboxes(page, scope: str, wanted: list[str]) -> None:
    """Tab through the boxes, Space on those to change."""
    boxes = f"{scope} input[type=checkbox]"
    tab_to(page, boxes)
    while focus_is(page, boxes):
        value, checked = page.evaluate("[document.activeElement.value, "
                                       "document.activeElement.checked]")
        if checked != (value in wanted):
            page.keyboard.press("Space")
        page.keyboard.press("Tab")
    assert sorted(page.locator(f"{boxes}:checked").evaluate_all(
        "els => els.map(e => e.value)")) == sorted(wanted)


def put_in_order(page, scope: str, order: list[str]) -> None:
    """Top to bottom: Tab to the step that belongs here, Enter on its up button until it is
    there. Focus stays on the button as its step moves."""
    def steps():
        return page.locator(f"{scope} .course-step").evaluate_all(
            "els => els.map(e => e.dataset.step)")

    for place, step in enumerate(order):
        now = steps().index(step)
        if now == place:
            continue
        tab_to(page, f'{scope} .course-step[data-step="{step}"] .course-move:first-child')
        for _ in range(now - place):
            page.keyboard.press("Enter")
    assert steps() == order


def talk(page, scope: str, path: list[str]) -> None:
    """Each reply: choose it in its step, Tab to Continue, Enter; focus goes to the next step."""
    for choice in path:
        node = f'{scope} .course-node:has(input[value="{choice}"])'
        choose_radio(page, node, choice)
        press_enter_on(page, f"{node} .course-continue")
        assert focus_is(page, f'{scope} .course-node:not(:has(input[value="{choice}"]))')


def answer_by_keyboard(page, question: Question, answer) -> None:
    scope = f'.course-q[data-question="{question.id}"]'
    if isinstance(question, (SingleChoice, TrueFalse)):
        choose_radio(page, scope, str(answer).lower() if isinstance(answer, bool) else answer)
    elif isinstance(question, MultipleChoice):
        tick_checkboxes(page, scope, answer)
    elif isinstance(question, Ordering):
        put_in_order(page, scope, answer)
    if isinstance(question, Scenario):
        talk(page, scope, answer)  # checked when the conversation ends
    else:
        press_enter_on(page, f"{scope} .course-check")


def take_quiz(page, quiz, answers: dict) -> None:
    """Every question in the order shown, from the keyboard, checking the feedback of each."""
    shown = page.locator(".course-q").evaluate_all("els => els.map(e => e.dataset.question)")
    questions = {q.id: q for q in quiz.questions}
    for qid in shown:
        answer_by_keyboard(page, questions[qid], answers[qid])
        assert_feedback_shown(page, questions[qid], answers[qid])


# ---- What the page shows -------------------------------------------------------------------

def assert_feedback_shown(page, question: Question, answer) -> None:
    """The result, the explanation, and feedback on exactly the options or replies chosen."""
    box = question_box(page, question.id)
    expected = grade_question(question, answer)
    assert box.get_attribute("data-status") == expected.status
    assert float(box.get_attribute("data-points")) == pytest.approx(expected.points)
    assert box.locator(".course-q-result").is_visible()
    if question.explanation:
        assert box.locator(".course-explanation").is_visible()
    if isinstance(question, Ordering):
        assert box.locator(".course-step .course-mark").count() == len(question.items)
        return
    chosen = [str(answer).lower()] if isinstance(answer, (bool, str)) else answer
    options = box.locator(".course-option").evaluate_all("""lis => lis.map(li => {
        const mark = li.querySelector('.course-mark:not([data-mark=points])');
        const feedback = li.querySelector('.course-feedback');
        return {id: li.dataset.option, mark: mark && mark.dataset.mark,
                feedback: feedback && !feedback.hidden};  // null: this option has none
    })""")
    for option in options:
        if option["id"] in chosen:
            assert option["mark"] in ("right", "wrong", "you"), option
            assert option["feedback"] is not False, f"{question.id}: no feedback on {option}"
        else:
            assert not option["feedback"], f"{question.id}: feedback on a reply not given: {option}"
    assert any(o["feedback"] for o in options if o["id"] in chosen)
    if isinstance(question, Scenario):
        assert box.locator(".course-outcome:visible").count() == 1


def answers_shown(page, quiz) -> dict:
    """The answers the page shows, in the grader's form."""
    out = {}
    for question in quiz.questions:
        box = question_box(page, question.id)
        if isinstance(question, Ordering):
            out[question.id] = box.locator(".course-step").evaluate_all(
                "els => els.map(e => e.dataset.step)")
        elif isinstance(question, Scenario):
            out[question.id] = box.locator(".is-chosen").evaluate_all(
                "els => els.map(e => e.dataset.option)")
        else:
            picked = box.locator("input:checked").evaluate_all("els => els.map(e => e.value)")
            if isinstance(question, MultipleChoice):
                out[question.id] = sorted(picked)
            elif isinstance(question, TrueFalse):
                out[question.id] = {"true": True, "false": False}[picked[0]]
            else:
                out[question.id] = picked[0]
    return out


def quiz_result(page) -> dict:
    root = page.locator(".course-quiz")
    return {"score": float(root.get_attribute("data-score")),
            "line": page.locator(".course-score").text_content(),
            "verdict": page.locator(".course-verdict").text_content()}


def verdict_coloured(page, kind: str) -> bool:
    """Whether the verdict shows in the course's colour for right or wrong answers."""
    return page.locator(".course-verdict").evaluate("""(verdict, kind) => {
        const probe = verdict.appendChild(document.createElement('span'));
        probe.style.color = `var(--course-${kind})`;
        const wanted = getComputedStyle(probe).color;
        probe.remove();
        return getComputedStyle(verdict).color === wanted;
    }""", kind)


def expected_result(quiz, answers: dict) -> dict:
    graded = grade_quiz(quiz, answers)
    verdict = "✔ 通过" if graded.passed else "✘ 未通过"
    return {"score": graded.score,
            "line": f"得分 {graded.percent}%（{round(graded.points, 2):g}/"
                    f"{round(graded.max_points, 2):g} 分）",
            "verdict": f"{verdict}（及格线 {round(quiz.pass_mark * 100)}%）"}


def progress_of(page, watch: Watch, course_url: str) -> dict:
    watch.visit(course_url + "progress.html")
    assert_fits(page)
    return dict(page.locator("[data-progress-lesson], [data-progress-quiz]").evaluate_all(
        "lis => lis.map(li => [li.dataset.progressLesson || li.dataset.progressQuiz, "
        "li.querySelector('.course-progress-state').textContent])"))


# ---- The journey ---------------------------------------------------------------------------

@pytest.mark.parametrize("screen", SCREENS)
def test_a_learner_reads_fails_retries_passes_and_hands_in_by_keyboard(
        browser, course_url, quiz, screen, tmp_path):
    page, watch = open_page(browser, screen)

    # A lesson the learner has opened (and read to its end) counts as read; nothing else does.
    progress = progress_of(page, watch, course_url)
    assert set(progress.values()) == {"未读", "未开始"}
    watch.visit(course_url + LESSON)
    lesson = page.locator(".course-meta[data-lesson]").get_attribute("data-lesson")
    assert_fits(page)
    page.keyboard.press("End")
    page.wait_for_function("Math.ceil(scrollY + innerHeight) >= "
                           "document.documentElement.scrollHeight")
    assert_fits(page)
    progress = progress_of(page, watch, course_url)
    assert progress[lesson] == "✔ 已读"
    assert [state for state in progress.values() if state == "✔ 已读"] == ["✔ 已读"]
    assert progress[QUIZ] == "未开始"

    # First attempt: wrong answers, a score below the pass mark, the fail message.
    watch.visit(course_url + f"quiz/{QUIZ}.html")
    page.locator(".course-q input").first.focus()  # the quiz's first control; keys from here on
    wrong = {q.id: wrong_answer(q) for q in quiz.questions}
    take_quiz(page, quiz, wrong)
    failed = expected_result(quiz, wrong)
    assert failed["score"] < quiz.pass_mark
    assert quiz_result(page) == failed
    assert page.locator(".course-verdict").is_visible() and verdict_coloured(page, "wrong")
    assert_fits(page)

    # Try again: Retry brings focus back to the first question; a pass, short of full marks.
    press_enter_on(page, ".course-retry")
    assert focus_is(page, ".course-q:first-of-type input")
    assert page.locator(".course-quiz-result").is_hidden()
    right = nearly_right_answers(quiz)
    take_quiz(page, quiz, right)
    passed = expected_result(quiz, right)
    assert quiz.pass_mark <= passed["score"] < 1
    assert quiz_result(page) == passed
    assert page.locator(".course-verdict").is_visible() and verdict_coloured(page, "right")
    assert_fits(page)

    # A reload keeps the answers, each question's result and the score.
    def statuses():
        return page.locator(".course-q").evaluate_all(
            "els => els.map(e => [e.dataset.question, e.dataset.status])")

    before = statuses()
    watch.visit()
    assert statuses() == before
    assert quiz_result(page) == passed
    assert answers_shown(page, quiz) == {
        q.id: sorted(right[q.id]) if isinstance(q, MultipleChoice) else right[q.id]
        for q in quiz.questions}
    assert_fits(page)

    # Download: asked for a name the first time only; `course grade` gives the score shown.
    downloads = []
    page.on("download", lambda d: downloads.append(d))
    page.locator(".course-q button").first.focus()  # the quiz's first control after a reload
    tab_to(page, ".course-download-button", limit=150)  # through every checked question
    page.keyboard.press("Enter")
    note = page.locator(".course-download-note")
    assert note.text_content() == "请先填写姓名或工号，再下载答案。"
    assert focus_is(page, '.course-learner[aria-invalid="true"]')
    page.keyboard.type(LEARNER)
    with page.expect_download() as first:
        press_enter_on(page, ".course-download-button")
    with page.expect_download() as again:  # the name is kept: no second question
        page.keyboard.press("Enter")
    assert len(downloads) == 2
    answer_file = tmp_path / first.value.suggested_filename
    first.value.save_as(answer_file)
    assert answer_file.name == f"{QUIZ}-{LEARNER}.json"
    assert again.value.suggested_filename == answer_file.name
    assert note.text_content() == f"已下载答案文件：{answer_file.name}"
    graded = json.loads(run_course("grade", "-f", str(CONFIG), "--json", "--db",
                                   str(tmp_path / "gradebook.sqlite"), str(answer_file),
                                   check=True).stdout)["graded"]
    assert [(g["quiz"], g["learner"]["name"], g["passed"]) for g in graded] == [
        (QUIZ, LEARNER, True)]
    assert graded[0]["score"] == quiz_result(page)["score"]
    assert f"得分 {graded[0]['percent']}%" in quiz_result(page)["line"]

    # The progress page: the lesson read, the best score, the quiz passed.
    progress = progress_of(page, watch, course_url)
    percent = grade_quiz(quiz, right).percent
    assert progress[QUIZ] == f"最高分 {percent}% · 上次 {percent}% · ✔ 已通过"
    assert progress[lesson] == "✔ 已读"

    page.context.close()
    assert watch.problems == []


# ---- Every page ----------------------------------------------------------------------------

@pytest.mark.parametrize("screen", SCREENS)
def test_every_page_fits_the_screen_and_loads_without_errors(browser, built_site, course_url,
                                                             screen):
    pages = site_pages(built_site)
    assert {"index.html", "progress.html", "404.html", f"quiz/{QUIZ}.html", LESSON} <= set(pages)
    page, watch = open_page(browser, screen)
    too_wide = {}
    for path in pages:
        watch.visit(course_url + path)
        if overflow := sideways_overflow(page):
            too_wide[path] = overflow
    page.context.close()
    assert too_wide == {}
    assert watch.problems == []
