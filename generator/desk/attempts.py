"""Grade a validated answer file against the course's current quizzes. Pure: no I/O.

Version safety: each answer file carries the content hash of every question the learner saw
(`generator.fingerprint`). A question whose hash differs now was reworded since, so the answer
may mean something else: it is left out of the score and named, never silently graded. With
`strict`, such a file is refused instead. Questions added since (the learner never saw them) are
left out the same way; answers to questions removed since are ignored and named.
"""

from __future__ import annotations

import datetime
import unicodedata
from dataclasses import dataclass

from ..fingerprint import question_version, quiz_version
from ..models.quiz import Quiz
from ..scoring import AnswerError, Grader, QuizResult
from .answerfiles import AnswerData, BadAnswerFile, is_answer_value, kind_of, one_line


@dataclass(frozen=True)
class Attempt:
    """One graded answer file, ready for the gradebook."""

    content_hash: str
    source: str  # the file as the trainer named it, for messages and the CSV
    learner_key: str  # who this is, for "best / latest per learner": see learner_key()
    learner_name: str
    learner_id: str | None
    quiz: str
    quiz_version: str  # as the learner saw it
    graded_version: str  # the quiz's version when graded
    seed: int
    started_at: datetime.datetime  # UTC, naive: the same in SQLite and PostgreSQL
    submitted_at: datetime.datetime
    result: QuizResult
    left_out: tuple[str, ...] = ()  # question ids not scored: changed, added or removed since


class PreparedQuiz:
    """One quiz prepared for grading many files: its grader and its content hashes."""

    def __init__(self, quiz: Quiz):
        self.quiz = quiz
        self.version = quiz_version(quiz)
        self.question_versions = {q.id: question_version(q) for q in quiz.questions}
        self.grader = Grader(quiz)  # remembers each question's result per distinct answer


class GradingCourse:
    """The course's quizzes as they are now, prepared once per run."""

    def __init__(self, quizzes: list[Quiz]):
        self.quizzes = {quiz.id: PreparedQuiz(quiz) for quiz in quizzes}


def grade_file(answers: AnswerData, course: GradingCourse, *, content_hash: str, source: str,
               strict: bool = False) -> Attempt:
    """Grade one validated answer file; raise BadAnswerFile saying why it cannot be graded."""
    name = answers["learner"]["name"].strip()
    if not name:
        raise BadAnswerFile("learner.name: blank")
    key = course.quizzes.get(answers["quiz"])
    if key is None:
        known = ", ".join(course.quizzes) or "no quizzes"
        raise BadAnswerFile(f"unknown quiz '{one_line(answers['quiz'])}'; this course has: {known}")
    items = answers["answers"]
    saw = answers["question_versions"]
    given = {item["question"]: item["answer"] for item in items}
    removed: tuple[str, ...] = ()
    if len(given) != len(items) or not given.keys() <= key.question_versions.keys():
        _check_question_ids(items, key, saw)
        removed = tuple(q for q in given if q not in key.question_versions)
    if answers["quiz_version"] == key.version:
        changed: tuple[str, ...] = ()
    else:
        changed = tuple(q for q, v in key.question_versions.items() if saw.get(q) != v)
    left_out = changed + removed
    if left_out and strict:
        raise BadAnswerFile(f"quiz '{key.quiz.id}' changed since this file was made (questions "
                            f"{_names(left_out)}); refused with --strict")
    if len(changed) == len(key.question_versions):
        raise BadAnswerFile(f"quiz '{key.quiz.id}' changed since this file was made: every "
                            "question changed; nothing left to grade")
    for question in left_out:  # the grader checks the answers it grades; these it never sees
        if question in given and not is_answer_value(given[question]):
            raise BadAnswerFile(f"answers[{_position(items, question)}].answer: expected "
                                f"true/false, an id or a list of ids, got "
                                f"{kind_of(given[question])}")
    try:
        result = key.grader.grade(given, frozenset(changed))
    except AnswerError as error:
        raise BadAnswerFile(f"answers[{_position(items, error.question)}]: question "
                            f"'{error.question}': {one_line(str(error))}") from None
    learner_id = (answers["learner"].get("id") or "").strip() or None
    return Attempt(
        content_hash=content_hash, source=source,
        learner_key=learner_key(name, learner_id), learner_name=name, learner_id=learner_id,
        quiz=key.quiz.id, quiz_version=answers["quiz_version"], graded_version=key.version,
        seed=answers["seed"], started_at=utc(answers["started_at"]),
        submitted_at=utc(answers["submitted_at"]), result=result, left_out=left_out)


def _check_question_ids(items: list, key: PreparedQuiz, saw: dict[str, str]) -> None:
    """Why the answers' question ids don't simply match the quiz: a question answered twice, or
    one that neither the quiz has nor the learner saw. (Answers to questions the learner saw but
    the quiz no longer has are fine: they are left out and named.)"""
    first: dict[str, int] = {}
    for index, item in enumerate(items):
        question = item["question"]
        if question in first:
            raise BadAnswerFile(f"answers[{index}]: question '{one_line(question)}' is answered "
                                f"twice (also answers[{first[question]}])")
        if question not in key.question_versions and question not in saw:
            raise BadAnswerFile(f"answers[{index}]: unknown question '{one_line(question)}' in "
                                f"quiz '{key.quiz.id}'")
        first[question] = index


def _position(items: list, question: str) -> int:
    return next(i for i, item in enumerate(items) if item["question"] == question)


def learner_key(name: str, learner_id: str | None) -> str:
    """Who an attempt belongs to: the staff id when given, else the name as typed.

    Normalised (NFC, case-folded, trimmed) so that 'Zhang San ' and 'zhang san' are one learner;
    prefixed so that an id can never collide with someone's name.
    """
    if learner_id:
        return "id:" + unicodedata.normalize("NFC", learner_id).casefold()
    return "name:" + unicodedata.normalize("NFC", " ".join(name.split())).casefold()


def utc(moment: datetime.datetime) -> datetime.datetime:
    """A time as naive UTC; a time without an offset is taken as UTC already."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(datetime.timezone.utc).replace(tzinfo=None)


def _names(ids: tuple[str, ...]) -> str:
    return ", ".join(one_line(i) for i in ids)
