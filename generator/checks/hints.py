"""Ids that give the answer away: an option, scenario node or choice id holding a word such as
`good`, `wrong` or `best` tells a learner which one to pick, or that an ending is the good one.
Practice pages show authored ids (in their markup), and so do answer files; assessment pages use
opaque ids. So these are warnings, each with a neutral id to use instead.

A word counts as a whole segment of the id (`end-good`, `correct-dates`), never inside another
word (`goods`, `bright`). Ids are ASCII, so Chinese words are found in pinyin (`cuo`, `zuijia`);
pinyin that is often something else (hao 号, dui 队) is left out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import Problem
from ..loaded import LoadedCourse, QuizEntry
from ..models.quiz import MultipleChoice, Scenario, SingleChoice
from ..yamlsource import Locator
from .findings import Findings

if TYPE_CHECKING:
    from .memo import CheckMemo

HINT_WORDS = frozenset({
    "good", "bad", "best", "worst", "better", "worse", "wrong", "right", "correct",
    "incorrect", "ideal", "optimal", "perfect",
    # pinyin: 错, 错误, 正确, 坏, 不好, 最佳, 最好, 最差
    "cuo", "cuowu", "zhengque", "huai", "buhao", "zuijia", "zuihao", "zuicha",
})


def check_hints(loaded: LoadedCourse, found: Findings, memo: CheckMemo | None = None) -> None:
    for entry in loaded.quizzes:
        found.problems += (memo.of_quiz("hints", entry, None, _quiz_hints) if memo is not None
                           else _quiz_hints(entry))


def _quiz_hints(entry: QuizEntry) -> list[Problem]:
    found = Findings()
    for index, question in enumerate(entry.quiz.questions):
        path = ("questions", index)
        if isinstance(question, (SingleChoice, MultipleChoice)):
            _ids(found, entry.locator, "option",
                 [(path + ("options", i, "id"), o.id, "option")
                  for i, o in enumerate(question.options)])
        elif isinstance(question, Scenario):
            _ids(found, entry.locator, "node",
                 [(path + ("nodes", i, "id"), n.id, "step" if n.choices else "end")
                  for i, n in enumerate(question.nodes)],
                 also="and the `next:` that lead to it")
            for n, node in enumerate(question.nodes):
                _ids(found, entry.locator, "choice",
                     [(path + ("nodes", n, "choices", i, "id"), c.id, "reply")
                      for i, c in enumerate(node.choices)])
    return found.problems


def _ids(found: Findings, locator: Locator, noun: str, ids: list[tuple[tuple, str, str]],
         also: str = "") -> None:
    """Warn about the hinting ids among siblings (path, id, a neutral word for one), each with
    a neutral id none of them has."""
    rests = ["-".join(part for part in ident.split("-") if part not in HINT_WORDS) or neutral
             for _, ident, neutral in ids]
    taken = {ident for _, ident, _ in ids}
    for number, ((path, ident, neutral), rest) in enumerate(zip(ids, rests), 1):
        words = [part for part in ident.split("-") if part in HINT_WORDS]
        if not words:
            continue
        alone = rest != neutral and rest not in taken and rests.count(rest) == 1
        suggestion = rest if alone else f"{rest}-{number}"
        shown = ", ".join(f"'{word}'" for word in words)
        found.warn(locator, path, f"{noun} id '{ident}' hints at the answer ({shown})",
                   "learners see ids on practice pages and in their answer files; use a neutral "
                   f"one such as '{suggestion}'" + (f" ({also})" if also else ""))
