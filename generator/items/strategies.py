"""Learners who know nothing and follow a cue: what each would score on a quiz.

A strategy answers the question types it has a rule for, graded by the project's own scoring
(`scoring.py`); the questions it has no rule for it guesses, counted at the exact expected score
of a random guess (`guessing.py`). Its score on a paper is the points-weighted mean over the paper's
questions, so it is the score such a learner can expect.

"Listed" means the order the handbook prints and a page without shuffling shows: options and
replies in YAML order, ordering steps in their display order (never the answer). Where the
page shuffles options or steps per learner, following the listed order online is a guess.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from ..models.quiz import MultipleChoice, Ordering, Quiz, Scenario, SingleChoice, TrueFalse
from ..quizgraph import linear_nodes, walk
from ..scoring import Grader, grade_question
from ..shuffle import display_order
from .cues import cue_words, visible_characters, visible_text
from .guessing import guess_fraction

GUESS = object()  # a rule's answer when the cue does not decide: the learner guesses


@dataclass(frozen=True)
class Among:
    """A rule's answer when the cue narrows the answers but does not decide: the learner
    guesses among these, each as likely (scored at the mean of their scores)."""

    answers: tuple


@dataclass(frozen=True)
class Strategy:
    name: str  # for --json
    label: str  # for the table
    rules: Mapping[str, Callable]  # question type → rule(question, text) → answer or GUESS


def combined(name: str, label: str, *parts: Strategy) -> Strategy:
    """One learner following several cues: each part's rules, a later part's winning."""
    rules: dict[str, Callable] = {}
    for part in parts:
        rules.update(part.rules)
    return Strategy(name, label, rules)


class _Text:
    """Visible text of options and replies (policy values filled in), worked out once."""

    def __init__(self, policies: Mapping[str, str]):
        self.policies = policies

    def __call__(self, markdown: str) -> str:
        return visible_text(markdown, self.policies)

    def length(self, markdown: str) -> int:
        return visible_characters(self(markdown))


def _longest_first(items, text: _Text) -> list:
    """Items by visible length, longest first; equal lengths in listed order."""
    return sorted(items, key=lambda item: -text.length(item.text))


def longest_option(question: SingleChoice, text: _Text):
    return _longest_first(question.options, text)[0].id


def longer_half(question: MultipleChoice, text: _Text):
    """The ⌈k/2⌉ longest options."""
    half = math.ceil(len(question.options) / 2)
    return [o.id for o in _longest_first(question.options, text)[:half]]


def _shortest_first(items, text: _Text) -> list:
    """Items by visible length, shortest first; equal lengths in listed order."""
    return sorted(items, key=lambda item: text.length(item.text))


def shortest_option(question: SingleChoice, text: _Text):
    return _shortest_first(question.options, text)[0].id


def shorter_half(question: MultipleChoice, text: _Text):
    """The ⌈k/2⌉ shortest options."""
    half = math.ceil(len(question.options) / 2)
    return [o.id for o in _shortest_first(question.options, text)[:half]]


def first_option(question, text: _Text):
    return question.options[0].id


def first_option_only(question: MultipleChoice, text: _Text):
    return [question.options[0].id]


def _replies(pick: Callable) -> Callable:
    """A conversation rule from a rule for one step, `pick(choices, text)`: the walk the picks
    make, or (`linear`, an assessment page) one pick at each step of the best path, which the
    page shows whatever is picked."""
    def rule(question: Scenario, text: _Text, linear: bool = False):
        if linear:
            return [pick(node.choices, text).id for node in linear_nodes(question)]
        return walk(question, lambda choices: pick(choices, text))
    return rule


longest_replies = _replies(lambda choices, text: _longest_first(choices, text)[0])
shortest_replies = _replies(lambda choices, text: _shortest_first(choices, text)[0])
first_replies = _replies(lambda choices, text: choices[0])


def listed_order(question: Ordering, text: _Text):
    return [item.id for item in display_order(question)]


def reverse_listed_order(question: Ordering, text: _Text):
    return [item.id for item in reversed(display_order(question))]


def _answer(value: bool):
    return lambda question, text: value


def avoid_absolutes(question: SingleChoice, text: _Text):
    """The options without absolute words, of those the hedged ones when some hedge: the one
    left, or a guess among those left (no other cue, such as length, breaks the tie)."""
    words = {o.id: cue_words(text(o.text)) for o in question.options}
    left = [o.id for o in question.options if not words[o.id][0]] or \
        [o.id for o in question.options]
    left = [oid for oid in left if words[oid][1]] or left
    if len(left) == len(question.options):
        return GUESS
    return left[0] if len(left) == 1 else Among(tuple(left))


def avoid_absolutes_multiple(question: MultipleChoice, text: _Text):
    """Every option without an absolute word; a guess when none or all have one."""
    picked = [o.id for o in question.options if not cue_words(text(o.text))[0]]
    return picked if 0 < len(picked) < len(question.options) else GUESS


def statement_words(question: TrueFalse, text: _Text):
    """False when the statement says an absolute word, true when it hedges; else a guess."""
    absolute, hedges = cue_words(text(question.prompt))
    if absolute and not hedges:
        return False
    if hedges and not absolute:
        return True
    return GUESS


GUESSING = Strategy("guess", "random guessing", {})
LONGEST = Strategy("longest", "longest option, longer half, longest reply",
                   {"single": longest_option, "multiple": longer_half,
                    "scenario": longest_replies})
# An author who shortens keys to avoid the first cue must not create the opposite one.
SHORTEST = Strategy("shortest", "shortest option, shorter half, shortest reply",
                    {"single": shortest_option, "multiple": shorter_half,
                     "scenario": shortest_replies})
FIRST = Strategy("first", "first listed option and reply",
                 {"single": first_option, "multiple": first_option_only,
                  "scenario": first_replies})
FALSE = Strategy("false", "always “false”", {"true_false": _answer(False)})
TRUE = Strategy("true", "always “true”", {"true_false": _answer(True)})
LISTED_ORDER = Strategy("listed-order", "steps in the listed order", {"ordering": listed_order})
REVERSE_ORDER = Strategy("reverse-order", "steps in reverse listed order",
                         {"ordering": reverse_listed_order})
ABSOLUTE_WORDS = Strategy("absolute-words", "avoid absolute words, trust hedges",
                          {"single": avoid_absolutes, "multiple": avoid_absolutes_multiple,
                           "true_false": statement_words})
TEST_WISE = combined("test-wise", "longest, “false”, listed order", LONGEST, FALSE,
                     LISTED_ORDER)

STRATEGIES = (GUESSING, LONGEST, SHORTEST, FIRST, FALSE, TRUE, LISTED_ORDER, REVERSE_ORDER,
              ABSOLUTE_WORDS, TEST_WISE)


def question_values(quiz: Quiz, strategy: Strategy,
                    policies: Mapping[str, str] | None = None) -> dict[str, float]:
    """Each question's expected share of its points under `strategy`: scoring's score of the
    strategy's answer, or the expected score of a guess where it has no rule. An assessment's
    conversations are taken and scored as its page shows them: linear, step by step."""
    text = _Text(policies or {})
    linear = quiz.mode == "assessment"
    answers = {}
    narrowed = {}
    for question in quiz.questions:
        rule = strategy.rules.get(question.type)
        if rule is not None:
            answer = (rule(question, text, linear) if isinstance(question, Scenario)
                      else rule(question, text))
            if isinstance(answer, Among):
                narrowed[question.id] = sum(
                    r.points / r.max_points for r in (grade_question(question, a, linear=linear)
                                                      for a in answer.answers)
                ) / len(answer.answers)
            elif answer is not GUESS:
                answers[question.id] = answer
    graded = {r.question: r
              for r in Grader(quiz, remember=0, linear=linear).grade(answers).questions}
    return {q.id: (graded[q.id].points / graded[q.id].max_points if q.id in answers
                   else narrowed[q.id] if q.id in narrowed else guess_fraction(q, linear))
            for q in quiz.questions}


def paper_score(quiz: Quiz, paper: list[str], values: Mapping[str, float]) -> float:
    """A strategy's expected score on one paper: points-weighted mean of its question values."""
    weights = {q.id: float(q.points) for q in quiz.questions}
    possible = sum(weights[qid] for qid in paper)
    return sum(weights[qid] * values[qid] for qid in paper) / possible if possible else 0.0
