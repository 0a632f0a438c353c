"""The widget on a real assessment page, as `course build` writes it: the staff id and access
code, the derived seed, the drawn paper, the signed format-2 answer file the grading desk
accepts, the linear conversation, the exam clock, attempts and what the page shows after handing
in.

The page is the final exam of a copy of the fixture course (examcourse.py), drawing 2 of 3
"facts" and 2 of 2 "tasks", with a 30-minute limit and 2 attempts, built with its own registry
(and salt): opaque ids in page order, `identity`, `draw` and `exam` in data-json, a linear
conversation. Pages are served on 127.0.0.1 (a secure context: Web Crypto); the pure-JavaScript
SHA-256 is tested by taking crypto.subtle away before the page loads."""

from __future__ import annotations

import datetime
import json
import random
from pathlib import Path

import pytest
from examcourse import EXAM, build_exam_site, course_quizzes, exam_course, salt_of

from generator.desk.answerfiles import parse
from generator.desk.attempts import GradingCourse, grade_file
from generator.desk.roster import RosterEntry
from generator.integrity import codes
from generator.integrity.canonical import canonical_bytes
from generator.integrity.opaque import OpaqueIds
from generator.integrity.registry import read as read_registry
from generator.integrity.seeds import derived_seed, normalised_id
from generator.integrity.signing import sign
from generator.models.quiz import MultipleChoice, Ordering, Scenario, SingleChoice, TrueFalse
from generator.render.quiz import quiz_data
from generator.scoring import grade_question
from generator.shuffle import presentation
from helpers import missing_tool, serve_directory, served_at_its_site_url
from quizhelpers import ROOT, PageOpener, bundled_course, registry_salt

pytestmark = pytest.mark.browser

NO_SUBTLE = "delete Crypto.prototype.subtle;"
LEARNER = "CS-017"
CODE = codes.new_code()
# A right answer to each question, in authored ids; the ordering is given as the key.
RIGHT = {"exam-day": "d17", "exam-evidence": ["unbox", "waybill"], "exam-private": False,
         "exam-order": ["agree", "wait", "check", "pay"], "exam-chat": ["q-sorry", "q-refund"]}
WRONG = {"exam-day": "d16", "exam-evidence": ["unbox", "guess"], "exam-private": True}


@pytest.fixture(scope="module")
def exam(tmp_path_factory):
    """(folder, site) of the exam course, built once; its pages are used as built."""
    root = tmp_path_factory.mktemp("exam")
    folder = exam_course(root / "course")
    return folder, build_exam_site(folder, root / "site")


@pytest.fixture(scope="module")
def server(exam):
    base, stop = serve_directory(exam[1])
    yield base
    stop()


@pytest.fixture(scope="module")
def quizzes(exam):
    return course_quizzes(exam[0])


@pytest.fixture(scope="module")
def ids(exam, quizzes):
    return OpaqueIds(quizzes[1][EXAM], salt_of(exam[0]))


@pytest.fixture
def open_page(browser):
    opener = PageOpener(browser)
    yield opener
    assert opener.close() == []


def start(page, learner=LEARNER, code=CODE):
    page.locator(".course-identity input").nth(0).fill(learner)
    page.locator(".course-identity input").nth(1).fill(code)
    page.locator(".course-start").click()
    page.locator(".course-quiz:not(.is-waiting)").wait_for()


def shown_questions(page) -> list[str]:
    return page.locator(".course-q").evaluate_all(
        "els => els.filter(e => !e.hidden && e.offsetParent).map(e => e.dataset.question)")


def answer(page, ids, question, value) -> None:
    """Give an answer (authored ids) by clicking, on the page's opaque ids."""
    qid = question.id
    box = page.locator(f'.course-q[data-question="{ids.question(qid)}"]')
    if isinstance(question, SingleChoice):
        box.locator(f'input[value="{ids.item(qid, value)}"]').check()
    elif isinstance(question, TrueFalse):
        box.locator(f'input[value="{"true" if value else "false"}"]').check()
    elif isinstance(question, MultipleChoice):
        for option in question.options:
            box.locator(f'input[value="{ids.item(qid, option.id)}"]').set_checked(
                option.id in value)
    elif isinstance(question, Ordering):
        for target, step in enumerate(ids.item(qid, s) for s in value):
            current = box.locator(".course-step").evaluate_all(
                "(items, step) => items.findIndex(li => li.dataset.step === step)", step)
            for _ in range(current - target):
                box.locator(f'.course-step[data-step="{step}"] .course-move').first.click()
    elif isinstance(question, Scenario):
        for choice in value:
            opaque = ids.item(qid, choice)
            box.locator(f'input[value="{opaque}"]').check()
            box.locator(f'.course-node:has(input[value="{opaque}"]) .course-continue').click()


def hand_in(page) -> dict:
    page.once("dialog", lambda dialog: dialog.accept())
    with page.expect_download() as info:
        page.locator(".course-download-button").click()
    return json.loads(Path(info.value.path()).read_text(encoding="utf-8"))


def paper_of(quiz, ids, seed) -> list[str]:
    return [ids.question(q) for q in presentation(quiz, seed, assessment=True,
                                                  page_order=ids).paper]


def grade_at_desk(folder: Path, quizzes, file: dict, code: str = CODE):
    """The desk's verdict on the file, with a roster that gives LEARNER this code."""
    registry = read_registry(folder / "published.jsonl")
    roster = {normalised_id(LEARNER): RosterEntry(LEARNER, "张三", code=code)}
    course = GradingCourse(list(quizzes.values()), registry, roster=roster)
    parsed = parse(json.dumps(file, ensure_ascii=False, indent=2).encode("utf-8"))
    return grade_file(parsed, course, source="file.json")


# ---- Identity --------------------------------------------------------------------------------

def test_the_identity_form_comes_first_and_catches_a_mistyped_code(open_page, server):
    page = open_page(f"{server}/quiz/{EXAM}.html")
    assert page.locator(".course-identity").is_visible()
    assert shown_questions(page) == []  # nothing to answer before the learner says who
    page.locator(".course-start").click()
    assert page.locator(".course-field-error").text_content() == "请填写工号。"
    page.locator(".course-identity input").nth(0).fill(LEARNER)
    raw = codes.normalise(CODE)
    wrong_check = raw[:8] + next(c for c in codes.SYMBOLS if c != raw[8])
    swapped = raw[1] + raw[0] + raw[2:] if raw[0] != raw[1] else None
    for typed, message in [
        (raw[:7], "访问码应有 9 位字母或数字（XXXX-XXXX-X），现在是 7 位。"),
        ("U" + raw[1:], "访问码里不会出现“U”，请对照纸条核对。"),
        (wrong_check, "访问码最后一位对不上：有一位字母或数字输错了，请对照纸条核对。"),
    ] + ([(swapped, "访问码最后一位对不上：有一位字母或数字输错了，请对照纸条核对。")]
         if swapped and codes.problem(swapped) else []):
        page.locator(".course-identity input").nth(1).fill(typed)
        page.locator(".course-start").click()
        assert page.locator(".course-field-error").text_content() == message, typed
        assert page.evaluate("document.activeElement.id") == "course-code-final-exam"
        assert page.locator("#course-code-final-exam").get_attribute("aria-invalid") == "true"
        assert shown_questions(page) == []
    # Typed as people type: lower case, spaces, O for 0, I or L for 1.
    typed = CODE.lower().replace("-", " ").replace("0", "o").replace("1", "l")
    start(page, code=typed)
    assert len(shown_questions(page)) == 4


def test_the_code_check_agrees_with_codes_py(open_page, server):
    page = open_page(f"{server}/quiz/{EXAM}.html")
    rng = random.Random(7)
    typed = [codes.new_code() for _ in range(100)]
    for code in typed[:100]:  # every single wrong symbol of some, and neighbour swaps
        raw = codes.normalise(code)
        i = rng.randrange(9)
        typed.append(raw[:i] + rng.choice(codes.SYMBOLS + "UIOL*") + raw[i + 1:])
        j = rng.randrange(8)
        typed.append(raw[:j] + raw[j + 1] + raw[j] + raw[j + 2:])
    typed += ["", "-", " 7kq2 m9xd f ", "ABCD-EFGH-JK", "ÄBCD-EFGH-J", "ß"]
    js = page.evaluate("codes => codes.map(c => CourseQuiz.Integrity.codeProblem(c) === null)",
                       typed)
    assert js == [codes.problem(c) is None for c in typed]
    normalised = page.evaluate("codes => codes.map(c => CourseQuiz.Integrity.normaliseCode(c))",
                               typed)
    assert normalised == [codes.normalise(c) for c in typed]


IDS = ["cs-017", "CS-017", "  cs-017\t", "\u3000张三\u3000", "Straße", "ΣΊΣΥΦΟΣ", "ﬁle", "é",
       "e\u0301", "İstanbul", "ıi", "ẞ", "ᏸꭰᎠ", "\x1ccs\x1f", "\u00a0x\u2028", "\ufeffbom", "ǅ",
       "x" * 100]


def test_the_seed_is_seeds_py_for_awkward_ids_with_and_without_web_crypto(open_page, server):
    for script in ("", NO_SUBTLE):
        page = open_page()
        if script:
            page.add_init_script(script)
        page.goto(f"{server}/quiz/{EXAM}.html")
        assert page.evaluate("Boolean(window.crypto.subtle)") is not bool(script)
        cases = [(i, v, n) for i in IDS for v, n in (("505827d48381dc7c", 1), ("0" * 16, 37))]
        js = page.evaluate("""async cases => Promise.all(cases.map(([id, v, n]) =>
            CourseQuiz.Integrity.seed(id, v, n)))""", cases)
        assert js == [derived_seed(i, v, n) for i, v, n in cases]
        assert page.evaluate("ids => ids.map(CourseQuiz.Integrity.normalisedId)", IDS) == [
            normalised_id(i) for i in IDS]


def test_every_character_python_knows_is_normalised_as_seeds_py_does(open_page, server):
    """Each code point alone (surrogates aside) that Python's Unicode tables assign: the
    browser's tables may be newer, and a letter Python does not know yet is left out."""
    import unicodedata
    page = open_page(f"{server}/quiz/{EXAM}.html")
    chars = [chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) not in ("Cs", "Cn")]
    differ = []
    for start in range(0, len(chars), 40000):
        batch = chars[start:start + 40000]
        js = page.evaluate("cs => cs.map(CourseQuiz.Integrity.normalisedId)", batch)
        differ += [c for c, j in zip(batch, js) if normalised_id(c) != j]
    assert len(chars) > 280_000 and differ == []


def test_sha256_and_hmac_in_plain_javascript_equal_hashlib(open_page, server):
    import hashlib
    import hmac
    page = open_page(f"{server}/quiz/{EXAM}.html")
    rng = random.Random(3)
    messages = [bytes(rng.randrange(256) for _ in range(n)) for n in
                list(range(0, 130)) + [1000, 4096, 65537]]
    got = page.evaluate("""ms => ms.map(m => [
        [...CourseQuiz.Integrity.sha256js(new Uint8Array(m))],
        CourseQuiz.Integrity.hmacjs(new TextEncoder().encode('7KQ2M9XDF'), new Uint8Array(m))])""",
                        [list(m) for m in messages])
    assert [bytes(h) for h, _ in got] == [hashlib.sha256(m).digest() for m in messages]
    assert [s for _, s in got] == [hmac.new(b"7KQ2M9XDF", m, hashlib.sha256).hexdigest()
                                   for m in messages]


AWKWARD = ['引号"和\\反斜杠', "tab\tnew\nline\r", "nul\x00 and \x1f and \x7f", "\u2028\u2029",
           "😀 emoji 👩‍👩‍👧", "汉字 全角　空格", "</script><!--", "\ud7ff\ue000\uffff", "é vs é"]


def test_the_widgets_canonical_bytes_and_signature_equal_python(open_page, server):
    for script in ("", NO_SUBTLE):
        page = open_page()
        if script:
            page.add_init_script(script)
        page.goto(f"{server}/quiz/{EXAM}.html")
        typed = CODE.lower().replace("-", " ", 1)  # the same code as a learner may type it
        for text in AWKWARD:
            doc = {"format": "course-answers/2", "course": text, "quiz": "q",
                   "quiz_version": "3f2a9b1c0d7e4a51", "learner": {"id": text},
                   "attempt": 2, "seed": 4294967295, "started_at": "2026-11-27T09:12:03.120Z",
                   "submitted_at": "2026-11-27T09:40:41Z",
                   "answers": [{"question": "xq3k2m9xd4tp", "answer": [text, "b"],
                                "answered_at": None}, {"question": "c", "answer": False}],
                   "page_score": 0.85, "signature": "0" * 64}
            js = page.evaluate("""async ([doc, code]) => {
                const {signature, page_score, ...signed} = doc;
                const text = CourseQuiz.Integrity.canonical(signed);
                return {bytes: [...new TextEncoder().encode(text)],
                        signature: await CourseQuiz.Integrity.sign(doc, code)}}""",
                               [doc, typed])
            assert bytes(js["bytes"]) == canonical_bytes(doc)
            assert js["signature"] == sign(doc, CODE)


# ---- The paper ---------------------------------------------------------------------------------

def test_the_paper_and_its_order_equal_shuffle_presentation_over_many_seeds(open_page, server,
                                                                            exam, quizzes):
    """The exam's data as its built page holds it (2 pools), and the bundled final assessment's
    (36 of 84) as render_quiz writes it with the bundled course's salt; 400 seeds each, seed 0
    and 2**32-1 among them. The JS paper may list questions in page order, Python's in YAML
    order: the papers are compared as sets, every order that is shown exactly."""
    page = open_page(f"{server}/quiz/{EXAM}.html")
    bundled_loaded, bundled = bundled_course()
    final = next(q for q in bundled if q.draw)
    final_ids = OpaqueIds(final, registry_salt(ROOT))
    exam_data = page_data(page)
    assert (exam_data["identity"], exam_data["draw"]) == (True, [[0, 2], [1, 2]])
    assert exam_data["exam"] == {"time_limit": 30, "attempts": 2, "after_submit": "answers",
                                 "grace": 2, "late": "flag"}
    cases = [(quizzes[1][EXAM], OpaqueIds(quizzes[1][EXAM], salt_of(exam[0])), exam_data),
             (final, final_ids, json.loads(json.dumps(
                 quiz_data(bundled_loaded, final, True, final_ids))))]
    assert cases[1][2]["draw"] and cases[1][2]["identity"]
    rng = random.Random(11)
    seeds = [0, 1, 2 ** 32 - 1] + [rng.randrange(2 ** 32) for _ in range(397)]
    for quiz, ids, data in cases:
        js = page.evaluate("""([data, seeds]) => seeds.map(s =>
            CourseQuiz.Shuffle.presentation(data, s))""", [data, seeds])
        for seed, shown in zip(seeds, js):
            py = presentation(quiz, seed, assessment=True, page_order=ids)
            q = ids.question
            assert sorted(shown["paper"]) == sorted(q(x) for x in py.paper)
            assert shown["questions"] == [q(x) for x in py.questions]
            assert shown["options"] == {q(k): [ids.item(k, o) for o in v]
                                        for k, v in py.options.items()}
            assert shown["steps"] == {q(k): [ids.item(k, s) for s in v]
                                      for k, v in py.steps.items()}
            # The widget lists the end node too, with no choices to order; Python leaves it out.
            assert {k: {n: cs for n, cs in v.items() if cs} for k, v in shown["choices"].items()
                    } == {q(k): {ids.node(k, n): [ids.item(k, c) for c in cs]
                                 for n, cs in v.items()}
                          for k, v in py.choices.items()}
        drawn = {len(s["paper"]) for s in js}
        assert drawn == {sum(d.count for d in quiz.draw)}
        assert len({tuple(s["paper"]) for s in js}) > 1  # the draw does draw


@pytest.mark.parametrize("crypto", ["web crypto", "plain javascript"])
def test_a_drawn_signed_answer_file_is_accepted_and_graded_by_the_desk(open_page, server, exam,
                                                                       quizzes, ids, crypto):
    folder, _ = exam
    quiz = quizzes[1][EXAM]
    page = open_page()
    if crypto == "plain javascript":
        page.add_init_script(NO_SUBTLE)
    page.goto(f"{server}/quiz/{EXAM}.html")
    assert page.evaluate("Boolean(window.crypto.subtle)") is (crypto == "web crypto")
    start(page)
    seed = derived_seed(LEARNER, quiz_version := page_version(page), 1)
    assert int(page.locator(".course-quiz").get_attribute("data-seed")) == seed
    paper = paper_of(quiz, ids, seed)
    assert sorted(shown_questions(page)) == sorted(paper)
    shown = presentation(quiz, seed, assessment=True, page_order=ids)
    assert shown_questions(page) == [ids.question(q) for q in shown.questions]
    by_id = {q.id: q for q in quiz.questions}
    given = {}
    for qid in shown.paper:  # the facts wrong (partly, for the multiple choice), tasks right
        value = WRONG.get(qid, RIGHT[qid])
        answer(page, ids, by_id[qid], value)
        given[qid] = value
    file = hand_in(page)
    assert file["format"] == "course-answers/2" and file["attempt"] == 1
    assert file["learner"] == {"id": LEARNER} and file["seed"] == seed
    assert file["quiz_version"] == quiz_version
    # One answer per drawn question (the desk does not care in which order the file lists them).
    assert sorted(file_questions(file)) == sorted(ids.question(q) for q in shown.paper)
    assert file["signature"] == sign(file, CODE)
    attempt = grade_at_desk(folder, quizzes[1], file)
    assert attempt.identity_verified and attempt.learner_name == "张三"
    # An ordering whose starting order (shuffled from the seed) was the key or its reverse is
    # left out by the desk: the page gave it away. With 4 steps that is 2 seeds in 24.
    key = [s.id for s in by_id["exam-order"].items]
    gave_away = (("exam-order", "start-order"),) if shown.steps["exam-order"] in (
        key, key[::-1]) else ()
    assert attempt.left_out == gave_away
    counted = [q for q in shown.paper if (q, "start-order") not in gave_away]
    results = [grade_question(by_id[q], given[q]) for q in counted]
    expected = sum(r.points for r in results) / sum(r.max_points for r in results)
    assert attempt.result.score == pytest.approx(expected)
    assert 0 < attempt.result.score < 1
    # The code is never in localStorage (only this tab's sessionStorage).
    stored = page.evaluate("JSON.stringify({...localStorage})")
    assert codes.normalise(CODE) not in stored.upper().replace("-", "")
    # Someone else's code does not sign for this learner.
    other = codes.new_code()
    with pytest.raises(Exception, match="signature does not match"):
        grade_at_desk(folder, quizzes[1], file, code=other)


def page_data(page) -> dict:
    """The quiz's data-json as the built page holds it."""
    return page.evaluate("JSON.parse(document.querySelector('.course-quiz').dataset.json)")


def page_version(page) -> str:
    return page_data(page)["version"]


def test_an_untouched_ordering_is_null_and_the_hook_gives_the_downloaded_file(open_page, server,
                                                                             ids, quizzes):
    page = open_page(f"{server}/quiz/{EXAM}.html")
    page.evaluate("""window.events = [];
        document.addEventListener('quiz:answers', e => events.push(e.detail))""")
    message = page.evaluate("""document.querySelector('.course-quiz').courseQuiz.answerFile()
        .then(() => 'resolved', e => e.message)""")
    assert message == "请先填写工号和访问码，点“开始作答”。"
    start(page)
    hooked = page.evaluate("document.querySelector('.course-quiz').courseQuiz.answerFile()")
    order = ids.question("exam-order")
    assert next(a for a in hooked["answers"] if a["question"] == order)["answer"] is None
    assert hooked["signature"] == sign(hooked, CODE)
    file = hand_in(page)
    after = page.evaluate("document.querySelector('.course-quiz').courseQuiz.answerFile()")
    assert after == file  # handed in: the same file, byte for byte in content
    assert page.evaluate("events") == [{"quiz": EXAM, "mode": "assessment", "file": file}]
    assert file["answers"] == [{"question": q, "answer": None, "answered_at": None}
                               for q in file_questions(file)]


def file_questions(file):
    return [a["question"] for a in file["answers"]]


def test_a_linear_conversation_goes_on_whatever_the_reply_and_replies_are_final(
        open_page, server, ids, quizzes):
    """The built page's linear form: every reply of step k leads to step k+1, then one neutral
    end; nothing on the page tells a good reply from a bad one, and none can be taken back."""
    chat = ids.question("exam-chat")  # on every paper: the tasks pool is drawn 2 of 2
    page = open_page(f"{server}/quiz/{EXAM}.html")
    data = next(q for q in page_data(page)["questions"] if q["id"] == chat)
    decisions = [ids.node("exam-chat", n) for n in ("q-start", "q-video")]
    end = ids.end_node("exam-chat")
    assert [n["id"] for n in data["nodes"]] == decisions + [end]
    assert [{c["next"] for c in n["choices"]} for n in data["nodes"]] == [
        {decisions[1]}, {end}, set()]
    start(page)
    box = page.locator(f'.course-q[data-question="{chat}"]')
    nodes = box.locator(".course-node")
    assert nodes.count() == 3  # two decisions and the end: the other ending is not on the page
    assert nodes.evaluate_all("els => els.map(e => e.dataset.node)") == decisions + [end]
    assert box.locator("a, [data-next], .course-restart").count() == 0
    path = [ids.item("exam-chat", "q-refuse"), ids.item("exam-chat", "q-halfship")]
    for number, choice in enumerate(path, start=1):  # the worse reply each time
        box.locator(f'input[value="{choice}"]').check()
        box.locator(f'.course-node:has(input[value="{choice}"]) .course-continue').click()
        shown = box.locator(".course-node:not([hidden])")
        assert shown.count() == number + 1
        assert box.locator(".is-done input:enabled").count() == 0
    shown_end = box.locator(".course-node:not([hidden])").last
    assert "course-node--end" in shown_end.get_attribute("class")
    assert shown_end.get_attribute("data-node") == end
    page.reload()
    page.locator(".course-quiz:not(.is-waiting)").wait_for()
    assert box.locator(".course-node:not([hidden])").count() == 3
    assert box.locator(".course-node:not([hidden]) input:enabled").count() == 0
    file = page.evaluate("document.querySelector('.course-quiz').courseQuiz.answerFile()")
    assert next(a for a in file["answers"] if a["question"] == chat)["answer"] == path


def test_a_reply_picked_but_not_continued_is_kept_and_handed_in(open_page, server, ids):
    """A learner who picks the last reply and hands in without pressing 继续 has answered it,
    as with a picked option; a reload keeps it picked (not taken: it can still change)."""
    chat = ids.question("exam-chat")
    first, second = (ids.item("exam-chat", c) for c in ("q-sorry", "q-halfship"))
    page = open_page(f"{server}/quiz/{EXAM}.html")
    start(page)
    box = page.locator(f'.course-q[data-question="{chat}"]')
    box.locator(f'input[value="{first}"]').check()
    box.locator(f'.course-node:has(input[value="{first}"]) .course-continue').click()
    box.locator(f'input[value="{second}"]').check()  # and no 继续
    assert page.locator(".course-quiz-status").text_content().endswith("已作答 1/4 题")
    page.reload()
    page.locator(".course-quiz:not(.is-waiting)").wait_for()
    assert box.locator(f'input[value="{second}"]').is_checked()
    assert box.locator(f'input[value="{second}"]').is_enabled()  # still the learner's to change
    assert box.locator(".course-node:not([hidden])").count() == 2  # the end is not shown yet
    better = ids.item("exam-chat", "q-refund")
    box.locator(f'input[value="{better}"]').check()
    file = hand_in(page)
    assert next(a for a in file["answers"] if a["question"] == chat)["answer"] == [first, better]
    assert box.locator("input:enabled").count() == 0  # handed in: final


# ---- Exam: clock, attempts, after handing in ---------------------------------------------------

def test_the_clock_shows_minutes_left_announces_few_times_and_closes_at_zero(open_page, server,
                                                                            ids, quizzes):
    page = open_page()
    page.clock.install(time=datetime.datetime(2026, 11, 30, 9, 0, tzinfo=datetime.timezone.utc))
    page.goto(f"{server}/quiz/{EXAM}.html")
    start(page)
    clock = page.locator(".course-clock")
    assert clock.is_visible() and clock.text_content() == "剩余时间：30 分钟"
    assert clock.get_attribute("role") == "timer"  # not a live region: never read by itself
    announced = []
    page.expose_function("heard", lambda text: announced.append(text))
    page.evaluate("""new MutationObserver(() => heard(document.querySelector(
        '.course-quiz [aria-live]').textContent)).observe(document.querySelector(
        '.course-quiz [aria-live]'), {childList: true, characterData: true, subtree: true})""")
    answer(page, ids, quizzes[1][EXAM].questions[3], RIGHT["exam-order"]) \
        if ids.question("exam-order") in shown_questions(page) else None
    announced.clear()
    for minute in range(1, 30):
        page.clock.run_for(60_000)
        assert clock.text_content() == f"剩余时间：{30 - minute} 分钟"
    assert [a.strip() for a in announced] == ["还剩 10 分钟。", "还剩 5 分钟。", "还剩 1 分钟。"]
    page.clock.run_for(60_000)
    assert clock.is_hidden()
    assert page.locator(".course-quiz-result").text_content().startswith(
        "时间到，本次作答已结束。请下载答案文件，交给培训负责人。")
    assert page.evaluate("document.activeElement.className").endswith("course-download-button")
    assert page.locator(".course-q input:enabled:visible").count() == 0
    assert page.locator(".course-q .course-move:enabled:visible").count() == 0
    with page.expect_download() as info:  # closed: no question asked, the file as of the limit
        page.locator(".course-download-button").click()
    file = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    started, submitted = (datetime.datetime.fromisoformat(file[k].replace("Z", "+00:00"))
                          for k in ("started_at", "submitted_at"))
    assert abs(started - datetime.datetime(2026, 11, 30, 9, 0, tzinfo=datetime.timezone.utc)
               ) < datetime.timedelta(seconds=30)  # the installed clock runs on in real time
    assert submitted - started == datetime.timedelta(minutes=30)


def asleep_past_the_limit(open_page, server):
    """The exam page, started at 9:00 (a 30-minute limit), whose tab then slept until 9:45:
    its timers have not run, so the attempt is not closed yet."""
    page = open_page()
    page.clock.install(time=datetime.datetime(2026, 11, 30, 9, 0, tzinfo=datetime.timezone.utc))
    page.goto(f"{server}/quiz/{EXAM}.html")
    start(page)
    page.clock.pause_at(datetime.datetime(2026, 11, 30, 9, 1, tzinfo=datetime.timezone.utc))
    page.clock.set_system_time(datetime.datetime(2026, 11, 30, 9, 45,
                                                 tzinfo=datetime.timezone.utc))
    return page


def test_a_tab_asleep_past_the_limit_takes_no_answer_after_it(open_page, server, ids, quizzes):
    """Timers of a sleeping tab do not run: the first touch after the limit closes the
    attempt as of the limit, and the late answer is neither kept nor in the file."""
    quiz = quizzes[1][EXAM]
    page = asleep_past_the_limit(open_page, server)
    chosen = next(q for q in quiz.questions if ids.question(q.id) in shown_questions(page)
                  and isinstance(q, (SingleChoice, TrueFalse)))
    value = ids.item(chosen.id, RIGHT[chosen.id]) if isinstance(chosen, SingleChoice) else "false"
    page.locator(f'.course-q[data-question="{ids.question(chosen.id)}"] '
                 f'input[value="{value}"]').click()  # check() would insist on the state
    assert page.locator(".course-q input:checked").count() == 0
    assert page.locator(".course-quiz-result").text_content().startswith("时间到")
    file = page.evaluate("document.querySelector('.course-quiz').courseQuiz.answerFile()")
    assert all(a["answer"] is None for a in file["answers"])
    started, submitted = (datetime.datetime.fromisoformat(file[k].replace("Z", "+00:00"))
                          for k in ("started_at", "submitted_at"))
    assert submitted - started == datetime.timedelta(minutes=30)


def test_a_reply_picked_in_a_tab_asleep_past_the_limit_is_not_kept(open_page, server, ids):
    chat = ids.question("exam-chat")
    page = asleep_past_the_limit(open_page, server)
    page.locator(f'.course-q[data-question="{chat}"] '
                 f'input[value="{ids.item("exam-chat", "q-sorry")}"]').click()
    assert page.locator(".course-q input:checked").count() == 0
    assert page.locator(".course-quiz-result").text_content().startswith("时间到")
    file = page.evaluate("document.querySelector('.course-quiz').courseQuiz.answerFile()")
    assert next(a for a in file["answers"] if a["question"] == chat)["answer"] is None


def test_a_new_attempt_only_by_choice_changes_the_seed_and_stops_at_the_limit(open_page, server,
                                                                             quizzes, ids):
    quiz = quizzes[1][EXAM]
    page = open_page(f"{server}/quiz/{EXAM}.html")
    start(page)
    first = hand_in(page)
    again = page.locator(".course-retry")
    assert again.is_visible() and again.text_content() == "开始新的一次作答"
    page.reload()  # a reload is not a new attempt
    page.locator(".course-quiz:not(.is-waiting)").wait_for()  # the code is in this tab still
    assert page.locator(".course-quiz").get_attribute("data-attempt") == "1"
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.locator(".course-retry").click()
    assert page.locator(".course-quiz").get_attribute("data-attempt") == "1"
    messages = []
    page.once("dialog", lambda dialog: (messages.append(dialog.message), dialog.accept()))
    page.locator(".course-retry").click()
    page.wait_for_function("document.querySelector('.course-quiz').dataset.attempt === '2'")
    assert messages == ["开始第 2 次作答吗？这会用掉一次作答机会，题目会换一套。"]
    seed = derived_seed(LEARNER, first["quiz_version"], 2)
    assert int(page.locator(".course-quiz").get_attribute("data-seed")) == seed
    assert sorted(shown_questions(page)) == sorted(paper_of(quiz, ids, seed))
    second = hand_in(page)
    assert (second["attempt"], second["seed"]) == (2, seed)
    assert page.locator(".course-retry").is_hidden()  # 2 attempts: none left


def after_submit(mode):
    """A route handler giving the exam page with `exam.after_submit` set to `mode`."""
    def handle(route):
        response = route.fetch()
        route.fulfill(response=response, body=response.text().replace(
            "&quot;after_submit&quot;:&quot;answers&quot;",
            f"&quot;after_submit&quot;:&quot;{mode}&quot;"))
    return handle


def test_after_handing_in_count_shows_only_counts_answers_shows_own_answers(open_page, server,
                                                                           ids, quizzes):
    quiz = quizzes[1][EXAM]
    for mode in ("answers", "count"):
        page = open_page()
        page.route(f"**/{EXAM}.html", after_submit(mode))
        page.goto(f"{server}/quiz/{EXAM}.html")
        start(page)
        chosen = next(q for q in quiz.questions if ids.question(q.id) in shown_questions(page)
                      and isinstance(q, (SingleChoice, TrueFalse)))
        answer(page, ids, chosen, RIGHT[chosen.id])
        hand_in(page)
        result = page.locator(".course-quiz-result").text_content()
        # Handed in: no "answer the rest and download again".
        assert page.locator(".course-download-note").text_content() == (
            f"已下载答案文件：{EXAM}-{LEARNER}.json")
        if mode == "count":
            assert result == "已交卷：作答 1 题，未作答 3 题。"
            assert shown_questions(page) == []
        else:
            assert result == "已交卷：作答 1 题，未作答 3 题。下面是你的作答（不显示对错）。"
            assert len(shown_questions(page)) == 4
            assert page.locator(".course-q input:checked").count() == 1
            assert page.locator(".course-q input:enabled:visible").count() == 0
        assert page.locator(".course-mark, .course-score, .course-verdict").count() == 0


STUB_LMS = """<!doctype html><meta charset="utf-8"><title>LMS</title><link rel="icon" href="data:,">
<script>
  const values = {"cmi.core.student_id": "STUDENT", "cmi.core.lesson_status": "not attempted",
                  "cmi.objectives._count": "0"};
  window.API = {LMSInitialize: () => "true", LMSFinish: () => "true", LMSCommit: () => "true",
    LMSGetValue: (k) => values[k] ?? "", LMSSetValue: (k, v) => { values[k] = v; return "true"; },
    LMSGetLastError: () => "0"};
</script><iframe id="sco" src="quiz/final-exam-scorm.html" style="width:100%;height:90vh"></iframe>
"""


def test_in_a_scorm_package_the_lms_gives_the_id_and_the_paper_is_the_sites(open_page, exam,
                                                                            server, quizzes,
                                                                            ids):
    """scorm.js hands the LMS's cmi.core.student_id to the widget; the seed and paper are then
    the site's (the code is still typed: only the desk can check it)."""
    site = exam[1]
    (site / "assets" / "course" / "scorm.js").write_bytes(
        (Path(__file__).resolve().parents[2] / "generator" / "assets" / "scorm.js").read_bytes())
    page_html = (site / "quiz" / f"{EXAM}.html").read_text(encoding="utf-8")
    quiz_js = '<script src="../assets/course/quiz.js"></script>'
    assert quiz_js in page_html  # scorm.js comes after quiz.js, as the export writes them
    (site / "quiz" / f"{EXAM}-scorm.html").write_text(page_html.replace(
        quiz_js, quiz_js + '<script src="../assets/course/scorm.js"></script>'), "utf-8")
    (site / "lms.html").write_text(STUB_LMS.replace("STUDENT", "lms-042"), "utf-8")
    page = open_page(f"{server}/lms.html")
    frame = page.frame_locator("#sco")
    field = frame.locator("#course-id-final-exam")
    field.wait_for()
    page.wait_for_function("document.querySelector('#sco').contentDocument.readyState "
                           "=== 'complete'")
    assert field.input_value() == "lms-042"
    frame.locator("#course-code-final-exam").fill(CODE)
    frame.locator(".course-start").click()
    frame.locator(".course-quiz:not(.is-waiting)").wait_for()
    quiz = quizzes[1][EXAM]
    seed = derived_seed("lms-042", page.evaluate(
        "JSON.parse(document.querySelector('#sco').contentDocument.querySelector("
        "'.course-quiz').dataset.json).version"), 1)
    assert int(frame.locator(".course-quiz").get_attribute("data-seed")) == seed
    shown = frame.locator(".course-q").evaluate_all(
        "els => els.filter(e => !e.hidden).map(e => e.dataset.question)")
    assert sorted(shown) == sorted(paper_of(quiz, ids, seed))


# ---- The assessment part, fetched where a quiz needs it -----------------------------------------

def test_the_exam_part_is_fetched_once_only_where_a_quiz_needs_it_by_instant_navigation_too(
        open_page, tmp_path):
    """quiz-exam.js and its sheet: never on a practice page; on the exam page reached by
    Material's instant navigation (no page load), once, before the form shows; loading it again
    adds nothing."""
    with served_at_its_site_url(exam_course(tmp_path / "course"), tmp_path / "www") as site:
        page = open_page()
        fetched = []
        page.on("request", lambda r: "quiz-exam" in r.url
                and fetched.append(r.url.rsplit("/", 1)[1]))
        page.goto(f"{site}/quiz/basics-practice.html")
        page.wait_for_load_state("networkidle")  # Material intercepts clicks once it has loaded
        assert page.locator(".course-quiz.is-live").count() == 1
        assert fetched == [] and page.evaluate("typeof CourseQuiz.Integrity") == "undefined"
        page.evaluate("window.sameDocument = true")
        page.locator(f'.md-nav a[href$="quiz/{EXAM}.html"]').first.dispatch_event(
            "click", {"button": 0})
        page.locator(".course-identity").wait_for()
        assert page.evaluate("window.sameDocument") is True  # no full page load happened
        assert sorted(fetched) == ["quiz-exam.css", "quiz-exam.js"]
        # Its sheet applies: the questions wait below the form.
        assert page.locator(".course-q").first.is_hidden()
        assert page.evaluate("CourseQuiz.Integrity.codeProblem('')") == ["code_length", {"n": 0}]
        page.evaluate("""() => new Promise((resolve) => {
            const again = document.createElement('script');
            again.src = document.querySelector('script[src$="course/quiz.js"]').src
              .replace('quiz.js', 'quiz-exam.js?again');  // fetched and run a second time
            again.onload = resolve;
            window.first = CourseQuiz.exam;
            document.head.append(again); })""")
        page.evaluate("CourseQuiz.init(); document$.next(document)")
        assert page.evaluate("CourseQuiz.exam === window.first") is True
        assert page.locator(".course-identity").count() == 1
        assert page.locator(".course-clock").count() == 1
        assert page.locator('link[href$="quiz-exam.css"]').count() == 1
        start(page)
        assert page.locator(".course-clock").is_visible()
        page.go_back()
        page.locator('.course-quiz.is-live[data-quiz="basics-practice"]').wait_for()
        page.go_forward()
        page.locator(f'.course-quiz.is-live[data-quiz="{EXAM}"]:not(.is-waiting)').wait_for()
        assert page.evaluate("window.sameDocument") is True
        assert page.locator(".course-identity").count() == 1
        clock = page.locator(".course-clock")
        assert clock.evaluate("e => getComputedStyle(e).position") == "sticky"  # its sheet
        # Not fetched again by the widget: the second is the one the test added.
        assert sorted(fetched) == ["quiz-exam.css", "quiz-exam.js", "quiz-exam.js?again"]


# ---- Screenshots -------------------------------------------------------------------------------

def test_screenshots_of_the_identity_form_and_a_drawn_paper(open_page, server):
    out = Path("/tmp/widget-shots")
    out.mkdir(exist_ok=True)
    for name, viewport in (("desktop", {"width": 1280, "height": 900}),
                           ("phone", {"width": 390, "height": 844})):
        page = open_page(viewport=viewport, is_mobile=name == "phone")
        page.goto(f"{server}/quiz/{EXAM}.html")
        page.locator(".course-identity input").nth(1).fill("7KQ2-M9XD-X")
        page.locator(".course-identity input").nth(0).fill(LEARNER)
        page.locator(".course-start").click()
        page.locator(".course-identity").screenshot(path=str(out / f"identity-{name}.png"))
        start(page)
        page.screenshot(path=str(out / f"paper-{name}.png"), full_page=True)
        width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1]
        # A fact question's answer counts at once (a conversation's reply on "continue").
        page.locator(".course-q:not([hidden]):not(.course-q--scenario) input").first.check()
        hand_in(page)
        assert page.locator(".course-quiz-result").text_content().startswith(
            "已交卷：作答 1 题，未作答 3 题。")
        page.locator(".course-quiz-footer").screenshot(path=str(out / f"handed-in-{name}.png"))


def test_axe_finds_nothing_on_the_form_the_paper_and_the_handed_in_page(open_page, server):
    from test_accessibility import AXE, audit, fail_on
    if not AXE.exists():
        missing_tool("axe-core is not installed: run npm ci")  # a failure under CI=true
    page = open_page(f"{server}/quiz/{EXAM}.html")
    page.add_script_tag(path=str(AXE))
    page.locator(".course-start").click()  # an error shown, the id field marked
    problems = audit(page, "identity form with an error")
    start(page)
    problems += audit(page, "drawn paper with the clock")
    hand_in(page)
    page.mouse.move(0, 0)  # not hovering: Material's hover colours are its own
    problems += audit(page, "handed in")
    fail_on(problems)


def test_initialising_again_adds_no_second_form_clock_or_listener(open_page, server, ids):
    page = open_page(f"{server}/quiz/{EXAM}.html")
    page.evaluate("CourseQuiz.init(); CourseQuiz.init(); "
                  "window.document$ && document$.next(document)")
    assert page.locator(".course-identity").count() == 1
    start(page)
    page.evaluate("CourseQuiz.init()")
    assert page.locator(".course-clock").count() == 1
    assert page.locator(".course-quiz-footer").count() == 1
    page.evaluate("""() => { window.saves = 0; const set = Storage.prototype.setItem;
        Storage.prototype.setItem = function (key, value) {
          if (key.startsWith('course-progress:')) saves++;
          return set.call(this, key, value); }; }""")
    # A fact question (a conversation's reply is saved only on "continue"): every paper has 2.
    box = page.locator(".course-q:not([hidden]):not(.course-q--scenario) input").first
    box.check()
    assert page.evaluate("saves") == 1  # one widget saved, once
