"""What `course grade` writes: CSV for Excel, JSON for machines, a table for the terminal.

Pure: rows in, text out; the command writes the text (the CSV as UTF-8 with a BOM, which is how
Excel recognises UTF-8 and shows Chinese names instead of mojibake).

Learner-made text (names, ids, file names) reaches every CSV cell as it reaches the terminal and
the HTML pages: control characters and bidi controls shown as escapes (`\\u202e`, see escape.py),
so a cell means what it shows in a spreadsheet as well; the line breaks between the problems of
one skipped file are ours and stay line breaks in their cell.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import unicodedata
from dataclasses import dataclass

from ..catalogue import strings
from ..scoring import percent
from .answerfiles import one_line
from .attempts import Attempt
from .escape import terminal
from .gradebook import StoredAttempt

# Excel runs a cell starting with one of these as a formula (CSV injection): "=HYPERLINK(…)".
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Per-file rows in the terminal up to this many files; beyond, one summary row per quiz.
TABLE_ROWS_LIMIT = 50


@dataclass(frozen=True)
class Graded:
    """One answer file that was graded now or earlier (status "new" or "known")."""

    source: str
    status: str
    learner_name: str
    learner_id: str | None
    quiz: str
    score: float
    points: float
    max_points: float
    passed: bool
    left_out: tuple[tuple[str, str], ...]  # (question, why): see attempts.Attempt
    submitted_at: datetime.datetime
    attempt: int | None = None
    identity_verified: bool = False
    flags: tuple[str, ...] = ()  # "late", "clock"
    changed: tuple[str, ...] = ()  # counted 0: changed since the learner's version
    quiz_version: str | None = None  # as the learner took it (graded now only)

    @classmethod
    def new(cls, attempt: Attempt) -> Graded:
        r = attempt.result
        return cls(attempt.source, "new", attempt.learner_name, attempt.learner_id, attempt.quiz,
                   r.score, r.points, r.max_points, r.passed, attempt.left_out,
                   attempt.submitted_at, attempt.attempt, attempt.identity_verified,
                   attempt.flags, attempt.changed, attempt.quiz_version)

    @classmethod
    def known(cls, source: str, stored: StoredAttempt) -> Graded:
        return cls(source, "known", stored.learner_name, stored.learner_id, stored.quiz,
                   stored.score, stored.points, stored.max_points, stored.passed,
                   stored.left_out, stored.submitted_at, stored.attempt,
                   stored.identity_verified, stored.flags, stored.changed)


@dataclass(frozen=True)
class Skipped:
    """A file or folder entry not graded. `note`: said for completeness (a text file in an
    answers folder), not a problem: it does not make the command fail."""

    source: str
    error: str
    note: bool = False

    @property
    def problems(self) -> list[str]:
        """Every problem found, one line each (`error` holds them joined by newlines)."""
        return self.error.split("\n")

    def __str__(self) -> str:
        """One line per problem, each `file: what is wrong — how to fix`."""
        return "\n".join(f"{one_line(self.source)}: {problem}" for problem in self.problems)


def excel_safe(value):
    """Text that Excel would run as a formula gets a leading apostrophe; numbers pass as they
    are."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def csv_cell(value):
    """A cell of the CSV: text made visible (escape.py), then defused for Excel; numbers pass as
    they are."""
    return excel_safe(terminal(value) if isinstance(value, str) else value)


def csv_text(graded: list[Graded], skipped: list[Skipped], language: str) -> str:
    t = strings(language)["grades"]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([t[k] for k in ("csv_file", "csv_learner", "csv_learner_id", "csv_quiz",
                                    "csv_percent", "csv_points", "csv_max_points", "csv_passed",
                                    "csv_left_out", "csv_submitted", "csv_status", "csv_attempt",
                                    "csv_identity", "csv_late", "csv_notes")])
    for row in graded:
        writer.writerow([csv_cell(v) for v in (
            row.source, row.learner_name, row.learner_id or "", row.quiz, percent(row.score),
            round(row.points, 4), round(row.max_points, 4), t["yes"] if row.passed else t["no"],
            " ".join(q for q, _ in row.left_out),
            row.submitted_at.isoformat(sep=" ", timespec="seconds"),
            t["status_new"] if row.status == "new" else t["status_known"],
            row.attempt or "",
            t["verified"] if row.identity_verified else t["not_verified"],
            t["yes"] if "late" in row.flags else t["no"], notes(row, language))])
    for row in skipped:
        if row.note:
            continue
        error = excel_safe("\n".join(terminal(problem) for problem in row.problems))
        writer.writerow([csv_cell(row.source), "", "", "", "", "", "", "", "", "", error, "", "",
                         "", ""])
    return out.getvalue()


def notes(row: Graded, language: str) -> str:
    """What a trainer should know about a graded file, in words (identity has its own column,
    and its own line under the table)."""
    t = strings(language)["grades"]
    parts = []
    if row.status == "known":
        parts.append(t["note_known"])
    if "late" in row.flags:
        parts.append(t["note_late"])
    if "clock" in row.flags:
        parts.append(t["note_clock"])
    for why, key in (("changed", "note_excluded"), ("removed", "note_removed"),
                     ("start-order", "note_start_order")):
        ids = [q for q, reason in row.left_out if reason == why]
        if ids:
            parts.append(t[key].format(ids=", ".join(ids)))
    if row.changed:
        parts.append(t["note_zero"].format(ids=", ".join(row.changed)))
    return t["note_separator"].join(parts)


def json_text(graded: list[Graded], skipped: list[Skipped], course_title: str) -> str:
    document = {
        "course": course_title,
        "summary": {"files": len(graded) + len(skipped),
                    "new": sum(1 for g in graded if g.status == "new"),
                    "already_recorded": sum(1 for g in graded if g.status == "known"),
                    "skipped": sum(1 for s in skipped if not s.note)},
        "graded": [{
            "file": g.source, "status": "new" if g.status == "new" else "already_recorded",
            "learner": {"name": g.learner_name, "id": g.learner_id}, "quiz": g.quiz,
            "score": g.score, "percent": percent(g.score), "points": g.points,
            "max_points": g.max_points, "passed": g.passed,
            "left_out": [{"question": q, "why": why} for q, why in g.left_out],
            "changed_counted_zero": list(g.changed), "attempt": g.attempt,
            "identity_verified": g.identity_verified, "late": "late" in g.flags,
            "answer_times_outside_attempt": "clock" in g.flags,
            "submitted_at": g.submitted_at.isoformat() + "Z",
        } for g in graded],
        "skipped": [{"file": s.source, "error": s.error, "problems": s.problems}
                    for s in skipped if not s.note],
        "not_searched": [{"file": s.source, "note": s.error} for s in skipped if s.note],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def summary_table(graded: list[Graded], titles: dict[str, str], language: str) -> str:
    """Per file when there are few; per quiz when there are many (the CSV has every file)."""
    t = strings(language)["grades"]
    if len(graded) <= TABLE_ROWS_LIMIT:
        rows = [[_clip(g.source, 28), _clip(g.learner_name, 16), g.quiz,
                 f"{percent(g.score)}%", t["table_passed"] if g.passed else t["table_not_passed"],
                 notes(g, language)] for g in graded]
        return table([t[f"table_{key}"] for key in ("file", "learner", "quiz", "score", "result",
                                                    "note")], rows)
    by_quiz: dict[str, list[Graded]] = {}
    for g in graded:
        by_quiz.setdefault(g.quiz, []).append(g)
    rows = []
    for quiz, items in by_quiz.items():
        passed = sum(1 for g in items if g.passed)
        mean = sum(g.score for g in items) / len(items)
        rows.append([_clip(titles.get(quiz, quiz), 24), str(len(items)),
                     str(len({(g.learner_id, g.learner_name) for g in items})), str(passed),
                     f"{percent(passed / len(items))}%", f"{percent(mean)}%"])
    return table([t[f"table_{key}"] for key in ("quiz", "files", "learners", "passed", "pass_rate",
                                                "mean_score")], rows)


def table(headers: list[str], rows: list[list[str]]) -> str:
    """A plain-text table whose columns line up with Chinese (double-width) characters."""
    rows = [[one_line(str(cell)) for cell in row] for row in rows]
    widths = [max([width(h)] + [width(r[i]) for r in rows]) for i, h in enumerate(headers)]
    lines = [_line(headers, widths), "  ".join("-" * w for w in widths)]
    lines += [_line(row, widths) for row in rows]
    return "\n".join(line.rstrip() for line in lines) + "\n"


def _line(cells: list[str], widths: list[int]) -> str:
    return "  ".join(cell + " " * (w - width(cell)) for cell, w in zip(cells, widths))


def width(text: str) -> int:
    """Columns a terminal gives the text: wide and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _clip(text: str, limit: int) -> str:
    text = one_line(text)
    if width(text) <= limit:
        return text
    out = ""
    for c in text:
        if width(out + c) > limit - 1:
            break
        out += c
    return out + "…"
