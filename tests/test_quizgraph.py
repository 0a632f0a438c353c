"""The conversation graph of a scenario: start, best path and its points, reach and loops."""

from __future__ import annotations

from generator.models.quiz import Scenario
from generator.quizgraph import (
    best_path,
    best_points,
    endings,
    explore,
    linear_nodes,
    linear_points,
    outscored,
    start_node,
)


def conversation(*nodes: dict, start: str | None = None) -> Scenario:
    return Scenario.model_validate({"id": "talk", "type": "scenario", "prompt": "p",
                                    "nodes": list(nodes), **({"start": start} if start else {})})


def node(node_id: str, *choices: tuple) -> dict:
    """A node with choices (id, next, points); without choices, an ending."""
    if not choices:
        return {"id": node_id, "outcome": "o"}
    return {"id": node_id, "choices": [{"id": c, "text": c, "next": n, "points": p}
                                       for c, n, p in choices]}


GREEDY = conversation(node("a", ("big", "dead", 5), ("small", "b", 1)),
                      node("b", ("huge", "end", 10)), node("dead"), node("end"), start="a")


def test_the_start_is_start_when_given_else_the_first_node():
    assert start_node(GREEDY) == "a"
    assert start_node(conversation(node("x", ("go", "y", 1)), node("y"))) == "x"
    assert start_node(conversation(node("x", ("go", "y", 1)), node("y", ("back", "z", 0)),
                                   node("z"), start="y")) == "y"


def test_best_points_and_path_walk_every_path_not_the_greedy_one():
    assert best_points(GREEDY) == 11
    assert best_path(GREEDY) == [("a", "small"), ("b", "huge")]


def test_the_first_listed_choice_wins_a_tie():
    tie = conversation(node("a", ("one", "end", 2), ("two", "end", 2)), node("end"))
    assert best_path(tie) == [("a", "one")]
    assert best_points(tie) == 2


def test_an_assessment_pages_conversation_is_the_best_paths_decision_nodes_in_order():
    assert [n.id for n in linear_nodes(GREEDY)] == ["a", "b"]  # not "dead", the greedy way
    one_step = conversation(node("x", ("stop", "end", 1), ("go", "end", 0)), node("end"))
    assert [n.id for n in linear_nodes(one_step)] == ["x"]


def test_endings_are_the_nodes_without_choices_in_the_order_listed():
    assert [n.id for n in endings(GREEDY)] == ["dead", "end"]


def test_explore_finds_what_the_start_reaches_and_no_loop():
    walk = explore(conversation(node("a", ("go", "b", 1)), node("b"), node("island")))
    assert walk.reached == {"a", "b"} and walk.loop is None


def test_explore_names_the_first_choice_that_closes_a_loop():
    looped = conversation(node("a", ("go", "b", 1)), node("b", ("end", "c", 0), ("back", "a", 0)),
                          node("c", ("again", "b", 0)))
    walk = explore(looped)
    # Depth first, choices in order: a → b → c, whose choice 0 leads back to the open b.
    assert walk.loop == ("c", 0)
    assert walk.reached == {"a", "b", "c"}


def test_a_node_id_used_twice_counts_as_its_first_node():
    twice = conversation(node("a", ("go", "b", 3)), node("b"), node("b", ("more", "a", 9)))
    assert best_points(twice) == 3 and explore(twice).loop is None


def test_a_linear_conversation_can_score_at_most_each_steps_highest_reply():
    # Step by step, "big" (5) then "huge" (10) scores 15, more than the best path's 11: the
    # grader's maximum is 15, so no answer scores above 100%, and `course check` reports "big".
    assert linear_points(GREEDY) == 15
    assert outscored(GREEDY) == [("a", "small", "big")]
    fair = conversation(node("a", ("big", "dead", 1), ("small", "b", 1)),
                        node("b", ("huge", "end", 10)), node("dead"), node("end"), start="a")
    assert (linear_points(fair), best_points(fair), outscored(fair)) == (11, 11, [])
