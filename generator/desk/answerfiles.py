"""Read one answer file: bytes in, validated data out, or one line saying what is wrong.

`AnswerFile` (generator/models/answers.py) defines the format. Grading thousands of files, we
validate against `AnswerData`, the same schema as TypedDicts, which pydantic-core checks in Rust
without building model objects, and with each answer's value left to the grader, which checks it
against its question anyway (the union of answer types is a third of AnswerFile's cost). Only
when a file fails do we ask AnswerFile itself, so the message is the definition's, turned into a
sentence a trainer can act on (`learner.name: expected text, got a number`). A test keeps the
two schemas equal.
"""

from __future__ import annotations

import codecs
import datetime
import hashlib
import json
import os
from pathlib import Path
from typing import Annotated, Any, Literal, Optional

from pydantic import ConfigDict, Field, TypeAdapter, ValidationError
from typing_extensions import NotRequired, TypedDict  # pydantic needs these on Python < 3.12

from ..errors import format_key_path
from ..models.answers import FORMAT, AnswerFile

# A 50-question answer file is about 10 KB; 1 MB leaves room for 1,000 long answers and refuses
# a video or an archive sent by mistake before it is read into memory.
MAX_FILE_BYTES = 1024 * 1024


class BadAnswerFile(Exception):
    """An answer file that cannot be graded; `message` is the part after `file: `."""

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


def read_bytes(path: Path) -> bytes:
    """The file's bytes, refusing by size before reading a large file into memory."""
    # Plain os calls: half the time of a Python file object, and this runs once per answer file.
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise BadAnswerFile("no such file") from None
    except OSError as error:
        raise _unreadable(error) from None
    try:
        size = os.fstat(fd).st_size
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


def content_hash(data: bytes) -> str:
    """What identifies an attempt: the same file imported twice is one attempt."""
    return hashlib.sha256(data).hexdigest()


_STRICT = ConfigDict(extra="forbid", strict=True)


class LearnerData(TypedDict):
    __pydantic_config__ = _STRICT  # type: ignore[misc]
    name: Annotated[str, Field(min_length=1, max_length=100)]
    id: NotRequired[Optional[Annotated[str, Field(max_length=100)]]]


class AnswerItem(TypedDict):
    __pydantic_config__ = _STRICT  # type: ignore[misc]
    question: Annotated[str, Field(min_length=1, max_length=64)]
    answer: Any  # any JSON value here; see is_answer_value and the grader
    answered_at: NotRequired[Optional[datetime.datetime]]


class AnswerData(TypedDict):
    """AnswerFile's schema as plain dicts (see the module docstring)."""

    __pydantic_config__ = _STRICT  # type: ignore[misc]
    format: Literal["course-answers/1"]
    course: str
    quiz: Annotated[str, Field(min_length=1, max_length=64)]
    quiz_version: str
    question_versions: dict[str, str]
    learner: LearnerData
    seed: Annotated[int, Field(ge=0, le=4294967295)]
    started_at: datetime.datetime
    submitted_at: datetime.datetime
    answers: Annotated[list[AnswerItem], Field(max_length=1000)]
    page_score: NotRequired[Optional[Annotated[float, Field(ge=0, le=1)]]]


_FAST = TypeAdapter(AnswerData)


def parse(data: bytes) -> AnswerData:
    """Validate an answer file's bytes; raise BadAnswerFile naming the first problem."""
    if data.startswith(codecs.BOM_UTF8):  # Notepad adds one when a trainer re-saves the file
        data = data[len(codecs.BOM_UTF8):]
    try:
        return _FAST.validate_json(data)
    except ValidationError:
        pass
    try:
        model = AnswerFile.model_validate_json(data)
    except ValidationError as error:
        raise BadAnswerFile(describe(error, data)) from None
    # The definition accepts what the fast schema refused: trust the definition.
    return model.model_dump()  # type: ignore[return-value]


def is_answer_value(value) -> bool:
    """AnswerFile's answer types: true/false, an id, a list of ids, or null (unanswered)."""
    return (value is None or isinstance(value, (bool, str))
            or (isinstance(value, list) and all(isinstance(v, str) for v in value)))


def describe(error: ValidationError, data: bytes) -> str:
    """One line for a failed validation: the first problem, and how many more there are."""
    problems = _problems(error)
    first = problems[0]
    if first[0] == "json":
        return _describe_json(first[1], data)
    where, what = first
    if not where and what.startswith("expected a JSON object"):
        return f"not an answer file: {what}"
    if where == "format" and what == "missing":
        return f'not an answer file: no "format": "{FORMAT}" in it'
    more = len(problems) - 1
    suffix = f" (and {more} more problem{'s' if more != 1 else ''})" if more else ""
    return f"{where}: {what}{suffix}"


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
        return "not an answer file: JSON nested too deeply"
    return f"not JSON: {detail}"


def _problems(error: ValidationError) -> list[tuple[str, str]]:
    """(where, what) for each distinct problem, in the order of the model's fields."""
    found: dict[str, str] = {}
    for item in error.errors(include_url=False):
        kind = item["type"]
        if kind == "json_invalid":
            return [("json", str(item.get("ctx", {}).get("error", item["msg"])))]
        loc = _strip_union_tags(item["loc"])
        where = format_key_path(loc)
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


def kind_of(value) -> str:
    """What a JSON value is, in words (as the grader says it)."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return "nothing" if value is None else type(value).__name__


def quote(value, limit: int = 40) -> str:
    """A value as JSON, shortened, on one line (a message must never span lines)."""
    text = json.dumps(value, ensure_ascii=False, default=str)
    if len(text) > limit:
        text = text[:limit - 1] + "…"
    return one_line(text)


def one_line(text: str) -> str:
    """Control characters (newlines, terminal escapes) shown as `?`: output stays one line."""
    return "".join("?" if (ord(c) < 32 or 0x7F <= ord(c) < 0xA0 or c in "\u2028\u2029") else c
                   for c in text)


def _too_large(size: int) -> str:
    return (f"file is {size / 1024 / 1024:.1f} MB; an answer file is at most "
            f"{MAX_FILE_BYTES // 1024 // 1024} MB")
