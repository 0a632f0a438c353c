"""The headings of a lesson page, from the lesson model: what `render.lesson` writes as headings,
and where `course check` reads the anchors a `lesson:ID#anchor` link may point at.

A lesson page has fixed headings (the title, 学习目标, 要点, … with checklist and dialogue titles
under theirs) and, between them, author Markdown that may hold headings of its own (`## 小标题`
in the body). `lesson_outline` lists both in page order; `lesson_anchors` turns them into the ids
MkDocs gives those headings, without rendering the rest of the page. A test keeps the anchors
equal to those of the rendered page.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

from .anchors import anchors_in
from .models.course import Lesson


@dataclass(frozen=True)
class Heading:
    level: int
    text: str  # Markdown source: author text, or an interface label when not `author`
    author: bool = True
    key: object = None  # which heading: "objectives", ("checklist", 0), …


@dataclass(frozen=True)
class Prose:
    """Author Markdown written on the page as a block, where a line may be a heading."""

    text: str
    # Written after a bold label ("**情境：** …"): its first line shares the label's line.
    after_label: bool = False


class TextToMarkdown(Protocol):
    """How author text becomes page Markdown (markup.TextRenderer)."""

    def inline(self, text: str | None) -> str: ...

    def markdown(self, text: str | None) -> str: ...


def lesson_outline(lesson: Lesson, labels: Mapping[str, str]) -> list[Heading | Prose]:
    """The lesson page's headings, and the author Markdown between them, in page order."""
    out: list[Heading | Prose] = [Heading(1, lesson.title, key="title"),
                                  Heading(2, labels["objectives"], False, "objectives"),
                                  Prose(lesson.body)]
    if lesson.key_points:
        out.append(Heading(2, labels["key_points"], False, "key_points"))
    if lesson.checklists:
        out.append(Heading(2, labels["checklists"], False, "checklists"))
        out += [Heading(3, checklist.title, key=("checklist", index))
                for index, checklist in enumerate(lesson.checklists)]
    if lesson.do_dont:
        title = lesson.do_dont.title
        out.append(Heading(2, title or labels["do_dont"], bool(title), "do_dont"))
    if lesson.dialogues:
        out.append(Heading(2, labels["dialogues"], False, "dialogues"))
        for index, dialogue in enumerate(lesson.dialogues):
            out.append(Heading(3, dialogue.title, key=("dialogue", index)))
            if dialogue.situation:
                out.append(Prose(dialogue.situation, after_label=True))
            out += [Prose(line.text) for line in dialogue.lines]
            if dialogue.takeaway:
                out.append(Prose(dialogue.takeaway, after_label=True))
    if lesson.mistakes:
        out.append(Heading(2, labels["mistakes"], False, "mistakes"))
        for mistake in lesson.mistakes:
            if mistake.why:
                out.append(Prose(mistake.why, after_label=True))
            out.append(Prose(mistake.instead, after_label=True))
    out += [Heading(2, labels["summary"], False, "summary"), Prose(lesson.summary),
            Heading(2, labels["sources"], False, "sources")]
    return out


def heading_line(heading: Heading, text: TextToMarkdown) -> str:
    """The heading as the page writes it: `## 要点`."""
    words = text.inline(heading.text) if heading.author else heading.text
    return f"{'#' * heading.level} {words}"


def headings_by_key(outline: list[Heading | Prose]) -> dict[object, Heading]:
    return {part.key: part for part in outline if isinstance(part, Heading)}


def lesson_anchors(lesson: Lesson, labels: Mapping[str, str], text: TextToMarkdown) -> list[str]:
    """The ids of the lesson page's headings, in page order."""
    lines: list[str] = []
    for part in lesson_outline(lesson, labels):
        if isinstance(part, Heading):
            lines.append(heading_line(part, text))
        else:
            block = text.markdown(part.text).strip().split("\n")
            lines += block[1:] if part.after_label else block
    return anchors_in("\n".join(lines))
