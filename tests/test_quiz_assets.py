"""The widget's own files: small, self-contained, and documenting the events others rely on."""

import gzip
import re
from pathlib import Path

ASSETS = Path(__file__).resolve().parent.parent / "generator" / "assets"
JS = (ASSETS / "quiz.js").read_text(encoding="utf-8")
CSS = (ASSETS / "quiz.css").read_text(encoding="utf-8")


def test_script_and_styles_stay_under_10_kb_gzipped():
    size = sum(len(gzip.compress(text.encode("utf-8"), 9)) for text in (JS, CSS))
    assert size < 10_000, f"{size} bytes gzipped"


def test_nothing_is_fetched_from_another_host():
    assert not re.search(r"https?://|//cdn|@import|url\(", JS + CSS)


def test_the_events_are_documented_at_the_top():
    header = JS.split("*/", 1)[0]
    assert "quiz:graded" in header and "quiz:answers" in header
    assert "{quiz, score (0..1), passed, points, maxPoints, mode}" in header
    assert "{quiz, mode, file (generator/models/answers.py AnswerFile)}" in header
