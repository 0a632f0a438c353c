"""Certificates: who earned one (pure), and the printable page (pure: record in, HTML out).

A learner earns a certificate by passing every quiz marked `required: true`, in any attempt.

Verification codes are random, not derived: 12 characters of Crockford's base-32 alphabet
(60 bits from `secrets`), printed as XXXX-XXXX-XXXX and stored in the gradebook with the
certificate. Nothing about the learner can be computed from a code and no code can be computed
from the learner, so there is no secret key to keep; `course verify CODE` looks the code up in
the gradebook, and a code that is not there is rejected. A learner keeps the code of their first
certificate when certificates are written again.
"""

from __future__ import annotations

import datetime
import html
import secrets
from dataclasses import dataclass

from ..catalogue import strings
from ..models.quiz import Quiz
from ..scoring import percent
from .gradebook import CertificateRecord, StoredAttempt

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
    completed_on: datetime.date  # when the last required quiz was first passed
    scores: tuple[dict, ...]  # {"quiz", "title", "percent"}: best score per required quiz


def earned_certificates(stored: list[StoredAttempt], required: list[Quiz],
                        tz: datetime.tzinfo = datetime.timezone.utc) -> list[Earned]:
    """Learners who passed every required quiz, by name. Times are UTC; dates are shown in tz."""
    if not required:
        return []
    by_learner: dict[str, list[StoredAttempt]] = {}
    for attempt in stored:
        by_learner.setdefault(attempt.learner_key, []).append(attempt)
    earned = []
    for key, attempts in by_learner.items():
        first_passes = []
        scores = []
        for quiz in required:
            mine = [a for a in attempts if a.quiz == quiz.id]
            passes = [a for a in mine if a.passed]
            if not passes:
                break
            first_passes.append(min(a.submitted_at for a in passes))
            best = max(mine, key=lambda a: a.score)
            scores.append({"quiz": quiz.id, "title": quiz.title, "percent": percent(best.score)})
        else:
            latest = max(attempts, key=lambda a: (a.submitted_at, a.id))
            completed = max(first_passes).replace(tzinfo=datetime.timezone.utc).astimezone(tz)
            earned.append(Earned(key, latest.learner_name, completed.date(), tuple(scores)))
    return sorted(earned, key=lambda e: (e.learner_name.casefold(), e.learner_key))


def file_name(record: CertificateRecord) -> str:
    # Named by code, never by learner name: a name may hold '/', '..' or anything else.
    return f"certificate-{record.code}.html"


def _e(text) -> str:
    return html.escape(str(text), quote=True)


def render_certificate(record: CertificateRecord, language: str) -> str:
    t = strings(language)["certificates"]
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
        f"</div></main></body></html>\n")


def render_index(records: list[CertificateRecord], language: str, course_title: str) -> str:
    """A list of the certificates written, to open and print them one by one."""
    t = strings(language)["certificates"]
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
