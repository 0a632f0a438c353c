"""The lesson outline: its anchors are exactly those of the rendered lesson page."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import pagepaths
from generator.anchors import anchors_in
from generator.catalogue import strings
from generator.checks import checked
from generator.loading import load_course
from generator.markup import TextRenderer
from generator.outline import Heading, Prose, lesson_anchors, lesson_outline
from generator.project import find_project
from generator.render.lesson import render_lesson

ROOT = Path(__file__).resolve().parent.parent
COURSES = {
    "bundled": ROOT / "mkdocs.yml",
    "golden": ROOT / "tests" / "fixtures" / "golden-course" / "mkdocs.yml",
    "quizcourse": ROOT / "tests" / "fixtures" / "quizcourse" / "mkdocs.yml",
    "desk": ROOT / "tests" / "desk" / "fixtures" / "course" / "mkdocs.yml",
    "export": ROOT / "tests" / "export" / "fixtures" / "course" / "mkdocs.yml",
}


def load(config):
    project = find_project(config)
    return checked(load_course(project.content_dir, project.quiz_dir), stale_after_days=100_000)


@pytest.mark.parametrize("name", COURSES)
def test_the_outline_gives_the_anchors_of_the_rendered_page(name):
    loaded = load(COURSES[name])
    labels = strings(loaded.course.language)["site"]
    compared = 0
    for entry in loaded.lessons:
        page = pagepaths.lesson(entry.section.id, entry.lesson.id)
        rendered = anchors_in(render_lesson(loaded, entry))
        assert lesson_anchors(entry.lesson, labels, TextRenderer(loaded, page)) == rendered
        compared += len(rendered)
    assert compared >= len(loaded.lessons) * 4  # title, objectives, summary, sources at least


def test_the_bundled_course_has_author_headings_and_so_tests_them():
    loaded = load(COURSES["bundled"])
    labels = strings(loaded.course.language)["site"]
    author = sum(1 for entry in loaded.lessons
                 for line in entry.lesson.body.splitlines() if line.startswith("## "))
    assert author >= 20
    every = {len(lesson_outline(entry.lesson, labels)) for entry in loaded.lessons}
    assert min(every) >= 6


def test_headings_inside_author_text_count_in_page_order_and_after_a_label_not_on_its_line():
    loaded = load(COURSES["golden"])
    entry = loaded.lesson("every-block")
    outline = lesson_outline(entry.lesson, strings("zh")["site"])
    assert isinstance(outline[0], Heading) and outline[0].level == 1
    assert outline[1] == Heading(2, "学习目标", False, "objectives")
    assert isinstance(outline[2], Prose) and outline[2].text == entry.lesson.body
    labelled = [part for part in outline if isinstance(part, Prose) and part.after_label]
    assert labelled  # situation, takeaway, why, instead: their first line is the label's


# Author Markdown with headings where an author may write them: in the body, in dialogue lines,
# after a label (situation, why, instead), with duplicates, Chinese, code fences and `<`.
WORD = st.sampled_from(["退款", "规则", "小结", "要点", "Refund", "a<b", "`code`", "七天无理由",
                        "{{policy.no_reason_days}}", "[见](lesson:every-block#小结)"])
LINE = st.one_of(
    st.builds(lambda level, words: "#" * level + " " + " ".join(words),
              st.integers(1, 4), st.lists(WORD, min_size=1, max_size=3)),
    st.lists(WORD, min_size=1, max_size=4).map(" ".join),
    st.just("```"), st.just(""))
PROSE = st.lists(LINE, min_size=1, max_size=6).map("\n".join).filter(str.strip)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=PROSE, line=PROSE, situation=PROSE, why=PROSE, summary=PROSE)
def test_the_outline_matches_the_page_for_any_author_headings(body, line, situation, why,
                                                               summary):
    loaded = load(COURSES["golden"])
    entry = loaded.lesson("every-block")
    lesson = entry.lesson
    dialogue = lesson.dialogues[0]
    changed = lesson.model_copy(update={
        "body": body, "summary": summary,
        "dialogues": [dialogue.model_copy(update={
            "situation": situation,
            "lines": [dialogue.lines[0].model_copy(update={"text": line})]})],
        "mistakes": [lesson.mistakes[0].model_copy(update={"why": why})]})
    changed_entry = replace(entry, lesson=changed)
    page = pagepaths.lesson(entry.section.id, lesson.id)
    assert lesson_anchors(changed, strings("zh")["site"], TextRenderer(loaded, page)) == (
        anchors_in(render_lesson(loaded, changed_entry)))
