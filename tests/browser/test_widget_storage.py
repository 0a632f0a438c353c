"""The widget's defects found in a real browser (issue 12.7), each as it was found: two tabs on
one quiz, stored progress of the wrong shape, storage full, an attempt saved under an older quiz
version, option rows too small to tap, and a conversation's next step under the sticky header.

Pages come from the fixture course (tests/fixtures/quizcourse) served on localhost; its final
exam is an assessment page: no key, opaque ids, and the id + access-code form first, after which
the attempt is kept per learner (`attempts[normalised id]`)."""

from __future__ import annotations

import functools
import json

import pytest

from generator.integrity import codes
from generator.integrity.opaque import OpaqueIds
from generator.integrity.seeds import normalised_id
from helpers import serve_directory
from quizhelpers import (
    QUIZ_COURSE,
    PageOpener,
    build_fixture_course,
    fixture_course,
    registry_salt,
    start_identified,
)

pytestmark = pytest.mark.browser

EXAM = "final-exam"
KEY = "course-progress:/"
LEARNER = "CS-017"
WHO = normalised_id(LEARNER)  # where the page keeps this learner's attempt
CODE = codes.new_code()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    base, stop = serve_directory(build_fixture_course(tmp_path_factory, assessment=False))
    yield base
    stop()


@pytest.fixture(scope="module")
def exam():
    _, quizzes = fixture_course()
    return next(q for q in quizzes if q.id == EXAM)


@functools.cache
def page_ids() -> OpaqueIds:
    _, quizzes = fixture_course()
    return OpaqueIds(next(q for q in quizzes if q.id == EXAM), registry_salt(QUIZ_COURSE))


def opaque(question: str, value: str | None = None) -> str:
    """The exam page's name for an authored question id, or for one of its options (true and
    false stay as they are)."""
    if value is None:
        return page_ids().question(question)
    return value if value in ("true", "false") else page_ids().item(question, value)


def start(page) -> None:
    start_identified(page, LEARNER, CODE)


def resumed(page) -> None:
    """After a reload the tab still knows who and the code (sessionStorage): no form again."""
    page.locator(".course-quiz:not(.is-waiting)").wait_for()


@pytest.fixture
def open_page(browser):
    opener = PageOpener(browser)
    yield opener
    assert opener.close() == []


def pick(page, question: str, value: str) -> None:
    """Pick an option, in authored ids, on the exam page's opaque ones."""
    page.locator(f'.course-q[data-question="{opaque(question)}"] '
                 f'input[value="{opaque(question, value)}"]').check()


def picked(page, question: str) -> list[str]:
    """The picked options of a question, in opaque ids."""
    return page.locator(f'.course-q[data-question="{opaque(question)}"] input:checked'
                        ).evaluate_all("els => els.map(e => e.value)")


def checked_js(question: str, value: str) -> str:
    return f"document.querySelector('[value={opaque(question, value)}]').checked"


def stored(page) -> dict:
    return json.loads(page.evaluate(f"localStorage.getItem('{KEY}')"))


def test_two_tabs_on_one_quiz_keep_each_others_answers(open_page, server):
    first = open_page(f"{server}/quiz/{EXAM}.html")
    second = first.context.new_page()
    second.goto(f"{server}/quiz/{EXAM}.html")
    start(first)
    start(second)  # the code is kept per tab, so each tab asks
    assert first.evaluate("CourseQuiz.store.key") == KEY
    pick(first, "exam-day", "d17")
    pick(second, "exam-private", "false")  # saved last: before, this wiped the other tab's
    pick(first, "exam-evidence", "unbox")  # and this one, saved after, wiped the second's
    # Each tab shows the other's answers as they are made (the `storage` event) ...
    second.wait_for_function(checked_js("exam-day", "d17"))
    assert picked(second, "exam-evidence") == [opaque("exam-evidence", "unbox")]
    assert picked(first, "exam-private") == ["false"]
    # ... and what is saved holds all three, whichever tab saved last.
    answers = stored(first)["quizzes"][EXAM]["attempts"][WHO]["answers"]
    assert {k: v["answer"] for k, v in answers.items()} == {
        opaque("exam-day"): opaque("exam-day", "d17"), opaque("exam-private"): False,
        opaque("exam-evidence"): [opaque("exam-evidence", "unbox")]}
    # The newer answer to one question wins.
    pick(second, "exam-day", "d18")
    first.wait_for_function(checked_js("exam-day", "d18"))
    first.reload()
    resumed(first)
    assert picked(first, "exam-day") == [opaque("exam-day", "d18")]
    assert picked(first, "exam-private") == ["false"]


@pytest.mark.parametrize("saved", [
    '{"v":1,"quizzes":null}',
    '{"v":1,"lessons":[],"quizzes":{}}',
    '[1, 2]',
    '"text"',
    '{"v":1,"quizzes":{"final-exam":{"attempts":{"WHO":{"seed":1}}}}}',
    '{"v":1,"quizzes":{"final-exam":{"attempts":{"WHO":{"v":"VERSION","n":1,"seed":5,'
    '"startedAt":"x","answers":{"exam-day":null},"submitted":[]}}}}}',
    '{"v":1,"quizzes":{"final-exam":"x"}}',
], ids=["quizzes-null", "lessons-list", "list", "string", "attempt-without-answers",
        "answer-not-object", "record-not-object"])
def test_stored_progress_of_the_wrong_shape_is_set_aside_not_a_broken_quiz(open_page, server,
                                                                           saved):
    page = open_page(f"{server}/quiz/{EXAM}.html")
    version = page.evaluate("JSON.parse(document.querySelector('.course-quiz').dataset.json)"
                            ".version")
    saved = saved.replace("VERSION", version).replace("WHO", WHO)
    page.evaluate(f"localStorage.setItem('{KEY}', {json.dumps(saved)})")
    page.reload()
    start(page)
    assert page.locator('[data-note="set_aside"]').text_content() == (
        "之前保存的作答记录无法读取，已另行保存，这里重新开始。")
    pick(page, "exam-day", "d17")
    assert page.locator(".course-quiz-status").text_content() == (
        f"作答人 {LEARNER} · 第 1 次作答 · 已作答 1/5 题")
    page.reload()
    resumed(page)
    assert picked(page, "exam-day") == [opaque("exam-day", "d17")]  # saving works again
    whole = page.evaluate(f"localStorage.getItem('{KEY}:set-aside')")
    if whole is None:  # only the quiz's record was wrong: kept in it
        record = json.loads(saved)["quizzes"][EXAM]
        kept = stored(page)["quizzes"][EXAM]["setAside"]
        assert [k["attempt"] for k in kept] == [record["attempts"][WHO]
                                                if isinstance(record, dict) else record]
    else:
        assert whole == saved  # never dropped


def test_when_storage_is_full_the_learner_is_told_and_nothing_is_lost(open_page, server):
    page = open_page()
    # Nearly full: a small write (the widget's probe) fits, a record does not.
    page.add_init_script("""const setItem = Storage.prototype.setItem;
        Storage.prototype.setItem = function (key, value) {
          if (String(value).length > 40) throw new DOMException('full', 'QuotaExceededError');
          return setItem.call(this, key, value);
        };""")
    page.goto(f"{server}/quiz/{EXAM}.html")
    start(page)
    pick(page, "exam-day", "d17")
    note = page.locator('[data-note="storage_full"]')
    assert note.text_content() == ("无法保存作答进度（浏览器存储空间已满）。请不要关闭页面，"
                                   "答完后先下载答案文件。")
    assert note.get_attribute("role") == "status"
    pick(page, "exam-private", "true")
    # the first answer is still there (memory)
    assert picked(page, "exam-day") == [opaque("exam-day", "d17")]
    assert page.locator(".course-quiz-status").text_content() == (
        f"作答人 {LEARNER} · 第 1 次作答 · 已作答 2/5 题")
    with page.expect_download() as info:
        page.locator(".course-download-button").click()
    file = json.loads(open(info.value.path(), encoding="utf-8").read())
    assert {a["question"]: a["answer"] for a in file["answers"] if a["answer"] is not None} == {
        opaque("exam-day"): opaque("exam-day", "d17"), opaque("exam-private"): True}


def test_an_attempt_saved_under_an_older_version_is_set_aside_with_a_note(open_page, server):
    page = open_page(f"{server}/quiz/{EXAM}.html")
    old = {"v": "0123456789abcdef", "n": 1, "seed": 7, "startedAt": "2026-11-01T08:00:00Z",
           "answers": {"exam-order": {"answer": ["null", "agree"], "at": "2026-11-01T08:01:00Z"},
                       "exam-day": {"answer": "d17", "at": "2026-11-01T08:02:00Z"}},
           "submitted": [], "closed": None}
    page.evaluate(f"""localStorage.setItem('{KEY}', JSON.stringify({{v: 1, lessons: {{}},
        quizzes: {{'{EXAM}': {{attempts: {{'{WHO}': {json.dumps(old)}}}}}}}}}))""")
    page.reload()
    start(page)
    note = page.locator('[data-note="old_version"]')
    assert note.text_content() == "你上次的作答是这个测验的旧版本，已另行保存，没有带入现在的版本。"
    assert picked(page, "exam-day") == []  # nothing restored into the new version
    steps = page.locator(".course-step").evaluate_all("els => els.map(e => e.dataset.step)")
    assert "null" not in steps and len(steps) == 4
    assert page.locator(".course-q input:disabled").count() == 0
    record = stored(page)["quizzes"][EXAM]
    assert [k["attempt"] for k in record["setAside"]] == [old]
    assert record["setAside"][0]["why"] == "old_version"
    assert record["attempts"][WHO]["answers"] == {}


def test_on_a_360px_phone_the_whole_option_row_takes_the_tap(open_page, server):
    page = open_page(f"{server}/quiz/basics-practice.html", viewport={"width": 360, "height": 740},
                     is_mobile=True, has_touch=True)
    rows = page.locator(".course-option").evaluate_all("""items => items.map(li => {
        const row = li.getBoundingClientRect(), label = li.querySelector('label')
          .getBoundingClientRect();
        return [row.width, row.height, label.width, label.height, label.left - row.left];
    })""")
    assert rows
    for row_width, _, label_width, label_height, inset in rows:
        assert label_height >= 44, rows
        assert row_width - label_width <= 8 and inset <= 5, rows  # only the borders outside
    # A tap at the far right end of a row (not on the words) picks that option.
    option = page.locator('.course-q[data-question="start-day"] .course-option').nth(1)
    option.scroll_into_view_if_needed()
    box = option.bounding_box()
    page.touchscreen.tap(box["x"] + box["width"] - 6, box["y"] + box["height"] / 2)
    assert option.locator("input").is_checked()


def test_after_continue_the_next_step_is_below_the_sticky_header(open_page, server):
    # A short screen (a phone held sideways, a keyboard open): the next step is taller than
    # what is left below the header, so focusing it scrolls it to the top.
    page = open_page(f"{server}/quiz/service-scenario.html", viewport={"width": 360, "height": 300},
                     is_mobile=True, has_touch=True)
    box = page.locator('.course-q[data-question="late-parcel"]')
    for _ in range(2):
        node = box.locator(".course-node:not([hidden]):not(.is-done)").last
        node.locator("input").first.check()
        node.locator(".course-continue").click()
        current = box.locator(".course-node:not([hidden])").last
        page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        top = current.evaluate("n => n.getBoundingClientRect().top")
        header = page.evaluate("document.querySelector('.md-header').getBoundingClientRect()"
                               ".bottom")
        assert top >= header, (top, header)
        assert page.evaluate("document.activeElement") == current.evaluate("n => n")


def test_the_progress_page_shows_wrong_shaped_records_as_not_started(open_page, server):
    page = open_page(f"{server}/progress.html")
    bad = {"v": 1, "lessons": {}, "quizzes": {
        EXAM: {"best": 0.5, "last": None, "submitted": 5},
        "basics-practice": "x", "service-scenario": {"best": "high", "last": {"score": 1}}}}
    page.evaluate(f"localStorage.setItem('{KEY}', {json.dumps(json.dumps(bad))})")
    page.reload()
    states = page.locator(".course-progress-state").evaluate_all(
        "els => els.map(e => e.textContent)")
    assert states and set(states) <= {"未读", "未开始"}, states
