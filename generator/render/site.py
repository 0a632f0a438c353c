"""Every page of a course and the navigation, as plain data for whichever site engine builds it."""

from __future__ import annotations

import datetime
import html
from collections.abc import Callable
from dataclasses import dataclass, field

from .. import pagepaths
from ..catalogue import strings
from ..loaded import LoadedCourse
from .lesson import render_lesson
from .pages import render_glossary, render_home, render_policies, render_progress, render_section
from .quiz import render_quiz

# What the pages' Markdown needs from Python-Markdown, with these options unless the course sets
# its own: attribute lists, Markdown inside our HTML wrappers, notes, check lists, and headings
# with ids. The MkDocs plugin and the handbook both turn them on.
MARKDOWN_EXTENSIONS = {
    "attr_list": {},
    "md_in_html": {},
    "admonition": {},
    "pymdownx.tasklist": {"custom_checkbox": True},
    "toc": {},
}


@dataclass
class SitePlan:
    pages: dict[str, str] = field(default_factory=dict)  # page path -> Markdown
    nav: list = field(default_factory=list)  # MkDocs-style nav: [{title: path or [...]}, ...]
    # When each page's content last changed, from the content itself (never the clock), so that
    # sitemaps and archives come out the same on every build.
    dates: dict[str, datetime.date] = field(default_factory=dict)


# A lesson or quiz page's Markdown rendered before from the same file (the model) and still
# right, or None: how `course serve` renders again only what an edit changed (render/replan.py).
Reuse = Callable[[str, object], "str | None"]


def _render_anew(page: str, model: object) -> None:
    return None


def plan_site(loaded: LoadedCourse, force_assessment: bool = False,
              salt: str | None = None, reuse: Reuse = _render_anew) -> SitePlan:
    """Every page. `salt` (the registry's) names what assessment pages show by opaque ids; a
    course with an assessment page cannot be planned without it."""
    t = strings(loaded.course.language)["site"]
    plan = SitePlan()
    plan.pages[pagepaths.HOME] = render_home(loaded)
    plan.nav.append({t["home"]: pagepaths.HOME})
    for section in loaded.course.sections:
        section_page = pagepaths.section(section.id)
        plan.pages[section_page] = render_section(loaded, section.id)
        children: list = [section_page]
        for entry in loaded.lessons_in(section.id):
            page = pagepaths.lesson(section.id, entry.lesson.id)
            plan.pages[page] = reuse(page, entry.lesson) or render_lesson(loaded, entry)
            children.append({_title(entry.lesson.title): page})
        for entry in loaded.quizzes_in(section.id):
            page = pagepaths.quiz(entry.quiz.id)
            plan.pages[page] = (reuse(page, entry.quiz)
                                or render_quiz(loaded, entry, force_assessment, salt))
            children.append({_title(entry.quiz.title): page})
        plan.nav.append({_title(section.title): children})
    for entry in loaded.quizzes_in(None):
        page = pagepaths.quiz(entry.quiz.id)
        plan.pages[page] = (reuse(page, entry.quiz)
                            or render_quiz(loaded, entry, force_assessment, salt))
        plan.nav.append({_title(entry.quiz.title): page})
    if loaded.quizzes or loaded.lessons:
        plan.pages[pagepaths.PROGRESS] = render_progress(loaded)
        plan.nav.append({t["progress"]: pagepaths.PROGRESS})
    if loaded.glossary.terms:
        plan.pages[pagepaths.GLOSSARY] = render_glossary(loaded)
        plan.nav.append({t["glossary"]: pagepaths.GLOSSARY})
    if loaded.policies.policies:
        plan.pages[pagepaths.POLICIES] = render_policies(loaded)
        plan.nav.append({t["policies"]: pagepaths.POLICIES})
    _date_pages(loaded, plan)
    return plan


def _title(text: str) -> str:
    # Themes print navigation titles as HTML without escaping them: a title such as
    # "标题 <!--" would otherwise comment out the rest of every page.
    return html.escape(text, quote=False)


def content_date(loaded: LoadedCourse) -> datetime.date:
    """The newest review date in the course: when its content as a whole last changed."""
    dates = [e.lesson.reviewed_on for e in loaded.lessons]
    dates += [p.as_of for p in loaded.policies.policies.values()]
    return max(dates, default=datetime.date(2000, 1, 1))


def _date_pages(loaded: LoadedCourse, plan: SitePlan) -> None:
    newest = content_date(loaded)
    for page in plan.pages:
        plan.dates[page] = newest
    for section in loaded.course.sections:
        lessons = loaded.lessons_in(section.id)
        for entry in lessons:
            plan.dates[pagepaths.lesson(section.id, entry.lesson.id)] = entry.lesson.reviewed_on
        if lessons:
            plan.dates[pagepaths.section(section.id)] = max(e.lesson.reviewed_on for e in lessons)
