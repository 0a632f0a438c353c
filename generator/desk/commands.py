"""The grading desk's subcommands: `course grade`, `report`, `certificates` and `verify`.

The edge of the desk: reads files and the course, opens the gradebook, prints and writes.
Everything it prints about one answer file is one line, `file: what is wrong`.
"""

from __future__ import annotations

import datetime
import sys
import time
from pathlib import Path

from ..plurals import english

# SQLAlchemy (0.1 s to import) is imported by the handlers that open a gradebook, never at
# start-up: every `course` command, `course check` and `course build` too, loads this module.
DEFAULT_DB = "gradebook.sqlite"
EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
PROGRESS_MIN_FILES = 50  # fewer files are graded before a bar would be worth drawing


def register(commands, command) -> None:
    """Add the desk's subcommands to the `course` parser (see generator/cli.py)."""
    db_help = (f"gradebook: a SQLite file (default: {DEFAULT_DB}) or "
               "postgresql://user:password@host/database")

    grade = command("grade", _grade, "Grade learners' answer files into the gradebook.")
    grade.add_argument("paths", nargs="+", metavar="PATH",
                       help="answer files, or folders searched for *.json answer files")
    grade.add_argument("--db", default=DEFAULT_DB, help=db_help)
    grade.add_argument("--csv", metavar="FILE", help="also write the results as CSV for Excel")
    grade.add_argument("--json", action="store_true",
                       help="print the results as JSON on standard output instead of a table")
    grade.add_argument("--strict", action="store_true",
                       help="refuse answer files made for an older version of a quiz, instead "
                            "of grading them without the questions that changed")

    report = command("report", _report,
                     "Write one self-contained HTML report: scores, pass rates, item analysis.")
    report.add_argument("--db", default=DEFAULT_DB, help=db_help)
    report.add_argument("--out", default="report.html", metavar="FILE",
                        help="where to write the report (default: report.html)")
    report.add_argument("--use", choices=["best", "latest"], default="best",
                        help="each learner's best (default) or latest attempt at each quiz")

    certificates = command("certificates", _certificates,
                           "Write a printable certificate for each learner who passed every "
                           "required quiz.")
    certificates.add_argument("--db", default=DEFAULT_DB, help=db_help)
    certificates.add_argument("--out", default="certificates", metavar="DIR",
                              help="folder to write them to (default: certificates/)")

    verify = command("verify", _verify, "Check a certificate's verification code.")
    verify.add_argument("code", help="the code printed on the certificate, e.g. 7KQ2-M9XD-4TFA")
    verify.add_argument("--db", default=DEFAULT_DB, help=db_help)


def _load_course(config_file: str):
    from ..checks import checked
    from ..loading import load_course
    from ..project import find_project

    project = find_project(config_file)
    return checked(load_course(project.content_dir, project.quiz_dir),
                   stale_after_days=project.stale_after_days)


def _open(value: str, name: str, create: bool):
    from .gradebook import Gradebook, GradebookError

    try:
        return Gradebook.open(value, create=create)
    except GradebookError as error:
        print(f"course {name}: {error}", file=sys.stderr)
        return None


def _grade(args) -> int:
    from sqlalchemy.exc import DBAPIError

    from .attempts import GradingCourse
    from .batch import collect, grade_files
    from .outputs import csv_text, json_text, summary_table

    started = time.perf_counter()
    loaded = _load_course(args.config_file)
    course = GradingCourse([entry.quiz for entry in loaded.quizzes])
    files, missing = collect(args.paths)
    book = _open(args.db, "grade", create=True)
    if book is None:
        return EXIT_USAGE
    bar = _Progress(len(files)) if _show_progress(len(files)) else None
    try:
        with book:
            graded, skipped = grade_files(files, course, book, strict=args.strict,
                                          progress=bar.update if bar else None)
    except DBAPIError as error:
        from .gradebook import _reason

        if bar:
            bar.clear()
        print(f"course grade: gradebook {book.label} failed: {_reason(error)}; files recorded "
              "before this are kept, run the command again to go on", file=sys.stderr)
        return EXIT_USAGE
    if bar:
        bar.clear()
    skipped = missing + skipped
    for item in skipped:
        print(item, file=sys.stderr)
    for row in graded:
        if row.left_out and row.status == "new":
            print(f"{row.source}: warning: not scored, changed since this file was made: "
                  f"{', '.join(row.left_out)}", file=sys.stderr)
    language = loaded.course.language
    if args.csv:
        try:
            # utf-8-sig writes the BOM Excel needs to read the file as UTF-8.
            with open(args.csv, "w", encoding="utf-8-sig", newline="") as stream:
                stream.write(csv_text(graded, skipped, language))
        except OSError as error:
            print(f"course grade: cannot write {args.csv}: {error.strerror}", file=sys.stderr)
            return EXIT_USAGE
    new = sum(1 for g in graded if g.status == "new")
    count = len(graded) + len(skipped)
    summary = (f"course grade: {count} file{'' if count == 1 else 's'}: {len(graded)} graded "
               f"({new} new, {len(graded) - new} already in the gradebook), {len(skipped)} "
               f"skipped; gradebook {book.label}; {time.perf_counter() - started:.1f} s")
    if args.json:
        sys.stdout.write(json_text(graded, skipped, loaded.course.title))
        print(summary, file=sys.stderr)
    else:
        if graded:
            titles = {entry.quiz.id: entry.quiz.title for entry in loaded.quizzes}
            sys.stdout.write(summary_table(graded, titles, language))
        print(summary)
    return EXIT_PROBLEMS if skipped else EXIT_OK


def _report(args) -> int:
    from .analysis import analyse_quiz
    from .gradebook import select_attempts
    from .report import ReportInput, learner_rows, render_report

    loaded = _load_course(args.config_file)
    book = _open(args.db, "report", create=False)
    if book is None:
        return EXIT_USAGE
    with book:
        stored = book.attempts()
    chosen = select_attempts(stored, args.use)
    in_course = {entry.quiz.id for entry in loaded.quizzes}
    gone = sorted({a.quiz for a in chosen if a.quiz not in in_course})
    for quiz in gone:
        print(f"course report: warning: quiz '{quiz}' is in the gradebook but no longer in the "
              "course; left out of the report", file=sys.stderr)
    chosen = [a for a in chosen if a.quiz in in_course]
    data = ReportInput(
        course_title=loaded.course.title, language=loaded.course.language,
        generated_on=datetime.date.today(), use=args.use, attempts=len(stored),
        quizzes=[analyse_quiz(entry.quiz, chosen) for entry in loaded.quizzes],
        learners=learner_rows(chosen),
        lesson_titles={entry.lesson.id: entry.lesson.title for entry in loaded.lessons})
    out = Path(args.out)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(render_report(data), encoding="utf-8")
    except OSError as error:
        print(f"course report: cannot write {args.out}: {error.strerror}", file=sys.stderr)
        return EXIT_USAGE
    flagged = sum(1 for quiz in data.quizzes for q in quiz.questions if q.flags)
    print(f"course report: wrote {args.out} — {english(len(data.learners), 'learner')}, "
          f"{english(len(data.quizzes), 'quiz', 'quizzes')}, "
          f"{english(flagged, 'question')} flagged")
    return EXIT_OK


def _certificates(args) -> int:
    from .certificates import (
        earned_certificates,
        file_name,
        new_code,
        render_certificate,
        render_index,
    )
    from .gradebook import CertificateRecord

    loaded = _load_course(args.config_file)
    required = [entry.quiz for entry in loaded.quizzes if entry.quiz.required]
    if not required:
        print("course certificates: no quiz is marked `required: true`, so nobody can earn a "
              "certificate; mark the final assessment as required", file=sys.stderr)
        return EXIT_PROBLEMS
    book = _open(args.db, "certificates", create=False)
    if book is None:
        return EXIT_USAGE
    local = datetime.datetime.now().astimezone().tzinfo
    now = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
    records = []
    with book:
        for earned in earned_certificates(book.attempts(), required, tz=local):
            record = book.certificate_for(earned.learner_key) or book.add_certificate(
                CertificateRecord(new_code(), earned.learner_key, earned.learner_name,
                                  loaded.course.title, earned.completed_on, earned.scores, now))
            records.append(record)
    out = Path(args.out)
    language = loaded.course.language
    try:
        out.mkdir(parents=True, exist_ok=True)
        for record in records:
            (out / file_name(record)).write_text(render_certificate(record, language),
                                                 encoding="utf-8")
        (out / "index.html").write_text(render_index(records, language, loaded.course.title),
                                        encoding="utf-8")
    except OSError as error:
        print(f"course certificates: cannot write to {args.out}: {error.strerror}",
              file=sys.stderr)
        return EXIT_USAGE
    print(f"course certificates: {len(records)} certificate{'s' if len(records) != 1 else ''} "
          f"in {args.out}/ (open index.html to print them)")
    return EXIT_OK


def _verify(args) -> int:
    from .answerfiles import one_line
    from .certificates import ALPHABET, CODE_LENGTH, normalise_code

    code = normalise_code(args.code)
    raw = code.replace("-", "")
    if len(raw) != CODE_LENGTH or any(c not in ALPHABET for c in raw):
        print(f"course verify: '{one_line(args.code)}' is not a verification code (12 letters "
              "and digits, like 7KQ2-M9XD-4TFA): rejected", file=sys.stderr)
        return EXIT_PROBLEMS
    book = _open(args.db, "verify", create=False)
    if book is None:
        return EXIT_USAGE
    with book:
        record = book.find_certificate(code)
    if record is None:
        print(f"course verify: {code}: no certificate with this code in gradebook "
              f"{book.label}: rejected", file=sys.stderr)
        return EXIT_PROBLEMS
    scores = ", ".join(f"{s['title']} {s['percent']}%" for s in record.scores)
    print(f"course verify: {code}: valid certificate\n"
          f"  learner:   {one_line(record.learner_name)}\n"
          f"  course:    {one_line(record.course_title)}\n"
          f"  completed: {record.completed_on.isoformat()}\n"
          f"  scores:    {one_line(scores)}")
    return EXIT_OK


def _show_progress(count: int) -> bool:
    # A bar only where someone watches: a terminal, and a run long enough to wait for.
    return count >= PROGRESS_MIN_FILES and sys.stderr.isatty()


class _Progress:
    """A one-line progress bar on standard error, redrawn at most ten times a second."""

    def __init__(self, total: int, stream=None):
        self.total = total
        self.stream = stream or sys.stderr
        self.last = 0.0

    def update(self, done: int) -> None:
        now = time.monotonic()
        if now - self.last < 0.1 and done < self.total:
            return
        self.last = now
        filled = int(30 * done / self.total) if self.total else 30
        self.stream.write(f"\rgrading [{'#' * filled}{'.' * (30 - filled)}] "
                          f"{done}/{self.total}")
        self.stream.flush()

    def clear(self) -> None:
        self.stream.write("\r" + " " * 60 + "\r")
        self.stream.flush()
