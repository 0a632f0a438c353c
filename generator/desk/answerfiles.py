"""Read one answer file: bytes in, validated data out, or one line saying what is wrong.

`AnswerFile` (generator/models/answers.py) defines the formats. Grading thousands of files, we
decode with `answerdata`, the same formats as msgspec Structs: it validates while it parses, in
C. Only when a file fails do we ask AnswerFile itself, so the message is the definition's, turned
into a sentence a trainer can act on (`learner.name: expected text, got a number`). A test keeps
the two accepting the same files.

The file is also kept as written (times as the text the page wrote): what the signature and
the attempt's identity are computed from (`integrity/canonical.py`). A file without a backslash
(no escapes: nearly every file) is kept as `written.Written`, whose canonical bytes msgspec
writes without sorting anything; any other file as parsed JSON, the long way. It is refused when
an object names a key twice (readers disagree on which value wins, so a signature over one
reading could "cover" another), or holds a NUL character (PostgreSQL cannot store it) or half of
a surrogate pair (not text).
"""

from __future__ import annotations

import codecs
import hashlib
import json
import os
import re
import stat
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import msgspec
from pydantic import ValidationError

from ..errors import format_key_path
from ..integrity.canonical import DuplicateKey, attempt_hash, canonical_bytes, loads_unique
from ..models.answers import FORMAT, FORMAT_1, FORMATS, AnswerFile
from ..valuekinds import kind_of
from . import answerdata, written
from .answerdata import AnswerData1, AnswerData2
from .escape import terminal

# A 50-question answer file is about 10 KB; 1 MB leaves room for 1,000 long answers and refuses
# a video or an archive sent by mistake before it is read into memory.
MAX_FILE_BYTES = 1024 * 1024


class BadAnswerFile(Exception):
    """An answer file that cannot be graded, with every problem found: `problems` are the lines
    a trainer reads after `file: `, one each; `message` is them joined by newlines (each
    problem is one line: values in it are escaped by one_line)."""

    def __init__(self, *problems: str):
        if not problems:
            raise ValueError("BadAnswerFile needs at least one problem")
        self.problems = problems
        self.message = "\n".join(problems)
        super().__init__(self.message)


def read_bytes(path: Path) -> bytes:
    """The file's bytes, refusing by size before reading a large file into memory, and refusing
    anything but a regular file (a named pipe would block the grader until someone writes)."""
    # Plain os calls: half the time of a Python file object, and this runs once per answer file.
    # O_NONBLOCK: opening a named pipe returns at once instead of waiting for a writer; for a
    # regular file it changes nothing.
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise BadAnswerFile("no such file") from None
    except OSError as error:
        raise _unreadable(error) from None
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            raise BadAnswerFile(not_a_file(status.st_mode))
        size = status.st_size
        if size > MAX_FILE_BYTES:
            raise BadAnswerFile(_too_large(size))
        # Ask for one byte more than fstat() said (asking for the whole limit would allocate
        # 1 MB per file); if the file grew since, read on, up to one byte past the limit.
        data = os.read(fd, size + 1)
        while size < len(data) <= MAX_FILE_BYTES:
            more = os.read(fd, MAX_FILE_BYTES + 1 - len(data))
            if not more:
                break
            data += more
    except OSError as error:
        raise _unreadable(error) from None
    finally:
        os.close(fd)
    if len(data) > MAX_FILE_BYTES:
        raise BadAnswerFile(_too_large(len(data)))
    return data


def _unreadable(error: OSError) -> BadAnswerFile:
    if isinstance(error, IsADirectoryError):
        return BadAnswerFile("is a folder, not a file")
    return BadAnswerFile(f"cannot read file: {error.strerror or error}")


_KINDS = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a device"),
          (stat.S_ISBLK, "a device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder"))


def not_a_file(mode: int) -> str:
    """Why an entry that is not a regular file is not graded."""
    if stat.S_ISDIR(mode):
        return "is a folder, not a file"
    kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
    return f"is {kind}, not a file; answer files are regular files"


@dataclass(frozen=True)
class ParsedFile:
    """A valid answer file: its data (validated, times as datetimes), the file as written (what
    the signature covers) and the attempt's identity."""

    data: AnswerData2 | AnswerData1
    # The file as written: `written.Written`, or the parsed JSON where the file took the long
    # way (see parse).
    as_written: written.Written | dict
    attempt_hash: str

    @property
    def format(self) -> int:
        return 2 if isinstance(self.data, AnswerData2) else 1

    @cached_property
    def document(self) -> dict:
        """The file as parsed JSON (times as the text the page wrote)."""
        if isinstance(self.as_written, dict):
            return self.as_written
        return written.as_dict(self.as_written)

    def signed_content(self) -> bytes:
        """The bytes the file's signature covers (integrity/canonical.py)."""
        if isinstance(self.as_written, dict):
            return canonical_bytes(self.as_written)
        return written.canonical(self.as_written, signed_only=True)


_ESCAPED_SURROGATE = re.compile(rb"\\u[dD][89abcdefABCDEF]")
_ESCAPED_UNSTORABLE = re.compile(rb"\\u(?:0000|[dD][89abcdefABCDEF])")
_JSON_WHITESPACE = b" \t\n\r"


def parse(data: bytes) -> ParsedFile:
    """Validate an answer file's bytes; raise BadAnswerFile naming the first problem."""
    if data.startswith(codecs.BOM_UTF8):  # Notepad adds one when a trainer re-saves the file
        data = data[len(codecs.BOM_UTF8):]
    try:
        valid = answerdata.decode(data)
    except answerdata.NOT_TAKEN:
        valid = _by_the_definition(data)
    if b"\\" not in data:
        quick = _as_written(data)
        if quick is not None:
            return ParsedFile(valid, *quick)
    document = _document(data)
    # Raw control characters are not valid JSON: a NUL or a surrogate can only come escaped.
    if _ESCAPED_UNSTORABLE.search(data):
        _refuse_unstorable_text(document, "")
    return ParsedFile(valid, document, attempt_hash(document))


def _as_written(data: bytes) -> tuple[written.Written, str] | None:
    """The file as written and the attempt's identity, for a file without a backslash; None
    when it may name a key twice (then the long way says where).

    Without a backslash the file has no escape, so every `"` in it opens or closes a string (a
    `"` inside text is written `\\"` or `\\u0022`), its strings hold no `"`, NUL or surrogate,
    and the canonical bytes hold exactly two `"` per string too. The canonical content has every
    string of the file (keys included) but those of an earlier member whose key came again:
    msgspec keeps the last, the earlier key and its value are dropped. So the two have as many
    `"` exactly when no object names a key twice.
    """
    try:
        as_written = written.decode(data)
    except (msgspec.MsgspecError, RecursionError):  # pragma: no cover - validated already
        return None
    whole = written.canonical(as_written)
    if data.count(b'"') != whole.count(b'"'):
        return None
    return as_written, hashlib.sha256(whole).hexdigest()


def _by_the_definition(data: bytes) -> AnswerData2 | AnswerData1:
    """A file the fast schema refused, read by the definition: its message, or its data where
    the definition accepts it (it takes a few more spellings of a time)."""
    try:
        model = AnswerFile.model_validate_json(data)
    except ValidationError as error:
        raise BadAnswerFile(*describe_all(error, data)) from None
    try:
        return answerdata.from_definition(model.root.model_dump(exclude_unset=True))
    except msgspec.ValidationError as error:  # pragma: no cover - the two schemas agree
        raise BadAnswerFile(one_line(str(error))) from None


def _document(data: bytes) -> dict:
    """The file as parsed JSON, refusing a key named twice in one object.

    JSON readers disagree on which of two values wins (Python and JavaScript keep the last,
    others the first), so a signature over one reading could "cover" another. msgspec keeps the
    last without a word, so we count: every key of the file ends in `"` and `:`, with only
    white space between, so the file has at least as many `":` (white space taken out) as its
    objects have keys; a valid file's objects are the file, its learner, its answers (and a
    format-1 file's question_versions). The same number: no key twice. More (a `\\":` inside
    some text can add one, and an object given as an answer, which the grader refuses, adds
    its keys): the standard library's parser looks at every object.
    """
    document = _GENERIC.decode(data)
    found = data.translate(None, _JSON_WHITESPACE).count(b'":')
    if found > _keys(document):
        try:
            loads_unique(data)
        except DuplicateKey as error:
            where = f"{terminal(error.where)}: " if error.where else ""
            raise BadAnswerFile(f"{where}key {quote(error.key)} appears twice; a field may "
                                "appear only once (programs disagree on which one counts)"
                                ) from None
    return document


def _keys(document: dict) -> int:
    """How many keys the objects of a valid answer file hold."""
    return (len(document) + len(document["learner"]) + len(document.get("question_versions", ()))
            + sum(map(len, document["answers"])))


_GENERIC = msgspec.json.Decoder()


def _refuse_unstorable_text(value, where: str) -> None:
    if isinstance(value, str):
        if "\x00" in value:
            raise BadAnswerFile(f"{where or 'the file'}: contains a NUL character (\\u0000), "
                                "which is not text")
        if any(0xD800 <= ord(c) <= 0xDFFF for c in value):
            raise BadAnswerFile(f"{where or 'the file'}: contains half of a surrogate pair "
                                "(\\ud800-\\udfff), which is not text")
    elif isinstance(value, dict):
        for key, item in value.items():
            path = f"{where}.{terminal(key)}" if where else terminal(key)
            _refuse_unstorable_text(key, path)
            _refuse_unstorable_text(item, path)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _refuse_unstorable_text(item, f"{where}[{index}]")


def is_answer_value(value) -> bool:
    """AnswerFile's answer types: true/false, an id, a list of ids, or null (unanswered)."""
    return (value is None or isinstance(value, (bool, str))
            or (isinstance(value, list) and all(isinstance(v, str) for v in value)))


# How to fix a file whose fields are wrong: the page writes every field right, so a wrong one
# was edited by hand or made by another program.
FROM_THE_PAGE = "ask the learner for the file as the quiz page saved it"
NOT_ANSWERS = ("grade the files quiz pages save (\"Download my answers\"); `course answers "
               "template QUIZ` writes a valid one")


def describe(error: ValidationError, data: bytes) -> str:
    """Every problem of a failed validation, one line each, joined by newlines."""
    return "\n".join(describe_all(error, data))


def describe_all(error: ValidationError, data: bytes) -> list[str]:
    """One line for each problem of a failed validation, `where: what — how to fix`, in the
    order of the model's fields; a file that is not an answer file at all is one line."""
    problems = _problems(error)
    first = problems[0]
    if first[0] == "json":
        return [_describe_json(first[1], data)]
    where, what = first
    if not where and what.startswith("expected a JSON object"):
        return [f"not an answer file: {what} — {NOT_ANSWERS}"]
    if (where == "format" and what == "missing") or what == "no format":
        return [f'not an answer file: no "format": "{FORMAT}" in it — {NOT_ANSWERS}']
    return [f"{where}: {what} — {_fix(what)}" for where, what in problems]


def _fix(what: str) -> str:
    if what == "unknown field":
        return f"remove it (README, \"Answer files\", lists the fields), or {FROM_THE_PAGE}"
    return FROM_THE_PAGE


def _describe_json(detail: str, data: bytes) -> str:
    if not data.strip():
        return "file is empty"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "not UTF-8: the file is UTF-16 text; save it as UTF-8"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        return (f"not UTF-8: byte 0x{data[error.start]:02x} at offset {error.start} is not UTF-8 "
                "text; save the file as UTF-8")
    if detail.startswith("recursion limit exceeded"):
        return f"not an answer file: JSON nested too deeply — {NOT_ANSWERS}"
    if "escape" in detail and _ESCAPED_SURROGATE.search(data):
        where = detail[detail.rindex(" at line "):] if " at line " in detail else ""
        return f"not JSON: half of a surrogate pair (\\ud800-\\udfff){where}, which is not text"
    return f"not JSON: {detail}"


def _problems(error: ValidationError) -> list[tuple[str, str]]:
    """(where, what) for each distinct problem, in the order of the model's fields."""
    found: dict[str, str] = {}
    for item in error.errors(include_url=False):
        kind = item["type"]
        if kind == "json_invalid":
            return [("json", str(item.get("ctx", {}).get("error", item["msg"])))]
        loc = _strip_union_tags(item["loc"])
        if loc and loc[0] in FORMATS:  # the format's member of the union: not a place
            loc = loc[1:]
        if kind == "union_tag_invalid":
            loc = ("format",)
        where = terminal(format_key_path(loc))
        if where in found:  # a union reports one error per member: keep the first, reworded
            continue
        found[where] = _what(item, loc)
    return list(found.items())


# The members of AnswerValue, as pydantic names them in error locations.
_UNION_TAGS = {"bool", "str", "list[str]", "none"}


def _strip_union_tags(loc: tuple) -> tuple:
    for index, part in enumerate(loc):
        if part in _UNION_TAGS and index > 0 and loc[index - 1] == "answer":
            return loc[:index]
    return loc


def _what(item: dict, loc: tuple) -> str:
    kind = item["type"]
    value = item.get("input")
    ctx = item.get("ctx") or {}
    if loc and loc[-1] == "answer" and kind in ("bool_type", "string_type", "list_type"):
        return f"expected true/false, an id or a list of ids, got {kind_of(value)}"
    if kind == "missing":
        return "missing"
    if kind == "extra_forbidden":
        return "unknown field"
    if kind == "model_type" or kind == "dict_type":
        if not loc:
            return f"expected a JSON object, got {kind_of(value)}"
        return f"expected an object, got {kind_of(value)}"
    if kind == "string_type":
        return f"expected text, got {kind_of(value)}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"expected a whole number, got {kind_of(value)}"
    if kind in ("float_type", "float_parsing"):
        return f"expected a number, got {kind_of(value)}"
    if kind == "bool_type":
        return f"expected true or false, got {kind_of(value)}"
    if kind == "list_type":
        return f"expected a list, got {kind_of(value)}"
    if kind == "literal_error":
        return f"expected {json.dumps(FORMAT)}, got {quote(value)}"
    if kind == "union_tag_invalid":
        return (f"expected {json.dumps(FORMAT)} (or the older {json.dumps(FORMAT_1)}), got "
                f"{quote(ctx.get('tag'))}")
    if kind == "union_tag_not_found":
        return "no format"
    if kind == "value_error" and loc == ("learner",):
        return "give the learner's id or name"
    if kind == "string_pattern_mismatch" and loc == ("signature",):
        return "expected 64 hex digits (0-9, a-f)"
    if kind.startswith(("datetime_", "date_")):
        return f"expected a date and time such as 2025-03-01T09:30:00Z, got {quote(value)}"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_too_long":
        return f"longer than {ctx.get('max_length')} characters"
    if kind == "too_long":
        return f"more than {ctx.get('max_length')} items"
    if kind == "greater_than_equal":
        return f"must be at least {ctx.get('ge')}, got {quote(value)}"
    if kind == "less_than_equal":
        return f"must be at most {ctx.get('le')}, got {quote(value)}"
    message = str(item["msg"])
    return message[:1].lower() + message[1:]


def quote(value, limit: int = 40) -> str:
    """A value as JSON, shortened, on one line (a message must never span lines)."""
    text = json.dumps(value, ensure_ascii=False, default=str)
    if len(text) > limit:
        text = text[:limit - 1] + "…"
    return one_line(text)


def one_line(text: str) -> str:
    """Control characters (newlines, terminal escapes, bidi controls) shown as escapes: output
    stays one line and means what it shows (see escape.py)."""
    return terminal(text)


def _too_large(size: int) -> str:
    return (f"file is {size / 1024 / 1024:.1f} MB; an answer file is at most "
            f"{MAX_FILE_BYTES // 1024 // 1024} MB")
