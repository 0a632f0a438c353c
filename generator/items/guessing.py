"""The score of random guessing, exactly: the expected share of a question's points earned by a
learner who answers without reading it.

A guesser picks uniformly among the answers the page lets them give:
- single choice: one of k options, 1/k;
- true/false: 1/2;
- multiple choice: one of the 2^k - 1 non-empty sets of options (the page asks for at least one
  tick). all_or_nothing: 1 / (2^k - 1). partial: the mean over those sets of the scoring rule,
  max(0, (hits - penalty × wrong picks) / correct options), counted by how many sets have each
  number of hits and wrong picks (a sum over at most (k+1)² cases, not 2^k sets);
- ordering: one of the n! orders, uniformly. all_or_nothing: 1 / n!. position: each step is in its
  place in 1/n of the orders, so the expected share of steps in place is 1/n. adjacent_pairs: each
  of the n - 1 right neighbouring pairs appears in (n - 1)! of the n! orders, so the expected
  number is (n - 1) / n and the share (n - 1) / n / (n - 1) = 1/n;
- scenario: a random walk, one of the replies at each step with equal chance, until an ending:
  the expected points of the walk over the best path's points (the share of paths, weighted by
  how likely the walk takes each). On an assessment page (`linear`) every step of the best path
  is shown whatever is picked and scored on its own: the mean points of each step's replies,
  added up, over the most the steps can score (`quizgraph.linear_points`).

tests/test_item_guessing.py checks every formula against scoring.py over every possible answer.
"""

from __future__ import annotations

import math
from fractions import Fraction

from ..models.quiz import MultipleChoice, Ordering, Question, Scenario, SingleChoice, TrueFalse
from ..quizgraph import best_points, linear_nodes, linear_points, nodes_by_id, start_node


def guess_fraction(question: Question, linear: bool = False) -> float:
    """Expected points / max points of a random guess at `question` (`linear`: a conversation
    as an assessment page shows it)."""
    if linear and isinstance(question, Scenario):
        return float(_linear_scenario(question))
    return float(_EXACT[type(question)](question))


def _single(question: SingleChoice) -> Fraction:
    return Fraction(sum(1 for o in question.options if o.correct), len(question.options))


def _true_false(question: TrueFalse) -> Fraction:
    return Fraction(1, 2)


def _multiple(question: MultipleChoice) -> Fraction:
    k = len(question.options)
    right = sum(1 for o in question.options if o.correct)
    sets = 2 ** k - 1
    if question.scoring == "all_or_nothing":
        return Fraction(1, sets)
    penalty = Fraction(question.penalty).limit_denominator(10 ** 6)
    total = Fraction(0)
    for hits in range(right + 1):
        for wrong in range(k - right + 1):
            earned = (hits - penalty * wrong) / right
            if earned > 0:
                total += math.comb(right, hits) * math.comb(k - right, wrong) * earned
    return total / sets


def _ordering(question: Ordering) -> Fraction:
    n = len(question.items)
    if question.scoring == "all_or_nothing":
        return Fraction(1, math.factorial(n))
    return Fraction(1, n)  # position and adjacent_pairs alike, see above


def _scenario(question: Scenario) -> Fraction:
    nodes = nodes_by_id(question)
    expected: dict[str, Fraction] = {}

    def walk(node_id: str) -> Fraction:  # `course check` has refused loops and missing nodes
        if node_id not in expected:
            choices = nodes[node_id].choices
            expected[node_id] = (sum((c.points + walk(c.next) for c in choices), Fraction(0))
                                 / len(choices)) if choices else Fraction(0)
        return expected[node_id]

    best = best_points(question)
    return walk(start_node(question)) / best if best else Fraction(0)


def _linear_scenario(question: Scenario) -> Fraction:
    most = linear_points(question)
    expected = sum((Fraction(sum(c.points for c in node.choices), len(node.choices))
                    for node in linear_nodes(question)), Fraction(0))
    return expected / most if most else Fraction(0)


_EXACT = {SingleChoice: _single, TrueFalse: _true_false, MultipleChoice: _multiple,
          Ordering: _ordering, Scenario: _scenario}
