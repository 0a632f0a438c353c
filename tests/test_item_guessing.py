"""generator.items.guessing: each closed form equals the mean of the grader's score over every
answer a guesser can give (weighted by its chance, for a conversation's random walk)."""

import itertools
import math

import pytest

from generator.items.guessing import guess_fraction
from generator.scoring import grade_question
from quizhelpers import make_quiz, multiple, ordering, scenario, scenario_paths, single, true_false


def mean_over(question, answers) -> float:
    results = [grade_question(question, answer) for answer in answers]
    return sum(r.points / r.max_points for r in results) / len(results)


@pytest.mark.parametrize("options", [("a", "b"), ("a", "b", "c"), ("a", "b", "c", "d", "e")])
def test_single_choice_is_one_in_k(options):
    question = make_quiz(single(options=options, correct="a")).questions[0]
    assert guess_fraction(question) == pytest.approx(mean_over(question, list(options)))
    assert guess_fraction(question) == pytest.approx(1 / len(options))


def test_true_false_is_a_half():
    question = make_quiz(true_false(answer=False)).questions[0]
    assert guess_fraction(question) == mean_over(question, [True, False]) == 0.5


def nonempty_sets(ids):
    return [[i for i, keep in zip(ids, mask) if keep]
            for mask in itertools.product((False, True), repeat=len(ids)) if any(mask)]


@pytest.mark.parametrize("scoring, penalty, options, correct", [
    ("all_or_nothing", 1, "abcd", "ab"),
    ("partial", 1, "abcd", "ab"),
    ("partial", 0.5, "abcde", "abc"),
    ("partial", 0, "abc", "a"),
    ("partial", 2, "abcdef", "abcd"),
    ("partial", 1, "ab", "ab"),
])
def test_multiple_choice_is_the_mean_over_every_nonempty_set(scoring, penalty, options, correct):
    question = make_quiz(multiple(options=tuple(options), correct=tuple(correct),
                                  scoring=scoring, penalty=penalty)).questions[0]
    expected = mean_over(question, nonempty_sets(list(options)))
    assert guess_fraction(question) == pytest.approx(expected, abs=1e-12)


def test_multiple_choice_all_or_nothing_is_one_set_in_all():
    question = make_quiz(multiple(scoring="all_or_nothing")).questions[0]
    assert guess_fraction(question) == pytest.approx(1 / 15)


@pytest.mark.parametrize("scoring", ["all_or_nothing", "position", "adjacent_pairs"])
@pytest.mark.parametrize("n", [2, 3, 4, 5, 6])
def test_ordering_is_the_mean_over_every_order(scoring, n):
    steps = tuple("abcdefgh"[:n])
    question = make_quiz(ordering(items=steps, scoring=scoring)).questions[0]
    expected = mean_over(question, [list(p) for p in itertools.permutations(steps)])
    assert guess_fraction(question) == pytest.approx(expected, abs=1e-12)
    assert guess_fraction(question) == pytest.approx(
        1 / math.factorial(n) if scoring == "all_or_nothing" else 1 / n)


def walk_chance(question, path) -> float:
    nodes = {node.id: node for node in question.nodes}
    node, chance = nodes[question.start or question.nodes[0].id], 1.0
    for choice_id in path:
        chance /= len(node.choices)
        node = nodes[next(c.next for c in node.choices if c.id == choice_id)]
    return chance


def test_a_conversation_is_the_random_walk_over_its_paths():
    question = make_quiz(scenario()).questions[0]
    paths = scenario_paths(question, complete_only=True)
    assert sum(walk_chance(question, p) for p in paths) == pytest.approx(1)
    expected = sum(walk_chance(question, p) * grade_question(question, p).points
                   for p in paths) / question.points
    assert guess_fraction(question) == pytest.approx(expected)
    # By hand: half the walks take 'bad' (0 of 5); the other half 'good' (2), then 'fine' (+1)
    # or 'best' (+3) evenly: (0 + (2 + 2)) / 2 = 2 points of the best path's 5.
    assert guess_fraction(question) == pytest.approx(2 / 5)


@pytest.mark.parametrize("points", [None, 3])
def test_a_conversation_on_an_assessment_page_is_guessed_step_by_step(points):
    """Linear: every step of the best path is shown whatever is picked, each scored on its own;
    the guess is the mean over every combination of one reply per step."""
    data = scenario()
    if points is not None:  # a reply off the best path worth more than the best path's own
        data["nodes"][0]["choices"][1]["points"] = points
    question = make_quiz(data).questions[0]
    steps = [["good", "bad"], ["fine", "best"]]
    every = [list(p) for p in itertools.product(*steps)]
    linear_mean = sum(grade_question(question, a, linear=True).points / question.points
                      for a in every) / len(every)
    assert guess_fraction(question, linear=True) == pytest.approx(linear_mean)
    # start: (2 + 0) / 2, mid: (1 + 3) / 2 → 3 of 5; with "bad" worth 3: 2.5 + 2 = 4.5 of 6.
    assert linear_mean == pytest.approx(3 / 5 if points is None else 4.5 / 6)
    assert guess_fraction(question) != pytest.approx(linear_mean)  # the random walk differs
