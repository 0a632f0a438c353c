"""Building blocks shared by every course file model."""

from __future__ import annotations

import datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, Strict

from ..yamlsource import Number


def _number_as_text(value):
    # An author who writes `text: 100` or `text: 1.50` means the text they typed, not a number.
    if isinstance(value, Number):
        return value.source
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


class Model(BaseModel):
    """Every course file model refuses unknown keys: a typo must be an error, not ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True, validate_default=False)


Text = Annotated[
    str,
    BeforeValidator(_number_as_text),
    Field(min_length=1, description="Plain text."),
]
def _no_angle_brackets(value: str) -> str:
    # Titles end up in <title> and in navigation, which themes print as raw HTML.
    if "<" in value or ">" in value:
        raise ValueError("a title cannot contain < or > (pages would read it as HTML) — "
                         "write \uff1c \uff1e or \u300a \u300b instead")
    return value


Title = Annotated[
    str,
    BeforeValidator(_number_as_text),
    AfterValidator(_no_angle_brackets),
    Field(min_length=1, description="A title: plain text without < or >."),
]
Markdown = Annotated[
    str,
    BeforeValidator(_number_as_text),
    Field(min_length=1, description="Text in Markdown. Use {{policy.name}} for a policy value "
                                    "and [text](lesson:ID#anchor) to link to a lesson."),
]
Identifier = Annotated[
    str,
    Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=64,
          description="Stable id: lowercase letters, digits and hyphens, e.g. refund-rules."),
]
LessonRef = Annotated[
    str,
    Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*(?:#\S+)?$",
          description="A lesson id, optionally with a heading anchor: refund-rules#完好的标准."),
]
# Only `true` and `false`: the editor's YAML 1.2 schema check agrees, and `yes`/`no` stay text.
Flag = Annotated[bool, Strict()]
Date = Annotated[datetime.date, Field(description="A date written as YYYY-MM-DD.")]


class Source(Model):
    """Where a fact comes from."""

    title: Text = Field(description="Name of the law, rule or page, "
                                    "e.g. 《消费者权益保护法》第二十五条.")
    url: Text | None = Field(None, description="Address of the source, if public.")
    date: Date | None = Field(None, description="Date of the version read (YYYY-MM-DD).")
    note: Text | None = Field(None, description="What the source says, in one line.")
