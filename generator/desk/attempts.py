"""Grade a validated answer file against the course's current quizzes. Pure: no I/O.

What the desk believes comes from its own records, never from the file: the quiz version must be
in the registry of published versions (`integrity.registry`), and the question hashes, the draw
and the publication time are the registry's. Then, in order:
- times add up (`timing`): in order, not in the future, not before publication, within the limit;
- who made it (`identity`): with a roster, the access code signs the file; the seed is the one
  derived for this learner, version and attempt;
- the paper (`paper`): the draw replayed from the seed (format 2; a format-1 page drew nothing);
  answers only to questions on it, named by authored or opaque ids; questions changed since the
  learner's version count 0 (`--changed zero`, the default) or are left out (`--changed
  exclude`); answers to questions removed since are ignored and named;
- on an assessment page, an ordering question whose replayed starting order was the key or its
  reverse is left out of that attempt: a rare coincidence, never an advantage;
- on an assessment page (format 2; the registry's mode, or opaque ids) a scenario is linear, and
  each of its steps is scored on its own (`scoring`, `linear=True`); elsewhere the path counts.
With `strict`, a file with any question changed or removed since is refused instead.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from ..fingerprint import question_version, quiz_version
from ..integrity.opaque import OpaqueIds, looks_opaque
from ..integrity.registry import Publication, Registry
from ..integrity.seeds import asks_for_identity
from ..models.quiz import Ordering, Quiz
from ..scoring import AnswerError, Grader, QuestionResult, QuizResult
from ..shuffle import presentation
from ..valuekinds import kind_of
from .answerfiles import (
    FROM_THE_PAGE,
    BadAnswerFile,
    ParsedFile,
    is_answer_value,
    one_line,
)
from .identity import WrongSeed, identify, learner_key  # noqa: F401 - learner_key: this API
from .paper import CHANGED, REMOVED, START_ORDER, Paper, question_names, read_paper
from .roster import RosterEntry
from .timing import check_times, utc  # noqa: F401 - utc is part of this API

CHANGED_POLICIES = ("zero", "exclude")


@dataclass(frozen=True)
class Attempt:
    """One graded answer file, ready for the gradebook."""

    content_hash: str  # the attempt's identity: sha256 of its canonical content
    source: str  # the file as the trainer named it (escaped), for messages and the CSV
    learner_key: str  # who this is, for "best / latest per learner": see learner_key()
    learner_name: str
    learner_id: str | None
    quiz: str
    quiz_version: str  # as the learner took it
    graded_version: str  # the quiz's version when graded
    seed: int
    started_at: datetime.datetime  # UTC, naive: the same in SQLite and PostgreSQL
    submitted_at: datetime.datetime
    result: QuizResult
    # (question id, why): "changed" (left out by --changed exclude), "removed" (answered, no
    # longer in the quiz), "start-order" (the starting order gave the answer away)
    left_out: tuple[tuple[str, str], ...] = ()
    attempt: int | None = None  # as the page counted it (format 2)
    identity_verified: bool = False
    flags: tuple[str, ...] = ()  # "late", "clock" (see timing)
    changed: tuple[str, ...] = ()  # questions changed since, counted 0 (--changed zero)


class PreparedQuiz:
    """One quiz prepared for grading many files: its grader, hashes and opaque ids."""

    def __init__(self, quiz: Quiz, salt: str):
        self.quiz = quiz
        self.version = quiz_version(quiz)
        self.question_versions = {q.id: question_version(q) for q in quiz.questions}
        self.ids = OpaqueIds(quiz, salt)
        self.grader = Grader(quiz)  # remembers each question's result per distinct answer
        self.linear_grader = Grader(quiz, linear=True)  # files from assessment pages
        self.weights = {q.id: float(q.points) for q in quiz.questions}
        self.orderings = {q.id: [s.id for s in q.items] for q in quiz.questions
                          if isinstance(q, Ordering)}
        self._names: dict[str, tuple[set[str], dict[str, str]]] = {}

    def page_name(self, question_id: str):
        """A function naming an option, step or choice of the question as its assessment page
        does (its opaque id); anything else as it is."""
        items = self.ids.questions[question_id].items
        return lambda authored: items.get(authored, authored)

    def names(self, publication: Publication) -> tuple[set[str], dict[str, str]]:
        """The question ids files of this published version may use (made once per version)."""
        if publication.version not in self._names:
            self._names[publication.version] = question_names(
                publication, self.question_versions, self.ids, self.quiz.id)
        return self._names[publication.version]


class GradingCourse:
    """The course's quizzes as they are now, its registry and roster, prepared once per run."""

    def __init__(self, quizzes: list[Quiz], registry: Registry, *,
                 roster: dict[str, RosterEntry] | None = None, changed: str = "zero",
                 now: datetime.datetime | None = None):
        if changed not in CHANGED_POLICIES:
            raise ValueError(f"changed must be one of {CHANGED_POLICIES}, not {changed!r}")
        self.registry = registry
        self.quizzes = {quiz.id: PreparedQuiz(quiz, registry.salt) for quiz in quizzes}
        self.roster = roster or None  # an empty roster is no roster
        self.changed = changed
        self.now = now or datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)


def grade_file(parsed: ParsedFile, course: GradingCourse, *, source: str,
               strict: bool = False) -> Attempt:
    """Grade one validated answer file; raise BadAnswerFile saying why it cannot be graded."""
    data = parsed.data
    key = course.quizzes.get(data.quiz)
    if key is None:
        known = ", ".join(course.quizzes) or "no quizzes"
        raise BadAnswerFile(f"unknown quiz '{one_line(data.quiz)}' — this course has: {known}; "
                            "grade the file with its own course (-f its mkdocs.yml)")
    quiz = key.quiz
    publication = course.registry.find(quiz.id, data.quiz_version)
    if publication is None:
        raise BadAnswerFile(_never_published(data.quiz_version, course.registry, quiz.id))
    # An assessment page asks for id and code, and names questions by opaque ids (whether the
    # whole file does is checked with the paper).
    first = data.answers[0].question if data.answers else ""
    asks = asks_for_identity(quiz) or (first not in key.weights and looks_opaque(first))
    # Who, when, which attempt and which paper are independent checks: every problem is found
    # and told at once, so a trainer fixes a file (or a folder of them) in one go.
    problems: list[str] = []
    try:
        who = identify(parsed, asks, course.roster)
    except BadAnswerFile as error:
        problems.extend(error.problems)
        seed_is_wrong = isinstance(error, WrongSeed)
    else:
        seed_is_wrong = False
    times = _checked(problems, check_times, data, quiz, publication.published, course.now)
    attempt_number = data.attempt if parsed.format == 2 else None
    limit = quiz.exam.attempts if quiz.exam is not None else None
    if attempt_number is not None and limit is not None and attempt_number > limit:
        problems.append(f"attempt {attempt_number} is beyond this quiz's limit of {limit} "
                        f"attempt{'s' if limit != 1 else ''} — only attempts 1 to {limit} are "
                        "graded (`exam.attempts`)")
    if not seed_is_wrong:  # else the paper replayed would not be the learner's
        paper = _checked(problems, read_paper, data.answers, data.seed, publication,
                         key.question_versions, key.ids, quiz.id, key.names(publication),
                         drawn=parsed.format == 2)
    if problems:
        raise BadAnswerFile(*problems)
    started, submitted, flags = times
    removed = tuple(q for q in paper.removed if q in paper.answers)
    if strict and (paper.changed or removed):
        raise BadAnswerFile(f"{_superseded(quiz.id, publication, course.registry, key.version)}"
                            f" (questions {_names(paper.changed + removed)}); refused with "
                            "--strict — grade it without --strict: --changed zero counts those "
                            "0 points, --changed exclude leaves them out")
    for question in paper.changed + removed:  # never graded: check they are answers at all
        answer = paper.answers.get(question)
        if question in paper.answers and not is_answer_value(answer):
            raise BadAnswerFile(f"answers[{paper.positions[question]}].answer: expected "
                                f"true/false, an id or a list of ids, got {kind_of(answer)} — "
                                f"{FROM_THE_PAGE}")
    start_order = _start_order_gave_it_away(key, parsed, paper)
    excluded = paper.changed if course.changed == "exclude" else ()
    scored = [q for q in paper.questions
              if q in key.weights and q not in excluded and q not in start_order]
    if not scored:
        raise BadAnswerFile(f"{_superseded(quiz.id, publication, course.registry, key.version)}"
                            ": every question on this paper changed or was removed, nothing "
                            "is left to grade — the learner takes the quiz again on the "
                            "current site")
    skip = frozenset(key.weights) - set(scored) | frozenset(
        paper.changed if course.changed == "zero" else ())
    try:
        grader = key.linear_grader if paper.assessment_page else key.grader
        result = grader.grade(paper.answers, skip)
    except AnswerError as error:
        shown = one_line(data.answers[paper.positions[error.question]].question)
        told = error.told(key.page_name(error.question)) if paper.opaque else str(error)
        raise BadAnswerFile(f"answers[{paper.positions[error.question]}]: question "
                            f"'{shown}': {one_line(told)} — {FROM_THE_PAGE}") from None
    counted_zero = paper.changed if course.changed == "zero" else ()
    if counted_zero:
        result = _with_zeros(result, counted_zero, key, quiz)
    left_out = (tuple((q, CHANGED) for q in excluded) + tuple((q, REMOVED) for q in removed)
                + tuple((q, START_ORDER) for q in start_order))
    return Attempt(
        content_hash=parsed.attempt_hash, source=source, learner_key=who.key,
        learner_name=who.name, learner_id=who.learner_id, quiz=quiz.id,
        quiz_version=data.quiz_version, graded_version=key.version, seed=data.seed,
        started_at=started, submitted_at=submitted, result=result, left_out=left_out,
        attempt=attempt_number, identity_verified=who.verified, flags=flags,
        changed=counted_zero)


def _checked(problems: list[str], check, *args, **options):
    """check(*args, **options), or None with its problems added to `problems`."""
    try:
        return check(*args, **options)
    except BadAnswerFile as error:
        problems.extend(error.problems)
        return None


def _never_published(version: str, registry: Registry, quiz: str) -> str:
    """A version the registry does not know: made up, or built from a folder whose registry
    this course does not have. Told apart from a version published and superseded since."""
    known = registry.versions(quiz)
    name = Path(registry.label).name  # the folder is the course's: said once, in the summary
    latest = max(known, key=lambda p: p.published) if known else None
    have = (f"{name} has {len(known)} version{'s' if len(known) != 1 else ''} of "
            f"quiz '{quiz}', the latest {latest.version} of {_day(latest.published)}"
            if latest else f"{name} has no version of quiz '{quiz}'")
    return (f"quiz version {one_line(version)} was never published from this course ({have}) "
            "— if the file's course was built in another folder, add the lines of that "
            "folder's registry to this one; otherwise this course's quiz pages did not make "
            "the file")


def _superseded(quiz: str, publication: Publication, registry: Registry, current: str) -> str:
    """'The quiz changed since this version was published', with when each happened."""
    now = registry.find(quiz, current)
    since = f", replaced by {current} of {_day(now.published)}" if now is not None else \
        f", replaced by {current} (not yet published: run `course build`)"
    return (f"quiz '{quiz}' changed since this file's version {publication.version} was "
            f"published on {_day(publication.published)}{since}")


def superseded_note(row, registry: Registry, policy: str) -> str:
    """For a graded file of a version superseded since, with questions changed or removed:
    ` — ` and when the version was published, when it was replaced, and what --changed does
    (empty for any other file)."""
    changed = row.changed or any(why in (CHANGED, REMOVED) for _, why in row.left_out)
    published = registry.find(row.quiz, row.quiz_version) if row.quiz_version else None
    if not changed or published is None:
        return ""
    versions = registry.versions(row.quiz)
    newer = [p for p in versions if p.published > published.published
             or (p.published == published.published and p.line > published.line)]
    replaced = (f", replaced on {_day(min(p.published for p in newer))}" if newer else "")
    other = ("--changed exclude leaves changed questions out instead" if policy == "zero" else
             "--changed zero counts changed questions 0 points instead")
    return (f" — quiz '{row.quiz}' changed since this file's version {published.version} was "
            f"published on {_day(published.published)}{replaced}; {other}")


def _day(moment: datetime.datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC")


def _start_order_gave_it_away(key: PreparedQuiz, parsed: ParsedFile,
                              paper: Paper) -> tuple[str, ...]:
    """Ordering questions whose starting order, on an assessment page, was the key or its
    reverse. Replayed exactly only for the current version (an older version's stream may have
    run differently); older files are graded as they are."""
    if not key.orderings or not paper.assessment_page \
            or parsed.data.quiz_version != key.version:
        return ()
    shown = presentation(key.quiz, parsed.data.seed, assessment=True, page_order=key.ids)
    gave = []
    for question, steps in shown.steps.items():
        right = key.orderings[question]
        if steps == right or steps == right[::-1]:
            gave.append(question)
    return tuple(gave)


def _with_zeros(result: QuizResult, zero: tuple[str, ...], key: PreparedQuiz,
                quiz: Quiz) -> QuizResult:
    """The result with each changed question counted as 0 of its points, in YAML order."""
    by_id = {r.question: r for r in result.questions}
    for question in zero:
        by_id[question] = QuestionResult(question, 0.0, key.weights[question], CHANGED)
    ordered = tuple(by_id[q.id] for q in quiz.questions if q.id in by_id)
    points = sum(r.points for r in ordered)
    possible = sum(r.max_points for r in ordered)
    score = points / possible if possible else 0.0
    return QuizResult(result.quiz, score, points, possible, score >= quiz.pass_mark, ordered)


def _names(ids: tuple[str, ...]) -> str:
    return ", ".join(one_line(i) for i in ids)
