"""An English course, rendered: golden Markdown of every page kind (a lesson with every block, the
front, section, glossary and rule values pages, a practice quiz with all five question types, an
assessment) and of the handbook's printed quizzes and answer appendix. Around the author's
English, nothing Chinese; labels bold with their colon; lists and counts in English."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest

from generator.checks import checked
from generator.export import print_quiz
from generator.loading import load_course
from generator.markup import strong
from generator.render.lesson import render_lesson
from generator.render.pages import (
    render_glossary,
    render_home,
    render_policies,
    render_progress,
    render_section,
)
from generator.render.quiz import render_quiz
from helpers import assert_golden

FIXTURE = Path(__file__).parent / "fixtures" / "english-course"
SALT = "0123456789abcdef0123456789abcdef"  # names the assessment page's opaque ids
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


@pytest.fixture(scope="module")
def loaded():
    return checked(load_course(FIXTURE / "content", FIXTURE / "quizzes"),
                   today=datetime.date(2026, 11, 26))


def pages(loaded) -> dict[str, str]:
    quiz = {entry.quiz.id: entry.quiz for entry in loaded.quizzes}
    return {
        "lesson-every-block.md": render_lesson(loaded, loaded.lesson("every-block")),
        "home.md": render_home(loaded),
        "section-basics.md": render_section(loaded, "basics"),
        "glossary.md": render_glossary(loaded),
        "policies.md": render_policies(loaded),
        "progress.md": render_progress(loaded),
        "quiz-practice.md": render_quiz(loaded, loaded.quiz("basics-practice")),
        "quiz-assessment.md": render_quiz(loaded, loaded.quiz("final-assessment"), salt=SALT),
        "handbook-quiz-practice.md": print_quiz.quiz_page(loaded, quiz["basics-practice"], False),
        "handbook-quiz-assessment.md": print_quiz.quiz_page(loaded, quiz["final-assessment"],
                                                            False, SALT),
        "handbook-answers.md": print_quiz.answers(loaded, [quiz["basics-practice"]]),
    }


@pytest.mark.parametrize("name", ["lesson-every-block.md", "home.md", "section-basics.md",
                                  "glossary.md", "policies.md", "progress.md",
                                  "quiz-practice.md", "quiz-assessment.md",
                                  "handbook-quiz-practice.md", "handbook-quiz-assessment.md",
                                  "handbook-answers.md"])
def test_english_page_golden(loaded, name):
    assert_golden(f"en/{name}", pages(loaded)[name])


def test_no_chinese_and_no_label_that_markdown_would_show_with_its_asterisks(loaded):
    for name, page in pages(loaded).items():
        assert not CJK.findall(page), (name, CJK.findall(page)[:5])
        assert not re.search(r"\*\*[^*\n]*[:：] \*\*", page), name  # `**Why: **` shows as typed


def test_labels_lists_and_counts_read_as_english(loaded):
    lesson = pages(loaded)["lesson-every-block.md"]
    for label in ("**Situation:** The buyer", "**Why it works:** Check", "**Why it is wrong:** The",
                  "**Instead:** Read"):
        assert label in lesson
    answers = pages(loaded)["handbook-answers.md"]
    assert "· Answer: A, B**" in answers and "**Why:** The order" in answers
    assert "· Answer: A**" in answers
    home = pages(loaded)["home.md"]
    assert "— 1 lesson\n" in home and "About 3 minutes of reading" in home
    assert "Practice · 5 questions · pass mark 80%" in pages(loaded)["quiz-practice.md"]
    glossary = pages(loaded)["glossary.md"]
    assert "→ [after-sales request](#term-after-sales-request), [refund](#term-refund)" in glossary


@pytest.mark.parametrize("label, markdown", [
    ("Why: ", "**Why:** "),
    ("解析：", "**解析：**"),
    (" Note: ", " **Note:** "),
    ("", ""),
])
def test_a_bold_label_keeps_its_spaces_outside_the_markers(label, markdown):
    assert strong(label) == markdown


def test_a_drawn_quiz_says_in_one_english_sentence_how_each_paper_is_drawn(loaded):
    from quizhelpers import make_quiz, single, true_false

    quiz = make_quiz(single("a1", pool="rules"), single("a2", pool="rules"),
                     single("a3", pool="rules"), true_false("b1", pool="talk"),
                     true_false("b2", pool="talk"), mode="assessment",
                     draw=[{"pool": "rules", "count": 2}, {"pool": "talk", "count": 1}])
    assert ('<p class="hb-note hb-draw">Each learner&#x27;s paper draws 3 of the 5 questions '
            "below: 2 of the 3 in pool rules, 1 of the 2 in pool talk.</p>"
            ) in print_quiz.quiz_page(loaded, quiz, False, SALT)
