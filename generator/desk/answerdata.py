"""An answer file as the grader reads it: the formats of `models/answers.py` as msgspec Structs,
decoded and validated in one pass, in C (an answer's value excepted: see AnswerItem).

`models.answers.AnswerFile` (pydantic) is the definition: the JSON Schema is generated from it,
and its errors become the messages a trainer reads. Grading thousands of files, the grader
decodes with these Structs instead: msgspec checks every type and bound while it parses, about
as fast as `json.loads` parses alone. A file they refuse is read again by the definition, for
its message (or, where the definition is more lenient, as in `2026-11-20T08:10Z` without
seconds, its data is taken from the definition). tests/desk/test_answerfiles.py keeps the two
accepting the same files.

Times are datetimes with the offset the file gave; a time without one is naive (taken as UTC).
"""

from __future__ import annotations

import datetime
from typing import Annotated, Any, Optional, Union

import msgspec
from msgspec import Meta, Struct

Id = Annotated[str, Meta(min_length=1, max_length=64)]
Name = Annotated[str, Meta(min_length=1, max_length=100)]
Seed = Annotated[int, Meta(ge=0, le=4294967295)]
PageScore = Annotated[float, Meta(ge=0, le=1)]


class Learner(Struct, forbid_unknown_fields=True):
    """Format 2: the staff id and/or the name typed."""

    id: Optional[Name] = None
    name: Optional[Name] = None

    def __post_init__(self):
        if self.id is None and self.name is None:
            raise ValueError("give the learner's id or name")


class LearnerV1(Struct, forbid_unknown_fields=True):
    name: Name
    id: Optional[Annotated[str, Meta(max_length=100)]] = None


class AnswerItem(Struct, forbid_unknown_fields=True):
    question: Id
    # Any JSON value: the grader checks it against its question and says what that question
    # takes ("expected true or false, got a number"), which the format alone cannot.
    answer: Any
    answered_at: Optional[datetime.datetime] = None


Answers = Annotated[list[AnswerItem], Meta(max_length=1000)]


class AnswerData2(Struct, forbid_unknown_fields=True, tag_field="format",
                  tag="course-answers/2"):
    course: str
    quiz: Id
    quiz_version: Id
    learner: Learner
    attempt: Annotated[int, Meta(ge=1, le=1000)]
    seed: Seed
    started_at: datetime.datetime
    submitted_at: datetime.datetime
    answers: Answers
    page_score: Optional[PageScore] = None
    signature: Optional[Annotated[str, Meta(pattern="^[0-9a-f]{64}$")]] = None


class AnswerData1(Struct, forbid_unknown_fields=True, tag_field="format",
                  tag="course-answers/1"):
    course: str
    quiz: Id
    quiz_version: Id
    question_versions: dict[str, str]
    learner: LearnerV1
    seed: Seed
    started_at: datetime.datetime
    submitted_at: datetime.datetime
    answers: Answers
    page_score: Optional[PageScore] = None


AnswerData = Union[AnswerData2, AnswerData1]
_DECODER = msgspec.json.Decoder(AnswerData)
# What decode raises for a file it does not take: not valid, not JSON, not UTF-8, too deep.
NOT_TAKEN = (msgspec.MsgspecError, UnicodeDecodeError, RecursionError)


def decode(data: bytes) -> AnswerData2 | AnswerData1:
    """The file's data, validated; one of NOT_TAKEN when it is not (the definition then says
    why)."""
    return _DECODER.decode(data)


def from_definition(values: dict) -> AnswerData2 | AnswerData1:
    """The data of a file the definition accepted (its model dumped, dates as datetimes)."""
    return msgspec.convert(values, AnswerData)
