"""The gradebook: every graded attempt, kept in SQLite (a file) or PostgreSQL (a URL).

One SQLAlchemy Core schema serves both. The guarantees:
- idempotent: an attempt is known by the SHA-256 of its file's bytes (unique column), so the
  same file imported twice is one attempt;
- transactional: `record` writes a batch of attempts with all their question results in one
  transaction; a crash loses at most the batch in flight and never leaves an attempt without
  its answers;
- every attempt is kept: reports choose each learner's best or latest (`select_attempts`).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    event,
    func,
    insert,
    select,
)
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, IntegrityError, NoSuchModuleError

from ..scoring import QuestionResult
from .attempts import Attempt

SCHEMA_VERSION = "1"

metadata = MetaData()

gradebook_meta = Table(
    "gradebook_meta", metadata,
    Column("key", String(40), primary_key=True),
    Column("value", String(200), nullable=False),
)

attempts = Table(
    "attempts", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("source", Text, nullable=False),
    Column("learner_key", String(220), nullable=False),
    Column("learner_name", String(200), nullable=False),
    Column("learner_id", String(200)),
    Column("quiz", String(64), nullable=False),
    Column("quiz_version", String(64), nullable=False),
    Column("graded_version", String(64), nullable=False),
    Column("seed", BigInteger, nullable=False),  # up to 2**32 - 1: too big for a 4-byte int
    Column("started_at", DateTime, nullable=False),
    Column("submitted_at", DateTime, nullable=False),
    Column("graded_at", DateTime, nullable=False),
    Column("score", Float, nullable=False),
    Column("points", Float, nullable=False),
    Column("max_points", Float, nullable=False),
    Column("passed", Boolean, nullable=False),
    Column("left_out", JSON, nullable=False),
    Index("attempts_by_learner", "learner_key", "quiz"),
)

question_results = Table(
    "question_results", metadata,
    Column("attempt_id", Integer, ForeignKey("attempts.id", ondelete="CASCADE"),
           primary_key=True),
    Column("question", String(64), primary_key=True),
    Column("position", Integer, nullable=False),
    Column("status", String(12), nullable=False),
    Column("points", Float, nullable=False),
    Column("max_points", Float, nullable=False),
    # Ids picked, in order, separated by spaces: ids are [a-z0-9-] only (the quiz model's
    # Identifier) or true/false, and the grader has checked them. Plain text, not JSON: JSON
    # encoding was a third of the cost of writing 50 rows per answer file.
    Column("picked", Text, nullable=False),
    Column("ending", String(64)),
)

certificates = Table(
    "certificates", metadata,
    Column("code", String(20), primary_key=True),
    Column("learner_key", String(220), nullable=False, unique=True),
    Column("learner_name", String(200), nullable=False),
    Column("course_title", Text, nullable=False),
    Column("completed_on", Date, nullable=False),
    Column("scores", JSON, nullable=False),  # [{"quiz", "title", "percent"}], as printed
    Column("issued_at", DateTime, nullable=False),
)


class GradebookError(Exception):
    """The gradebook cannot be opened or used; the message is one line for the trainer."""


@dataclass(frozen=True)
class StoredAttempt:
    id: int
    content_hash: str
    source: str
    learner_key: str
    learner_name: str
    learner_id: str | None
    quiz: str
    score: float
    points: float
    max_points: float
    passed: bool
    submitted_at: datetime.datetime
    left_out: tuple[str, ...] = ()
    questions: tuple[QuestionResult, ...] = field(default=(), compare=False)


@dataclass(frozen=True)
class CertificateRecord:
    code: str
    learner_key: str
    learner_name: str
    course_title: str
    completed_on: datetime.date
    scores: tuple[dict, ...]  # {"quiz": id, "title": str, "percent": int}
    issued_at: datetime.datetime


def database_url(value: str) -> URL:
    """`--db` as a URL: a plain path is a SQLite file; postgresql:// uses psycopg 3."""
    if "://" not in value:
        return URL.create("sqlite", database=str(Path(value)))
    try:
        url = make_url(value)
    except ArgumentError:
        raise GradebookError(f"'{value}' is not a database URL") from None
    if url.drivername in ("postgresql", "postgres"):
        return url.set(drivername="postgresql+psycopg")
    if url.drivername in ("sqlite", "postgresql+psycopg"):
        return url
    raise GradebookError(f"unsupported database '{url.drivername}'; use a file name "
                         "(SQLite) or postgresql://user:password@host/database")


def shown(url: URL) -> str:
    """A URL fit to print: never the password."""
    if url.drivername == "sqlite":
        return url.database or ":memory:"
    return url.render_as_string(hide_password=True)


class Gradebook:
    """The gradebook of one database. Open it with `Gradebook.open`."""

    def __init__(self, engine: Engine, label: str):
        self.engine = engine
        self.label = label

    @classmethod
    def open(cls, value: str, create: bool = True) -> Gradebook:
        url = database_url(value)
        label = shown(url)
        if url.drivername == "sqlite" and url.database and not create \
                and not Path(url.database).is_file():
            raise GradebookError(f"{label}: no gradebook there; grade answer files first with "
                                 f"`course grade --db {label} FILES`")
        if url.drivername == "sqlite" and url.database \
                and not Path(url.database).resolve().parent.is_dir():
            raise GradebookError(f"{label}: folder {Path(url.database).parent} does not exist")
        try:
            engine = create_engine(url)
        except (NoSuchModuleError, ArgumentError) as error:
            raise GradebookError(f"cannot open gradebook {label}: {error}") from None
        if url.drivername == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
        book = cls(engine, label)
        try:
            book._prepare(create)
        except GradebookError:
            engine.dispose()
            raise
        except DBAPIError as error:
            engine.dispose()
            raise GradebookError(f"cannot open gradebook {label}: {_reason(error)}") from None
        return book

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Gradebook:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _prepare(self, create: bool) -> None:
        with self.engine.begin() as conn:
            has_meta = self.engine.dialect.has_table(conn, "gradebook_meta")
            if not has_meta:
                if not create:
                    raise GradebookError(f"{self.label}: no gradebook there; grade answer files "
                                         f"first with `course grade --db {self.label} FILES`")
                metadata.create_all(conn)
                conn.execute(insert(gradebook_meta).values(key="schema", value=SCHEMA_VERSION))
                return
            version = conn.execute(select(gradebook_meta.c.value)
                                   .where(gradebook_meta.c.key == "schema")).scalar()
        if version != SCHEMA_VERSION:
            raise GradebookError(f"{self.label}: gradebook format {version} is not the "
                                 f"format {SCHEMA_VERSION} this version of `course` uses")

    # Writing -------------------------------------------------------------------------------

    def record(self, batch: list[Attempt]) -> set[str]:
        """Store a batch in one transaction; return the content hashes that were new."""
        unique: dict[str, Attempt] = {}
        for attempt in batch:
            unique.setdefault(attempt.content_hash, attempt)
        if not unique:
            return set()
        try:
            return self._record(unique)
        except IntegrityError:
            # Another import stored one of these files between our check and our insert:
            # the transaction was rolled back whole; check again and store the rest.
            return self._record(unique)

    def _record(self, unique: dict[str, Attempt]) -> set[str]:
        graded_at = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
        with self.engine.begin() as conn:
            known = self._known_hashes(conn, list(unique))
            new = [a for h, a in unique.items() if h not in known]
            if new:
                ids = self._insert_attempts(conn, new, graded_at)
                self._insert_answers(conn, new, ids)
        return {a.content_hash for a in new}

    def _insert_attempts(self, conn, new: list[Attempt], graded_at) -> list[int]:
        rows = [{
            "content_hash": a.content_hash, "source": a.source, "learner_key": a.learner_key,
            "learner_name": a.learner_name, "learner_id": a.learner_id, "quiz": a.quiz,
            "quiz_version": a.quiz_version, "graded_version": a.graded_version, "seed": a.seed,
            "started_at": a.started_at, "submitted_at": a.submitted_at, "graded_at": graded_at,
            "score": a.result.score, "points": a.result.points,
            "max_points": a.result.max_points, "passed": a.result.passed,
            "left_out": list(a.left_out),
        } for a in new]
        statement = insert(attempts).returning(attempts.c.id, sort_by_parameter_order=True)
        return list(conn.execute(statement, rows).scalars())

    def _insert_answers(self, conn, new: list[Attempt], ids: list[int]) -> None:
        rows = [(attempt_id, q.question, position, q.status, q.points, q.max_points,
                 " ".join(q.picked), q.ending)
                for attempt, attempt_id in zip(new, ids)
                for position, q in enumerate(attempt.result.questions)]
        if not rows:
            return
        # 50 rows per answer file: SQLAlchemy compiles the INSERT for this database, and the
        # driver's executemany sends the rows without SQLAlchemy's per-row parameter handling
        # (none of these columns needs any), which was most of the time spent writing.
        compiled = insert(question_results).compile(dialect=conn.dialect)
        columns = [c.name for c in question_results.columns]
        if conn.dialect.positional:
            if list(compiled.positiontup) != columns:  # pragma: no cover - insert() keeps order
                order = [columns.index(name) for name in compiled.positiontup]
                rows = [tuple(row[i] for i in order) for row in rows]
            params = rows
        else:
            params = [dict(zip(columns, row)) for row in rows]
        conn.exec_driver_sql(str(compiled), params)

    # Reading -------------------------------------------------------------------------------

    def known(self, hashes: list[str]) -> dict[str, StoredAttempt]:
        """The stored attempts among these content hashes (without question results)."""
        found: dict[str, StoredAttempt] = {}
        with self.engine.connect() as conn:
            for chunk in _chunks(hashes, 500):
                rows = conn.execute(select(attempts).where(attempts.c.content_hash.in_(chunk)))
                for row in rows.mappings():
                    found[row["content_hash"]] = _stored(row, ())
        return found

    def _known_hashes(self, conn, hashes: list[str]) -> set[str]:
        known: set[str] = set()
        for chunk in _chunks(hashes, 500):
            known.update(conn.execute(select(attempts.c.content_hash)
                                      .where(attempts.c.content_hash.in_(chunk))).scalars())
        return known

    def attempts(self) -> list[StoredAttempt]:
        """Every attempt with its question results, oldest first."""
        with self.engine.connect() as conn:
            answers: dict[int, list[QuestionResult]] = {}
            rows = conn.execute(select(question_results).order_by(
                question_results.c.attempt_id, question_results.c.position))
            for row in rows.mappings():
                answers.setdefault(row["attempt_id"], []).append(QuestionResult(
                    row["question"], row["points"], row["max_points"], row["status"],
                    tuple(row["picked"].split()), row["ending"]))
            rows = conn.execute(select(attempts).order_by(attempts.c.id))
            return [_stored(row, tuple(answers.get(row["id"], ()))) for row in rows.mappings()]

    def counts(self) -> tuple[int, int]:
        """(attempts, question results): for tests and the summary line."""
        with self.engine.connect() as conn:
            return (conn.execute(select(func.count()).select_from(attempts)).scalar_one(),
                    conn.execute(select(func.count()).select_from(question_results))
                    .scalar_one())

    # Certificates --------------------------------------------------------------------------

    def certificate_for(self, learner: str) -> CertificateRecord | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(certificates)
                               .where(certificates.c.learner_key == learner)).mappings().first()
        return _certificate(row) if row else None

    def find_certificate(self, code: str) -> CertificateRecord | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(certificates)
                               .where(certificates.c.code == code)).mappings().first()
        return _certificate(row) if row else None

    def add_certificate(self, record: CertificateRecord) -> CertificateRecord:
        """Store a new certificate; if the learner already has one, keep and return that."""
        try:
            with self.engine.begin() as conn:
                conn.execute(insert(certificates).values(
                    code=record.code, learner_key=record.learner_key,
                    learner_name=record.learner_name, course_title=record.course_title,
                    completed_on=record.completed_on, scores=list(record.scores),
                    issued_at=record.issued_at))
        except IntegrityError:
            existing = self.certificate_for(record.learner_key)
            if existing is None:  # the code itself collided: 1 in 2**60, but never crash
                raise
            return existing
        return record


def select_attempts(stored: list[StoredAttempt], use: str = "best") -> list[StoredAttempt]:
    """One attempt per learner and quiz: the best score (latest among equals) or the latest."""
    chosen: dict[tuple[str, str], StoredAttempt] = {}
    if use == "best":
        rank = lambda a: (a.score, a.submitted_at, a.id)  # noqa: E731 - a sort key
    elif use == "latest":
        rank = lambda a: (a.submitted_at, a.id)  # noqa: E731
    else:
        raise ValueError(f"use must be 'best' or 'latest', not {use!r}")
    for attempt in stored:
        slot = (attempt.learner_key, attempt.quiz)
        if slot not in chosen or rank(attempt) > rank(chosen[slot]):
            chosen[slot] = attempt
    return sorted(chosen.values(), key=lambda a: a.id)


def _stored(row, questions: tuple[QuestionResult, ...]) -> StoredAttempt:
    return StoredAttempt(
        id=row["id"], content_hash=row["content_hash"], source=row["source"],
        learner_key=row["learner_key"], learner_name=row["learner_name"],
        learner_id=row["learner_id"], quiz=row["quiz"], score=row["score"],
        points=row["points"], max_points=row["max_points"], passed=bool(row["passed"]),
        submitted_at=row["submitted_at"], left_out=tuple(row["left_out"] or ()),
        questions=questions)


def _certificate(row) -> CertificateRecord:
    return CertificateRecord(
        code=row["code"], learner_key=row["learner_key"], learner_name=row["learner_name"],
        course_title=row["course_title"], completed_on=row["completed_on"],
        scores=tuple(row["scores"]), issued_at=row["issued_at"])


def _sqlite_pragmas(connection, _record) -> None:
    # SQLite leaves foreign keys off unless asked, per connection.
    cursor = connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


def _reason(error: DBAPIError) -> str:
    """The driver's first line, without SQLAlchemy's statement dump."""
    text = str(error.orig) if error.orig is not None else str(error)
    return text.strip().splitlines()[0] if text.strip() else type(error.orig).__name__


def _chunks(items: list, size: int):
    for start in range(0, len(items), size):
        yield items[start:start + size]
