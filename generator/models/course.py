"""The course, its sections and its lessons, as authors write them in `content/`."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, Field, WithJsonSchema, model_validator

from ..languagetags import TAG_PATTERN, canonical
from .common import Date, Identifier, Markdown, Model, Source, Text, Title

# A language tag as BCP 47 writes it (zh, en, pt-BR), in any case and with `-` or `_` (en_us),
# kept in BCP 47's usual case (en-US); `course check` asks for one the interface has strings for
# by the tag or its base language (checks/site.py), so that adding a language is adding one file.
LanguageTag = Annotated[str, Field(pattern=TAG_PATTERN), AfterValidator(canonical)]


class Section(Model):
    """One part of the course; its lessons live in `content/<id>/`."""

    id: Identifier = Field(description="Folder name of the section's lessons, e.g. rules.")
    title: Title = Field(description="Section title shown in the navigation, e.g. 平台规则.")
    description: Markdown | None = Field(None, description="Introduction on the section page.")


class Course(Model):
    """`content/course.yml`: the course as a whole."""

    title: Title
    language: LanguageTag = Field(
        "zh", description="Language of the course and of everything around it (the site's "
                          "interface, search, handbook, report, certificates): a language tag, "
                          "e.g. zh, en or en-US, with a strings file for the tag or its base "
                          "language, in the course's locales/ folder or the package's.",
        examples=["zh", "en"])
    audience: Markdown = Field(description="Who the course is for.")
    description: Markdown | None = Field(None, description="One paragraph under the title.")
    intro: Markdown | None = Field(None, description="More text for the front page.")
    sections: list[Section] = Field(min_length=1, description="Sections in the order taught.")


class Checklist(Model):
    """A list of things to tick off, rendered as check boxes."""

    title: Text
    items: list[Text] = Field(min_length=1)


class DoDont(Model):
    """What to do and what not to do, shown side by side."""

    title: Text | None = None
    do: list[Text] = Field(min_length=1)
    dont: list[Text] = Field(min_length=1)


SPEAKERS = ("buyer", "agent", "note")


class DialogueLine(Model):
    """One turn: `- buyer: 你好` or `- agent: 您好` (or `- note:` for narration)."""

    speaker: Literal["buyer", "agent", "note"]
    text: Text

    @model_validator(mode="before")
    @classmethod
    def _from_single_key(cls, value):
        # Authors write a one-key mapping; it reads like a script.
        if isinstance(value, dict) and "speaker" not in value:
            keys = list(value)
            if len(keys) != 1 or keys[0] not in SPEAKERS:
                raise ValueError(
                    f"a dialogue line must have exactly one key, buyer, agent or note, "
                    f"but has {', '.join(map(str, keys)) or 'none'} — write it as `- buyer: 你好`"
                )
            return {"speaker": keys[0], "text": value[keys[0]]}
        return value


# Editors see the form authors write (`- buyer: 你好`), not the internal speaker/text pair.
AuthoredLine = Annotated[DialogueLine, WithJsonSchema({
    "description": "One turn: `- buyer: ...`, `- agent: ...` or `- note: ...`.",
    "oneOf": [
        {"type": "object", "properties": {speaker: {"type": "string", "minLength": 1}},
         "required": [speaker], "additionalProperties": False}
        for speaker in SPEAKERS
    ],
})]


class Dialogue(Model):
    """An example conversation between 买家 and 客服."""

    title: Text
    situation: Markdown | None = Field(None, description="What happened before the chat.")
    lines: list[AuthoredLine] = Field(min_length=2)
    takeaway: Markdown | None = Field(None, description="Why this conversation works.")


class Mistake(Model):
    """A mistake agents make, why it hurts, and what to do instead."""

    mistake: Text
    why: Markdown | None = None
    instead: Markdown


class Lesson(Model):
    """`content/<section>/<id>.yml`: one lesson."""

    id: Identifier
    title: Title
    order: int = Field(0, description="Position within the section (smaller first).")
    description: Text | None = Field(None, description="One line shown in lists of lessons.")
    minutes: int | None = Field(None, ge=1, le=600, description="Reading time in minutes.")
    objectives: list[Text] = Field(min_length=1, description="What the learner can do after it.")
    body: Markdown = Field(description="The lesson text (Markdown, headings from ##).")
    key_points: list[Markdown] = Field(default_factory=list)
    checklists: list[Checklist] = Field(default_factory=list)
    do_dont: DoDont | None = None
    dialogues: list[Dialogue] = Field(default_factory=list)
    mistakes: list[Mistake] = Field(default_factory=list)
    summary: Markdown
    sources: list[Source] = Field(default_factory=list)
    reviewed_on: Date = Field(description="When the lesson was last checked against the rules.")
