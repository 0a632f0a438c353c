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

from ..grader import percent
from ..models.quiz import Quiz
from .escape import html_text
from .gradebook import CertificateRecord, StoredAttempt
from .roster import RosterEntry
from .strings import strings
from .strings_integrity import desk_strings

# Crockford's base 32: no I, L, O or U, so a code read aloud or retyped is hard to get wrong.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 12
_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})

FONTS_SERIF = ('"Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", "SimSun", '
               '"Noto Serif", serif')
FONTS_SANS = ('"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", '
              'sans-serif')


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


def _e(text) -> str:
    return html_text(text)


def render_certificate(record: CertificateRecord, language: str) -> str:
    t = strings(language)
    scores = "".join(f"<tr><th scope=\"row\">{_e(s['title'])}</th><td>{int(s['percent'])}%</td></tr>"
                     for s in record.scores)
    lang = "zh-CN" if language == "zh" else "en"
    return (
        f'<!doctype html>\n<html lang="{lang}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<title>{_e(t["certificate"])} · {_e(record.learner_name)}</title>'
        f"<style>{CERTIFICATE_CSS}</style></head><body>"
        f'<main class="sheet"><div class="frame">'
        f'<p class="course">{_e(record.course_title)}</p>'
        f'<h1>{_e(t["certificate"])}</h1>'
        f'<p class="certifies">{_e(t["certifies"])}</p>'
        f'<p class="name">{_e(record.learner_name)}</p>'
        f'<p class="completed">{_e(t["completed"].format(course=record.course_title))}</p>'
        f'<table class="scores"><caption>{_e(t["scores"])}</caption>{scores}</table>'
        f'<div class="footer"><p><span class="label">{_e(t["completed_on"])}</span>'
        f"{_e(record.completed_on.isoformat())}</p>"
        f'<p><span class="label">{_e(t["code"])}</span><span class="code">{_e(record.code)}'
        f"</span></p></div>"
        f'<p class="verify">{_e(t["verify_hint"].format(code=record.code))}</p>'
        f"{_not_verified(record, language)}"
        f"</div></main></body></html>\n")


def _not_verified(record: CertificateRecord, language: str) -> str:
    if record.identity_verified:
        return ""
    return f'<p class="verify">{_e(desk_strings(language)["certificate_not_verified"])}</p>'


def render_index(records: list[CertificateRecord], language: str, course_title: str) -> str:
    """A list of the certificates written, to open and print them one by one."""
    t = strings(language)
    title = t["certificates_title"].format(course=course_title)
    items = "".join(f'<li><a href="{_e(file_name(r))}">{_e(r.learner_name)}</a> · '
                    f"{_e(r.completed_on.isoformat())} · <code>{_e(r.code)}</code></li>"
                    for r in records)
    listing = f"<ol>{items}</ol>" if records else f"<p>{_e(t['no_certificates'])}</p>"
    lang = "zh-CN" if language == "zh" else "en"
    return (f'<!doctype html>\n<html lang="{lang}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{_e(title)}</title><style>body {{ font: 16px/1.7 {FONTS_SANS}; "
            f"max-width: 760px; margin: 2rem auto; padding: 0 1rem; }}</style></head>"
            f"<body><h1>{_e(title)}</h1>{listing}</body></html>\n")


CERTIFICATE_CSS = f"""
@page {{ size: A4 landscape; margin: 0; }}
* {{ box-sizing: border-box; }}
html, body {{ margin: 0; background: #eee; color: #222; }}
body {{ font-family: {FONTS_SERIF}; }}
.sheet {{ width: 297mm; height: 210mm; margin: 10mm auto; background: #fffdf7; padding: 12mm;
  box-shadow: 0 2px 12px rgba(0, 0, 0, .2); }}
.frame {{ height: 100%; border: 3px double #9a7b2f; outline: 1px solid #9a7b2f;
  outline-offset: -8px; padding: 14mm 20mm; text-align: center; display: flex;
  flex-direction: column; align-items: center; }}
.course {{ font-size: 14pt; letter-spacing: .1em; color: #6b5520; margin: 0; }}
h1 {{ font-size: 34pt; letter-spacing: .3em; margin: 6mm 0 4mm; color: #7a1f1f;
  font-weight: 700; }}
.certifies {{ font-size: 13pt; margin: 2mm 0; }}
.name {{ font-size: 26pt; font-weight: 700; margin: 2mm 0 4mm; padding: 0 12mm 1mm;
  border-bottom: 1px solid #9a7b2f; max-width: 100%; overflow-wrap: anywhere; }}
.completed {{ font-size: 13pt; margin: 0 0 5mm; }}
.scores {{ border-collapse: collapse; font-family: {FONTS_SANS}; font-size: 11pt; }}
.scores caption {{ font-weight: 700; margin-bottom: 1mm; }}
.scores th, .scores td {{ padding: 1mm 6mm; border-bottom: 1px solid #d8cfb5; text-align: left; }}
.footer {{ margin-top: auto; display: flex; gap: 20mm; font-family: {FONTS_SANS};
  font-size: 11pt; }}
.footer p {{ margin: 0; }}
.label {{ color: #6b5520; margin-right: 3mm; }}
.code {{ font-family: "Noto Sans Mono CJK SC", "DejaVu Sans Mono", monospace;
  letter-spacing: .08em; font-weight: 700; }}
.verify {{ font-family: {FONTS_SANS}; font-size: 9pt; color: #777; margin: 3mm 0 0; }}
@media screen and (max-width: 800px) {{
  .sheet {{ width: auto; height: auto; margin: 0; padding: 4mm; box-shadow: none; }}
  .frame {{ padding: 8mm 4mm; }} h1 {{ font-size: 24pt; }} .name {{ font-size: 20pt; }}
  .footer {{ flex-direction: column; gap: 2mm; margin-top: 6mm; }} }}
@media print {{ html, body {{ background: none; }}
  .sheet {{ margin: 0; box-shadow: none; page-break-after: always; }} }}
"""
