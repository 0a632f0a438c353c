"""The grading desk's subcommands: `course grade`, `report`, `certificates` (and `certificates
revoke`), `verify` and `roster` (import, codes, list: roster_commands.py).

The edge of the desk: reads files and the course, opens the gradebook, prints and writes.
Everything it prints about one answer file is one line, `file: what is wrong`.
"""

from __future__ import annotations

import argparse
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
                            "of grading them as --changed says")
    grade.add_argument("--changed", choices=["zero", "exclude"], default="zero",
                       help="questions changed since the learner's version: count 0 points "
                            "(zero, the default) or leave them out of the score (exclude; the "
                            "report prints it as your decision)")

    report = command("report", _report,
                     "Write one self-contained HTML report: scores, pass rates, item analysis.")
    report.add_argument("--db", default=DEFAULT_DB, help=db_help)
    report.add_argument("--out", default="report.html", metavar="FILE",
                        help="where to write the report (default: report.html)")
    report.add_argument("--use", choices=["best", "latest", "first"], default="best",
                        help="each learner's best (default), latest or first attempt at each "
                             "quiz, by the attempt numbers the pages gave")

    certificates = command("certificates", _certificates,
                           "Write a printable certificate for each learner who passed every "
                           "required quiz; `certificates revoke CODE` revokes one.")
    certificates.add_argument("--db", default=DEFAULT_DB, help=db_help)
    certificates.add_argument("--out", default="certificates", metavar="DIR",
                              help="folder to write them to (default: certificates/)")
    actions = certificates.add_subparsers(title="actions", metavar="ACTION")
    revoke = actions.add_parser("revoke", help="revoke a certificate: `course verify` then "
                                               "rejects its code",
                                description="Revoke a certificate. It stays in the gradebook, "
                                            "marked, so its code answers 'revoked'; the learner "
                                            "gets a new one only from passes recorded later.")
    revoke.add_argument("code", help="the certificate's verification code")
    revoke.add_argument("--reason", help="why, shown by `course verify`")
    # SUPPRESS: `course certificates --db X revoke CODE` keeps X (a subparser's default would
    # overwrite it).
    revoke.add_argument("--db", default=argparse.SUPPRESS, help=db_help)
    revoke.add_argument("-f", "--config-file", default=argparse.SUPPRESS, metavar="FILE",
                        help="the course's MkDocs configuration (default: mkdocs.yml)")
    revoke.set_defaults(handler=_revoke)

    verify = command("verify", _verify, "Check a certificate's verification code.")
    verify.add_argument("code", help="the code printed on the certificate, e.g. 7KQ2-M9XD-4TFA")
    verify.add_argument("--db", default=DEFAULT_DB, help=db_help)

    from .roster_commands import register as roster

    roster(commands, command, db_help)


def _load_course(config_file: str):
    from ..checks import checked
    from ..loading import load_course
    from ..project import find_project

    project = find_project(config_file)
    return checked(load_course(project.content_dir, project.quiz_dir),
                   stale_after_days=project.stale_after_days)


def _load_registry(config_file: str, name: str):
    """The course's registry of published versions; None (and a line said) when missing or
    damaged: nothing can be graded without it."""
    from ..errors import AuthorError
    from ..integrity import registry
    from ..loading import label_for
    from ..project import find_project

    path = find_project(config_file).registry
    label = label_for(path)
    try:
        found = registry.read(path, label)
    except AuthorError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print(f"course {name}: {label} is damaged; nothing was graded", file=sys.stderr)
        return None
    if found is None:
        print(f"course {name}: {label}: no registry of published quiz versions; build the "
              "course once (`course build`), which records what it publishes, and keep "
              f"{label} in version control", file=sys.stderr)
    return found


def _open(value: str, name: str, create: bool):
    from .gradebook import Gradebook, GradebookError

    try:
        return Gradebook.open(value, create=create)
    except GradebookError as error:
        print(f"course {name}: {error}", file=sys.stderr)
        return None


def _grade(args) -> int:
    from sqlalchemy.exc import DBAPIError

    from .answerfiles import one_line
    from .atomic import write_text_atomically
    from .attempts import GradingCourse
    from .batch import collect, grade_files
    from .outputs import csv_text, json_text, notes, summary_table

    started = time.perf_counter()
    loaded = _load_course(args.config_file)
    registry = _load_registry(args.config_file, "grade")
    if registry is None:
        return EXIT_USAGE
    files, missing = collect(args.paths)
    book = _open(args.db, "grade", create=True)
    if book is None:
        return EXIT_USAGE
    bar = _Progress(len(files)) if _show_progress(len(files)) else None
    try:
        with book:
            roster = book.roster()
            course = GradingCourse([entry.quiz for entry in loaded.quizzes], registry,
                                   roster=roster, changed=args.changed)
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
    problems = [item for item in skipped if not item.note]
    for item in skipped:
        print(item, file=sys.stderr)
    for row in graded:
        if row.status == "new" and (row.left_out or row.changed or row.flags):
            print(f"{one_line(row.source)}: warning: {one_line(notes(row, 'en'))}",
                  file=sys.stderr)
    language = loaded.course.language
    if args.csv:
        try:
            # utf-8-sig writes the BOM Excel needs to read the file as UTF-8.
            write_text_atomically(Path(args.csv), csv_text(graded, skipped, language),
                                  "utf-8-sig")
        except OSError as error:
            print(f"course grade: cannot write {one_line(args.csv)}: "
                  f"{error.strerror or error}; nothing was changed there", file=sys.stderr)
            return EXIT_USAGE
    new = sum(1 for g in graded if g.status == "new")
    count = len(graded) + len(problems)
    summary = (f"course grade: {count} file{'' if count == 1 else 's'}: {len(graded)} graded "
               f"({new} new, {len(graded) - new} already in the gradebook), {len(problems)} "
               f"skipped; gradebook {book.label}; {time.perf_counter() - started:.1f} s")
    unverified = sum(1 for g in graded if not g.identity_verified)
    if unverified:
        summary += ("\ncourse grade: identities not verified: no roster, so names and ids are "
                    "as the learners typed them (`course roster import`)" if not roster else
                    f"\ncourse grade: identities not verified for {unverified} file"
                    f"{'' if unverified == 1 else 's'} (quizzes that ask for no access code)")
    if args.json:
        sys.stdout.write(json_text(graded, skipped, loaded.course.title))
        print(summary, file=sys.stderr)
    else:
        if graded:
            titles = {entry.quiz.id: entry.quiz.title for entry in loaded.quizzes}
            sys.stdout.write(summary_table(graded, titles, language))
        print(summary)
    return EXIT_PROBLEMS if problems else EXIT_OK


def _report(args) -> int:
    from .analysis import analyse_quiz
    from .atomic import write_text_atomically
    from .gradebook import select_attempts
    from .report import Integrity, ReportInput, learner_rows, render_report

    loaded = _load_course(args.config_file)
    book = _open(args.db, "report", create=False)
    if book is None:
        return EXIT_USAGE
    with book:
        stored = book.attempts()
        has_roster = bool(book.roster())
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
        lesson_titles={entry.lesson.id: entry.lesson.title for entry in loaded.lessons},
        integrity=Integrity.of(chosen, has_roster))
    out = Path(args.out)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomically(out, render_report(data))
    except OSError as error:
        print(f"course report: cannot write {args.out}: {error.strerror}", file=sys.stderr)
        return EXIT_USAGE
    flagged = sum(1 for quiz in data.quizzes for q in quiz.questions if q.flags)
    print(f"course report: wrote {args.out} — {english(len(data.learners), 'learner')}, "
          f"{english(len(data.quizzes), 'quiz', 'quizzes')}, "
          f"{english(flagged, 'question')} flagged")
    return EXIT_OK


def _certificates(args) -> int:
    from .answerfiles import one_line
    from .atomic import write_text_atomically
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
        roster = book.roster()
        revoked = book.revoked_certificates()
        earned = earned_certificates(book.attempts(), required, tz=local, roster=roster,
                                     revoked={k: r.revoked_at for k, r in revoked.items()})
        for item in earned:
            record = book.certificate_for(item.learner_key)
            if record is None:
                record = book.add_certificate(CertificateRecord(
                    new_code(), item.learner_key, item.learner_name, loaded.course.title,
                    item.completed_on, item.scores, now, item.attempts, item.identity_verified))
                old = revoked.get(item.learner_key)
                if old is not None and record.code != old.code:
                    print(f"course certificates: {one_line(item.learner_name)}: certificate "
                          f"{old.code} was revoked on {_day(old.revoked_at)}; new certificate "
                          f"{record.code} from passes recorded since")
            records.append(record)
        has = {r.learner_key for r in records}
        for key, old in revoked.items():
            if key not in has and book.certificate_for(key) is None:
                print(f"course certificates: {one_line(old.learner_name)}: certificate "
                      f"{old.code} was revoked on {_day(old.revoked_at)}; no pass recorded "
                      "since, so no new certificate")
    out = Path(args.out)
    language = loaded.course.language
    try:
        out.mkdir(parents=True, exist_ok=True)
        for record in records:
            write_text_atomically(out / file_name(record), render_certificate(record, language))
        write_text_atomically(out / "index.html",
                              render_index(records, language, loaded.course.title))
    except OSError as error:
        print(f"course certificates: cannot write to {one_line(args.out)}: "
              f"{error.strerror or error}", file=sys.stderr)
        return EXIT_USAGE
    print(f"course certificates: {len(records)} certificate{'s' if len(records) != 1 else ''} "
          f"in {one_line(args.out)}/ (open index.html to print them)")
    if records and not roster:
        print("course certificates: identities not verified: no roster, so the names are as "
              "the learners typed them; each certificate says so")
    return EXIT_OK


def _day(moment) -> str:
    local = datetime.datetime.now().astimezone().tzinfo
    return moment.replace(tzinfo=datetime.timezone.utc).astimezone(local).date().isoformat()


def _certificate_code(text: str, name: str):
    """The code in its printed form, or None (and a line said) when it is not one."""
    from .answerfiles import one_line
    from .certificates import ALPHABET, CODE_LENGTH, normalise_code

    code = normalise_code(text)
    raw = code.replace("-", "")
    if len(raw) != CODE_LENGTH or any(c not in ALPHABET for c in raw):
        print(f"course {name}: '{one_line(text)}' is not a verification code (12 letters "
              "and digits, like 7KQ2-M9XD-4TFA): rejected", file=sys.stderr)
        return None
    return code


def _revoke(args) -> int:
    from .answerfiles import one_line

    code = _certificate_code(args.code, "certificates revoke")
    if code is None:
        return EXIT_PROBLEMS
    book = _open(args.db, "certificates revoke", create=False)
    if book is None:
        return EXIT_USAGE
    now = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None, microsecond=0)
    with book:
        before = book.find_certificate(code)
        if before is None:
            print(f"course certificates revoke: {code}: no certificate with this code in "
                  f"gradebook {book.label}", file=sys.stderr)
            return EXIT_PROBLEMS
        if before.revoked_at is not None:
            print(f"course certificates revoke: {code}: already revoked on "
                  f"{_day(before.revoked_at)}")
            return EXIT_OK
        record = book.revoke_certificate(code, args.reason, now)
    print(f"course certificates revoke: {code}: revoked ({one_line(record.learner_name)}); "
          "`course verify` now rejects it, and `course certificates` issues a new one only from "
          "passes recorded after today")
    return EXIT_OK


def _verify(args) -> int:
    from .answerfiles import one_line

    code = _certificate_code(args.code, "verify")
    if code is None:
        return EXIT_PROBLEMS
    book = _open(args.db, "verify", create=False)
    if book is None:
        return EXIT_USAGE
    with book:
        record = book.find_certificate(code)
        missing = book.passes_still_recorded(record.attempts) if record else []
    if record is None:
        print(f"course verify: {code}: no certificate with this code in gradebook "
              f"{book.label}: rejected", file=sys.stderr)
        return EXIT_PROBLEMS
    if record.revoked_at is not None:
        reason = f" ({one_line(record.revoke_reason)})" if record.revoke_reason else ""
        print(f"course verify: {code}: revoked on {_day(record.revoked_at)}{reason}: rejected",
              file=sys.stderr)
        return EXIT_PROBLEMS
    if missing or not record.attempts:
        print(f"course verify: {code}: the passing attempts behind this certificate are no "
              f"longer in gradebook {book.label} ({len(missing) or 'none'} missing): rejected",
              file=sys.stderr)
        return EXIT_PROBLEMS
    scores = ", ".join(f"{s['title']} {s['percent']}%" for s in record.scores)
    identity = "verified (roster and access code)" if record.identity_verified else \
        "not verified (no roster when issued)"
    print(f"course verify: {code}: valid certificate\n"
          f"  learner:   {one_line(record.learner_name)}\n"
          f"  course:    {one_line(record.course_title)}\n"
          f"  completed: {record.completed_on.isoformat()}\n"
          f"  scores:    {one_line(scores)}\n"
          f"  identity:  {identity}\n"
          f"  attempts:  {len(record.attempts)} passing attempt"
          f"{'' if len(record.attempts) == 1 else 's'}, still in the gradebook")
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
