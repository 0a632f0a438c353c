"""`course items`: per quiz, what a learner without knowledge would score, and why.

Pure: a quiz (with its flagged findings, placed by the caller) in; a summary, its text table and
its JSON out.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from string import ascii_uppercase

from ..models.quiz import Quiz, Scenario, SingleChoice, TrueFalse
from ..plurals import english
from ..quizgraph import best_points
from ..scoring import percent
from ..shuffle import shuffle_flags
from .checks import longest_walk, strictly_longest
from .cues import visible_length
from .papers import papers
from .strategies import STRATEGIES, paper_score, question_values

TYPES = ("single", "multiple", "true_false", "ordering", "scenario")


@dataclass(frozen=True)
class Flag:
    """One item-check finding, placed in its file."""

    check: str
    where: str  # path:line:column
    message: str
    questions: tuple[str, ...]


@dataclass(frozen=True)
class StrategyScore:
    name: str
    label: str
    mean: float  # over the papers (the one paper of a quiz without a draw)
    lowest: float
    highest: float
    passing_papers: int  # papers on which the expected score reaches the pass mark


@dataclass(frozen=True)
class KeyBalance:
    positions: dict[str, int]  # single choice: keys by listed position, A, B, …
    singles: int
    longest_keys: int  # single choice: the key strictly the longest option
    true_answers: int
    false_answers: int
    scenarios: int
    longest_best: int  # scenarios: the longest reply at every step scores full marks


@dataclass(frozen=True)
class QuizItems:
    quiz: str
    title: str
    mode: str
    required: bool
    pass_mark: float
    questions: int
    types: dict[str, int]
    draw: tuple[tuple[str, int, int], ...]  # (pool, drawn, questions in the pool)
    paper_questions: int  # questions on each learner's paper
    papers: int  # papers scored: 1 without a draw
    shuffled_options: bool
    strategies: tuple[StrategyScore, ...]
    balance: KeyBalance
    flagged: tuple[Flag, ...]


def summarise(quiz: Quiz, flagged: list[Flag], policies: Mapping[str, str] | None = None,
              paper_count: int | None = None) -> QuizItems:
    policies = policies or {}
    drawn = papers(quiz) if paper_count is None else papers(quiz, paper_count)
    scores = []
    for strategy in STRATEGIES:
        values = question_values(quiz, strategy, policies)
        each = [paper_score(quiz, paper, values) for paper in drawn]
        scores.append(StrategyScore(
            strategy.name, strategy.label, sum(each) / len(each), min(each), max(each),
            sum(1 for s in each if s >= quiz.pass_mark)))
    sizes = Counter(q.pool for q in quiz.questions)
    types = Counter(q.type for q in quiz.questions)
    return QuizItems(
        quiz.id, quiz.title, quiz.mode, quiz.required, quiz.pass_mark, len(quiz.questions),
        {t: types[t] for t in TYPES if types[t]},
        tuple((d.pool, d.count, sizes[d.pool]) for d in quiz.draw), len(drawn[0]), len(drawn),
        shuffle_flags(quiz)[1], tuple(scores), key_balance(quiz, policies), tuple(flagged))


def key_balance(quiz: Quiz, policies: Mapping[str, str]) -> KeyBalance:
    positions: Counter = Counter()
    singles = longest = scenarios = longest_best = 0
    length = lambda text: visible_length(text, policies)  # noqa: E731
    for question in quiz.questions:
        if isinstance(question, SingleChoice):
            keys = [i for i, o in enumerate(question.options) if o.correct]
            if len(keys) == 1:
                singles += 1
                positions[ascii_uppercase[keys[0]]] += 1
                longest += strictly_longest([length(o.text) for o in question.options]) == keys[0]
        elif isinstance(question, Scenario):
            scenarios += 1
            walk, best = longest_walk(question, length), best_points(question)
            longest_best += bool(walk and best and walk[1] == best)
    statements = [q.answer for q in quiz.questions if isinstance(q, TrueFalse)]
    return KeyBalance(dict(sorted(positions.items())), singles, longest,
                      statements.count(True), statements.count(False), scenarios, longest_best)


# Output ------------------------------------------------------------------------------------

TYPE_NAMES = {"single": "single", "multiple": "multiple", "true_false": "true/false",
              "ordering": "ordering", "scenario": "scenario"}


def _pct(share: float) -> str:
    return f"{percent(share)}%"


def _score(share: float) -> str:
    # One decimal: a strategy 0.4 points under the pass mark must not read as "80%, −0".
    return f"{share * 100:.1f}%"


def _against(score: float, pass_mark: float) -> str:
    if score >= pass_mark:
        return "PASSES"
    return f"{(score - pass_mark) * 100:.1f} points".replace("-", "−")


def render_text(quizzes: list[QuizItems]) -> str:
    return "\n".join(_quiz_text(q) for q in quizzes)


def _quiz_text(q: QuizItems) -> str:
    kind = q.mode + (", required" if q.required else "")
    types = ", ".join(f"{n} {TYPE_NAMES[t]}" for t, n in q.types.items())
    out = [f"{q.quiz} — {q.title}",
           f"  {kind} · pass mark {_pct(q.pass_mark)} · {english(q.questions, 'question')}: "
           f"{types}"]
    if q.draw:
        parts = ", ".join(f"{count} of {size} from {pool}" for pool, count, size in q.draw)
        out.append(f"  each paper: {english(q.paper_questions, 'question')} ({parts}); scores "
                   f"over {english(q.papers, 'simulated paper')}")
    else:
        out.append("  every learner answers " + ("the one question" if q.questions == 1
                                                  else f"all {q.questions} questions"))
    out.append("")
    width = max(len(s.label) for s in q.strategies) + 2
    if q.draw:
        out.append(f"  {'strategy without knowledge':<{width}}{'mean':>7}{'lowest':>8}"
                   f"{'highest':>9}  {'papers passed':<15}highest against pass mark")
        for s in q.strategies:
            out.append(f"  {s.label:<{width}}{_score(s.mean):>7}{_score(s.lowest):>8}"
                       f"{_score(s.highest):>9}  {f'{s.passing_papers} of {q.papers}':<15}"
                       f"{_against(s.highest, q.pass_mark)}")
    else:
        out.append(f"  {'strategy without knowledge':<{width}}{'score':>7}  against pass mark")
        for s in q.strategies:
            out.append(f"  {s.label:<{width}}{_score(s.mean):>7}  "
                       f"{_against(s.mean, q.pass_mark)}")
    out += ["", "  key balance"]
    b = q.balance
    if b.singles:
        spread = " · ".join(f"{p} {n}" for p, n in b.positions.items())
        printed = ("as printed; shuffled on the page" if q.shuffled_options
                   else "as printed and on the page")
        out.append(f"    single choice: correct option listed {spread} ({printed}); strictly "
                   f"the longest in {b.longest_keys} of {b.singles}")
    statements = b.true_answers + b.false_answers
    if statements:
        out.append(f"    true/false: {b.true_answers} true, {b.false_answers} false "
                   f"({_pct(b.true_answers / statements)} true)")
    if b.scenarios:
        out.append(f"    scenario: the longest reply at every step scores full marks in "
                   f"{b.longest_best} of {b.scenarios}")
    if q.flagged:
        out += ["", f"  flagged by the item checks: {len(q.flagged)}"]
        out += [f"    {f.where}: {f.check}: {f.message}" for f in q.flagged]
    else:
        out += ["", "  flagged by the item checks: none"]
    out.append("")
    return "\n".join(out)


def render_json(quizzes: list[QuizItems]) -> str:
    def plain(q: QuizItems) -> dict:
        data = asdict(q)
        data["draw"] = [{"pool": p, "count": c, "size": s} for p, c, s in q.draw]
        return data

    return json.dumps({"quizzes": [plain(q) for q in quizzes]}, ensure_ascii=False,
                      indent=2) + "\n"
