"""The widget's own files: small, self-contained, and documenting the events others rely on."""

import gzip
import html
import json
import re
from pathlib import Path

from generator.minify import shipped

ASSETS = Path(__file__).resolve().parent.parent / "generator" / "assets"
JS = (ASSETS / "quiz.js").read_text(encoding="utf-8")
CSS = (ASSETS / "quiz.css").read_text(encoding="utf-8")
EXAM_JS = (ASSETS / "quiz-exam.js").read_text(encoding="utf-8")
EXAM_CSS = (ASSETS / "quiz-exam.css").read_text(encoding="utf-8")

# What every page loads (lesson, practice and progress pages: nothing else of the widget):
# BENCHMARKS.md's target, under 10 KB. Until round 2 it held with 8,000 used; the assessment
# widget brought script and styles to 13,031; with that part moved to quiz-exam.js (and its
# sheet) they are 9,970 (2026-11-29).
BUDGET = 10_000
# What a page whose quiz asks for id and code, or has exam settings, loads in all: quiz.js and
# quiz.css, then quiz-exam.js and quiz-exam.css. 13,100 while it was one script: each file is
# compressed on its own, and the add-on's code no longer shares gzip's window with the
# widget's (`this.attempt`, `this.t(`, `store.update(` …), so the same code costs about 1,400
# bytes more as two files: 14,435 (2026-11-29).
ASSESSMENT_BUDGET = 14_500


def gzipped(name: str, text: str) -> int:
    return len(gzip.compress(shipped(name, text.encode("utf-8")), 9))


def test_what_every_page_loads_stays_within_the_budget_gzipped_as_shipped():
    size = gzipped("quiz.js", JS) + gzipped("quiz.css", CSS)
    assert size < BUDGET, f"{size} bytes gzipped"


def test_what_an_assessment_page_loads_stays_within_its_budget_gzipped_as_shipped():
    size = (gzipped("quiz.js", JS) + gzipped("quiz.css", CSS)
            + gzipped("quiz-exam.js", EXAM_JS) + gzipped("quiz-exam.css", EXAM_CSS))
    assert size < ASSESSMENT_BUDGET, f"{size} bytes gzipped"


def test_shipping_only_drops_comments_and_spaces():
    script = shipped("quiz.js", JS.encode("utf-8")).decode("utf-8")
    assert len(script) < 0.8 * len(JS)
    assert "/*" not in script and "\n  " not in script
    # Strings the widget writes, looks up or sends are still there, byte for byte.
    for literal in ("'course-answers/2'", "'quiz:graded'", "'quiz:answers'", "'choose_first'",
                    "'downloaded_some'", "'application/json'", "'.course-options, .course-steps'",
                    "'quiz-exam.js'"):
        assert literal in JS and literal in script, literal
    exam = shipped("quiz-exam.js", EXAM_JS.encode("utf-8")).decode("utf-8")
    assert "/*" not in exam and "\n  " not in exam
    for literal in ("'quiz-exam.css'", "'code_needed'", "'time_up'", "'SHA-256'"):
        assert literal in EXAM_JS and literal in exam, literal
    assert shipped("x.txt", b"as is") == b"as is"


def test_the_built_site_serves_the_shipped_assets(built_site):
    for name, text in (("quiz.js", JS), ("quiz.css", CSS),
                       ("quiz-exam.js", EXAM_JS), ("quiz-exam.css", EXAM_CSS)):
        served = (built_site / "assets/course" / name).read_bytes()
        assert served == shipped(name, text.encode("utf-8")), name


def quiz_data(page: str) -> dict:
    return json.loads(html.unescape(re.search(r'data-json="([^"]*)"', page).group(1)))


def test_no_page_names_the_assessment_part(built_site):
    """quiz.js fetches quiz-exam.js when it meets a quiz that needs it, on any page (also one
    reached by instant navigation): no page lists it, so a lesson or practice page never loads
    it, and the final assessment's says it needs it by its quiz's own data."""
    pages = list(built_site.rglob("*.html"))
    practice = (built_site / "quiz/rules-practice.html").read_text(encoding="utf-8")
    exam = (built_site / "quiz/final-assessment.html").read_text(encoding="utf-8")
    assert "assets/course/quiz.js" in practice and "assets/course/quiz.js" in exam
    assert "exam" in quiz_data(exam) and "identity" in quiz_data(exam)
    assert not {"exam", "identity"} & set(quiz_data(practice))
    assert len(pages) > 20 and [p for p in pages if "quiz-exam" in p.read_text("utf-8")] == []


def test_nothing_is_fetched_from_another_host():
    assert not re.search(r"https?://|//cdn|@import|url\(", JS + CSS + EXAM_JS + EXAM_CSS)


def test_the_events_are_documented_at_the_top():
    header = JS.split("*/", 1)[0]
    assert "quiz:graded" in header and "quiz:answers" in header
    assert "{quiz, score (0..1), passed, points, maxPoints, mode}" in header
    assert "{quiz, mode, file (generator/models/answers.py AnswerFile)}" in header
