"""AUTHORING.md (Chinese) and AUTHORING.en.md (English) stay in step with the code and each other:
both name every lesson block, question type, plugin option, item check, `course` command and
message class the code defines (the lists are read from the code, so a new one fails here until
both guides name it), and both have the same numbered sections with the same subsections."""

from __future__ import annotations

import argparse
import re
import typing
from pathlib import Path

import pytest

from generator.cli import _parser
from generator.errors import Problem
from generator.items.thresholds import ItemChecks
from generator.models.course import Lesson
from generator.models.quiz import ItemCheck, Question
from generator.project import CourseOptions

ROOT = Path(__file__).resolve().parent.parent
GUIDES = {"zh": ROOT / "AUTHORING.md", "en": ROOT / "AUTHORING.en.md"}
README = ROOT / "README.md"


def text(language: str) -> str:
    return GUIDES[language].read_text(encoding="utf-8")


def named(name: str, guide: str) -> bool:
    """`name` appears in the guide as a name: in backticks, or as a YAML key or value."""
    return (f"`{name}`" in guide or re.search(rf"^\s*-?\s*{re.escape(name)}:", guide, re.M)
            is not None or re.search(rf"`[^`\n]*\b{re.escape(name)}\b[^`\n]*`", guide)
            is not None)


def lesson_blocks() -> list[str]:
    return list(Lesson.model_fields)


def question_types() -> list[str]:
    members = typing.get_args(typing.get_args(Question)[0])  # Annotated[Union[...], ...]
    return [typing.get_args(member.model_fields["type"].annotation)[0] for member in members]


def plugin_options() -> list[str]:
    return list(CourseOptions.model_fields) + list(ItemChecks.model_fields)


def item_checks() -> list[str]:
    return list(typing.get_args(ItemCheck))


def commands() -> list[str]:
    """`course X` for every command, and `course X Y` for every action of one that has them."""
    found = []
    for action in _parser()._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found.append(f"course {name}")
                for inner in sub._actions:
                    if isinstance(inner, argparse._SubParsersAction):
                        found += [f"course {name} {verb}" for verb in inner.choices]
    return found


def message_classes() -> list[str]:
    """The severities a problem can have: Problem's default and every other the checks use."""
    used = {Problem.__dataclass_fields__["severity"].default}
    for source in (ROOT / "generator").rglob("*.py"):
        used.update(re.findall(r'severity="(\w+)"', source.read_text(encoding="utf-8")))
    return sorted(used)


def test_the_lists_read_from_the_code_are_the_ones_expected():
    # Guards the readers themselves: an empty list would make every test below pass vacuously.
    assert {"body", "dialogues", "mistakes", "do_dont"} <= set(lesson_blocks())
    assert question_types() == ["single", "multiple", "true_false", "ordering", "scenario"]
    assert {"registry", "stale_after_days", "longest_key_share"} <= set(plugin_options())
    assert len(item_checks()) == 8
    assert {"course check", "course roster import", "course answers template"} <= set(commands())
    assert message_classes() == ["error", "warning"]


@pytest.mark.parametrize("language", GUIDES)
@pytest.mark.parametrize("kind, names", [
    ("lesson block", lesson_blocks), ("question type", question_types),
    ("plugin option", plugin_options), ("item check", item_checks)])
def test_each_guide_names_every_one_the_code_defines(language, kind, names):
    guide = text(language)
    missing = [name for name in names() if not named(name, guide)]
    assert missing == [], f"{GUIDES[language].name} does not name the {kind}s {missing}"


@pytest.mark.parametrize("language", GUIDES)
def test_each_guide_names_every_command(language):
    guide = text(language)
    missing = [command for command in commands() if not re.search(
        rf"{re.escape(command)}(?![\w-])", guide)]
    assert missing == [], f"{GUIDES[language].name} does not name {missing}"


# A message line as the checks print it: `path:line:column: [warning: ]what — how to fix`.
MESSAGE = re.compile(r"^(?P<where>[\w./<>-]+:\d+:\d+): (?P<warning>warning: )?\S.* — \S.*$", re.M)


@pytest.mark.parametrize("language", GUIDES)
def test_each_guide_shows_a_message_of_every_class_and_says_what_it_means(language):
    guide = text(language)
    shown = {"warning" if m.group("warning") else "error" for m in MESSAGE.finditer(guide)}
    assert shown == set(message_classes())
    words = {"zh": {"error": "**错误**", "warning": "**警告**"},
             "en": {"error": "**error**", "warning": "**warning**"}}[language]
    for severity in message_classes():
        assert words[severity] in guide, f"{GUIDES[language].name} never explains {severity}s"


def outline(guide: str) -> list[tuple[str, int]]:
    """The numbered sections in order, each with how many subsections and code blocks it has."""
    sections: list[tuple[str, int]] = []
    for part in re.split(r"^## ", guide, flags=re.M)[1:]:
        number = re.match(r"(\d+)\. ", part)
        assert number, f"a section without a number: ## {part.splitlines()[0]}"
        sections.append((number.group(1), len(re.findall(r"^### ", part, re.M)),
                         part.count("```") // 2))
    return sections


def test_the_two_guides_have_the_same_numbered_sections_subsections_and_examples():
    chinese, english = outline(text("zh")), outline(text("en"))
    assert [number for number, *_ in chinese] == [str(n) for n in range(1, len(chinese) + 1)]
    assert english == chinese


def test_the_same_sections_hold_the_same_example_ids_and_names():
    """A faithful translation keeps every id and name written in code (`id: count-from`,
    `longest-key`, `{{policy.no_reason_days}}`), where the example is not Chinese content."""
    def names(guide: str) -> set[str]:
        return {n for n in re.findall(r"`([a-z][a-z0-9_-]*(?:[ :.#][a-z0-9_.-]+)*)`", guide)
                if n.isascii()}

    assert names(text("zh")) - names(text("en")) == set()


def test_readme_links_both_guides_and_the_english_one_links_back():
    readme = README.read_text(encoding="utf-8")
    assert "(AUTHORING.md)" in readme and "(AUTHORING.en.md)" in readme
    assert "(AUTHORING.md)" in text("en")
