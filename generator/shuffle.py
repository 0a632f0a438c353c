"""The per-learner presentation of a quiz, replayed from the seed recorded in an answer file.

The quiz widget (`assets/quiz.js`) takes a 32-bit seed per attempt (random on practice pages,
derived from the learner's id, the quiz version and the attempt where the page asks for id and
code: `integrity/seeds.py`) and draws with the same generator and the same steps as here, so
the grader knows the exact paper and order a learner saw. Both sides must stay step-for-step
identical; a browser test compares them over many seeds.

- Generator: mulberry32 (a 32-bit state, one multiply-xorshift per draw), chosen because it is a
  few lines in both languages and its integer steps are exact in JavaScript doubles.
- Shuffle: Fisher-Yates from the last index down, `j = floor(next() * (i + 1))`.
- One stream per attempt, drawn in this order:
  1. the paper (only when the quiz has `draw:`): for each draw entry in order, shuffle that
     pool's question ids in YAML order and keep the first `count`; the paper is the union, in
     YAML order. Without `draw:` the paper is every question and nothing is drawn here, so
     quizzes without a draw keep the presentation they always had;
  2. the paper's questions (when `shuffle.questions`);
  3. for each question of the paper in YAML order: the options of a single or multiple choice
     question, or the choices of each conversation node (when `shuffle.options`); and, on an
     assessment page only, the steps of an ordering question, always.
- Starting orders. A practice page lists questions, options, nodes, choices and steps in YAML
  order. An assessment page lists questions, options, choices and steps by opaque id
  (`integrity/opaque.py`): YAML order could point at the key (the steps' YAML order *is* the
  key), opaque ids point at nothing. So on an assessment page "YAML order" above reads "page
  order" throughout: each pool's questions, the paper and the walk of step 3 follow the page,
  which is all the widget knows. An assessment page's conversation is linear
  (`quizgraph.linear_nodes`): its nodes are the best path's decision nodes in order, and step 3
  shuffles each one's choices in that order. Each shuffle starts from the order the page lists.
- True/false options are never shuffled. Practice pages never shuffle ordering steps from the
  seed: they list them by `display_order`, a fixed order that is neither the answer nor (from
  three steps) its reverse, as pages without JavaScript, the handbook and question banks do.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Callable, Protocol, Sequence, TypeVar

from .models.quiz import MultipleChoice, Ordering, Quiz, Scenario, SingleChoice
from .quizgraph import linear_nodes

T = TypeVar("T")
MASK = 0xFFFFFFFF


def display_order(question: Ordering) -> list:
    """The fixed order steps are listed in (pages without JavaScript, the handbook, question
    banks): never the answer, and from three steps on never the answer backwards, which a
    learner would only have to turn round. Two steps have no order but the answer's reverse."""
    answer = list(question.items)
    items = answer[:]
    random.Random(question.id).shuffle(items)
    if items == answer or (len(items) > 2 and items == answer[::-1]):
        # A rotation of either is neither when there are three steps or more.
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
    """What a learner saw, in authored ids: the questions in the order shown, option order per
    question, choice order per node, and (assessment pages) each ordering question's start."""

    questions: list[str]
    options: dict[str, list[str]] = field(default_factory=dict)
    choices: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    steps: dict[str, list[str]] = field(default_factory=dict)
    paper: list[str] = field(default_factory=list)  # the questions drawn, in YAML order


class PageOrder(Protocol):
    """Where an assessment page lists a question or an item: its opaque id
    (integrity.opaque.OpaqueIds)."""

    def question(self, question_id: str) -> str: ...

    def item(self, question_id: str, item_id: str) -> str: ...


def draw_paper(question_ids: Sequence[str], draw: Sequence[tuple[str, int]],
               pools: dict[str, Sequence[str]], next_float: Callable[[], float]) -> list[str]:
    """Step 1: each learner's questions. `question_ids` in YAML order; `pools` maps each drawn
    pool to its question ids in YAML order. Without a draw, every question and no draws."""
    if not draw:
        return list(question_ids)
    chosen: set[str] = set()
    for pool, count in draw:
        chosen.update(shuffled(list(pools[pool]), next_float)[:count])
    return [q for q in question_ids if q in chosen]


def presentation(quiz: Quiz, seed: int, *, assessment: bool = False,
                 page_order: PageOrder | None = None) -> Presentation:
    """The presentation of `quiz` for `seed`. On an assessment page (`assessment`), every order
    is the page's, by opaque id (`page_order`), scenarios are linear, and ordering steps are
    shuffled."""
    if assessment and page_order is None:
        raise ValueError("an assessment page lists items by opaque id: pass page_order")
    shuffle_questions, shuffle_options = shuffle_flags(quiz)
    draw = mulberry32(seed)
    listed = list(quiz.questions)
    if assessment:
        listed.sort(key=lambda q: page_order.question(q.id))
    pools = {d.pool: [q.id for q in listed if q.pool == d.pool] for d in quiz.draw}
    paper = draw_paper([q.id for q in listed], [(d.pool, d.count) for d in quiz.draw],
                       pools, draw)
    questions = shuffled(paper, draw) if shuffle_questions else list(paper)
    on_paper = set(paper)
    result = Presentation(questions, paper=[q.id for q in quiz.questions if q.id in on_paper])

    def listed_items(question_id: str, ids: list[str]) -> list[str]:
        if not assessment:
            return ids
        return sorted(ids, key=lambda i: page_order.item(question_id, i))

    for question in listed:
        if question.id not in on_paper:
            continue
        if isinstance(question, (SingleChoice, MultipleChoice)) and shuffle_options:
            result.options[question.id] = shuffled(
                listed_items(question.id, [o.id for o in question.options]), draw)
        elif isinstance(question, Scenario) and shuffle_options:
            nodes = linear_nodes(question) if assessment else question.nodes
            result.choices[question.id] = {
                node.id: shuffled(listed_items(question.id, [c.id for c in node.choices]), draw)
                for node in nodes}
        elif isinstance(question, Ordering) and assessment:
            result.steps[question.id] = shuffled(
                listed_items(question.id, [s.id for s in question.items]), draw)
    return result
