"""generator.scoring: the one definition of scoring (the browser's is compared with it in
tests/browser)."""

import pytest

from generator.quizgraph import best_points
from generator.scoring import (
    AnswerError,
    Grader,
    grade_question,
    grade_quiz,
    percent,
)
from quizhelpers import make_quiz, multiple, ordering, scenario, single, true_false


def question(data: dict):
    return make_quiz(data).questions[0]


def test_single_choice_scores_the_correct_option_only():
    q = question(single(correct="b", points=2))
    assert grade_question(q, "b") == type(grade_question(q, "b"))("s", 2.0, 2.0, "correct", ("b",))
    wrong = grade_question(q, "a")
    assert (wrong.points, wrong.max_points, wrong.status, wrong.picked) == (
        0.0, 2.0, "wrong", ("a",))


def test_unanswered_scores_zero_but_counts_towards_the_maximum():
    for data in (single(), multiple(), true_false(), ordering(), scenario()):
        result = grade_question(question(data), None)
        assert (result.points, result.max_points, result.status) == (0.0, 1.0, "unanswered")


@pytest.mark.parametrize("answer, points, status", [
    (["a", "b"], 1.0, "correct"),
    (["b", "a"], 1.0, "correct"),  # a set: the order of the picks does not matter
    (["a"], 0.0, "wrong"),
    (["a", "b", "c"], 0.0, "wrong"),
    ([], 0.0, "wrong"),
])
def test_multiple_all_or_nothing(answer, points, status):
    result = grade_question(question(multiple(scoring="all_or_nothing")), answer)
    assert (result.points, result.status) == (points, status)


@pytest.mark.parametrize("answer, points, status", [
    (["a", "b", "c"], 2.0, "correct"),
    (["a"], 2 * (1 / 3), "partial"),
    (["a", "b", "d"], 2 * ((2 - 0.5) / 3), "partial"),  # each wrong pick costs half a share
    (["a", "d", "e"], 0.0, "wrong"),  # 1 - 2 × 0.5 = 0
    (["d", "e"], 0.0, "wrong"),  # never below zero
    (["a", "b", "c", "d", "e"], 2 * ((3 - 1.0) / 3), "partial"),
])
def test_multiple_partial_credit_with_penalty(answer, points, status):
    q = question(multiple(correct=("a", "b", "c"), options=("a", "b", "c", "d", "e"),
                          penalty=0.5, points=2))
    result = grade_question(q, answer)
    assert (result.points, result.status) == (points, status)
    assert result.picked == tuple(o for o in "abcde" if o in answer)  # in option order


def test_multiple_partial_default_penalty_is_one_share():
    q = question(multiple(correct=("a", "b"), options=("a", "b", "c")))
    assert grade_question(q, ["a", "c"]).points == 0.0
    assert grade_question(q, ["a", "b", "c"]).points == 0.5


def test_true_false():
    q = question(true_false(answer=False, points=0.5))
    assert grade_question(q, False).points == 0.5
    assert grade_question(q, True).points == 0.0
    assert grade_question(q, True).picked == ("true",)


@pytest.mark.parametrize("scoring, answer, points", [
    ("all_or_nothing", ["a", "b", "c", "d"], 1.0),
    ("all_or_nothing", ["a", "b", "d", "c"], 0.0),
    ("position", ["a", "b", "d", "c"], 0.5),
    ("position", ["b", "a", "d", "c"], 0.0),
    ("position", ["a", "c", "b", "d"], 0.5),
    ("adjacent_pairs", ["a", "b", "d", "c"], 1 / 3),  # a-b right; b-d, d-c not
    ("adjacent_pairs", ["c", "d", "a", "b"], 2 / 3),  # c-d and a-b right
    ("adjacent_pairs", ["d", "c", "b", "a"], 0.0),
])
def test_ordering_rules(scoring, answer, points):
    result = grade_question(question(ordering(scoring=scoring)), answer)
    assert result.points == points
    assert result.picked == tuple(answer)


def test_scenario_scores_the_path_against_the_best_path():
    q = question(scenario(points=3))
    assert best_points(q) == 5  # good (2) + best (3)
    assert grade_question(q, ["good", "best"]).points == 3 * (5 / 5)
    fine = grade_question(q, ["good", "fine"])
    assert (fine.points, fine.status, fine.ending) == (3 * (3 / 5), "partial", "end-good")
    bad = grade_question(q, ["bad"])
    assert (bad.points, bad.status, bad.ending) == (0.0, "wrong", "end-bad")
    half_way = grade_question(q, ["good"])  # stopped before an ending
    assert (half_way.points, half_way.ending) == (3 * (2 / 5), "mid")


@pytest.mark.parametrize("answer, points, status", [
    (["good", "best"], 3 * (5 / 5), "correct"),
    (["good", "fine"], 3 * (3 / 5), "partial"),
    (["bad", "best"], 3 * (3 / 5), "partial"),  # on a practice page "bad" ends the conversation
    (["bad", "fine"], 3 * (1 / 5), "partial"),
    (["bad"], 0.0, "wrong"),  # stopped after the first step
    (["good"], 3 * (2 / 5), "partial"),
    ([], 0.0, "wrong"),
])
def test_an_assessment_page_scenario_scores_each_best_path_step_on_its_own(answer, points,
                                                                           status):
    # The page showed start, then mid, whatever was picked; the maximum is the best path's.
    result = grade_question(question(scenario(points=3)), answer, linear=True)
    assert (result.points, result.max_points, result.status, result.picked, result.ending) == (
        points, 3.0, status, tuple(answer), None)


@pytest.mark.parametrize("answer, message", [
    (["best"], "'best' is not a choice at step 1"),
    (["good", "bad"], "'bad' is not a choice at step 2"),
    (["good", "best", "best"], "expected at most 2 choices, one per step, got 3"),
    ("good", "expected a list of choice ids, got text"),
])
def test_an_assessment_page_scenario_answer_must_fit_its_steps(answer, message):
    with pytest.raises(AnswerError) as error:
        grade_question(question(scenario()), answer, linear=True)
    assert str(error.value) == message


def test_a_linear_grader_scores_only_scenarios_differently():
    quiz = make_quiz(single("s1"), scenario("c1"), pass_mark=0.5)
    answers = {"s1": "b", "c1": ["bad", "best"]}
    assert Grader(quiz, linear=True).grade(answers).points == 1 + 3 / 5
    with pytest.raises(AnswerError):
        Grader(quiz).grade(answers)  # by the path, "best" is no choice at the bad ending


@pytest.mark.parametrize("data, answer, message", [
    (single(), ["a"], "expected one option id, got a list"),
    (single(), "z", "'z' is not an option"),
    (multiple(), "a", "expected a list of option ids, got text"),
    (multiple(), ["a", "z"], "'z' is not one of this question's options"),
    (multiple(), ["a", "b", "a"], "option 'a' is listed twice"),
    (true_false(), "true", "expected true or false, got text"),
    (true_false(), 1, "expected true or false, got a number"),
    (ordering(), ["a", "b", "c"], "expected all 4 steps once each, got 3"),
    (ordering(), ["a", "b", "c", "c"], "step 'c' is listed twice"),
    (ordering(), {"a": 1}, "expected a list of step ids, got an object"),
    (scenario(), ["good", "bad"], "'bad' is not a choice at step 'mid'"),
    (scenario(), [True], "expected a list of choice ids, got a list"),
])
def test_impossible_answers_are_refused_with_a_reason(data, answer, message):
    with pytest.raises(AnswerError) as error:
        grade_question(question(data), answer)
    assert str(error.value) == message


def test_quiz_score_sums_in_yaml_order_and_rounds_half_up():
    quiz = make_quiz(single("q1", points=0.1), single("q2", points=0.2), single("q3", points=0.3),
                     pass_mark=0.5)
    result = grade_quiz(quiz, {"q1": "b", "q2": "b", "q3": "a"})
    assert result.points == 0.1 + 0.2  # left to right, as the browser adds
    assert result.max_points == (0.1 + 0.2) + 0.3 == 0.6000000000000001
    assert result.score == (0.1 + 0.2) / 0.6000000000000001
    assert (result.passed, result.percent) == (True, 50)
    assert [r.question for r in result.questions] == ["q1", "q2", "q3"]


def test_pass_mark_is_inclusive():
    quiz = make_quiz(single("q1"), single("q2"), pass_mark=0.5)
    assert grade_quiz(quiz, {"q1": "b"}).passed
    assert not grade_quiz(quiz, {"q1": "a"}).passed


def test_questions_changed_since_answering_are_left_out():
    quiz = make_quiz(single("q1"), single("q2"))
    result = grade_quiz(quiz, {"q1": "b", "q2": "a"}, skip=frozenset({"q2"}))
    assert (result.score, result.max_points, len(result.questions)) == (1.0, 1.0, 1)
    assert Grader(quiz).grade({}, frozenset({"q1", "q2"})).score == 0.0  # nothing left to score


@pytest.mark.parametrize("score, expected", [
    (0.125, 13), (0.124, 12), (0.005, 1), (0.0049, 0), (1.0, 100), (0.0, 0), (2 / 3, 67),
])
def test_percent_rounds_half_up_like_math_round(score, expected):
    assert percent(score) == expected


def test_an_assessment_page_scenario_never_scores_above_full_marks():
    """A reply off the best path worth more than the best path's own at its step (which
    `course check` reports): picking the most points at each step is full marks, not more."""
    greedy = scenario(points=4)
    greedy["nodes"][0]["choices"][1]["points"] = 3  # "bad" (3) now outscores "good" (2)
    q = question(greedy)
    assert grade_question(q, ["bad", "best"], linear=True).points == 4.0
    assert grade_question(q, ["good", "best"], linear=True).points == 4 * 5 / 6
