"""The presentation with a draw and on assessment pages (shuffle.py), step by step."""

from generator.integrity.opaque import OpaqueIds
from generator.shuffle import draw_paper, mulberry32, presentation, shuffled
from quizhelpers import make_quiz, ordering, scenario, single, true_false

SALT = "0123456789abcdef0123456789abcdef"
DRAWN = make_quiz(single("a1", pool="a"), single("a2", pool="a"), single("a3", pool="a"),
                  true_false("b1", pool="b"), ordering("b2", pool="b"), scenario("b3", pool="b"),
                  draw=[{"pool": "a", "count": 2}, {"pool": "b", "count": 2}],
                  shuffle=True, mode="assessment")


def test_without_a_draw_nothing_changes():
    quiz = make_quiz(single("s1"), ordering("o1"), single("s2"), shuffle=True)
    shown = presentation(quiz, 123)
    assert shown.paper == ["s1", "o1", "s2"] and shown.steps == {}
    stream = mulberry32(123)
    assert shown.questions == shuffled(["s1", "o1", "s2"], stream)
    assert shown.options == {"s1": shuffled(["a", "b", "c"], stream),
                             "s2": shuffled(["a", "b", "c"], stream)}


def test_on_an_assessment_page_everything_follows_the_page_order():
    # The page lists questions by opaque id, and that is all the widget knows: each pool, the
    # paper and the walk over the questions follow it; the conversation is linear.
    ids = OpaqueIds(DRAWN, SALT)
    seed = 99
    stream = mulberry32(seed)
    listed = sorted(["a1", "a2", "a3", "b1", "b2", "b3"], key=ids.question)
    from_a = shuffled([q for q in listed if q.startswith("a")], stream)[:2]
    from_b = shuffled([q for q in listed if q.startswith("b")], stream)[:2]
    paper = [q for q in listed if q in from_a + from_b]
    questions = shuffled(paper, stream)
    expected_options, expected_steps, expected_choices = {}, {}, {}
    for q in paper:  # page order among the drawn; starting orders by opaque id
        if q.startswith("a"):
            expected_options[q] = shuffled(sorted("abc", key=lambda i: ids.item(q, i)), stream)
        elif q == "b2":
            expected_steps[q] = shuffled(sorted("abcd", key=lambda i: ids.item(q, i)), stream)
        elif q == "b3":  # the best path: start, then mid
            expected_choices[q] = {
                node: shuffled(sorted(choices, key=lambda i: ids.item(q, i)), stream)
                for node, choices in (("start", ["good", "bad"]), ("mid", ["fine", "best"]))}
    result = presentation(DRAWN, seed, assessment=True, page_order=ids)
    assert result.paper == [q for q in ["a1", "a2", "a3", "b1", "b2", "b3"] if q in paper]
    assert result.questions == questions
    assert result.options == expected_options and result.steps == expected_steps
    assert result.choices == expected_choices


def test_draw_paper_keeps_yaml_order_and_counts():
    paper = draw_paper(["a1", "b1", "a2", "b2", "a3"], [("a", 2), ("b", 1)],
                       {"a": ["a1", "a2", "a3"], "b": ["b1", "b2"]}, mulberry32(5))
    assert len(paper) == 3 and sum(q.startswith("a") for q in paper) == 2
    assert paper == [q for q in ["a1", "b1", "a2", "b2", "a3"] if q in paper]


def test_every_paper_can_come_up():
    papers = {tuple(presentation(DRAWN, seed, assessment=True,
                                 page_order=OpaqueIds(DRAWN, SALT)).paper) for seed in range(400)}
    assert len(papers) == 9  # 3 pairs from a × 3 pairs from b
