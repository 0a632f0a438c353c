"""The registry of published quiz versions: `published.jsonl` beside mkdocs.yml.

Every build that publishes the course (`course build`, plain `mkdocs build`, `course export`;
never `serve`) records each quiz version it puts in the site, once. The grader believes nothing
an answer file says about versions: it looks the file's `quiz_version` up here, and takes the
hash of every question, the draw and the publication time from this file. The file is meant for
version control: append-only, one JSON object per line, so a merge of two branches keeps both
sides' lines and a diff shows what was published when.

    {"kind": "registry", "format": 1, "salt": "<32 hex>", "created": "2026-11-29T12:00:00Z"}
    {"kind": "quiz", "quiz": "final-assessment", "version": "3f2a9b1c0d7e4a51",
     "questions": {"month-boundary": "9b1c…", …}, "draw": [["rules", 6]],
     "pools": {"rules": ["month-boundary", …]}, "mode": "assessment",
     "published": "2026-11-29T12:00:00Z", "by": "course build"}

`pools` (each drawn pool's question ids in YAML order) is there only when the quiz draws, so the
grader can replay the draw of an older version exactly. The salt makes the opaque ids of
assessment pages (`opaque.py`); it is as secret as the quiz files (the answer keys) beside it.

Appends are one `write` of whole lines on a file opened with O_APPEND, so two builds at once
cannot interleave their lines; the header is created with a hard link from a finished temporary
file, so two first builds cannot both write one. A damaged line is never skipped: reading
reports it (`published.jsonl:LINE: what — how to fix`) and refuses the whole file.
"""

from __future__ import annotations

import datetime
import json
import os
import re
import secrets
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import AuthorError, Problem
from ..fingerprint import question_version, quiz_version
from ..models.quiz import Quiz
from .canonical import DuplicateKey, loads_unique

FORMAT = 1
DEFAULT_NAME = "published.jsonl"
_SALT = re.compile(r"^[0-9a-f]{32}$")
_VERSION = re.compile(r"^[0-9a-f]{16}$")
_MOMENT = "%Y-%m-%dT%H:%M:%SZ"
TORN_READ_RETRIES, TORN_READ_PAUSE = 20, 0.05
_RESTORE = "restore the file from version control (git checkout -- published.jsonl)"


@dataclass(frozen=True)
class Publication:
    """One quiz version as it was published."""

    quiz: str
    version: str
    questions: dict[str, str]  # question id → hash, in YAML order
    draw: tuple[tuple[str, int], ...]
    pools: dict[str, tuple[str, ...]]  # drawn pool → question ids in YAML order
    mode: str
    published: datetime.datetime  # UTC, naive
    by: str
    line: int = 0


@dataclass
class Registry:
    salt: str
    created: datetime.datetime
    label: str = DEFAULT_NAME
    publications: dict[tuple[str, str], Publication] = field(default_factory=dict)

    def find(self, quiz: str, version: str) -> Publication | None:
        return self.publications.get((quiz, version))

    def versions(self, quiz: str) -> list[Publication]:
        return [p for (q, _), p in self.publications.items() if q == quiz]


# Reading ------------------------------------------------------------------------------------

def parse(text: str, label: str = DEFAULT_NAME) -> Registry:
    """The registry in `text`; AuthorError listing every damaged line."""
    problem = _Problems(label)
    problems = problem.found

    if text.startswith("\ufeff"):  # an editor's byte-order mark: harmless, and not ours
        text = text[1:]
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    elif lines:
        problem(len(lines), "the last line has no line end: a write was cut short or an editor "
                "removed it", "add the line end if the line is whole, else " + _RESTORE)
    header: tuple[int, dict] | None = None
    quizzes: list[tuple[int, dict]] = []
    for number, line in enumerate(lines, 1):
        line = line.rstrip("\r")
        if not line.strip():
            continue
        if line.startswith(("<<<<<<<", "=======", ">>>>>>>", "|||||||")):
            problem(number, f"a merge conflict marker ({line[:7]})",
                    "keep the lines of both sides and delete the marker lines")
            continue
        try:
            entry = loads_unique(line)
        except DuplicateKey as error:
            problem(number, f"key '{error.key}' appears twice in this line")
            continue
        except ValueError as error:
            problem(number, f"not a JSON line ({_reason(error)}): the line is damaged")
            continue
        if not isinstance(entry, dict):
            problem(number, "not a JSON object: the line is damaged")
            continue
        kind = entry.get("kind")
        if kind == "registry":
            if header is not None:
                problem(number, f"a second registry header (the first is on line {header[0]})",
                        "two registries were joined; keep the first header and the quiz lines "
                        "made with its salt")
                continue
            if number != _first_line(lines):
                problem(number, "the registry header is not the first line",
                        "move it to the top")
            header = (number, entry)
        elif kind == "quiz":
            quizzes.append((number, entry))
        else:
            problem(number, f"unknown kind {_shown(kind)}: a registry line is "
                    '"kind": "registry" or "kind": "quiz"')
    if header is None:
        if not problems:
            problem(1, "no registry header (the {\"kind\": \"registry\", …} line)")
        raise AuthorError(problems)
    salt, created = _header(header, problem)
    registry = Registry(salt or "", created or datetime.datetime(1970, 1, 1), label)
    for number, entry in quizzes:
        publication = _publication(number, entry, problem)
        if publication is not None:
            key = (publication.quiz, publication.version)
            earlier = registry.publications.get(key)
            # The same version published twice (two branches, merged): the first time counts.
            if earlier is None or publication.published < earlier.published:
                registry.publications[key] = publication
    if problems:
        raise AuthorError(problems)
    return registry


def _first_line(lines: list[str]) -> int:
    return next((n for n, line in enumerate(lines, 1) if line.strip()), 1)


def _header(header: tuple[int, dict], problem) -> tuple[str | None, datetime.datetime | None]:
    number, entry = header
    unknown = set(entry) - {"kind", "format", "salt", "created"}
    if unknown:
        problem(number, f"unknown field {_shown(sorted(unknown)[0])} in the registry header")
    if entry.get("format") != FORMAT:
        if isinstance(entry.get("format"), int) and entry["format"] > FORMAT:
            problem(number, f"registry format {entry['format']} is newer than this version of "
                    "`course` reads", "update the course tool")
        else:
            problem(number, f"registry format must be {FORMAT}, not {_shown(entry.get('format'))}")
    salt = entry.get("salt")
    if not isinstance(salt, str) or not _SALT.match(salt):
        problem(number, "the salt must be 32 lowercase hex digits")
        salt = None
    created = _moment(entry.get("created"))
    if created is None:
        problem(number, f"created must be a time such as 2026-11-29T12:00:00Z, not "
                f"{_shown(entry.get('created'))}")
    return salt, created


_QUIZ_FIELDS = {"kind", "quiz", "version", "questions", "draw", "pools", "mode", "published",
                "by"}


def _publication(number: int, entry: dict, problem) -> Publication | None:
    before = _count(problem)
    unknown = set(entry) - _QUIZ_FIELDS
    if unknown:
        problem(number, f"unknown field {_shown(sorted(unknown)[0])} in a quiz line")
    quiz, version = entry.get("quiz"), entry.get("version")
    if not isinstance(quiz, str) or not quiz:
        problem(number, "a quiz line needs \"quiz\": the quiz id")
    if not isinstance(version, str) or not _VERSION.match(version):
        problem(number, f"version must be 16 hex digits, not {_shown(version)}")
    questions = entry.get("questions")
    if not isinstance(questions, dict) or not questions or not all(
            isinstance(k, str) and isinstance(v, str) and _VERSION.match(v)
            for k, v in questions.items()):
        problem(number, "questions must map each question id to its 16-hex-digit hash")
        questions = {}
    draw = entry.get("draw", [])
    if not isinstance(draw, list) or not all(
            isinstance(d, list) and len(d) == 2 and isinstance(d[0], str)
            and isinstance(d[1], int) and not isinstance(d[1], bool) and d[1] > 0 for d in draw):
        problem(number, 'draw must be a list of [pool, count] pairs, such as [["rules", 6]]')
        draw = []
    pools = entry.get("pools", {})
    if not isinstance(pools, dict) or not all(
            isinstance(ids, list) and all(isinstance(i, str) and i in questions for i in ids)
            for ids in pools.values()):
        problem(number, "pools must map each drawn pool to ids of this line's questions")
        pools = {}
    elif draw and {d[0] for d in draw} - set(pools):
        problem(number, f"pool '{sorted({d[0] for d in draw} - set(pools))[0]}' is drawn but "
                "not listed in pools")
    mode = entry.get("mode")
    if mode not in ("practice", "assessment"):
        problem(number, f"mode must be \"practice\" or \"assessment\", not {_shown(mode)}")
    published = _moment(entry.get("published"))
    if published is None:
        problem(number, f"published must be a time such as 2026-11-29T12:00:00Z, not "
                f"{_shown(entry.get('published'))}")
    by = entry.get("by", "")
    if not isinstance(by, str):
        problem(number, "by must be text (the command that published it)")
    if _count(problem) != before:
        return None
    return Publication(quiz, version, dict(questions), tuple((p, c) for p, c in draw),
                       {p: tuple(ids) for p, ids in pools.items()}, mode, published, by, number)


class _Problems:
    """Collects `published.jsonl:LINE: what — how to fix` problems; call it to add one."""

    def __init__(self, label: str):
        self.label = label
        self.found: list[Problem] = []

    def __call__(self, line: int, what: str, hint: str = _RESTORE) -> None:
        self.found.append(Problem(self.label, line, 1, what, hint))


def _count(problem: _Problems) -> int:
    return len(problem.found)


def _moment(value) -> datetime.datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.datetime.strptime(value, _MOMENT)
    except ValueError:
        return None


def _shown(value) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:39] + "…"


def _reason(error: ValueError) -> str:
    message = str(error)
    if isinstance(error, json.JSONDecodeError):
        where = "column" if error.msg.endswith(" at") else "at column"
        return f"{error.msg} {where} {error.colno}"
    return message.splitlines()[0] if message else type(error).__name__


def read(path: Path, label: str | None = None) -> Registry | None:
    """The registry at `path`, or None when there is none yet."""
    label = label or path.name
    try:
        data = path.read_bytes()
        # Another build may be appending right now: a reader can see part of its line (Linux
        # makes appends atomic between writers, not between a writer and a reader). A line
        # still incomplete after a second was cut short for good, and is reported.
        for _ in range(TORN_READ_RETRIES):
            if not data or data.endswith(b"\n"):
                break
            time.sleep(TORN_READ_PAUSE)
            data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise AuthorError([Problem(label, 0, 0, f"cannot read the registry: "
                                   f"{error.strerror or error}")]) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        raise AuthorError([Problem(label, line, 1,
                                   f"not UTF-8 text (byte 0x{data[error.start]:02x})",
                                   _RESTORE)]) from None
    return parse(text, label)


# Writing ------------------------------------------------------------------------------------

def now() -> datetime.datetime:
    return datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None, microsecond=0)


def header_line(salt: str, created: datetime.datetime) -> str:
    return _line({"kind": "registry", "format": FORMAT, "salt": salt,
                  "created": created.strftime(_MOMENT)})


def publication_entry(quiz: Quiz, *, mode: str, published: datetime.datetime, by: str) -> dict:
    entry = {"kind": "quiz", "quiz": quiz.id, "version": quiz_version(quiz),
             "questions": {q.id: question_version(q) for q in quiz.questions}}
    if quiz.draw:
        entry["draw"] = [[d.pool, d.count] for d in quiz.draw]
        entry["pools"] = {d.pool: [q.id for q in quiz.questions if q.pool == d.pool]
                          for d in quiz.draw}
    entry.update(mode=mode, published=published.strftime(_MOMENT), by=by)
    return entry


def _line(entry: dict) -> str:
    return json.dumps(entry, ensure_ascii=False, separators=(", ", ": ")) + "\n"


def open_or_create(path: Path, label: str | None = None) -> Registry:
    """The registry at `path`; a new one (a fresh salt) when there is none."""
    label = label or path.name
    existing = read(path, label)
    if existing is not None:
        return existing
    created = now()
    text = header_line(secrets.token_hex(16), created)
    path.parent.mkdir(parents=True, exist_ok=True)
    # A finished file linked into place: a second build starting at the same moment either
    # links first or finds this one whole, never half-written.
    fd, scratch = tempfile.mkstemp(prefix=".published-", dir=path.parent)
    try:
        os.write(fd, text.encode("utf-8"))
        os.fsync(fd)
        os.close(fd)
        os.chmod(scratch, 0o644)
        try:
            os.link(scratch, path)
        except FileExistsError:
            pass
    finally:
        os.unlink(scratch)
    registry = read(path, label)
    assert registry is not None
    return registry


def record(path: Path, quizzes: list[tuple[Quiz, str]], by: str,
           label: str | None = None) -> list[Publication]:
    """Append a line for each (quiz, mode) whose version is not in the registry yet; return
    what was added. The registry must exist (`open_or_create`)."""
    label = label or path.name
    registry = read(path, label)
    if registry is None:
        registry = open_or_create(path, label)
    moment = now()
    entries = []
    for quiz, mode in quizzes:
        entry = publication_entry(quiz, mode=mode, published=moment, by=by)
        if registry.find(quiz.id, entry["version"]) is None:
            entries.append(entry)
    if entries:
        append(path, "".join(_line(e) for e in entries))
    checked = _Problems(label)
    added = [_publication(0, e, checked) for e in entries]
    assert not checked.found, checked.found  # our own lines always pass our own check
    return [p for p in added if p is not None]


def append(path: Path, text: str) -> None:
    """Whole lines in one write on an O_APPEND file: concurrent appends never interleave."""
    data = text.encode("utf-8")
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | getattr(os, "O_BINARY", 0))
    try:
        written = os.write(fd, data)
        if written != len(data):  # pragma: no cover - a local file takes a few KB whole
            raise OSError(f"only {written} of {len(data)} bytes written to {path}")
    finally:
        os.close(fd)
