"""Rendering: golden pages for every block type, and safety of author text."""

import datetime
from pathlib import Path

import pytest

from generator.checks import checked
from generator.loading import load_course
from generator.markup import TextRenderer, escape_html_outside_code
from generator.render.lesson import render_lesson
from generator.render.pages import render_glossary, render_home, render_policies, render_section
from helpers import assert_golden

FIXTURE = Path(__file__).parent / "fixtures" / "golden-course"
GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture(scope="module")
def loaded():
    return checked(load_course(FIXTURE / "content", None), today=datetime.date(2026, 11, 26))


def test_lesson_page_golden(loaded):
    assert_golden("lesson-every-block.md", render_lesson(loaded, loaded.lesson("every-block")))


def test_home_page_golden(loaded):
    assert_golden("home.md", render_home(loaded))


def test_section_page_golden(loaded):
    assert_golden("section-rules.md", render_section(loaded, "rules"))


def test_glossary_page_golden(loaded):
    assert_golden("glossary.md", render_glossary(loaded))


def test_policies_page_golden(loaded):
    assert_golden("policies.md", render_policies(loaded))


def test_policy_value_shows_its_date_and_links_to_its_source(loaded):
    page = render_lesson(loaded, loaded.lesson("every-block"))
    assert ('7 天[2026-11-20](../policies.md#policy-no-reason-days){.course-policy-date '
            'title="规则数值，核对于 2026-11-20；点开看来源"}') in page


def test_course_links_become_relative_page_links(loaded):
    page = render_lesson(loaded, loaded.lesson("every-block"))
    assert "[本课](every-block.md#小标题带标点)" in page
    assert "[部分](index.md)" in page
    assert "[仅退款](../glossary.md#term-仅退款)" in page  # an alias links to its term


def test_course_syntax_inside_code_is_shown_as_written(loaded):
    render = TextRenderer(loaded, "rules/every-block.md").markdown
    assert render("写 `[文字](lesson:every-block)` 链接") == "写 `[文字](lesson:every-block)` 链接"
    assert render("写 `{{policy.no_reason_days}}`") == "写 `{{policy.no_reason_days}}`"
    assert render("```\n[x](section:rules)\n```\n") == "```\n[x](section:rules)\n```\n"
    assert render("~~~\n[x](section:rules) {{policy.no_reason_days}}\n~~~\n") == (
        "~~~\n[x](section:rules) {{policy.no_reason_days}}\n~~~\n")
    assert render("[部分](section:rules)") == "[部分](index.md)"


@pytest.mark.parametrize("text, expected", [
    ("a </script> b", "a &lt;/script> b"),
    ("<!-- x -->", "&lt;!-- x -->"),
    ("keep `<b>` code", "keep `<b>` code"),
    ("``a <b> ` c`` <i>", "``a <b> ` c`` &lt;i>"),
    ("```\n<b>\n```\n<i>", "```\n<b>\n```\n&lt;i>"),
])
def test_author_html_is_shown_not_run(text, expected):
    assert escape_html_outside_code(text) == expected
