"""The roster: who the learners are (staff id, name, group), read from a trainer's CSV. Pure:
bytes in, entries or every problem out; the gradebook stores them (`Gradebook.import_roster`).

The CSV has a header row naming its columns: `id`, `name` and optionally `group` (or, as a
Chinese sheet names them, 工号/编号/学号, 姓名, 分组/组/部门); other columns are ignored and named
in the summary. Excel's "CSV UTF-8" (with a byte-order mark) and plain UTF-8 are read as they
are. Excel's plain "CSV" on Chinese Windows is GBK: a file that is not UTF-8 but is valid GBK is
read as GBK and the summary says so, since refusing the file Excel writes by default would only
send the trainer looking for an option; a name misread that way would show in `course roster
list`, which the summary points to. Anything else that is not UTF-8 is refused.

Every problem is reported at once, one line each, `staff.csv:LINE: what — how to fix`, and
nothing is imported while any remains.
"""

from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass

from ..integrity.seeds import normalised_id
from .escape import terminal

MAX_LENGTH = 100
COLUMNS = {
    "id": ("id", "staff id", "staff_id", "工号", "编号", "学号", "员工编号", "员工号"),
    "name": ("name", "姓名", "名字"),
    "group": ("group", "组", "分组", "部门", "班组", "小组"),
}
SAVE_AS_UTF8 = 'save it from Excel as "CSV UTF-8 (逗号分隔)"'


@dataclass(frozen=True)
class RosterEntry:
    learner_id: str  # as written on the roster, trimmed
    name: str
    group: str | None = None
    code: str | None = None  # the access code, printed form, once given

    @property
    def key(self) -> str:
        return normalised_id(self.learner_id)


@dataclass(frozen=True)
class RosterFile:
    entries: list[RosterEntry]
    encoding: str  # "UTF-8" or "GBK"
    ignored_columns: tuple[str, ...] = ()


class RosterError(Exception):
    """Every problem of a roster file, one line each."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


def parse_roster(data: bytes, label: str) -> RosterFile:
    text, encoding = _decode(data, label)
    problems: list[str] = []

    def problem(line: int, what: str, how: str) -> None:
        problems.append(f"{label}:{line}: {what} — {how}")

    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = "," if "," in first or not ("\t" in first or ";" in first) else \
        ("\t" if "\t" in first else ";")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: list[str] | None = None
    header_line = 0
    positions: dict[str, int] = {}
    ignored: list[str] = []
    entries: list[RosterEntry] = []
    seen: dict[str, int] = {}
    try:
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if header is None:
                header, header_line = [cell.strip() for cell in row], line
                positions, ignored = _columns(header, line, problem)
                continue
            entry = _entry(row, line, header, positions, problem)
            if entry is None:
                continue
            if entry.key in seen:
                problem(line, f"id '{terminal(entry.learner_id)}' is already on line "
                        f"{seen[entry.key]} (ids are compared ignoring case)",
                        "give each learner their own id")
                continue
            seen[entry.key] = line
            entries.append(entry)
    except csv.Error as error:
        problem(reader.line_num, f"not readable as CSV ({error})",
                "check the quotes on this line, or " + SAVE_AS_UTF8)
    if header is None:
        problem(1, "the file is empty", "put a header row (id,name,group) and one row per "
                "learner")
    elif not entries and not problems:
        problem(header_line, "no learners below the header row", "add one row per learner")
    if problems:
        raise RosterError(problems)
    return RosterFile(entries, encoding, tuple(ignored))


def _decode(data: bytes, label: str) -> tuple[str, str]:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise RosterError([f"{label}: UTF-16 text (Excel's \"Unicode text\") — {SAVE_AS_UTF8}"])
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError as error:
        utf8_error = error
    try:
        return data.decode("gbk"), "GBK"
    except UnicodeDecodeError:
        pass
    line = data[:utf8_error.start].count(b"\n") + 1
    raise RosterError([f"{label}:{line}: not UTF-8 text (byte 0x{data[utf8_error.start]:02x}) "
                       f"— {SAVE_AS_UTF8}"])


def _columns(header: list[str], line: int, problem) -> tuple[dict[str, int], list[str]]:
    positions: dict[str, int] = {}
    ignored: list[str] = []
    for index, cell in enumerate(header):
        column = next((name for name, words in COLUMNS.items() if cell.casefold() in words), None)
        if column is None:
            if cell:
                ignored.append(cell)
            continue
        if column in positions:
            problem(line, f"two {column} columns ('{terminal(header[positions[column]])}' and "
                    f"'{terminal(cell)}')", "keep one of them")
            continue
        positions[column] = index
    for column in ("id", "name"):
        if column not in positions:
            named = ", ".join(terminal(c) for c in header if c) or "nothing"
            problem(line, f"no {column} column (the header row names: {named})",
                    "name the columns id, name and optionally group (or 工号, 姓名, 分组)")
    return positions, ignored


def _entry(row: list[str], line: int, header: list[str], positions: dict[str, int],
           problem) -> RosterEntry | None:
    if len(positions) < 2 or "id" not in positions or "name" not in positions:
        return None  # the header's problem is already reported
    extra = [cell for cell in row[len(header):] if cell.strip()]
    if extra:
        problem(line, f"{len(row)} cells but the header has {len(header)} columns",
                "a name or group with a comma must be in double quotes")
        return None

    def cell(column: str) -> str:
        index = positions.get(column)
        return row[index].strip() if index is not None and index < len(row) else ""

    learner_id, name, group = cell("id"), cell("name"), cell("group")
    if not learner_id:
        problem(line, "no id", "every learner needs the staff id they type on quiz pages")
        return None
    ok = True
    for column, value in (("id", learner_id), ("name", name), ("group", group)):
        if len(value) > MAX_LENGTH:
            problem(line, f"the {column} is longer than {MAX_LENGTH} characters",
                    "shorten it")
            ok = False
        elif terminal(value) != value:
            problem(line, f"the {column} '{terminal(value)}' contains a control character",
                    "remove it (copying from another program can bring one along)")
            ok = False
    if not name:
        problem(line, f"no name for '{terminal(learner_id)}'", "the name is printed on "
                "certificates; fill it in")
        ok = False
    if not ok:
        return None
    return RosterEntry(learner_id, name, group or None)
