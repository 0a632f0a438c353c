"""The course's other pages: front page, section pages, glossary, policy values, progress."""

from __future__ import annotations

import html

from .. import pagepaths
from ..catalogue import strings
from ..collation import sort_key
from ..loaded import LoadedCourse
from ..markup import TextRenderer
from ..plurals import counted
from .quiz import json_attribute


def render_home(loaded: LoadedCourse) -> str:
    course = loaded.course
    t = strings(course.language)["site"]
    text = TextRenderer(loaded, pagepaths.HOME)
    out = [f"# {text.inline(course.title)}", ""]
    if course.description:
        out += [text.markdown(course.description).strip(), ""]
    out += [f"## {t['audience']}", "", text.markdown(course.audience).strip(), ""]
    out += [f"## {t['path']}", ""]
    total_minutes = sum(e.lesson.minutes or 0 for e in loaded.lessons)
    for number, section in enumerate(course.sections, 1):
        lessons = loaded.lessons_in(section.id)
        link = text.link(pagepaths.section(section.id))
        out.append(f"{number}. **[{text.inline(section.title)}]({link})** — "
                   + counted(t["lesson_count"], course.language, len(lessons)))
        for entry in lessons:
            minutes = (f"{t['lparen']}{t['minutes'].format(n=entry.lesson.minutes)}{t['rparen']}"
                       if entry.lesson.minutes else "")
            out.append(f"    - [{text.inline(entry.lesson.title)}]"
                       f"({text.link(pagepaths.lesson(section.id, entry.lesson.id))}){minutes}")
        for entry in loaded.quizzes_in(section.id):
            link = text.link(pagepaths.quiz(entry.quiz.id))
            out.append(f"    - [{text.inline(entry.quiz.title)}]({link})"
                       f" — {t[entry.quiz.mode]}")
    finals = loaded.quizzes_in(None)
    for entry in finals:
        out.append(f"{len(course.sections) + 1}. **[{text.inline(entry.quiz.title)}]"
                   f"({text.link(pagepaths.quiz(entry.quiz.id))})** — {t[entry.quiz.mode]}")
    out.append("")
    if total_minutes:
        out += [counted(t["total_time"], course.language, total_minutes), ""]
    if loaded.quizzes:
        out += [f"## {t['how_quizzes']}", "", t["how_quizzes_text"], ""]
    if course.intro:
        out += [text.markdown(course.intro).strip(), ""]
    if loaded.lessons:
        first = loaded.lessons[0]
        link = text.link(pagepaths.lesson(first.section.id, first.lesson.id))
        out += [f"[{t['start']}]({link}){{ .md-button .md-button--primary }}", ""]
    return "\n".join(out)


def render_section(loaded: LoadedCourse, section_id: str) -> str:
    section = next(s for s in loaded.course.sections if s.id == section_id)
    t = strings(loaded.course.language)["site"]
    text = TextRenderer(loaded, pagepaths.section(section_id))
    out = [f"# {text.inline(section.title)}", ""]
    if section.description:
        out += [text.markdown(section.description).strip(), ""]
    lessons = loaded.lessons_in(section_id)
    if lessons:
        out += [f"## {t['lessons']}", "", '<div class="grid cards" markdown>', ""]
        for entry in lessons:
            lesson = entry.lesson
            link = text.link(pagepaths.lesson(section_id, lesson.id))
            line = f"-   **[{text.inline(lesson.title)}]({link})**"
            details = [text.inline(lesson.description)] if lesson.description else []
            if lesson.minutes:
                details.append(t["minutes"].format(n=lesson.minutes))
            if details:
                line += "\n\n    " + " · ".join(details)
            out += [line, ""]
        out += ["</div>", ""]
    quizzes = loaded.quizzes_in(section_id)
    if quizzes:
        out += [f"## {t['quizzes']}", ""]
        for entry in quizzes:
            quiz = entry.quiz
            out.append(f"- [{text.inline(quiz.title)}]({text.link(pagepaths.quiz(quiz.id))}) — "
                       f"{t[quiz.mode]} · "
                       + counted(t["questions_count"], loaded.course.language, len(quiz.questions)))
        out.append("")
    return "\n".join(out)


def render_glossary(loaded: LoadedCourse) -> str:
    t = strings(loaded.course.language)["site"]
    text = TextRenderer(loaded, pagepaths.GLOSSARY)
    out = [f"# {t['glossary']}", ""]
    by_reading = sort_key(loaded.course.language)
    for term in sorted(loaded.glossary.terms, key=lambda term: by_reading(term.term)):
        anchor = pagepaths.term_anchor(term.term)
        out += [f'<dl class="course-term" id="{anchor}" markdown>', "",
                f"<dt>{html.escape(term.term)}</dt>", "",
                '<dd markdown>', "", text.markdown(term.definition).strip(), ""]
        if term.aliases:
            out += [f"<small>{html.escape(' / '.join(term.aliases))}</small>", ""]
        if term.see_also:
            links = []
            for other in term.see_also:
                found = loaded.glossary.find(other)
                links.append(f"[{text.inline(other)}](#{pagepaths.term_anchor(found.term)})"
                             if found else text.inline(other))
            separator = strings(loaded.course.language)["language"]["list_separator"]
            out += ["→ " + separator.join(links), ""]
        out += ["</dd>", "", "</dl>", ""]
    return "\n".join(out)


def render_policies(loaded: LoadedCourse) -> str:
    t = strings(loaded.course.language)["site"]
    text = TextRenderer(loaded, pagepaths.POLICIES)
    out = [f"# {t['policies']}", ""]
    for name, policy in loaded.policies.policies.items():
        source = text.inline(policy.source.title)
        if policy.source.url:
            source = f"[{source}]({policy.source.url})"
        out += [f'<div class="course-policy" id="{pagepaths.policy_anchor(name)}" markdown>', "",
                f"**{text.inline(policy.label)}{t['colon']}{text.inline(policy.value)}**", "",
                f"{t['policy_as_of'].format(date=policy.as_of)} · "
                f"{t['source']}{t['colon']}{source}",
                ""]
        if policy.note:
            out += [text.markdown(policy.note).strip(), ""]
        out += ["</div>", ""]
    return "\n".join(out)


def render_progress(loaded: LoadedCourse) -> str:
    """The progress page: lists of lessons and quizzes that `assets/quiz.js` marks from
    localStorage, a summary of what is left and a reset button (added by the widget).

    Links are Markdown inside md_in_html elements: MkDocs rewrites those to the built pages,
    whereas a raw `<a href="x.md">` would stay pointing at the Markdown source.
    """
    language = loaded.course.language
    t = strings(language)["site"]
    # The widget's own note on storage, said once in the catalogue.
    ui = {**strings(language)["progress"], "no_storage": strings(language)["widget"]["no_storage"]}
    text = TextRenderer(loaded, pagepaths.PROGRESS)
    out = [f"# {t['progress']}", "",
           f'<div class="course-progress" data-course-progress data-strings="{json_attribute(ui)}" '
           'markdown="block">', "",
           f'<p class="course-progress-nojs">{html.escape(ui["no_js"])}</p>',
           '<p class="course-progress-summary"></p>',
           '<p class="course-progress-left"></p>', ""]

    def group(title: str, lessons, quizzes) -> list[str]:
        items = [_progress_item("lesson", e.lesson.id, e.lesson.title,
                                pagepaths.lesson(e.section.id, e.lesson.id), text) for e in lessons]
        items += [_progress_item("quiz", e.quiz.id, e.quiz.title, pagepaths.quiz(e.quiz.id), text)
                  for e in quizzes]
        if not items:
            return []
        return [f"## {title}", "", '<ul class="course-progress-list" markdown="block">', *items,
                "</ul>", ""]

    for section in loaded.course.sections:
        out += group(text.inline(section.title), loaded.lessons_in(section.id),
                     loaded.quizzes_in(section.id))
    out += group(html.escape(t["final"]), [], loaded.quizzes_in(None))
    out += ["</div>", ""]
    return "\n".join(out)


def _progress_item(kind: str, ident: str, title: str, page: str, text: TextRenderer) -> str:
    return (f'<li data-progress-{kind}="{ident}" markdown="span">'
            f"[{text.inline(title)}]({text.link(page)}) "
            f'<span class="course-progress-state"></span></li>')
