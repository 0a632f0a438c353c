"""The seeded shuffle: the Python replay of the order a learner saw in the browser.

The numbers below were produced by the JavaScript in generator/assets/quiz.js; the browser tests
(tests/browser/test_parity.py) also compare both sides live over many seeds.
"""

import collections
import itertools

import pytest

from generator.shuffle import display_order, mulberry32, presentation, shuffled
from quizhelpers import make_quiz, multiple, ordering, scenario, single, true_false


@pytest.mark.parametrize("seed, draws", [
    (0, [1144304738, 1416247, 958946056]),
    (1, [2693262067, 11749833, 2265367787]),
    (42, [2581720956, 1925393290, 3661312704]),
    (4294967295, [3850105811, 813802916, 3073704848]),
])
def test_mulberry32_draws_match_the_browser(seed, draws):
    draw = mulberry32(seed)
    assert [draw() * 4294967296 for _ in draws] == draws


def test_fisher_yates_matches_the_browser():
    assert shuffled(list("abcdef"), mulberry32(42)) == list("baefcd")
    assert shuffled(list("abcdef"), mulberry32(7)) == list("ebcdfa")


def test_shuffle_returns_a_new_permutation_and_leaves_its_input():
    items = list(range(10))
    out = shuffled(items, mulberry32(3))
    assert sorted(out) == items and out != items and items == list(range(10))
    assert shuffled([], mulberry32(1)) == [] and shuffled(["x"], mulberry32(1)) == ["x"]


def test_every_order_is_about_equally_likely():
    counts = collections.Counter(tuple(shuffled("abc", mulberry32(seed))) for seed in range(6000))
    assert set(counts) == set(itertools.permutations("abc"))
    assert all(900 < n < 1100 for n in counts.values()), counts


def quiz(shuffle):
    return make_quiz(single("s1"), multiple("m1"), true_false("t1"), ordering("o1"),
                     scenario("c1"), single("s2", options=("x", "y", "z", "w")),
                     shuffle=shuffle)


def test_no_shuffle_keeps_the_yaml_order():
    shown = presentation(quiz(False), 123)
    assert shown.questions == ["s1", "m1", "t1", "o1", "c1", "s2"]
    assert shown.options == {} and shown.choices == {}


def test_shuffle_true_shuffles_questions_and_options_but_not_true_false_or_steps():
    shown = presentation(quiz(True), 123)
    assert sorted(shown.questions) == sorted(["s1", "m1", "t1", "o1", "c1", "s2"])
    assert set(shown.options) == {"s1", "m1", "s2"}
    assert sorted(shown.options["s2"]) == ["w", "x", "y", "z"]
    assert set(shown.choices) == {"c1"}
    assert set(shown.choices["c1"]) == {"start", "mid", "end-good", "end-bad"}
    assert shown.choices["c1"]["end-good"] == []


def test_same_seed_same_order_other_seed_other_order():
    a, b = presentation(quiz(True), 99), presentation(quiz(True), 99)
    assert a == b
    assert any(presentation(quiz(True), seed) != a for seed in range(5))


def test_options_only_draws_no_question_order():
    shown = presentation(quiz({"questions": False, "options": True}), 5)
    assert shown.questions == ["s1", "m1", "t1", "o1", "c1", "s2"]
    # The option draws start the stream: s1's options are the first shuffle of the seed.
    assert shown.options["s1"] == shuffled(["a", "b", "c"], mulberry32(5))


def test_questions_only_leaves_options_alone():
    shown = presentation(quiz({"questions": True, "options": False}), 5)
    assert shown.questions == shuffled(["s1", "m1", "t1", "o1", "c1", "s2"], mulberry32(5))
    assert shown.options == {} and shown.choices == {}


def test_draws_follow_yaml_order_whatever_order_the_questions_are_shown_in():
    draw = mulberry32(77)
    questions = shuffled(["s1", "m1", "t1", "o1", "c1", "s2"], draw)
    s1 = shuffled(["a", "b", "c"], draw)
    m1 = shuffled(["a", "b", "c", "d"], draw)
    start = shuffled(["good", "bad"], draw)
    mid = shuffled(["fine", "best"], draw)
    s2 = shuffled(["x", "y", "z", "w"], draw)
    shown = presentation(quiz(True), 77)
    assert shown.questions == questions
    assert shown.options == {"s1": s1, "m1": m1, "s2": s2}
    assert shown.choices == {"c1": {"start": start, "mid": mid, "end-good": [], "end-bad": []}}


def test_steps_are_never_listed_as_the_answer_or_the_answer_backwards():
    # 'x-y' and 'refund-steps' are ids whose plain shuffle of three or four steps is the reverse.
    for n in range(2, 9):
        for name in ("a", "b", "steps", "x-y", "refund-steps"):
            q = make_quiz(ordering(qid=name, items=[f"s{i}" for i in range(n)])).questions[0]
            listed = [i.id for i in display_order(q)]
            answer = [f"s{i}" for i in range(n)]
            assert sorted(listed) == answer and listed != answer
            assert listed != answer[::-1] or n == 2  # two steps have no other order
