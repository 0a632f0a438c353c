"""Certificates: who earned one (pure), and the printable page (pure: record in, HTML out).

A learner earns a certificate by passing every quiz marked `required: true`, in any attempt.
With a roster, only attempts whose identity was verified (signed with the learner's access code)
count, and the name is the roster's. The date is the grader's: when the qualifying pass was first
recorded (`graded_at`), never a date from the learner's file. The certificate remembers which
attempts it rests on; `course verify` checks they are still in the gradebook.

Revoking (`course certificates revoke CODE`) keeps the certificate, marked, so its code answers
"revoked". A revoked learner is not given a new certificate on the strength of the same passes:
only passes recorded after the revocation count, and `course certificates` says so, naming the
revoked code, whenever it issues one that way or finds none.

Verification codes are random, not derived: 12 characters of Crockford's base-32 alphabet
(60 bits from `secrets`), printed as XXXX-XXXX-XXXX and stored in the gradebook with the
certificate. Nothing about the learner can be computed from a code and no code can be computed
from the learner, so there is no secret key to keep; `course verify CODE` looks the code up in
the gradebook, and a code that is not there is rejected. A learner keeps the code of their first
certificate when certificates are written again.
"""

from __future__ import annotations

import datetime
import secrets
from dataclasses import dataclass

from ..catalogue import strings
from ..models.quiz import Quiz
from ..scoring import percent
from ..templates import ONE_LINE, render
from .gradebook import CertificateRecord, StoredAttempt
from .roster import RosterEntry

# Crockford's base 32: no I, L, O or U, so a code read aloud or retyped is hard to get wrong.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 12
_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})



def new_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    return _grouped(raw)


def normalise_code(text: str) -> str:
    """A code as typed (any case, spaces or hyphens, O for 0) in its printed form."""
    raw = "".join(text.split()).replace("-", "").upper().translate(_LOOKALIKES)
    return _grouped(raw)


def _grouped(raw: str) -> str:
    return "-".join(raw[i:i + 4] for i in range(0, len(raw), 4))


@dataclass(frozen=True)
class Earned:
    """A learner who passed every required quiz."""

    learner_key: str
    learner_name: str
    completed_on: datetime.date  # when the pass that completed it was first recorded
    scores: tuple[dict, ...]  # {"quiz", "title", "percent"}: best score per required quiz
    attempts: tuple[str, ...] = ()  # content hashes of the first pass at each required quiz
    identity_verified: bool = False


def earned_certificates(stored: list[StoredAttempt], required: list[Quiz],
                        tz: datetime.tzinfo = datetime.timezone.utc, *,
                        roster: dict[str, RosterEntry] | None = None,
                        revoked: dict[str, datetime.datetime] | None = None) -> list[Earned]:
    """Learners who passed every required quiz, by name. With a roster only verified attempts
    count; after a revocation (`revoked`: learner key → when) only attempts recorded later.
    Times are UTC (the grader's clock); dates are shown in tz."""
    if not required:
        return []
    by_learner: dict[str, list[StoredAttempt]] = {}
    for attempt in stored:
        if roster and not attempt.identity_verified:
            continue
        since = (revoked or {}).get(attempt.learner_key)
        if since is not None and _recorded(attempt) <= since:
            continue
        by_learner.setdefault(attempt.learner_key, []).append(attempt)
    earned = []
    for key, attempts in by_learner.items():
        first_passes: list[StoredAttempt] = []
        scores = []
        for quiz in required:
            mine = [a for a in attempts if a.quiz == quiz.id]
            passes = [a for a in mine if a.passed]
            if not passes:
                break
            first_passes.append(min(passes, key=lambda a: (_recorded(a), a.id)))
            best = max(mine, key=lambda a: a.score)
            scores.append({"quiz": quiz.id, "title": quiz.title, "percent": percent(best.score)})
        else:
            completed = max(_recorded(a) for a in first_passes).replace(
                tzinfo=datetime.timezone.utc).astimezone(tz)
            earned.append(Earned(key, _name(key, attempts, roster), completed.date(),
                                 tuple(scores), tuple(a.content_hash for a in first_passes),
                                 all(a.identity_verified for a in first_passes)))
    return sorted(earned, key=lambda e: (e.learner_name.casefold(), e.learner_key))


def _recorded(attempt: StoredAttempt) -> datetime.datetime:
    """When the grader recorded it (its clock, UTC)."""
    assert attempt.graded_at is not None
    return attempt.graded_at


def _name(key: str, attempts: list[StoredAttempt], roster: dict[str, RosterEntry] | None) -> str:
    """The roster's name; without one, the name of the learner's most recently recorded file."""
    if roster and key.startswith("id:") and key[3:] in roster:
        return roster[key[3:]].name
    return max(attempts, key=lambda a: a.id).learner_name


def file_name(record: CertificateRecord) -> str:
    # Named by code, never by learner name: a name may hold '/', '..' or anything else.
    return f"certificate-{record.code}.html"


def render_certificate(record: CertificateRecord, language: str) -> str:
    return render("certificate.html", language=language, layout=ONE_LINE,
                  t=strings(language)["certificates"], record=record)


def render_index(records: list[CertificateRecord], language: str, course_title: str) -> str:
    """A list of the certificates written, to open and print them one by one."""
    t = strings(language)["certificates"]
    return render("certificates-index.html", language=language, layout=ONE_LINE, t=t,
                  title=t["certificates_title"].format(course=course_title), records=records,
                  file_name=file_name)
