"""Learners' papers of a quiz that draws from pools, for `course items` to score strategies on.

`draw_paper` follows the first step of the presentation that the widget and the grader replay
from a learner's seed (issues 12 and 13): one mulberry32 stream from the seed; for each `draw:`
entry in order, a Fisher-Yates shuffle of that pool's question ids in YAML order, keeping the
first `count`; the paper is their union in YAML order. The grader's own replay of the draw is
being written alongside (`shuffle.py`); once it is there, `draw_paper` becomes a call to it: this
is the one place to change.

Scores here do not depend on which seeds are real learners': a strategy's expected score on a
paper is the points-weighted mean of its expected score on each drawn question, so simulating
papers only needs the per-question values once (see `strategies.py`).
"""

from __future__ import annotations

import hashlib

from ..models.quiz import Quiz
from ..shuffle import mulberry32, shuffled

SIMULATED_PAPERS = 200


def draw_paper(quiz: Quiz, seed: int) -> list[str]:
    """Ids of the questions a learner with `seed` gets, in YAML order (all of them without a
    draw)."""
    if not quiz.draw:
        return [q.id for q in quiz.questions]
    stream = mulberry32(seed)
    kept: set[str] = set()
    for part in quiz.draw:
        pool = [q.id for q in quiz.questions if q.pool == part.pool]
        kept.update(shuffled(pool, stream)[:part.count])
    return [q.id for q in quiz.questions if q.id in kept]


def simulation_seeds(count: int = SIMULATED_PAPERS) -> list[int]:
    """Fixed seeds spread over the 32-bit range, as learners' seeds are (a hash's first four
    bytes): the same papers, and so the same report, on every run."""
    return [int.from_bytes(hashlib.sha256(f"course items {n}".encode()).digest()[:4], "big")
            for n in range(count)]


def papers(quiz: Quiz, count: int = SIMULATED_PAPERS) -> list[list[str]]:
    """The papers `course items` scores: one (every question) without a draw, else `count`."""
    if not quiz.draw:
        return [draw_paper(quiz, 0)]
    return [draw_paper(quiz, seed) for seed in simulation_seeds(count)]
