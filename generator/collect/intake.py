"""One submitted answer file → the gradebook, through the desk's one-file path, and its outcome
as an HTTP status with a stable code.

The grading is the desk's (`desk.batch.grade_received`, the code `course grade` runs): the same
parsing, registry, roster, signature, seed, timing, paper and attempt checks, and the same
idempotency (an attempt is known by the hash of its canonical content, so a file sent twice is
recorded once and the second answer is "already recorded"). The service adds one rule: it takes
only files the roster and an access code vouch for (a course without a roster has nobody to
vouch for; practice quizzes, which ask for no code, are handed in as downloaded files).

The codes are the interface: pages and scripts decide on them; messages are for people.
"""

from __future__ import annotations

import codecs
import datetime
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

import msgspec
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from ..desk.answerfiles import BadAnswerFile, ParsedFile, parse
from ..desk.attempts import GradingCourse
from ..desk.batch import NOT_VERIFIED, grade_received
from ..desk.gradebook import Gradebook
from ..desk.outputs import Graded
from ..desk.roster import RosterEntry
from ..integrity import registry as registries
from ..integrity.seeds import normalised_id
from ..integrity.signing import content_verifies

WRITE_RETRIES = 5


@dataclass(frozen=True)
class Outcome:
    status: int  # HTTP status
    code: str  # stable: "recorded", "already_recorded", or an error code
    message: str = ""  # one line for a person (the desk's, for a refused file)
    fields: dict = field(default_factory=dict)  # for the response and the log line
    # The learner (normalised id) whose access code the file's signature verifies, refused or
    # not: only such a file counts against that learner's rate limit.
    signed_by: str | None = None

    @property
    def ok(self) -> bool:
        return self.status < 400


# The desk's one-line reasons, by how they begin or what they say, → (status, code). Order
# matters: the first match wins. Anything not named here is 422 "refused".
_REFUSALS = (
    ("is not on the roster", 403, "not_on_roster"),
    ("the signature does not match", 403, "bad_signature"),
    ("not signed:", 403, "not_signed"),
    ("has no access code yet", 403, "no_code"),
    (NOT_VERIFIED, 403, "not_verified"),
    ("format 1 file", 403, "not_verified"),
    ("learner.id: missing", 403, "not_verified"),
    ("is not the seed of learner", 422, "bad_seed"),
    ("was never published", 422, "unknown_version"),
    ("unknown quiz", 422, "unknown_quiz"),
    ("attempts at quiz", 409, "attempts_used"),
    ("beyond this quiz's limit", 409, "attempts_used"),
)


def refusal(message: str) -> tuple[int, str]:
    for words, status, code in _REFUSALS:
        if words in message:
            return status, code
    return 422, "refused"


class _Learner(msgspec.Struct):
    id: str | None = None


class _Probe(msgspec.Struct):
    learner: _Learner | None = None


_probe = msgspec.json.Decoder(_Probe)


def learner_of(data: bytes) -> str | None:
    """The learner id a body claims (normalised), unverified: whose rate limit to look at
    before grading; None when the body is not an object with a learner id. Cheap: msgspec skips
    every other field."""
    try:
        probe = _probe.decode(data.removeprefix(codecs.BOM_UTF8))  # as the desk reads it
    except (msgspec.DecodeError, msgspec.ValidationError):
        return None
    learner_id = probe.learner.id if probe.learner else None
    return normalised_id(learner_id) if learner_id and learner_id.strip() else None


class Intake:
    """The course's quizzes, its registry and the gradebook, shared by every request of this
    process. The registry file is read again when it changes (a new build published a version)."""

    def __init__(self, quizzes: list, registry_path: Path, book: Gradebook, *,
                 changed: str = "zero"):
        self.quizzes = quizzes
        self.registry_path = registry_path
        self.book = book
        self.changed = changed
        self._lock = threading.Lock()
        self._stamp: tuple[int, int] | None = None
        self._course: GradingCourse | None = None
        self.course()  # read now: a damaged registry stops the start, not the first learner

    def course(self) -> GradingCourse:
        """The prepared course, with the registry as the file is now."""
        stamp = _stamp(self.registry_path)
        with self._lock:
            if self._course is None or stamp != self._stamp:
                found = registries.read(self.registry_path, self.registry_path.name)
                if found is None:
                    raise registries_missing(self.registry_path)
                self._course = GradingCourse(self.quizzes, found, changed=self.changed)
                self._stamp = stamp
            return self._course

    def ping(self) -> None:
        """Raise when the gradebook does not answer."""
        with self.book.engine.connect() as conn:
            conn.execute(text("SELECT 1"))

    def submit(self, received: list[tuple[bytes, str]]) -> list[Outcome]:
        """Grade and record answer files, (bytes, unique source label) each, in one transaction
        (blocking: run it in a worker thread); an outcome for each, in order."""
        roster = self.book.roster()  # every time: another process or the trainer may change it
        if not roster:
            return [Outcome(503, "no_roster", "the trainer has not imported the roster yet; try "
                                              "again later or hand in the downloaded file")
                    for _ in received]
        course = self.course()
        course.roster = roster
        course.now = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
        for retry in range(WRITE_RETRIES):
            try:
                results = grade_received(received, course, self.book, verified_only=True)
                break
            except IntegrityError:
                # Another process recorded some of these files while this batch was being
                # written, twice over (the desk tries again once itself): nothing of this
                # batch was committed; grade it again, and those files are "already recorded".
                if retry == WRITE_RETRIES - 1:
                    raise
        return [_outcome(results[source], data, roster) for data, source in received]


def _outcome(result, data: bytes, roster: dict[str, RosterEntry]) -> Outcome:
    if isinstance(result, Graded):
        fields = {"quiz": result.quiz, "attempt": result.attempt}
        # Recorded by its content hash, signature included: the very file that was verified.
        signer = (normalised_id(result.learner_id)
                  if result.identity_verified and result.learner_id else None)
        if result.status == "new":
            return Outcome(200, "recorded", "recorded", fields, signer)
        return Outcome(200, "already_recorded", "already recorded", fields, signer)
    try:
        parsed = parse(data)
    except BadAnswerFile:  # not an answer file at all (not a valid one the desk refused)
        return Outcome(400, "malformed", result.error)
    status, code = refusal(result.error)
    return Outcome(status, code, result.error, signed_by=signed_by(parsed, roster))


def signed_by(parsed: ParsedFile, roster: dict[str, RosterEntry]) -> str | None:
    """The learner (normalised id) whose access code the file's signature verifies, else None:
    the check of `desk.identity` alone, for a file the desk refused for this or another reason
    (one HMAC; the file is parsed already)."""
    if parsed.format != 2 or parsed.data.signature is None:
        return None
    learner_id = (parsed.data.learner.id or "").strip()
    entry = roster.get(normalised_id(learner_id)) if learner_id else None
    if entry is None or entry.code is None:
        return None
    if not content_verifies(parsed.data.signature, parsed.signed_content(), entry.code):
        return None
    return normalised_id(learner_id)


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_mtime_ns, status.st_size


class RegistryMissing(Exception):
    pass


def registries_missing(path: Path) -> RegistryMissing:
    return RegistryMissing(f"{path.name}: no registry of published quiz versions; build the "
                           "course once (`course build`), which records what it publishes")
