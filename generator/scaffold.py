"""Starting files for `course new`: valid as written, with comments that teach the format.

The templates are files, one folder per language (`scaffolds/en/`, `scaffolds/zh/`): comments and
sample text in the course's language. A language with interface strings but no templates of its
own starts from the English ones. Placeholders are written «name»; every one must be filled.
"""

from __future__ import annotations

import datetime
import os
import re
from importlib import resources
from pathlib import Path

from .yamlsource import scalar

SCHEMA_FOLDER = "schemas"  # a course's own copy of the schemas, beside its mkdocs.yml
FOLDER = Path(__file__).with_name("scaffolds")
FALLBACK = "en"
# A placeholder, and the spaces before a comment after it (kept in their column when they can).
_PLACEHOLDER = re.compile(r"«(\w+)»(?:( +)(?=#))?")

# What `course new course` writes besides mkdocs.yml and the schemas
FIRST_SECTION = "basics"  # the section course.yml's template declares
FIRST_LESSON = "first-lesson"
PRACTICE = f"{FIRST_SECTION}-practice"
ASSESSMENT = "final-assessment"


def template(name: str, language: str) -> str:
    folder = FOLDER / language if (FOLDER / language).is_dir() else FOLDER / FALLBACK
    return (folder / f"{name}.yml").read_text("utf-8")


def fill(text: str, **values: str) -> str:
    """The template with every «name» replaced (KeyError for one without a value). A line that
    holds nothing but placeholders filled with nothing is left out."""

    def replace(match: re.Match) -> str:
        value = str(values[match.group(1)])
        if match.group(2) is None:
            return value
        column = len(match.group(0))  # where the comment starts, counted from the placeholder
        return value + " " * max(1, column - len(value))

    lines = []
    for line in text.splitlines(keepends=True):
        filled = _PLACEHOLDER.sub(replace, line)
        if filled.strip() or not _PLACEHOLDER.search(line):
            lines.append(filled)
    return "".join(lines)


def shipped_schemas() -> list[Path]:
    folder = resources.files("generator") / "schemas"
    return sorted(Path(str(item)) for item in folder.iterdir() if item.name.endswith(".json"))


def schema_reference(target: Path, name: str, root: Path | None = None,
                     own_copy: bool = False) -> str:
    """Path from the new file to its schema, as the editor needs it: the course's own copy
    (`course new course` writes one, so the reference holds wherever the folder is moved or
    shared; `own_copy`: it will be there), else the one shipped in the package."""
    own = root / SCHEMA_FOLDER / f"{name}.schema.json" if root else None
    schema = own if own and (own_copy or own.is_file()) else Path(
        str(resources.files("generator") / "schemas" / f"{name}.schema.json"))
    try:
        return Path(os.path.relpath(schema, target.parent)).as_posix()
    except ValueError:  # pragma: no cover - another drive on Windows
        return schema.as_uri()


def lesson_text(target: Path, lesson_id: str, order: int = 10,
                today: datetime.date | None = None, root: Path | None = None,
                language: str = FALLBACK, own_copy: bool = False) -> str:
    return fill(template("lesson", language),
                schema=schema_reference(target, "lesson", root, own_copy),
                id=lesson_id, order=order, today=(today or datetime.date.today()).isoformat())


def quiz_text(target: Path, quiz_id: str, section: str | None, root: Path | None = None,
              language: str = FALLBACK, lessons: list[str] | tuple = (),
              own_copy: bool = False) -> str:
    """A section's practice quiz (all five question types), or without a section a course-wide
    assessment. `lessons`: the section's lessons, for the quiz's `lessons:`."""
    schema = schema_reference(target, "quiz", root, own_copy)
    # Every question links to where it is taught (the item checks ask for it); with no lesson
    # yet, the first question shows how, commented out.
    lesson = f"lesson: {lessons[0]}" if lessons else ""
    if section is None:
        return fill(template("assessment", language), schema=schema, id=quiz_id, lesson=lesson)
    return fill(template("practice", language), schema=schema, id=quiz_id, section=section,
                lessons=f"[{', '.join(lessons)}]", lesson=lesson,
                first_lesson=lesson or "# lesson: lesson-id#heading")


def _site_settings(title: str, language: str) -> str:
    """mkdocs.yml, with the Material and search languages closest to the course's (`zh` for
    `zh-CN`): lines for what Material has none of are left out, and the course decides."""
    from .themelanguages import best, material_languages, search_language

    theme = best(language, material_languages())
    text = fill(template("mkdocs", language), title=scalar(title), theme_language=theme or "-",
                search_language=search_language(language) or "-")
    return "".join(line for line in text.splitlines(keepends=True)
                   if not re.match(r"^\s*(language|lang): - ", line))


def course_files(root: Path, title: str, language: str,
                 today: datetime.date | None = None) -> dict[str, str]:
    """Every file of a new course in `root` but the schemas: its path relative to `root`, and
    its text. Schema references point at the course's own copy, `root/schemas/`."""
    today_text = (today or datetime.date.today()).isoformat()

    def schema(relative: str, name: str) -> str:
        return schema_reference(root / relative, name, root, own_copy=True)

    lesson = f"content/{FIRST_SECTION}/{FIRST_LESSON}.yml"
    practice, assessment = f"quizzes/{PRACTICE}.yml", f"quizzes/{ASSESSMENT}.yml"
    return {
        "mkdocs.yml": _site_settings(title, language),
        "content/course.yml": fill(template("course", language), title=scalar(title),
                                   language=language, schema=schema("content/course.yml",
                                                                    "course")),
        "content/policies.yml": fill(template("policies", language), today=today_text,
                                     schema=schema("content/policies.yml", "policies")),
        "content/glossary.yml": fill(template("glossary", language),
                                     schema=schema("content/glossary.yml", "glossary")),
        lesson: lesson_text(root / lesson, FIRST_LESSON, order=10, today=today, root=root,
                            language=language, own_copy=True),
        practice: quiz_text(root / practice, PRACTICE, FIRST_SECTION, root, language,
                            [FIRST_LESSON], own_copy=True),
        assessment: quiz_text(root / assessment, ASSESSMENT, None, root, language,
                              [FIRST_LESSON], own_copy=True),
    }
