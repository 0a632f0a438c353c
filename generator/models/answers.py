"""The answer file a learner downloads from a quiz page and a trainer grades.

Written by `assets/quiz.js` ("download my answers"), read by the grader. Format 2
(`course-answers/2`) is what pages write; format 1 files, from pages built before it, are still
read. Its JSON Schema is generated from these models and shipped as
`generator/schemas/answers.schema.json`; README, "Answer files", says where every value comes
from.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, RootModel, StrictBool, StrictStr, model_validator

FORMAT = "course-answers/2"
FORMAT_1 = "course-answers/1"
FORMATS = (FORMAT, FORMAT_1)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class Learner(_Strict):
    """Format 2: the staff id (on pages that ask for id and code) and/or the name typed."""

    id: Annotated[str, Field(min_length=1, max_length=100)] | None = Field(
        None, description="Staff id as typed; with a roster, who the learner is.")
    name: Annotated[str, Field(min_length=1, max_length=100)] | None = Field(
        None, description="Name as typed; with a roster, the roster's name is used instead.")

    @model_validator(mode="after")
    def _id_or_name(self):
        if self.id is None and self.name is None:
            raise ValueError("give the learner's id or name")
        return self


class LearnerV1(_Strict):
    name: Annotated[str, Field(min_length=1, max_length=100)] = Field(
        description="Name or staff id the learner typed, shown as written (escaped) in reports.")
    id: Annotated[str, Field(max_length=100)] | None = Field(
        None, description="Optional staff or account id.")


AnswerValue = Union[
    StrictBool,  # true_false
    StrictStr,  # single: an option id
    list[StrictStr],  # multiple: option ids · ordering: step ids in order · scenario: choice ids
    None,  # not answered
]


class Answer(_Strict):
    question: Annotated[str, Field(min_length=1, max_length=64)]
    answer: AnswerValue = Field(description="single: option id; multiple: option ids; "
                                            "true_false: true/false; ordering: step ids in the "
                                            "learner's order; scenario: choice ids along the path; "
                                            "null: not answered (an untouched ordering too).")
    answered_at: datetime.datetime | None = None


Seed = Annotated[int, Field(ge=0, le=4294967295)]


class AnswerFile2(_Strict):
    format: Literal["course-answers/2"] = Field(description="Format name and version.")
    course: str = Field(description="Course title, for people reading the file.")
    quiz: Annotated[str, Field(min_length=1, max_length=64)] = Field(description="Quiz id.")
    quiz_version: Annotated[str, Field(min_length=1, max_length=64)] = Field(
        description="Content hash of the quiz the learner took; the grader looks it up in the "
                    "course's registry of published versions.")
    learner: Learner
    attempt: Annotated[int, Field(ge=1, le=1000)] = Field(
        description="Which attempt at this quiz, counted by the page from 1.")
    seed: Seed = Field(description="Seed of the learner's paper and order: derived from id, "
                                   "quiz version and attempt where the page asks for id and "
                                   "code, else random.")
    started_at: datetime.datetime
    submitted_at: datetime.datetime
    answers: list[Answer] = Field(max_length=1000)
    page_score: Annotated[float, Field(ge=0, le=1)] | None = Field(
        None, description="Score the practice page showed (absent in assessment mode). "
                          "Informational, and not signed: the grader computes its own.")
    signature: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")] | None = Field(
        None, description="HMAC-SHA256 of the canonical content, keyed by the access code, "
                          "on pages that ask for one.")

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True,
                              json_schema_extra={"title": "Course answer file, format 2"})


class AnswerFile1(_Strict):
    format: Literal["course-answers/1"] = Field(description="Format name and version.")
    course: str = Field(description="Course title, for people reading the file.")
    quiz: Annotated[str, Field(min_length=1, max_length=64)] = Field(description="Quiz id.")
    quiz_version: Annotated[str, Field(min_length=1, max_length=64)] = Field(
        description="Content hash of the quiz the learner saw.")
    question_versions: dict[str, str] = Field(
        description="Ignored: the grader takes question hashes from the registry.")
    learner: LearnerV1
    seed: Seed = Field(description="Seed of the learner's shuffle.")
    started_at: datetime.datetime
    submitted_at: datetime.datetime
    answers: list[Answer] = Field(max_length=1000)
    page_score: Annotated[float, Field(ge=0, le=1)] | None = Field(
        None, description="Score the practice page showed. Informational.")

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True,
                              json_schema_extra={"title": "Course answer file, format 1"})


class AnswerFile(RootModel):
    """Either format, told apart by `format`. Read files with AnswerFile.model_validate_json:
    strict mode then still takes ISO dates."""

    root: Annotated[Union[AnswerFile2, AnswerFile1], Field(discriminator="format")]
    model_config = ConfigDict(json_schema_extra={"title": "Course answer file"})
