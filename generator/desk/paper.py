"""Which questions were on a learner's paper, and their answers in authored ids. Pure.

The registry says what the learner's version held (questions, their hashes, the draw); the seed
replays the draw (`shuffle.draw_paper`). Only pages that write format 2 draw: a format-1 file
comes from a page that showed every question of its version, so its paper is all of them (it
cannot gain by it: every question counts, and with a roster such files are refused anyway).
An assessment page (the registry's `mode` for the version, or a file in opaque ids: a version
first published as practice can later be built with `--assessment`) lists its questions by
opaque id, and the draw follows the page's order (`shuffle.py`); its scenarios are linear.
An answer file names questions and answers either by authored ids (practice pages) or by the
opaque ids of an assessment page (`integrity.opaque`), never both. Against the quiz as it is
now, each question of the paper is
- scored, when its hash is the same;
- changed since (its hash differs): 0 points or left out, as the trainer chose (`--changed`);
- removed since (the quiz no longer has it): its answer is ignored and named.
Questions added since were on no learner's paper of that version and are not counted.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..integrity.opaque import OpaqueIds, UnknownId, opaque_id
from ..integrity.registry import Publication
from ..shuffle import draw_paper, mulberry32
from .answerdata import AnswerItem
from .answerfiles import FROM_THE_PAGE, BadAnswerFile, one_line

CHANGED, REMOVED, START_ORDER = "changed", "removed", "start-order"
FIX = f" — {FROM_THE_PAGE}"  # a page names only the questions of the paper, once each


@dataclass(frozen=True)
class Paper:
    questions: tuple[str, ...]  # authored ids on the learner's paper, in YAML order
    answers: dict[str, object]  # authored question id → answer in authored ids
    positions: dict[str, int]  # authored question id → index in the file's answers
    opaque: bool  # the file names things by an assessment page's opaque ids
    assessment_page: bool = False  # made by an assessment page (format 2): page order, linear
    changed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()


def read_paper(items: list[AnswerItem], seed: int, publication: Publication,
               current: dict[str, str], ids: OpaqueIds, quiz_id: str,
               names: tuple[set[str], dict[str, str]], *, drawn: bool = True) -> Paper:
    """`current` maps the quiz's questions now to their hashes; `names` is question_names()
    for this publication; `drawn`: the page drew the paper from the seed (format 2). Raises
    BadAnswerFile."""
    published = list(publication.questions)
    authored, by_opaque = names
    first = items[0].question if items else ""
    assessment_page = drawn and (publication.mode == "assessment"
                                 or (first not in authored and first in by_opaque))
    if publication.draw and drawn:
        listed, pools = published, publication.pools
        if assessment_page:  # the page lists questions by opaque id, and the draw follows it
            listed = page_order(published, ids.salt, quiz_id)
            pools = {pool: page_order(members, ids.salt, quiz_id)
                     for pool, members in pools.items()}
        drawn_ids = set(draw_paper(listed, publication.draw, pools, mulberry32(seed)))
        paper = [q for q in published if q in drawn_ids]
        on_paper = drawn_ids
    else:
        paper, on_paper = published, publication.questions
    answers: dict[str, object] = {}
    positions: dict[str, int] = {}
    problems: list[str] = []  # every answer's problem, told at once
    opaque = None  # which names the file uses, from its first answer
    for index, item in enumerate(items):
        name = item.question
        if name in authored:
            question, is_opaque = name, False
        else:
            question = by_opaque.get(name)
            if question is None:
                problems.append(f"answers[{index}]: unknown question '{one_line(name)}' in "
                                f"quiz '{quiz_id}'" + FIX)
                continue
            is_opaque = True
        if opaque is None:
            opaque = is_opaque
        elif is_opaque != opaque:
            said = "the page's opaque ids" if opaque else "authored ids"
            problems.append(f"answers[{index}]: question '{one_line(name)}' is named "
                            f"differently from answers[0]; one file names every question by "
                            f"{said}" + FIX)
            continue
        if question in positions:
            problems.append(f"answers[{index}]: question '{one_line(name)}' is answered twice "
                            f"(also answers[{positions[question]}])" + FIX)
            continue
        if question not in on_paper:
            problems.append(f"answers[{index}]: question '{one_line(name)}' was not on this "
                            "learner's paper" + FIX)
            continue
        answer = item.answer
        if is_opaque and question in current:
            try:
                answer = ids.authored_answer(question, answer)
            except UnknownId as unknown:
                problems.append(f"answers[{index}]: question '{one_line(name)}': "
                                f"'{one_line(unknown.value)}' is none of its ids on the page" + FIX)
                continue
        positions[question] = index
        answers[question] = answer
    if problems:
        raise BadAnswerFile(*problems)
    opaque = bool(opaque)
    changed = tuple(q for q in paper if q in current and current[q] != publication.questions[q])
    removed = tuple(q for q in paper if q not in current)
    return Paper(tuple(paper), answers, positions, opaque, assessment_page, changed,
                 removed)



def page_order(questions, salt: str, quiz_id: str) -> list[str]:
    """Question ids as an assessment page lists them: by opaque id."""
    return sorted(questions, key=lambda q: opaque_id(salt, quiz_id, "question", q, "", q))


def question_names(publication: Publication, current: dict[str, str], ids: OpaqueIds,
                   quiz_id: str) -> tuple[set[str], dict[str, str]]:
    """Every question id a file of this version may use: the authored ids, and the opaque ids
    by the authored id they stand for (a question removed since gets its opaque id from the
    salt). The grader makes these once per version (`PreparedQuiz.names`)."""
    by_opaque = {ids.question(q): q for q in current}
    for question in publication.questions:
        if question not in current:
            by_opaque[opaque_id(ids.salt, quiz_id, "question", question, "", question)] = question
    return set(publication.questions) | set(current), by_opaque
