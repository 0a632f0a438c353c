"""The gradebook: every graded attempt, the roster and its access codes, the certificates; kept in
SQLite (a file) or PostgreSQL (a URL).

One SQLAlchemy Core schema serves both. The guarantees:
- idempotent: an attempt is known by the SHA-256 of its canonical content (unique column), so the
  same answers saved again, with a BOM, CRLF or other spacing, are one attempt;
- transactional: `record` writes a batch of attempts with all their question results in one
  transaction; a crash loses at most the batch in flight and never leaves an attempt without
  its answers. A batch the database refuses because of one file's data is recorded file by file,
  so that file is named and the others are kept;
- the schema is created in one transaction, under a lock (SQLite: BEGIN IMMEDIATE; PostgreSQL:
  an advisory lock): a creator killed midway leaves no gradebook, and two creators at once both
  succeed, the second finding the first's;
- every attempt is kept: reports choose each learner's best, latest or first (`select_attempts`).
"""

from __future__ import annotations

import contextlib
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
    text,
    update,
)
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.exc import (
    ArgumentError,
    DataError,
    DBAPIError,
    IntegrityError,
    NoSuchModuleError,
    StatementError,
)

from ..scoring import QuestionResult
from .attempts import Attempt
from .roster import RosterEntry

SCHEMA_VERSION = "2"

metadata = MetaData()

gradebook_meta = Table(
    "gradebook_meta", metadata,
    Column("key", String(40), primary_key=True),
    Column("value", String(200), nullable=False),
)

# Text, not String(n), for everything that comes from a learner's file: a 100-character id can
# grow threefold when normalised (case folding turns "ﬃ" into "ffi"), and a value longer than its
# column failed the whole batch on PostgreSQL.
attempts = Table(
    "attempts", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("source", Text, nullable=False),
    Column("learner_key", Text, nullable=False),
    Column("learner_name", Text, nullable=False),
    Column("learner_id", Text),
    Column("identity_verified", Boolean, nullable=False),
    Column("quiz", Text, nullable=False),
    Column("quiz_version", Text, nullable=False),
    Column("graded_version", Text, nullable=False),
    Column("attempt", Integer),  # as the page counted it; none in format 1 files
    Column("seed", BigInteger, nullable=False),  # up to 2**32 - 1: too big for a 4-byte int
    Column("started_at", DateTime, nullable=False),
    Column("submitted_at", DateTime, nullable=False),
    Column("graded_at", DateTime, nullable=False),  # the grader's clock: what certificates use
    Column("score", Float, nullable=False),
    Column("points", Float, nullable=False),
    Column("max_points", Float, nullable=False),
    Column("passed", Boolean, nullable=False),
    # Words separated by spaces, like `picked` below (JSON encoding three small lists per attempt
    # was a tenth of the time spent writing it): "question:why …", question ids, "late clock".
    # Question ids are authored ids ([a-z0-9-]) the grader has checked, reasons and flags words.
    Column("left_out", Text, nullable=False),
    Column("changed", Text, nullable=False),  # questions counted 0 as changed since
    Column("flags", Text, nullable=False),  # "late", "clock"
    Index("attempts_by_learner", "learner_key", "quiz"),
)

question_results = Table(
    "question_results", metadata,
    Column("attempt_id", Integer, ForeignKey("attempts.id", ondelete="CASCADE"),
           primary_key=True),
    Column("question", Text, primary_key=True),
    Column("position", Integer, nullable=False),
    Column("status", String(12), nullable=False),
    Column("points", Float, nullable=False),
    Column("max_points", Float, nullable=False),
    # Ids picked, in order, separated by spaces: ids are [a-z0-9-] only (the quiz model's
    # Identifier) or true/false, and the grader has checked them. Plain text, not JSON: JSON
    # encoding was a third of the cost of writing 50 rows per answer file.
    Column("picked", Text, nullable=False),
    Column("ending", Text),
)

roster = Table(
    "roster", metadata,
    Column("learner_key", Text, primary_key=True),  # the id normalised (integrity.seeds)
    Column("learner_id", Text, nullable=False),  # as on the roster
    Column("name", Text, nullable=False),
    Column("group_name", Text),
    Column("code", String(16)),  # the access code, printed form; it signs the learner's files
    Column("code_issued_at", DateTime),
    Column("imported_at", DateTime, nullable=False),
)

certificates = Table(
    "certificates", metadata,
    Column("code", String(20), primary_key=True),
    Column("learner_key", Text, nullable=False),
    Column("learner_name", Text, nullable=False),
    Column("course_title", Text, nullable=False),
    Column("completed_on", Date, nullable=False),
    Column("scores", JSON, nullable=False),  # [{"quiz", "title", "percent"}], as printed
    Column("issued_at", DateTime, nullable=False),
    Column("attempts", JSON, nullable=False),  # content hashes of the passes behind it
    Column("identity_verified", Boolean, nullable=False),
    Column("revoked_at", DateTime),
    Column("revoke_reason", Text),
    # One certificate in force per learner; revoked ones are kept, so their codes still answer.
    Index("one_certificate_per_learner", "learner_key", unique=True,
          sqlite_where=text("revoked_at IS NULL"), postgresql_where=text("revoked_at IS NULL")),
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
    left_out: tuple[tuple[str, str], ...] = ()
    questions: tuple[QuestionResult, ...] = field(default=(), compare=False)
    attempt: int | None = None
    graded_at: datetime.datetime | None = None
    identity_verified: bool = False
    flags: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()


@dataclass(frozen=True)
class CertificateRecord:
    code: str
    learner_key: str
    learner_name: str
    course_title: str
    completed_on: datetime.date
    scores: tuple[dict, ...]  # {"quiz": id, "title": str, "percent": int}
    issued_at: datetime.datetime
    attempts: tuple[str, ...] = ()  # content hashes of the passes it rests on
    identity_verified: bool = False
    revoked_at: datetime.datetime | None = None
    revoke_reason: str | None = None


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
            # SQLite: wait up to 30 s for another grader's transaction instead of failing.
            engine = create_engine(url, connect_args={"timeout": 30}
                                   if url.drivername == "sqlite" else {})
        except (NoSuchModuleError, ArgumentError) as error:
            raise GradebookError(f"cannot open gradebook {label}: {error}") from None
        if url.drivername == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
            event.listen(engine, "begin", _sqlite_begin)
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

    @contextlib.contextmanager
    def _writing(self):
        """A write transaction. SQLite: BEGIN IMMEDIATE takes the write lock first, so two
        graders queue instead of one failing when both try to upgrade a read lock."""
        with self.engine.connect() as conn:
            conn.execution_options(sqlite_begin="IMMEDIATE")
            with conn.begin():
                yield conn

    def _prepare(self, create: bool) -> None:
        if not create:
            with self.engine.connect() as conn:
                if not self.engine.dialect.has_table(conn, "gradebook_meta"):
                    raise GradebookError(f"{self.label}: no gradebook there; grade answer files "
                                         f"first with `course grade --db {self.label} FILES`")
        with self._writing() as conn:
            if conn.dialect.name == "postgresql":
                # One creator at a time per schema; the lock ends with the transaction.
                conn.execute(text("SELECT pg_advisory_xact_lock(hashtext('course gradebook ' "
                                  "|| current_schema()))"))
            version = None
            if self.engine.dialect.has_table(conn, "gradebook_meta"):
                version = conn.execute(select(gradebook_meta.c.value)
                                       .where(gradebook_meta.c.key == "schema")).scalar()
            if version is None:
                self._create(conn)
                return
        if version != SCHEMA_VERSION:
            if version == "1":
                raise GradebookError(f"{self.label}: gradebook format 1 was written by an older "
                                     "`course`; grade the answer files again into a new "
                                     "gradebook (format 2 knows attempts by their content and "
                                     "checks identities and published versions)")
            raise GradebookError(f"{self.label}: gradebook format {version} is not the "
                                 f"format {SCHEMA_VERSION} this version of `course` uses")

    def _create(self, conn: Connection) -> None:
        """The schema, inside the caller's transaction. A gradebook left half-made by an older
        `course` killed while creating it (tables, no format) is finished if it holds nothing."""
        if self.engine.dialect.has_table(conn, "attempts"):
            held = conn.execute(select(func.count()).select_from(attempts)).scalar()
            if held:
                raise GradebookError(f"{self.label}: this gradebook has attempts but no format "
                                     "record; it was not made by `course`, or is damaged")
        metadata.create_all(conn, checkfirst=True)
        conn.execute(insert(gradebook_meta).values(key="schema", value=SCHEMA_VERSION))

    # Writing -------------------------------------------------------------------------------

    def record(self, batch: list[Attempt]) -> set[str]:
        """Store a batch in one transaction; return the content hashes that were new."""
        new, refused = self.record_all(batch)
        if refused:
            raise GradebookError(f"the gradebook refused {len(refused)} attempt(s): "
                                 f"{next(iter(refused.values()))}")
        return new

    def record_all(self, batch: list[Attempt]) -> tuple[set[str], dict[str, str]]:
        """Store a batch in one transaction: (content hashes that were new, content hash → why
        the database refused it). A refused attempt does not stop the others."""
        unique: dict[str, Attempt] = {}
        for attempt in batch:
            unique.setdefault(attempt.content_hash, attempt)
        if not unique:
            return set(), {}
        try:
            try:
                return self._record(unique), {}
            except IntegrityError:
                # Another import stored one of these files between our check and our insert:
                # the transaction was rolled back whole; check again and store the rest.
                return self._record(unique), {}
        except (DataError, StatementError, UnicodeError) as error:
            if not _about_the_data(error):
                raise
        # One file's data was refused and the batch rolled back: store them one by one, so
        # that file is named and every other file is kept.
        new: set[str] = set()
        refused: dict[str, str] = {}
        for content_hash, attempt in unique.items():
            try:
                new |= self._record({content_hash: attempt})
            except (DataError, StatementError, UnicodeError) as error:
                if not _about_the_data(error):
                    raise
                refused[content_hash] = _data_reason(error)
        return new, refused

    def _record(self, unique: dict[str, Attempt]) -> set[str]:
        graded_at = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
        with self._writing() as conn:
            known = self._known_hashes(conn, list(unique))
            new = [a for h, a in unique.items() if h not in known]
            if new:
                ids = self._insert_attempts(conn, new, graded_at)
                self._insert_answers(conn, new, ids)
        return {a.content_hash for a in new}

    def _insert_attempts(self, conn, new: list[Attempt], graded_at) -> list[int]:
        rows = [{
            "content_hash": a.content_hash, "source": a.source, "learner_key": a.learner_key,
            "learner_name": a.learner_name, "learner_id": a.learner_id,
            "identity_verified": a.identity_verified, "quiz": a.quiz,
            "quiz_version": a.quiz_version, "graded_version": a.graded_version,
            "attempt": a.attempt, "seed": a.seed,
            "started_at": a.started_at, "submitted_at": a.submitted_at, "graded_at": graded_at,
            "score": a.result.score, "points": a.result.points,
            "max_points": a.result.max_points, "passed": a.result.passed,
            "left_out": " ".join(f"{q}:{why}" for q, why in a.left_out),
            "changed": " ".join(a.changed), "flags": " ".join(a.flags),
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

    def attempts_used(self, learners: set[str]) -> dict[tuple[str, str], tuple[int, int]]:
        """(learner_key, quiz) → (attempts recorded, highest attempt number claimed)."""
        used: dict[tuple[str, str], tuple[int, int]] = {}
        with self.engine.connect() as conn:
            for chunk in _chunks(sorted(learners), 500):
                rows = conn.execute(
                    select(attempts.c.learner_key, attempts.c.quiz, func.count(),
                           func.max(attempts.c.attempt))
                    .where(attempts.c.learner_key.in_(chunk))
                    .group_by(attempts.c.learner_key, attempts.c.quiz))
                for learner, quiz, count, highest in rows:
                    used[(learner, quiz)] = (count, highest or 0)
        return used

    def passes_still_recorded(self, hashes: tuple[str, ...]) -> list[str]:
        """Which of these attempts are missing from the gradebook or no longer passed."""
        with self.engine.connect() as conn:
            found = {row.content_hash: row.passed for row in conn.execute(
                select(attempts.c.content_hash, attempts.c.passed)
                .where(attempts.c.content_hash.in_(list(hashes))))}
        return [h for h in hashes if not found.get(h)]

    def counts(self) -> tuple[int, int]:
        """(attempts, question results): for tests and the summary line."""
        with self.engine.connect() as conn:
            return (conn.execute(select(func.count()).select_from(attempts)).scalar_one(),
                    conn.execute(select(func.count()).select_from(question_results))
                    .scalar_one())

    # Certificates --------------------------------------------------------------------------

    def certificate_for(self, learner: str) -> CertificateRecord | None:
        """The learner's certificate in force (not revoked), if any."""
        with self.engine.connect() as conn:
            row = conn.execute(select(certificates).where(
                certificates.c.learner_key == learner,
                certificates.c.revoked_at.is_(None))).mappings().first()
        return _certificate(row) if row else None

    def revoked_certificates(self) -> dict[str, CertificateRecord]:
        """Each learner's most recently revoked certificate."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(certificates).where(certificates.c.revoked_at.is_not(None))
                                .order_by(certificates.c.revoked_at)).mappings().all()
        return {row["learner_key"]: _certificate(row) for row in rows}

    def revoke_certificate(self, code: str, reason: str | None,
                           when: datetime.datetime) -> CertificateRecord | None:
        """Mark a certificate revoked; None when there is no such code. Revoking twice keeps
        the first revocation."""
        with self._writing() as conn:
            conn.execute(update(certificates).where(certificates.c.code == code,
                                                    certificates.c.revoked_at.is_(None))
                         .values(revoked_at=when, revoke_reason=reason))
        return self.find_certificate(code)

    def find_certificate(self, code: str) -> CertificateRecord | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(certificates)
                               .where(certificates.c.code == code)).mappings().first()
        return _certificate(row) if row else None

    def add_certificate(self, record: CertificateRecord) -> CertificateRecord:
        """Store a new certificate; if the learner already has one, keep and return that."""
        try:
            with self._writing() as conn:
                conn.execute(insert(certificates).values(
                    code=record.code, learner_key=record.learner_key,
                    learner_name=record.learner_name, course_title=record.course_title,
                    completed_on=record.completed_on, scores=list(record.scores),
                    issued_at=record.issued_at, attempts=list(record.attempts),
                    identity_verified=record.identity_verified))
        except IntegrityError:
            existing = self.certificate_for(record.learner_key)
            if existing is None:  # the code itself collided: 1 in 2**60, but never crash
                raise
            return existing
        return record

    # The roster ------------------------------------------------------------------------------

    def roster(self) -> dict[str, RosterEntry]:
        """The roster by normalised id; empty when none was imported."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(roster).order_by(roster.c.learner_id)).mappings().all()
        return {row["learner_key"]: RosterEntry(row["learner_id"], row["name"],
                                                row["group_name"], row["code"]) for row in rows}

    def import_roster(self, entries: list[RosterEntry]) -> tuple[int, int, int]:
        """Add new learners, update the names and groups of known ones (codes are kept);
        return (added, updated, unchanged). Learners not in `entries` stay."""
        now = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
        added = updated = same = 0
        with self._writing() as conn:
            known = {row.learner_key: row for row in conn.execute(select(roster))}
            for entry in entries:
                row = known.get(entry.key)
                if row is None:
                    conn.execute(insert(roster).values(
                        learner_key=entry.key, learner_id=entry.learner_id, name=entry.name,
                        group_name=entry.group, imported_at=now))
                    added += 1
                elif (row.learner_id, row.name, row.group_name) != (
                        entry.learner_id, entry.name, entry.group):
                    conn.execute(update(roster).where(roster.c.learner_key == entry.key).values(
                        learner_id=entry.learner_id, name=entry.name, group_name=entry.group,
                        imported_at=now))
                    updated += 1
                else:
                    same += 1
        return added, updated, same

    def set_codes(self, codes: dict[str, str]) -> None:
        """Store access codes by normalised id, in one transaction."""
        now = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
        with self._writing() as conn:
            for key, code in codes.items():
                conn.execute(update(roster).where(roster.c.learner_key == key)
                             .values(code=code, code_issued_at=now))


USES = ("best", "latest", "first")


def select_attempts(stored: list[StoredAttempt], use: str = "best") -> list[StoredAttempt]:
    """One attempt per learner and quiz: the best score (the later among equals), the latest or
    the first. Attempts are ordered by the number the page gave them, then by the order the
    grader recorded them; never by the learner's own clock (`submitted_at`), which they set."""
    chosen: dict[tuple[str, str], StoredAttempt] = {}
    if use == "best":
        rank = lambda a: (a.score, a.attempt or 0, a.id)  # noqa: E731 - a sort key
    elif use == "latest":
        rank = lambda a: (a.attempt or 0, a.id)  # noqa: E731
    elif use == "first":
        rank = lambda a: (-(a.attempt or 0), -a.id)  # noqa: E731
    else:
        raise ValueError(f"use must be one of {', '.join(USES)}, not {use!r}")
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
        submitted_at=row["submitted_at"],
        left_out=tuple(tuple(pair.split(":", 1)) for pair in row["left_out"].split()),
        questions=questions, attempt=row["attempt"], graded_at=row["graded_at"],
        identity_verified=bool(row["identity_verified"]), flags=tuple(row["flags"].split()),
        changed=tuple(row["changed"].split()))


def _certificate(row) -> CertificateRecord:
    return CertificateRecord(
        code=row["code"], learner_key=row["learner_key"], learner_name=row["learner_name"],
        course_title=row["course_title"], completed_on=row["completed_on"],
        scores=tuple(row["scores"]), issued_at=row["issued_at"],
        attempts=tuple(row["attempts"] or ()), identity_verified=bool(row["identity_verified"]),
        revoked_at=row["revoked_at"], revoke_reason=row["revoke_reason"])


def _sqlite_pragmas(connection, _record) -> None:
    # SQLite leaves foreign keys off unless asked, per connection.
    cursor = connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()
    # Python's sqlite3 would BEGIN only before data changes and commit before each CREATE
    # TABLE: a creator killed midway left tables without a format record. We begin ourselves
    # (_sqlite_begin), so the schema is made in one transaction like everything else.
    connection.isolation_level = None


def _sqlite_begin(conn: Connection) -> None:
    mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
    conn.exec_driver_sql(f"BEGIN {mode}")


def _about_the_data(error: Exception) -> bool:
    """A refusal of what we sent (a value), not of the connection or the schema."""
    if isinstance(error, UnicodeError):
        return True
    if isinstance(error, DataError):
        return True
    if isinstance(error, DBAPIError):
        return False  # operational trouble: let it stop the run, with its message
    return isinstance(getattr(error, "orig", None), (UnicodeError, ValueError))


def _data_reason(error: Exception) -> str:
    if isinstance(error, UnicodeError):
        return "the gradebook refused its text: not valid Unicode"
    orig = getattr(error, "orig", None)
    text_ = str(orig if orig is not None else error).strip().splitlines()
    return f"the gradebook refused it: {text_[0] if text_ else type(error).__name__}"


def _reason(error: DBAPIError) -> str:
    """The driver's first line, without SQLAlchemy's statement dump."""
    text = str(error.orig) if error.orig is not None else str(error)
    return text.strip().splitlines()[0] if text.strip() else type(error.orig).__name__


def _chunks(items: list, size: int):
    for start in range(0, len(items), size):
        yield items[start:start + size]
