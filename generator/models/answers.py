"""The answer file a learner downloads from a quiz page and a trainer grades.

Written by `assets/quiz.js` ("download my answers"), read by the grader. Its JSON Schema is
generated from this model and shipped as `generator/schemas/answers.schema.json`.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictStr

FORMAT = "course-answers/1"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class Learner(_Strict):
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
                                            "learner's order; scenario: choice ids along the path.")
    answered_at: datetime.datetime | None = None


class AnswerFile(_Strict):
    format: Literal["course-answers/1"] = Field(description="Format name and version.")
    course: str = Field(description="Course title, for people reading the file.")
    quiz: Annotated[str, Field(min_length=1, max_length=64)] = Field(description="Quiz id.")
    quiz_version: str = Field(description="Content hash of the quiz the learner saw.")
    question_versions: dict[str, str] = Field(
        description="Content hash of each question the learner saw, by question id.")
    learner: Learner
    seed: Annotated[int, Field(ge=0, le=4294967295)] = Field(
        description="Seed of the learner's shuffle, so the order they saw can be replayed.")
    started_at: datetime.datetime
    submitted_at: datetime.datetime
    answers: list[Answer] = Field(max_length=1000)
    page_score: Annotated[float, Field(ge=0, le=1)] | None = Field(
        None, description="Score the practice page showed (absent in assessment mode). "
                          "Informational: the grader computes its own.")

    # Read files with AnswerFile.model_validate_json: strict mode then still takes ISO dates.
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True,
                              json_schema_extra={"title": "Course answer file"})
