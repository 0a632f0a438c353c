"""How far a quiz's scores can be trusted: internal consistency and the standard error of
measurement, over one attempt per learner. Pure: a quiz and attempts in, numbers out.

**Reliability.** Each question's score is the points earned on it (so the questions add up to
the learner's score). With v̄ the mean variance of a question's score, c̄ the mean covariance
of two questions' scores and m the number of questions on a learner's paper:

    reliability = m·c̄ / (v̄ + (m − 1)·c̄)

When every learner answers every question this is Cronbach's alpha exactly: the variance of
the total is k·v̄ + k(k − 1)·c̄, so alpha = k/(k − 1)·(1 − k·v̄ / total variance) reduces to the
line above with m = k. When every question is scored only right or wrong and all weigh the
same, alpha is the Kuder-Richardson formula 20 (KR-20), and is named so.

**Drawn papers.** Learners who draw from pools answer different questions. Each variance is
taken over the learners who drew that question, each covariance over those who drew both
(pairwise), pooled: v̄ = Σ sums of squares / Σ (n_i − 1), c̄ = Σ sums of cross-products /
Σ (n_ij − 1), so a pair seen together by many learners counts for more than one seen by two;
m is the mean number of questions scored per attempt. The result estimates the reliability of
a paper of m questions drawn from the pools (the "randomly parallel tests" of classical test
theory: Lord & Novick, 1968, ch. 11), which is what a learner's score rests on. Sample
variances (n − 1) keep subsets of different sizes comparable; with complete data the choice
cancels out of alpha.

**Standard error of measurement.** SEM = SD of the learners' scores × √(1 − reliability), in
percentage points: about how far a learner's score could move on another paper of the same
kind. Not given when the reliability is negative (the questions do not measure one thing).

**Sample size.** Not shown under MIN_LEARNERS learners. Simulated cohorts (20 right-or-wrong
questions, a true reliability of 0.77, 1,500 cohorts each): 95% of cohorts of 10 learners
report anything from 0.26 to 0.90, of 20 from 0.51 to 0.87, of 30 from 0.61 to 0.86, of 50 from
0.65 to 0.84. Under 30 the number cannot tell a usable quiz from a poor one.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

from ..models.quiz import MultipleChoice, Ordering, Quiz, SingleChoice, TrueFalse
from .gradebook import StoredAttempt

MIN_LEARNERS = 30


@dataclass(frozen=True)
class Reliability:
    kind: str  # "KR-20" or "alpha"
    learners: int
    value: float | None  # None: not computable (scores that do not vary, fewer than 2 questions)
    sem: float | None  # share of the max points, 0..1
    drawn: bool = False  # papers drawn from pools: pairwise, for a paper of `paper` questions
    paper: float = 0.0  # questions scored per attempt, on average


def is_right_or_wrong(quiz: Quiz) -> bool:
    """Every question scored only right or wrong, all of one weight: KR-20 applies."""
    if len({q.points for q in quiz.questions}) != 1:
        return False
    return all(isinstance(q, (SingleChoice, TrueFalse))
               or (isinstance(q, (MultipleChoice, Ordering)) and q.scoring == "all_or_nothing")
               for q in quiz.questions)


def reliability(quiz: Quiz, attempts: list[StoredAttempt]) -> Reliability:
    kind = "KR-20" if is_right_or_wrong(quiz) else "alpha"
    scores = [{r.question: r.points for r in a.questions} for a in attempts]
    value = coefficient(scores)
    sem = None
    if value is not None and value >= 0 and len(attempts) > 1:
        sem = _sd([a.score for a in attempts]) * math.sqrt(1 - value)
    paper = sum(len(s) for s in scores) / len(scores) if scores else 0.0
    return Reliability(kind, len(attempts), value, sem, bool(quiz.draw), paper)


def coefficient(scores: list[dict[str, float]]) -> float | None:
    """Reliability from each learner's points per question (questions a learner did not get
    are absent); None when it cannot be computed."""
    if not scores:
        return None
    by_question: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for learner, answered in enumerate(scores):
        for question, points in answered.items():
            by_question[question].append((learner, points))
    squares = degrees = 0.0
    means = {}
    for question, values in by_question.items():
        mean = sum(v for _, v in values) / len(values)
        means[question] = mean
        if len(values) > 1:
            squares += sum((v - mean) ** 2 for _, v in values)
            degrees += len(values) - 1
    products = pair_degrees = 0.0
    questions = sorted(by_question)
    for i, first in enumerate(questions):
        of_first = dict(by_question[first])
        for second in questions[i + 1:]:
            both = [(of_first[learner], points) for learner, points in by_question[second]
                    if learner in of_first]
            if len(both) > 1:
                a_mean = sum(a for a, _ in both) / len(both)
                b_mean = sum(b for _, b in both) / len(both)
                products += sum((a - a_mean) * (b - b_mean) for a, b in both)
                pair_degrees += len(both) - 1
    if not degrees or not pair_degrees:
        return None
    variance, covariance = squares / degrees, products / pair_degrees
    paper = sum(len(answered) for answered in scores) / len(scores)
    denominator = variance + (paper - 1) * covariance
    if paper < 2 or denominator <= 0:
        return None
    return paper * covariance / denominator


def _sd(values: list[float]) -> float:
    mean = sum(values) / len(values)
    return math.sqrt(sum((v - mean) ** 2 for v in values) / (len(values) - 1))
