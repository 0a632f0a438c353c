"""The JSON Schemas shipped for editors match the models, and accept what the models accept."""

import datetime
import json
from pathlib import Path

import jsonschema
import pytest

from generator import scaffold, schema
from generator.loading import YAML_SUFFIXES
from generator.yamlsource import parse

ROOT = Path(__file__).resolve().parent.parent


def validator(name: str):
    return jsonschema.Draft202012Validator(json.loads(schema.shipped()[f"{name}.schema.json"]),
                                           format_checker=jsonschema.FormatChecker())


def test_shipped_schemas_are_generated_from_the_models():
    # After changing a model run `python -m generator.schema` and commit the result.
    assert schema.shipped() == schema.generate()


def test_lesson_schema_refuses_unknown_keys():
    errors = list(validator("lesson").iter_errors({"id": "a", "obectives": []}))
    assert any("'obectives' was unexpected" in e.message for e in errors)


def starting_files():
    """What `course new` writes, in both languages: a whole course, a lesson, both quizzes."""
    kinds = {"content/course.yml": "course", "content/policies.yml": "policies",
             "content/glossary.yml": "glossary"}
    for language in ("en", "zh"):
        new_course = scaffold.course_files(ROOT / "new", "Returns: basics", language,
                                           today=datetime.date(2026, 11, 26))
        for relative, text in new_course.items():
            if relative != "mkdocs.yml":
                kind = kinds.get(relative, "quiz" if relative.startswith("quizzes/") else "lesson")
                yield pytest.param(kind, text, id=f"{language}-{relative}")
        yield pytest.param("lesson", scaffold.lesson_text(
            ROOT / "content/rules/x.yml", "new-lesson", today=datetime.date(2026, 11, 26),
            language=language), id=f"{language}-new-lesson")
        for section in ("rules", None):
            yield pytest.param("quiz", scaffold.quiz_text(ROOT / "quizzes/x.yml", "new-quiz",
                                                          section, language=language),
                               id=f"{language}-new-quiz-{section}")


@pytest.mark.parametrize("name, text", list(starting_files()))
def test_starting_files_carry_the_schema_comment_and_pass_it(name, text):
    first = text.splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=")
    assert first.endswith(f"schemas/{name}.schema.json")
    assert list(validator(name).iter_errors(parse(text, "new.yml").data)) == []


def course_files():
    for path in sorted((ROOT / "content").rglob("*")):
        if path.suffix in YAML_SUFFIXES:
            kind = {"course.yml": "course", "policies.yml": "policies",
                    "glossary.yml": "glossary"}.get(path.name, "lesson")
            yield pytest.param(kind, path, id=str(path.relative_to(ROOT)))
    for path in sorted((ROOT / "quizzes").glob("*.yml")):
        yield pytest.param("quiz", path, id=str(path.relative_to(ROOT)))


@pytest.mark.parametrize("kind, path", list(course_files()))
def test_bundled_course_files_pass_their_schema(kind, path):
    data = parse(path.read_text(encoding="utf-8"), str(path)).data
    problems = [f"{'/'.join(map(str, e.path))}: {e.message}"
                for e in validator(kind).iter_errors(data)]
    assert problems == []
