"""The quiz widget on an English course's page (tests/fixtures/english-course): its words come in
English, counted words in their English plural form as the browser's Intl.PluralRules picks it
(the same CLDR rules Babel applies in Python), and no Chinese is left on the page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpers import run_course, serve_directory
from quizhelpers import PageOpener, question_box

pytestmark = pytest.mark.browser

ENGLISH = Path(__file__).resolve().parent.parent / "fixtures" / "english-course"
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    out = tmp_path_factory.mktemp("english") / "site"
    run_course("build", "-f", str(ENGLISH / "mkdocs.yml"), "-d", str(out), check=True)
    url, stop = serve_directory(out)
    yield url
    stop()


def test_the_widget_speaks_english_with_plural_forms(browser, base):
    opener = PageOpener(browser)
    page = opener(f"{base}/quiz/basics-practice.html")
    status = page.locator(".course-quiz-status")
    assert status.text_content() == "Questions done: 0 of 5"
    chat = question_box(page, "late-parcel")
    for choice in ("soothe", "follow-up"):
        chat.locator(f'input[value="{choice}"]').check()
        chat.locator(f'.course-node:has(input[value="{choice}"]) .course-continue').click()
    marks = chat.locator('.course-mark[data-mark="points"]').all_text_contents()
    assert marks == ["+2 points", "+1 point"]
    assert status.text_content() == "Questions done: 1 of 5"
    page.locator(".course-download-button").click()
    note = page.locator(".course-download-note")
    assert note.text_content() == "Enter your name or staff id before downloading."
    page.locator(".course-download input").fill("Sam")
    with page.expect_download() as download:
        page.locator(".course-download-button").click()
    assert note.text_content() == (
        f"Answer file downloaded: {download.value.suggested_filename}. Note: 4 questions are "
        "still unanswered; answer them and download again.")
    assert not CJK.findall(page.locator("body").inner_text())
    assert opener.close() == []
