"""A lesson as a Markdown page: every block in a fixed, predictable place."""

from __future__ import annotations

import html

from .. import pagepaths
from ..catalogue import strings
from ..loaded import LessonEntry, LoadedCourse
from ..markup import TextRenderer, strong
from ..outline import heading_line, headings_by_key, lesson_outline


def render_lesson(loaded: LoadedCourse, entry: LessonEntry) -> str:
    lesson, section = entry.lesson, entry.section
    t = strings(loaded.course.language)["site"]
    text = TextRenderer(loaded, pagepaths.lesson(section.id, lesson.id))
    headings = headings_by_key(lesson_outline(lesson, t))

    def heading(key) -> str:
        return heading_line(headings[key], text)

    out: list[str] = [heading("title"), ""]

    meta = [html.escape(section.title)]
    if lesson.minutes:
        meta.append(t["minutes"].format(n=lesson.minutes))
    meta.append(t["reviewed_short"].format(date=lesson.reviewed_on))
    out += [f'<p class="course-meta" data-lesson="{lesson.id}">{" · ".join(meta)}</p>', ""]

    out += [heading("objectives"), ""]
    out += [f"- {text.inline(item)}" for item in lesson.objectives]
    out += ["", text.markdown(lesson.body).strip(), ""]

    if lesson.key_points:
        out += [heading("key_points"), "", '<div class="course-keypoints" markdown>', ""]
        out += [f"- {text.inline(item)}" for item in lesson.key_points]
        out += ["", "</div>", ""]

    if lesson.checklists:
        out += [heading("checklists"), ""]
        for index, checklist in enumerate(lesson.checklists):
            out += [heading(("checklist", index)), "",
                    '<div class="course-checklist" markdown>', ""]
            # A plain list; course.css draws the boxes. Check boxes that cannot be ticked would be
            # form controls without a name to a screen reader (axe: label).
            out += [f"- {text.inline(item)}" for item in checklist.items]
            out += ["", "</div>", ""]

    if lesson.do_dont:
        pair = lesson.do_dont
        out += [heading("do_dont"), ""]
        out += ['<div class="course-dodont" markdown>', ""]
        for kind, items, mark in (("do", pair.do, "✔"), ("dont", pair.dont, "✘")):
            out += [f'<div class="course-{kind}" markdown>', "",
                    f'<p class="course-dodont-title"><span aria-hidden="true">{mark}</span> '
                    f'{t[kind]}</p>', ""]
            out += [f"- {text.inline(item)}" for item in items]
            out += ["", "</div>", ""]
        out += ["</div>", ""]

    if lesson.dialogues:
        out += [heading("dialogues"), ""]
        for index, dialogue in enumerate(lesson.dialogues):
            out += [heading(("dialogue", index)), ""] + _dialogue(dialogue, t, text)

    if lesson.mistakes:
        out += [heading("mistakes"), ""]
        for mistake in lesson.mistakes:
            out += _mistake(mistake, t, text)

    out += [heading("summary"), "", text.markdown(lesson.summary).strip(), ""]
    out += [heading("sources"), ""] + _sources(lesson, t, text)
    return "\n".join(out)


def _labelled(label: str, markdown: str, t: dict, text: TextRenderer) -> str:
    """Author Markdown after a bold label and the language's colon: `**Situation:** …`."""
    return strong(t[label] + t["colon"]) + text.markdown(markdown).strip()


def _dialogue(dialogue, t: dict, text: TextRenderer) -> list[str]:
    out = []
    if dialogue.situation:
        out += ['<div class="course-situation" markdown>', "",
                _labelled("situation", dialogue.situation, t, text), "", "</div>", ""]
    out += [f'<div class="course-dialogue" role="list" aria-label="'
            f'{html.escape(text.plain(dialogue.title))}" markdown>', ""]
    for line in dialogue.lines:
        out += [f'<div class="course-turn course-turn--{line.speaker}" role="listitem" '
                f'markdown>', "",
                f'<span class="course-speaker">{t[line.speaker]}</span>', "",
                text.markdown(line.text).strip(), "", "</div>", ""]
    out += ["</div>", ""]
    if dialogue.takeaway:
        out += ['<div class="course-takeaway" markdown>', "",
                _labelled("takeaway", dialogue.takeaway, t, text), "", "</div>", ""]
    return out


def _mistake(mistake, t: dict, text: TextRenderer) -> list[str]:
    out = ['<div class="course-mistake" markdown>', "",
           f'<p class="course-mistake-title"><span aria-hidden="true">✘</span> '
           f'{text.plain(mistake.mistake)}</p>', ""]
    if mistake.why:
        out += [_labelled("why", mistake.why, t, text), ""]
    return out + [_labelled("instead", mistake.instead, t, text), "", "</div>", ""]


def _sources(lesson, t: dict, text: TextRenderer) -> list[str]:
    """The numbered sources and the review date."""
    out = ['<div class="course-sources" markdown>', ""]
    for index, source in enumerate(lesson.sources, 1):
        title = text.inline(source.title)
        if source.url:
            title = f"[{title}]({source.url})"
        extra = []
        if source.date:
            extra.append(source.date.isoformat())
        if source.note:
            extra.append(text.inline(source.note))
        out.append(f"{index}. {title}" + (f" — {t['separator'].join(extra)}" if extra else ""))
    reviewed = html.escape(t["reviewed_on"].format(date=lesson.reviewed_on))
    return out + ["", f'<p class="course-reviewed">{reviewed}</p>', "", "</div>", ""]
