"""Scoring: the one definition of how every question type is graded.

Pure functions: a question and an answer in, points and feedback out. The quiz widget in the
browser implements the same arithmetic in the same order (`assets/quiz.js`), and a browser test
compares the two over every possible answer of the bundled course.

Answers, as they appear in answer files:
- single: an option id;  multiple: a list of option ids;  true_false: true or false;
- ordering: the item ids in the learner's order;  scenario: the choice ids along the path taken.
`None` means unanswered and scores zero.

A scenario answered on an assessment page (`linear=True`) is scored step by step: the page shows
the best path's decision nodes one after another whatever the learner picks (see
`quizgraph.linear_nodes`), so the answer holds one choice per decision node, in order, and earns
the points of each choice picked. The most it can earn is each step's highest-scoring reply
(`quizgraph.linear_points`): the best path's points, as before, wherever the best path's reply
scores most at its step, which `course check` makes sure of.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .models.quiz import MultipleChoice, Ordering, Question, Quiz, Scenario, SingleChoice, TrueFalse
from .quizgraph import best_points, linear_nodes, linear_points, start_node
from .valuekinds import kind_of


class AnswerError(ValueError):
    """An answer that cannot belong to the question (wrong type, unknown id, impossible path).

    Raised by `Grader.grade`, it names the question in `question`. The ids it names are kept
    apart (`names`, in the template's `{}`), so that the desk can name them as the answer file
    did: on an assessment page by their opaque ids, never by the authored ones, which could tell
    a learner where the conversation goes.
    """

    question: str | None = None

    def __init__(self, template: str, *names: str):
        self.template, self.names = template, names
        super().__init__(self.told())

    def told(self, name=lambda authored: authored) -> str:
        """The message, with each id it names given by `name` (authored ids by default)."""
        return self.template.format(*(f"'{name(n)}'" for n in self.names))


@dataclass(frozen=True)
class QuestionResult:
    question: str
    points: float
    max_points: float
    status: str  # "correct", "partial", "wrong" or "unanswered"
    picked: tuple[str, ...] = ()  # options, steps or choices the learner picked, in their order
    ending: str | None = None  # scenario: the node where the learner stopped


@dataclass(frozen=True)
class QuizResult:
    quiz: str
    score: float  # 0..1: points / max points
    points: float
    max_points: float
    passed: bool
    questions: tuple[QuestionResult, ...] = ()

    @property
    def percent(self) -> int:
        return percent(self.score)


def percent(score: float) -> int:
    # Round half up, as the browser's Math.round does (Python's round() rounds half to even).
    return math.floor(score * 100 + 0.5)


def grade_quiz(quiz: Quiz, answers: dict[str, object],
               skip: frozenset[str] = frozenset()) -> QuizResult:
    """Grade a whole quiz. Questions in `skip` (changed since the answer was given) don't count."""
    return Grader(quiz).grade(answers, skip)


def grade_question(question: Question, answer, *, linear: bool = False) -> QuestionResult:
    return _prepare(question, linear)(answer)


class Grader:
    """A quiz prepared once for grading many answer files.

    Grading is pure and learners' answers repeat (a question has a handful of options, a cohort
    picks the same few), so each question remembers its result per distinct answer, up to
    `remember` answers: an answer seen before is looked up, not scored again. Results are
    immutable, so a remembered result is the result; `remember=0` scores every answer afresh.
    `linear`: answers come from an assessment page, whose scenarios are linear.
    """

    def __init__(self, quiz: Quiz, remember: int = 4096, *, linear: bool = False):
        self.quiz = quiz
        self.remember = remember
        self._questions = [(q.id, float(q.points), _prepare(q, linear), {})
                           for q in quiz.questions]

    def grade(self, answers: dict[str, object], skip: frozenset[str] = frozenset()) -> QuizResult:
        questions = self._questions
        if skip:
            questions = [q for q in questions if q[0] not in skip]
        results = []
        total = 0.0
        possible = 0.0
        for question_id, weight, grade, seen in questions:  # YAML order, as the browser sums
            answer = answers.get(question_id)
            # Remembered by value: an id, true/false, nothing, or a list as a tuple. No other
            # type is a key, so keys never mix values that compare equal (True == 1 == 1.0).
            kind = type(answer)
            key = tuple(answer) if kind is list else answer
            try:
                result = seen.get(key) if kind in _KEYS else None
            except TypeError:  # a list holding lists: not hashable, and not an answer either
                result = None
            if result is None:
                try:
                    result = grade(answer)
                except AnswerError as error:
                    error.question = question_id
                    raise
                if kind in _KEYS and len(seen) < self.remember:
                    seen[key] = result
            results.append(result)
            total += result.points
            possible += weight  # every result's max_points
        score = total / possible if possible else 0.0
        return QuizResult(self.quiz.id, score, total, possible, score >= self.quiz.pass_mark,
                          tuple(results))


_KEYS = frozenset({str, bool, list, type(None)})


def _prepare(question: Question, linear: bool = False):
    """A function answer → QuestionResult for one question, with its lookups built once."""
    weight = float(question.points)
    qid = question.id
    scorer = _SCORERS[type(question)]
    if linear and isinstance(question, Scenario):
        scorer = _linear_scenario
    score = scorer(question)

    def grade(answer) -> QuestionResult:
        if answer is None:
            return QuestionResult(qid, 0.0, weight, "unanswered")
        fraction, picked, ending = score(answer)
        status = "correct" if fraction == 1 else "wrong" if fraction == 0 else "partial"
        return QuestionResult(qid, weight * fraction, weight, status, picked, ending)

    return grade


def _single(question: SingleChoice):
    correct = {o.id: o.correct for o in question.options}

    def score(answer):
        if not isinstance(answer, str):
            raise AnswerError(f"expected one option id, got {kind_of(answer)}")
        if answer not in correct:
            raise AnswerError("{} is not an option", answer)
        return (1.0 if correct[answer] else 0.0), (answer,), None

    return score


def _multiple(question: MultipleChoice):
    options = [o.id for o in question.options]
    correct = {o.id for o in question.options if o.correct}
    partial = question.scoring == "partial"
    penalty = question.penalty

    def score(answer):
        chosen = set(_id_list(answer, set(options), "option"))
        if not partial:
            fraction = 1.0 if chosen == correct else 0.0
        else:
            hits = len(chosen & correct)
            wrong = len(chosen) - hits
            fraction = max(0.0, (hits - penalty * wrong) / len(correct))
        return fraction, tuple(o for o in options if o in chosen), None

    return score


def _true_false(question: TrueFalse):
    def score(answer):
        if not isinstance(answer, bool):
            raise AnswerError(f"expected true or false, got {kind_of(answer)}")
        return (1.0 if answer == question.answer else 0.0), ("true" if answer else "false",), None

    return score


def _ordering(question: Ordering):
    ids = [item.id for item in question.items]
    allowed = set(ids)
    right_pairs = set(zip(ids, ids[1:]))
    n = len(ids)
    rule = question.scoring

    def score(answer):
        order = _id_list(answer, allowed, "step")
        if len(order) != n:
            raise AnswerError(f"expected all {n} steps once each, got {len(order)}")
        if rule == "all_or_nothing":
            fraction = 1.0 if order == ids else 0.0
        elif rule == "position":
            fraction = sum(1 for a, b in zip(order, ids) if a == b) / n
        else:
            fraction = sum(1 for pair in zip(order, order[1:]) if pair in right_pairs) / (n - 1)
        return fraction, tuple(order), None

    return score


def _scenario(question: Scenario):
    nodes = {node.id: {c.id: c for c in node.choices} for node in question.nodes}
    start = start_node(question)
    best = best_points(question)

    def score(answer):
        path = _id_list(answer, None, "choice", allow_repeats=True)
        node = start
        earned = 0
        for choice_id in path:
            choice = nodes[node].get(choice_id)
            if choice is None:
                raise AnswerError("{} is not a choice at step {}", choice_id, node)
            earned += choice.points
            node = choice.next
        return earned / best, tuple(path), node

    return score


def _linear_scenario(question: Scenario):
    nodes = linear_nodes(question)
    steps = [{c.id: c.points for c in node.choices} for node in nodes]
    best = linear_points(question)  # never more than 100%, whatever reply scores most

    def score(answer):
        path = _id_list(answer, None, "choice", allow_repeats=True)
        if len(path) > len(steps):
            raise AnswerError(f"expected at most {len(steps)} choices, one per step, got "
                              f"{len(path)}")
        earned = 0
        for number, (choice_id, points) in enumerate(zip(path, steps), 1):
            if choice_id not in points:
                # The step by its number only: on an assessment page the name of step k + 1
                # would tell which reply of step k is the best path's.
                raise AnswerError(f"{{}} is not a choice at step {number}", choice_id)
            earned += points[choice_id]
        # No authored ending is reached: every choice leads on to the next step.
        return earned / best, tuple(path), None

    return score


def _id_list(answer, allowed: set[str] | None, noun: str, allow_repeats: bool = False) -> list[str]:
    if not isinstance(answer, list) or not all(isinstance(a, str) for a in answer):
        raise AnswerError(f"expected a list of {noun} ids, got {kind_of(answer)}")
    if allowed is not None:
        unknown = next((a for a in answer if a not in allowed), None)
        if unknown is not None:
            raise AnswerError(f"{{}} is not one of this question's {noun}s", unknown)
    if not allow_repeats and len(set(answer)) != len(answer):
        twice = next(a for i, a in enumerate(answer) if a in answer[:i])
        raise AnswerError(f"{noun} {{}} is listed twice", twice)
    return answer


_SCORERS = {
    SingleChoice: _single,
    MultipleChoice: _multiple,
    TrueFalse: _true_false,
    Ordering: _ordering,
    Scenario: _scenario,
}
