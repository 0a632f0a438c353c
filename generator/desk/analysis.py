"""Item analysis over a cohort's attempts at one quiz. Pure: attempts in, statistics out.

Formulas (one attempt per learner and quiz, chosen as best or latest by the caller):

- **Facility** of a question: the mean of points / max points over the attempts in which it was
  scored (an unanswered question counts 0). For a right-or-wrong question this is the share
  answering correctly; with partial credit it is the mean fraction earned. 0..1.
- **Discrimination** (upper-lower index, Kelley's 27 % groups, on the -1..1 scale that Moodle
  reports as a percentage): rank the n attempts by their score on the *rest* of the quiz (points
  without this question ÷ max points without it; ties by attempt order, so ranking is stable),
  take the g = max(1, round(0.27 n)) lowest and g highest, and
  D = mean fraction on this question in the upper group - mean fraction in the lower group.
  Ranking on the rest of the quiz, as Moodle's index does, keeps a question from correlating with
  itself. Reported only when n >= 10; below that the groups are one or two people.
- With papers drawn from pools, each question's facility and discrimination are over the
  attempts that scored it, that is the learners who drew it (an attempt holds results only for
  the questions of its paper); the rest-of-quiz ranking uses each learner's own paper.
- **Reliability** and the **standard error of measurement** of the whole quiz: see
  `reliability.py` (shown from MIN_LEARNERS learners).
- A question is **flagged** when its facility is below 0.3 (most learners miss it: a wrong key,
  a misleading wording or an untaught point) or its discrimination is negative (the strongest
  learners do worse on it than the weakest), once at least 5 attempts scored it.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from ..models.quiz import MultipleChoice, Quiz, Scenario, SingleChoice, TrueFalse
from ..quizgraph import endings
from ..scoring import percent
from .gradebook import StoredAttempt
from .reliability import Reliability, reliability

GROUP_SHARE = 0.27
MIN_FOR_DISCRIMINATION = 10
MIN_FOR_FLAGS = 5
LOW_FACILITY = 0.3
BINS = 10  # score distribution in tenths: 0-9 %, 10-19 %, …, 90-100 %


@dataclass(frozen=True)
class Choice:
    """One option (or true / false) of a question: how many learners picked it."""

    id: str
    text: str
    correct: bool
    count: int
    share: float  # of the attempts that scored the question


@dataclass(frozen=True)
class Ending:
    """One end of a scenario: how many learners' conversations ended there."""

    node: str  # "" for conversations left unfinished
    outcome: str
    count: int
    share: float
    mean_fraction: float  # mean score on the question of those who ended here


@dataclass(frozen=True)
class QuestionStats:
    id: str
    number: int  # 1-based position in the quiz
    type: str
    prompt: str
    lesson: str | None  # lesson id the question links to
    scored: int  # attempts in which it counted
    facility: float | None
    discrimination: float | None
    statuses: dict[str, int]  # correct / partial / wrong / unanswered
    choices: tuple[Choice, ...] = ()
    endings: tuple[Ending, ...] = ()
    flags: tuple[str, ...] = ()  # "low_facility", "negative_discrimination"


@dataclass(frozen=True)
class QuizStats:
    id: str
    title: str
    pass_mark: float
    required: bool
    learners: int
    passed: int
    mean_score: float | None
    histogram: tuple[int, ...]  # BINS counts of learners by score
    questions: tuple[QuestionStats, ...]
    reliability: Reliability | None = None

    @property
    def pass_rate(self) -> float | None:
        return self.passed / self.learners if self.learners else None


def analyse_quiz(quiz: Quiz, chosen: list[StoredAttempt]) -> QuizStats:
    """Statistics for one quiz over one attempt per learner (see `select_attempts`)."""
    mine = [a for a in chosen if a.quiz == quiz.id]
    histogram = [0] * BINS
    for attempt in mine:
        histogram[min(percent(attempt.score) // (100 // BINS), BINS - 1)] += 1
    mean = sum(a.score for a in mine) / len(mine) if mine else None
    questions = tuple(_question_stats(number, question, mine)
                      for number, question in enumerate(quiz.questions, 1))
    return QuizStats(quiz.id, quiz.title, quiz.pass_mark, quiz.required, len(mine),
                     sum(1 for a in mine if a.passed), mean, tuple(histogram), questions,
                     reliability(quiz, mine))


def _question_stats(number: int, question, attempts: list[StoredAttempt]) -> QuestionStats:
    scored = []  # (attempt, its result for this question)
    for attempt in attempts:
        result = next((q for q in attempt.questions if q.question == question.id), None)
        # A question changed since the learner's version (counted 0) says nothing about it now;
        # one not drawn for this learner has no result: each counts over those who drew it.
        if result is not None and result.status != "changed":
            scored.append((attempt, result))
    n = len(scored)
    facility = sum(_fraction(r) for _, r in scored) / n if n else None
    discrimination = discrimination_index(scored) if n >= MIN_FOR_DISCRIMINATION else None
    flags = []
    if n >= MIN_FOR_FLAGS and facility is not None and facility < LOW_FACILITY:
        flags.append("low_facility")
    if discrimination is not None and discrimination < 0:
        flags.append("negative_discrimination")
    statuses = Counter(r.status for _, r in scored)
    lesson = question.lesson.split("#", 1)[0] if question.lesson else None
    return QuestionStats(
        id=question.id, number=number, type=question.type, prompt=question.prompt,
        lesson=lesson, scored=n, facility=facility, discrimination=discrimination,
        statuses={s: statuses.get(s, 0) for s in ("correct", "partial", "wrong", "unanswered")},
        choices=_choices(question, [r for _, r in scored]),
        endings=_endings(question, [r for _, r in scored]), flags=tuple(flags))


def discrimination_index(scored: list) -> float:
    """Upper 27 % minus lower 27 % mean fraction, ranked on the rest of the quiz."""
    ranked = sorted(scored, key=lambda pair: (_rest_score(*pair), pair[0].id))
    g = max(1, math.floor(GROUP_SHARE * len(ranked) + 0.5))
    lower = ranked[:g]
    upper = ranked[-g:]
    return (sum(_fraction(r) for _, r in upper) - sum(_fraction(r) for _, r in lower)) / g


def _rest_score(attempt: StoredAttempt, result) -> float:
    possible = attempt.max_points - result.max_points
    return (attempt.points - result.points) / possible if possible > 0 else 0.0


def _fraction(result) -> float:
    return result.points / result.max_points if result.max_points else 0.0


def _choices(question, results: list) -> tuple[Choice, ...]:
    n = len(results)
    counts = Counter(pick for r in results for pick in r.picked)
    if isinstance(question, (SingleChoice, MultipleChoice)):
        options = [(o.id, o.text, o.correct) for o in question.options]
    elif isinstance(question, TrueFalse):
        options = [("true", "true", question.answer is True),
                   ("false", "false", question.answer is False)]
    else:
        return ()
    return tuple(Choice(oid, text, correct, counts.get(oid, 0), counts.get(oid, 0) / n if n else 0)
                 for oid, text, correct in options)


def _endings(question, results: list) -> tuple[Ending, ...]:
    if not isinstance(question, Scenario):
        return ()
    n = len(results)
    ends = endings(question)
    ending_ids = {node.id for node in ends}
    if not any(result.ending in ending_ids for result in results):
        # Assessment pages' conversations are linear (scoring, linear=True): they reach no
        # authored ending, and a chart of "unfinished" for everyone would say nothing.
        return ()
    reached: dict[str, list[float]] = {}
    for result in results:
        key = result.ending if result.ending in ending_ids else ""  # "": unfinished
        reached.setdefault(key, []).append(_fraction(result))
    found = [Ending(node.id, node.outcome or node.id, len(reached.get(node.id, [])),
                    len(reached.get(node.id, [])) / n if n else 0, _mean(reached.get(node.id, [])))
             for node in ends]
    if "" in reached:
        found.append(Ending("", "", len(reached[""]), len(reached[""]) / n, _mean(reached[""])))
    return tuple(found)


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0
