"""One grading definition, two engines: the quiz pages' JavaScript and generator/scoring.py agree.

- Every possible answer of every question of every quiz in the bundled course (whatever
  quizzes/ holds when the test runs) and in the fixture course, scored by the real page's
  JavaScript in Chromium, in batches through page.evaluate, and compared with the grader.
- The same through the real interface: clicking and typing answers, then reading the page.
- Generated quizzes (hypothesis): random question structures, weights and answers.
- The seeded shuffle: the order the page shows is the one generator/shuffle.py replays.
"""

from __future__ import annotations

import json
import random
import types

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.integrity.opaque import OpaqueIds
from generator.models.quiz import MultipleChoice, Scenario
from generator.render.quiz import quiz_data
from generator.scoring import grade_question, grade_quiz
from generator.shuffle import presentation
from helpers import serve_directory
from quizhelpers import (
    QUIZ_COURSE,
    ROOT,
    all_answers,
    answer_with_clicks,
    build_fixture_course,
    bundled_course,
    check_answer,
    fixture_course,
    make_quiz,
    question_box,
    registry_salt,
    scenario_paths,
)

pytestmark = pytest.mark.browser

GRADE_ANSWERS = """([question, answers]) => answers.map(answer => {
  const r = CourseQuiz.gradeQuestion(question, answer);
  return [r.points, r.maxPoints, r.status];
})"""
GRADE_QUIZZES = """([data, sets]) => sets.map(answers => {
  const r = CourseQuiz.gradeQuiz(data, answers);
  return [r.score, r.points, r.maxPoints, r.passed, CourseQuiz.Grading.percent(r.score)];
})"""
PAGE_DATA = "JSON.parse(document.querySelector('.course-quiz').dataset.json)"
COMPARED: dict[str, int] = {}


@pytest.fixture(scope="module")
def fixture_server(tmp_path_factory):
    base, stop = serve_directory(build_fixture_course(tmp_path_factory, assessment=False))
    yield base
    stop()


def as_json(value):
    return json.loads(json.dumps(value))


def scoring_data(page, loaded, quiz, salt: str) -> dict:
    """The data the page scores with: the page's own in practice mode. An assessment page holds
    no key by design, so its questions are scored with the practice data Python would render."""
    practice = as_json(quiz_data(loaded, quiz, assessment=False))
    shown = page.evaluate(PAGE_DATA)
    if shown["mode"] == "practice":
        assert shown == practice
        return shown
    ids = OpaqueIds(quiz, salt)
    assert shown == as_json(quiz_data(loaded, quiz, assessment=True, ids=ids))
    return practice


def compare_every_answer(page, base, loaded, quizzes, label, salt: str) -> None:
    pairs = 0
    mismatches = []
    rng = random.Random(label)
    for quiz in quizzes:
        page.goto(f"{base}/quiz/{quiz.id}.html")
        data = scoring_data(page, loaded, quiz, salt)
        possible = []
        for question, question_data in zip(quiz.questions, data["questions"]):
            answers = all_answers(question)
            possible.append(answers)
            for start in range(0, len(answers), 2000):
                batch = answers[start:start + 2000]
                browser_results = page.evaluate(GRADE_ANSWERS, [question_data, batch])
                for answer, js in zip(batch, browser_results):
                    py = grade_question(question, answer)
                    if tuple(js) != (py.points, py.max_points, py.status):
                        mismatches.append((quiz.id, question.id, answer, js, py))
            pairs += len(answers)
        # Whole quizzes: random answer sets, summed in YAML order on both sides.
        sets = [{q.id: rng.choice(answers) for q, answers in zip(quiz.questions, possible)}
                for _ in range(300)]
        for answers, js in zip(sets, page.evaluate(GRADE_QUIZZES, [data, sets])):
            py = grade_quiz(quiz, answers)
            if js != [py.score, py.points, py.max_points, py.passed, py.percent]:
                mismatches.append((quiz.id, answers, js, py))
    assert mismatches == []
    COMPARED[label] = pairs
    print(f"\nparity ({label}): {pairs} (question, answer) pairs compared over "
          f"{sum(len(q.questions) for q in quizzes)} questions in {len(quizzes)} quizzes")


def test_every_answer_of_the_bundled_course(page, site_server, built_site):
    loaded, quizzes = bundled_course()
    compare_every_answer(page, site_server, loaded, quizzes, "bundled course",
                         registry_salt(ROOT))
    # 104 questions, 3,207 possible answers when this bound was set: not vacuous.
    assert COMPARED["bundled course"] > 3000


def test_every_answer_of_the_fixture_course(page, fixture_server):
    loaded, quizzes = fixture_course()
    compare_every_answer(page, fixture_server, loaded, quizzes, "fixture course",
                         registry_salt(QUIZ_COURSE))
    assert COMPARED["fixture course"] > 1000  # a six-step ordering alone has 720 orders


# ---- The real interface ------------------------------------------------------------------------

def answer_with_keyboard(page, question, answer) -> None:
    """Keys only: Space ticks, Enter presses buttons."""
    box = question_box(page, question.id)
    if question.type in ("single", "true_false"):
        value = answer if question.type == "single" else ("true" if answer else "false")
        box.locator(f'input[value="{value}"]').focus()
        page.keyboard.press("Space")
    elif question.type == "multiple":
        for option in question.options:
            tick = box.locator(f'input[value="{option.id}"]')
            if tick.is_checked() != (option.id in answer):
                tick.focus()
                page.keyboard.press("Space")
    elif question.type == "ordering":
        for target, step in enumerate(answer):
            current = box.locator(".course-step").evaluate_all(
                "(items, step) => items.findIndex(li => li.dataset.step === step)", step)
            box.locator(f'.course-step[data-step="{step}"] .course-move').first.focus()
            for _ in range(current - target):
                page.keyboard.press("Enter")
    else:
        for choice in answer:
            box.locator(f'input[value="{choice}"]').focus()
            page.keyboard.press("Space")
            page.keyboard.press("Tab")  # out of the radio group, onto Continue
            assert page.evaluate("document.activeElement.classList.contains('course-continue')")
            page.keyboard.press("Enter")
    if question.type != "scenario":
        box.locator(".course-check").focus()
        page.keyboard.press("Enter")


def learner_answers(question, rng) -> object:
    """An answer the interface can give: something picked, conversations to their end."""
    if isinstance(question, Scenario):
        return rng.choice(scenario_paths(question, complete_only=True))
    return rng.choice([a for a in all_answers(question) if a not in (None, [])])


@pytest.mark.parametrize("keys", [False, True], ids=["mouse", "keyboard"])
def test_answers_given_in_the_interface_score_as_the_grader_says(browser, fixture_server, keys):
    loaded, quizzes = fixture_course()
    context = browser.new_context()
    page = context.new_page()
    errors = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    rng = random.Random(7 + keys)
    for quiz in quizzes:
        if quiz.mode != "practice":
            continue
        page.goto(f"{fixture_server}/quiz/{quiz.id}.html")
        for _ in range(3):
            answers = {q.id: learner_answers(q, rng) for q in quiz.questions}
            for question in quiz.questions:
                if keys:
                    answer_with_keyboard(page, question, answers[question.id])
                else:
                    answer_with_clicks(page, question, answers[question.id])
                    check_answer(page, question)
                box = question_box(page, question.id)
                expected = grade_question(question, answers[question.id])
                assert (float(box.get_attribute("data-points")), box.get_attribute("data-status")) \
                    == (expected.points, expected.status), (quiz.id, question.id, answers)
            expected = grade_quiz(quiz, answers)
            state = page.evaluate("({...document.querySelector('.course-quiz').dataset})")
            assert (float(state["score"]), state["passed"], int(state["percent"])) == (
                expected.score, str(expected.passed).lower(), expected.percent)
            assert page.locator(".course-score").text_content().startswith(
                f"得分 {expected.percent}%")
            page.locator(".course-retry").click()
    context.close()
    assert errors == []


# ---- Generated quizzes -----------------------------------------------------------------------

COURSE = types.SimpleNamespace(course=types.SimpleNamespace(title="生成的课程", language="zh"))
weights = st.one_of(st.sampled_from([1, 0.1, 0.2, 0.3, 0.5, 1.5, 2, 3]),
                    st.floats(min_value=0.01, max_value=1000, allow_nan=False))


@st.composite
def questions(draw, index: int) -> dict:
    kind = draw(st.sampled_from(["single", "multiple", "true_false", "ordering", "scenario"]))
    base = {"id": f"q{index}", "type": kind, "prompt": "题目", "points": draw(weights)}
    if kind == "single":
        n = draw(st.integers(2, 6))
        right = draw(st.integers(0, n - 1))
        return base | {"options": [{"id": f"o{i}", "text": "x", "correct": i == right}
                                   for i in range(n)]}
    if kind == "multiple":
        n = draw(st.integers(2, 7))
        right = draw(st.sets(st.integers(0, n - 1), min_size=1))
        return base | {"scoring": draw(st.sampled_from(["all_or_nothing", "partial"])),
                       "penalty": draw(st.one_of(st.sampled_from([0, 0.5, 1, 2, 1 / 3]),
                                                 st.floats(0, 10, allow_nan=False))),
                       "options": [{"id": f"o{i}", "text": "x", "correct": i in right}
                                   for i in range(n)]}
    if kind == "true_false":
        return base | {"answer": draw(st.booleans())}
    if kind == "ordering":
        n = draw(st.integers(2, 7))
        return base | {"scoring": draw(st.sampled_from(["all_or_nothing", "position",
                                                        "adjacent_pairs"])),
                       "items": [{"id": f"s{i}", "text": "x"} for i in range(n)]}
    n = draw(st.integers(2, 7))  # a conversation: choices only lead forward, so no loops
    nodes = []
    for i in range(n):
        targets = draw(st.lists(st.integers(i + 1, n - 1), max_size=3)) if i < n - 1 else []
        choices = [{"id": f"c{i}-{k}", "text": "x", "next": f"n{t}",
                    "points": draw(st.integers(0, 10))} for k, t in enumerate(targets)]
        nodes.append({"id": f"n{i}", "choices": choices} if choices else
                     {"id": f"n{i}", "outcome": "结束"})
    if "outcome" in nodes[0]:  # the start must offer a choice
        nodes[0] = {"id": "n0", "choices": [{"id": "c0-x", "text": "x", "next": f"n{n - 1}",
                                             "points": 0}]}
    nodes[0]["choices"][0]["points"] += 1  # the best path is worth something
    return base | {"nodes": nodes}


@st.composite
def quizzes_and_answers(draw):
    count = draw(st.integers(1, 6))
    quiz = make_quiz(*[draw(questions(i)) for i in range(count)],
                     pass_mark=draw(st.floats(0, 1)),
                     shuffle={"questions": draw(st.booleans()), "options": draw(st.booleans())})
    answers = {q.id: draw(st.sampled_from(all_answers(q))) for q in quiz.questions}
    return quiz, answers, draw(st.integers(0, 2**32 - 1))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=quizzes_and_answers())
def test_generated_quizzes_score_the_same(page_with_widget, case):
    quiz, answers, seed = case
    data = as_json(quiz_data(COURSE, quiz, assessment=False))
    js = page_with_widget.evaluate("""([data, answers, seed]) => {
        const r = CourseQuiz.gradeQuiz(data, answers);
        return {quiz: [r.score, r.points, r.maxPoints, r.passed,
                       CourseQuiz.Grading.percent(r.score)],
                questions: r.questions.map(q => [q.points, q.maxPoints, q.status]),
                shown: CourseQuiz.Shuffle.presentation(data, seed)};
    }""", [data, answers, seed])
    py = grade_quiz(quiz, answers)
    assert js["quiz"] == [py.score, py.points, py.max_points, py.passed, py.percent]
    assert js["questions"] == [[r.points, r.max_points, r.status] for r in py.questions]
    shown = presentation(quiz, seed)
    assert js["shown"] == {"paper": shown.paper, "questions": shown.questions,
                           "options": shown.options, "choices": shown.choices, "steps": {}}


@pytest.fixture(scope="module")
def page_with_widget(page, fixture_server):
    page.goto(f"{fixture_server}/index.html")
    assert page.evaluate("typeof CourseQuiz.gradeQuiz") == "function"
    return page


# ---- The seeded shuffle -----------------------------------------------------------------------

class ListedOrder:
    """shuffle.PageOrder of a page that lists items as its data does: each one's place there."""

    def __init__(self, data: dict):
        self.places = {}
        for q in data["questions"]:
            for place, item in enumerate(q.get("options") or q.get("items") or []):
                self.places[q["id"], item] = place
            for place, node in enumerate(q.get("nodes", [])):
                self.places[q["id"], "node " + node["id"]] = place
                for at, choice in enumerate(node["choices"]):
                    self.places[q["id"], choice["id"]] = at

    def item(self, question_id, item_id):
        return self.places[question_id, item_id]

    def node(self, question_id, node_id):
        return self.places[question_id, "node " + node_id]


def test_the_page_shuffles_as_python_replays(page_with_widget):
    """Every quiz of both courses as an assessment page's data (opaque ids in page order, linear
    conversations), shuffling everything: questions, options, choices and ordering steps,
    against shuffle.presentation from the page's order, over 207 seeds. The draw's parity is in
    test_assessment_widget.py."""
    loaded, quizzes = fixture_course()
    _, bundled = bundled_course()
    rng = random.Random(3)
    seeds = [0, 1, 2, 42, 2**31 - 1, 2**31, 2**32 - 1] + [rng.getrandbits(32) for _ in range(200)]
    compared = 0
    for quiz in quizzes + bundled:
        forced = quiz.model_copy(update={"shuffle": True, "draw": []})
        ids = OpaqueIds(forced, "0123456789abcdef0123456789abcdef")
        data = as_json(quiz_data(loaded, forced, assessment=True, ids=ids))
        data["shuffle"] = {"questions": True, "options": True}  # whatever the quiz asks
        shown_js = page_with_widget.evaluate(
            "([data, seeds]) => seeds.map(seed => CourseQuiz.Shuffle.presentation(data, seed))",
            [data, seeds])
        q = ids.question
        for seed, js in zip(seeds, shown_js):
            py = presentation(forced, seed, assessment=True, page_order=ids)
            assert sorted(js["paper"]) == sorted(q(x) for x in py.paper)
            assert js["questions"] == [q(x) for x in py.questions]
            assert js["options"] == {q(k): [ids.item(k, o) for o in v]
                                     for k, v in py.options.items()}
            assert js["steps"] == {q(k): [ids.item(k, i) for i in v] for k, v in py.steps.items()}
            # The page's conversation ends in one neutral node of its own (no choices, not in
            # the quiz model): an empty list there, nothing to shuffle, no draw taken.
            ends = {k: [n for n, cs in v.items() if not cs] for k, v in js["choices"].items()}
            assert all(len(e) == 1 for e in ends.values()), ends
            assert {k: {n: cs for n, cs in v.items() if cs} for k, v in js["choices"].items()} == {
                q(k): {ids.node(k, n): [ids.item(k, c) for c in cs] for n, cs in v.items()}
                for k, v in py.choices.items()}
            compared += 1
    assert compared >= 3 * len(seeds)


def test_multiple_choice_options_appear_in_every_order(page_with_widget):
    """The widget's draws cover every order (a biased shuffle would miss some)."""
    quiz = make_quiz({"id": "m", "type": "multiple", "prompt": "p", "scoring": "partial",
                      "options": [{"id": o, "text": o, "correct": o == "a"} for o in "abcd"]},
                     shuffle=True)
    data = as_json(quiz_data(COURSE, quiz, assessment=False))
    orders = page_with_widget.evaluate(
        "data => [...Array(2000).keys()].map(s => CourseQuiz.Shuffle.presentation(data, s)"
        ".options.m.join(''))", data)
    assert len(set(orders)) == 24
    assert isinstance(quiz.questions[0], MultipleChoice)
