"""The per-learner shuffle of a quiz, replayed from the seed recorded in an answer file.

The quiz widget (`assets/quiz.js`) draws a random 32-bit seed once per attempt and shuffles with
the same generator and the same steps as here, so a trainer can see the exact order a learner
saw. Both sides must stay step-for-step identical; a browser test compares them over many seeds.

- Generator: mulberry32 (a 32-bit state, one multiply-xorshift per draw), chosen because it is a
  few lines in both languages and its integer steps are exact in JavaScript doubles.
- Shuffle: Fisher-Yates from the last index down, `j = floor(next() * (i + 1))`.
- Draw order, one stream per attempt: the questions first (when `shuffle.questions`), then, for
  each question in YAML order (when `shuffle.options`), the options of a single or multiple
  choice question, or the choices of each conversation node in YAML order. True/false options
  and ordering steps are never shuffled (steps already start in a fixed order that is not the
  answer; shuffling them from the seed could show a learner the solution as the start).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Callable, Sequence, TypeVar

from .models.quiz import MultipleChoice, Ordering, Quiz, Scenario, SingleChoice

T = TypeVar("T")
MASK = 0xFFFFFFFF


def display_order(question: Ordering) -> list:
    """The order steps are listed in before anyone shuffles them: never the answer itself."""
    items = list(question.items)
    random.Random(question.id).shuffle(items)
    if items == list(question.items):
        items = items[1:] + items[:1]
    return items


def shuffle_flags(quiz: Quiz) -> tuple[bool, bool]:
    """(shuffle questions, shuffle options) as the quiz asks: `shuffle: true` means both."""
    if isinstance(quiz.shuffle, bool):
        return quiz.shuffle, quiz.shuffle
    return quiz.shuffle.questions, quiz.shuffle.options


def _imul(a: int, b: int) -> int:
    """JavaScript's Math.imul: the low 32 bits of the product, as unsigned here."""
    return (a * b) & MASK


def mulberry32(seed: int) -> Callable[[], float]:
    """A generator of floats in [0, 1), equal draw for draw to the widget's."""
    state = seed & MASK

    def next_float() -> float:
        nonlocal state
        state = (state + 0x6D2B79F5) & MASK
        t = _imul(state ^ (state >> 15), 1 | state)
        t = ((t + _imul(t ^ (t >> 7), 61 | t)) & MASK) ^ t
        return ((t ^ (t >> 14)) & MASK) / 4294967296

    return next_float


def shuffled(items: Sequence[T], next_float: Callable[[], float]) -> list[T]:
    """Fisher-Yates, from the end; a new list."""
    out = list(items)
    for i in range(len(out) - 1, 0, -1):
        j = int(next_float() * (i + 1))
        out[i], out[j] = out[j], out[i]
    return out


@dataclass(frozen=True)
class Presentation:
    """What a learner saw: question order, option order per question, choice order per node."""

    questions: list[str]
    options: dict[str, list[str]] = field(default_factory=dict)
    choices: dict[str, dict[str, list[str]]] = field(default_factory=dict)


def presentation(quiz: Quiz, seed: int) -> Presentation:
    shuffle_questions, shuffle_options = shuffle_flags(quiz)
    draw = mulberry32(seed)
    questions = [q.id for q in quiz.questions]
    if shuffle_questions:
        questions = shuffled(questions, draw)
    result = Presentation(questions)
    if not shuffle_options:
        return result
    for question in quiz.questions:
        if isinstance(question, (SingleChoice, MultipleChoice)):
            result.options[question.id] = shuffled([o.id for o in question.options], draw)
        elif isinstance(question, Scenario):
            result.choices[question.id] = {
                node.id: shuffled([c.id for c in node.choices], draw) for node in question.nodes}
    return result
