"""`course roster import | codes | list`: who the learners are, and their access codes."""

from __future__ import annotations

import argparse
import os
import stat
import sys
from pathlib import Path

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
MAX_ROSTER_BYTES = 10 * 1024 * 1024  # 100,000 learners fit in a few MB


def register(commands, command, db_help: str) -> None:
    from .commands import DEFAULT_DB

    roster = command("roster", _help, "The roster of learners and their access codes: "
                                      "`roster import`, `roster codes`, `roster list`.")
    actions = roster.add_subparsers(title="actions", metavar="ACTION")

    def action(name: str, handler, help_text: str):
        sub = actions.add_parser(name, help=help_text, description=help_text)
        sub.add_argument("--db", default=DEFAULT_DB, help=db_help)
        # SUPPRESS: given before the action (`roster -f X codes`), -f is kept, not overwritten.
        sub.add_argument("-f", "--config-file", default=argparse.SUPPRESS, metavar="FILE",
                         help="the course's MkDocs configuration (default: mkdocs.yml)")
        sub.set_defaults(handler=handler)
        return sub

    importing = action("import", _import, "Import learners from a CSV file (columns id, name "
                                          "and optionally group, with a header row).")
    importing.add_argument("file", metavar="FILE.csv", help="the roster, e.g. staff.csv")
    codes = action("codes", _codes, "Give learners access codes and write a printable sheet of "
                                    "slips to hand out.")
    codes.add_argument("--out", required=True, metavar="FILE.html",
                       help="where to write the sheet, e.g. codes.html")
    codes.add_argument("--new", action="store_true",
                       help="replace existing codes too (the old ones stop signing files; files "
                            "already graded stay graded)")
    codes.add_argument("--learner", action="append", metavar="ID",
                       help="only these learners (repeat the option for several), e.g. to "
                            "replace one lost or shared code with --new")
    listing = action("list", _list, "List the roster and who has an access code.")
    listing.add_argument("--codes", action="store_true", help="show the codes themselves")


def _help(args) -> int:
    print("course roster: say what to do: `course roster import staff.csv`, `course roster "
          "codes --out codes.html` or `course roster list`", file=sys.stderr)
    return EXIT_USAGE


def _read(path: Path, label: str) -> bytes | None:
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        print(f"{label}: cannot read: {error.strerror or error}", file=sys.stderr)
        return None
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            print(f"{label}: not a regular file", file=sys.stderr)
            return None
        if status.st_size > MAX_ROSTER_BYTES:
            print(f"{label}: file is {status.st_size / 1024 / 1024:.1f} MB; a roster is at most "
                  f"{MAX_ROSTER_BYTES // 1024 // 1024} MB", file=sys.stderr)
            return None
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def _import(args) -> int:
    from ..loading import label_for
    from .commands import _open
    from .escape import terminal
    from .roster import RosterError, parse_roster

    path = Path(args.file)
    label = terminal(label_for(path))
    data = _read(path, label)
    if data is None:
        return EXIT_PROBLEMS
    try:
        parsed = parse_roster(data, label)
    except RosterError as error:
        for line in error.problems:
            print(line, file=sys.stderr)
        count = len(error.problems)
        print(f"course roster import: {count} problem{'s' if count != 1 else ''} in {label}; "
              "nothing was imported", file=sys.stderr)
        return EXIT_PROBLEMS
    book = _open(args.db, "roster import", create=True)
    if book is None:
        return EXIT_USAGE
    with book:
        added, updated, same = book.import_roster(parsed.entries)
        without_code = sum(1 for entry in book.roster().values() if entry.code is None)
    if parsed.encoding != "UTF-8":
        print(f"course roster import: {label} is not UTF-8; read as {parsed.encoding} (what "
              "Excel's plain \"CSV\" writes on Chinese Windows) — check the names with "
              "`course roster list`")
    if parsed.ignored_columns:
        print(f"course roster import: columns not used: "
              f"{', '.join(terminal(c) for c in parsed.ignored_columns)}")
    total = len(parsed.entries)
    print(f"course roster import: {label}: {total} learner{'s' if total != 1 else ''}: "
          f"{added} added, {updated} updated, {same} unchanged; gradebook {book.label}")
    if without_code:
        print(f"course roster import: {without_code} learner{'s' if without_code != 1 else ''} "
              "without an access code; give codes with `course roster codes --out codes.html`")
    return EXIT_OK


def _codes(args) -> int:
    from ..integrity.codes import new_code
    from ..integrity.seeds import normalised_id
    from ..project import find_project
    from .atomic import write_text_atomically
    from .codesheet import render_sheet
    from .commands import _load_course, _open
    from .escape import terminal

    project = find_project(args.config_file)  # the course's address, for the slips
    loaded = _load_course(args.config_file)
    book = _open(args.db, "roster codes", create=False)
    if book is None:
        return EXIT_USAGE
    with book:
        roster = book.roster()
        if not roster:
            print("course roster codes: the roster is empty; import it first with `course "
                  "roster import staff.csv`", file=sys.stderr)
            return EXIT_PROBLEMS
        chosen = list(roster)
        if args.learner:
            unknown = [i for i in args.learner if normalised_id(i) not in roster]
            if unknown:
                print(f"course roster codes: not on the roster: "
                      f"{', '.join(terminal(i) for i in unknown)}", file=sys.stderr)
                return EXIT_PROBLEMS
            chosen = list(dict.fromkeys(normalised_id(i) for i in args.learner))
        given = {key: new_code() for key in chosen if args.new or roster[key].code is None}
        book.set_codes(given)
        roster = book.roster()
    entries = [roster[key] for key in chosen]
    sheet = render_sheet(entries, course_title=loaded.course.title, site_url=project.site_url,
                         language=loaded.course.language)
    out = Path(args.out)
    try:
        if str(out.parent):
            out.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomically(out, sheet)
    except OSError as error:
        print(f"course roster codes: cannot write {terminal(args.out)}: "
              f"{error.strerror or error}; the codes are stored, run the command again to "
              "write the sheet", file=sys.stderr)
        return EXIT_USAGE
    kept = len(entries) - len(given)
    print(f"course roster codes: {len(given)} new code{'s' if len(given) != 1 else ''}"
          f"{f', {kept} kept' if kept else ''}; {len(entries)} slip"
          f"{'s' if len(entries) != 1 else ''} in {terminal(args.out)} (print it, cut along the "
          "dashed lines, give each learner their own slip)")
    if args.new and given:
        print("course roster codes: the replaced codes no longer sign answer files; files "
              "already graded stay graded")
    return EXIT_OK


def _list(args) -> int:
    from .commands import _open
    from .outputs import table

    book = _open(args.db, "roster list", create=False)
    if book is None:
        return EXIT_USAGE
    with book:
        roster = book.roster()
    if not roster:
        print("course roster list: the roster is empty; import it with `course roster import "
              "staff.csv`")
        return EXIT_OK
    rows = [[entry.learner_id, entry.name, entry.group or "",
             (entry.code if args.codes else "yes") if entry.code else "—"]
            for entry in roster.values()]
    sys.stdout.write(table(["id", "name", "group", "code" if args.codes else "has a code"],
                           rows))
    with_code = sum(1 for entry in roster.values() if entry.code)
    print(f"course roster list: {len(roster)} learner{'s' if len(roster) != 1 else ''}, "
          f"{with_code} with an access code")
    return EXIT_OK
