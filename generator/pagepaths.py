"""Where each generated page lives in the site (paths of Markdown pages, as MkDocs sees them)."""

from __future__ import annotations

from .anchors import slug
from .loaded import LoadedCourse

HOME = "index.md"
ASSET_DIR = "assets/course"  # the course's own scripts and stylesheets
PROGRESS = "progress.md"
GLOSSARY = "glossary.md"
POLICIES = "policies.md"


def section(section_id: str) -> str:
    return f"{section_id}/index.md"


def lesson(section_id: str, lesson_id: str) -> str:
    return f"{section_id}/{lesson_id}.md"


def quiz(quiz_id: str) -> str:
    return f"quiz/{quiz_id}.md"


def term_anchor(term: str) -> str:
    return "term-" + link_name(term)


def link_name(term: str) -> str:
    """How a `glossary:` link may name a term of several words: its entry's id on the glossary
    page without `term-` (return-number for 'return number'; a Chinese term stays as it is)."""
    return slug(term, "-")


def policy_anchor(name: str) -> str:
    return "policy-" + name.replace("_", "-")


def site_pages(loaded: LoadedCourse) -> list[str]:
    """Every page the site plan makes (render/site.py), without rendering one."""
    pages = [HOME]
    for section_entry in loaded.course.sections:
        pages.append(section(section_entry.id))
    pages += [lesson(e.section.id, e.lesson.id) for e in loaded.lessons]
    pages += [quiz(e.quiz.id) for e in loaded.quizzes]
    if loaded.quizzes or loaded.lessons:
        pages.append(PROGRESS)
    if loaded.glossary.terms:
        pages.append(GLOSSARY)
    if loaded.policies.policies:
        pages.append(POLICIES)
    return pages


def page_sources(loaded: LoadedCourse) -> dict[str, str]:
    """The YAML file each page is made from, as messages name it."""
    course = loaded.course_locator.label
    sources = {HOME: course, PROGRESS: course}
    sources.update({section(s.id): course for s in loaded.course.sections})
    sources.update({lesson(e.section.id, e.lesson.id): e.locator.label for e in loaded.lessons})
    sources.update({quiz(e.quiz.id): e.locator.label for e in loaded.quizzes})
    if loaded.glossary_locator is not None:
        sources[GLOSSARY] = loaded.glossary_locator.label
    if loaded.policies_locator is not None:
        sources[POLICIES] = loaded.policies_locator.label
    return sources


def target(loaded: LoadedCourse, kind: str, ident: str) -> str | None:
    """Page path for a `lesson:`, `quiz:`, `section:`, `glossary:` or `policy:` link."""
    if kind == "lesson":
        entry = loaded.lesson(ident)
        return lesson(entry.section.id, ident) if entry else None
    if kind == "quiz":
        return quiz(ident) if loaded.quiz(ident) else None
    if kind == "section":
        ids = {s.id for s in loaded.course.sections}
        return section(ident) if ident in ids else None
    if kind == "glossary":
        return GLOSSARY if loaded.term(ident) else None
    if kind == "policy":
        return POLICIES if ident in loaded.policies.policies else None
    return None
