"""A blank answer file, as a quiz page would write it before the learner answers anything.

For trainers to try the desk (`course answers template QUIZ`): the file is format 2, for the
quiz's current version as the registry recorded it, with every value made the way the page
makes it, so `course grade` takes it (and scores it 0):
- the seed: derived from id, version and attempt on pages that ask for id and code
  (`integrity.seeds`), random on practice pages;
- the paper: the draw replayed from that seed, as the grader replays it (`shuffle.draw_paper`
  over the registry's pools), every question of it unanswered (`null`);
- ids: on assessment pages the opaque ids the grader maps back (`integrity.opaque`), else the
  authored ids;
- with an access code, the signature (`integrity.signing`).
Pure: the caller gives the time and, for practice quizzes, the random seed.
"""

from __future__ import annotations

import datetime
import json

from ..fingerprint import quiz_version
from ..integrity import codes
from ..integrity.opaque import OpaqueIds
from ..integrity.registry import Registry
from ..integrity.seeds import asks_for_identity, derived_seed
from ..integrity.signing import sign
from ..models.answers import FORMAT
from ..models.quiz import Quiz
from ..shuffle import draw_paper, mulberry32
from .answerfiles import FROM_THE_PAGE, BadAnswerFile, parse
from .paper import page_order

# The name in a template for a practice quiz made without --learner (the page asks for a name).
TEMPLATE_NAME = "answers template"


class TemplateRefused(Exception):
    """Why no template can be made; `message` is one line, `what is wrong — how to fix`."""

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


def blank_answer_file(quiz: Quiz, registry: Registry, *, course_title: str, now: datetime.datetime,
                      random_seed: int, learner_id: str | None = None, code: str | None = None,
                      attempt: int = 1, assessment: bool = False) -> dict:
    """The answer file of `quiz`'s current version with nothing answered. `now` is UTC (naive or
    aware); `random_seed` is used on pages that draw their seed at random (practice);
    `assessment`: as a `course build --assessment` page writes it. Raises TemplateRefused."""
    version = quiz_version(quiz)
    publication = registry.find(quiz.id, version)
    if publication is None:
        raise TemplateRefused(
            f"quiz '{quiz.id}': its current version {version} is not in {registry.label} (the "
            "quiz changed since the course was last built) — run `course build`, which records "
            "it, then make the template again")
    asks = asks_for_identity(quiz, rendered_as_assessment=assessment)
    learner_id = learner_id.strip() if learner_id is not None else None
    if asks and not learner_id:
        raise TemplateRefused(
            f"quiz '{quiz.id}' asks for the staff id (its seed and paper depend on it) — give "
            "one with --learner ID")
    if code is not None and (problem := codes.problem(code)) is not None:
        raise TemplateRefused(f"--code: {problem} — copy it from `course roster list --codes`")
    limit = quiz.exam.attempts if quiz.exam is not None else None
    if attempt < 1 or (limit is not None and attempt > limit):
        allowed = f"1 to {limit}" if limit is not None else "1 or more"
        raise TemplateRefused(f"--attempt {attempt}: quiz '{quiz.id}' allows attempts "
                              f"{allowed} — give one of those")
    seed = derived_seed(learner_id, version, attempt) if asks else random_seed
    opaque = OpaqueIds(quiz, registry.salt) if quiz.mode == "assessment" or assessment else None
    listed, pools = list(publication.questions), publication.pools
    if opaque is not None:  # an assessment page draws over its own order: by opaque id
        listed = page_order(listed, registry.salt, quiz.id)
        pools = {pool: page_order(members, registry.salt, quiz.id)
                 for pool, members in pools.items()}
    drawn = set(draw_paper(listed, publication.draw, pools, mulberry32(seed)))
    paper = [q for q in publication.questions if q in drawn]  # listed as the grader lists them
    moment = _moment(max(_utc(now), publication.published))
    document = {
        "format": FORMAT,
        "course": course_title,
        "quiz": quiz.id,
        "quiz_version": version,
        "learner": {"id": learner_id} if learner_id else {"name": TEMPLATE_NAME},
        "attempt": attempt,
        "seed": seed,
        "started_at": moment,
        "submitted_at": moment,
        "answers": [{"question": opaque.question(q) if opaque else q, "answer": None}
                    for q in paper],
    }
    if code is not None:
        document["signature"] = sign(document, code)
    _refuse_what_the_grader_would(document)
    return document


def _refuse_what_the_grader_would(document: dict) -> None:
    """The template is read back as the grader reads it: what it would refuse (an id too long
    for the format, say) is refused here, so a template is always a file the grader takes."""
    try:
        parse(json.dumps(document, ensure_ascii=False).encode("utf-8"))
    except BadAnswerFile as error:
        # The grader's fix speaks of a learner's file; here the trainer chose the value.
        raise TemplateRefused("; ".join(error.problems).replace(
            FROM_THE_PAGE, "give another value")) from None


def _utc(moment: datetime.datetime) -> datetime.datetime:
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(datetime.timezone.utc).replace(tzinfo=None)


def _moment(moment: datetime.datetime) -> str:
    return moment.replace(microsecond=0).isoformat() + "Z"
