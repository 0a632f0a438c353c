"""A course built with collect_url, exported: the SCORM package never loads collect.js (it
reports to its LMS); the offline zip, opened from disk with the network off, works and queues
the submission."""

from __future__ import annotations

import subprocess
import sys
import zipfile

import pytest

from servicekit import ROOT, through_identity_form


@pytest.fixture
def exported(course, tmp_path):
    config = course.config.read_text(encoding="utf-8").replace(
        "  - course\n", "  - course:\n      collect_url: https://collect.example.com/\n")
    course.config.write_text(config, encoding="utf-8")
    out = tmp_path / "dist"
    result = subprocess.run([sys.executable, "-m", "generator", "export", "-f",
                             str(course.config), "--out", str(out)], cwd=ROOT,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return out


def test_the_scorm_package_never_loads_collect_js(exported):
    with zipfile.ZipFile(exported / "course-scorm12.zip") as package:
        names = package.namelist()
        pages = [package.read(n).decode() for n in names if n.endswith(".html")]
    assert not [n for n in names if n.endswith("collect.js")]
    assert pages and not [p for p in pages if "course-collect" in p or "collect.js" in p]


@pytest.mark.browser
def test_the_offline_zip_works_with_the_network_off_and_queues(exported, course, browser,
                                                               tmp_path):
    with zipfile.ZipFile(exported / "course-offline.zip") as bundle:
        bundle.extractall(tmp_path / "offline")
    page_file = next((tmp_path / "offline").rglob("quiz/final.html"))
    context = browser.new_context()
    context.set_offline(True)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(page_file.as_uri())
    through_identity_form(page, course)
    page.wait_for_selector(".course-collect-button")
    page.evaluate("""file => {
        document.querySelector('.course-quiz').courseQuiz = {answerFile: async () => file};
    }""", course.answer_file())
    page.click(".course-collect-button")
    page.wait_for_function("document.querySelector('.course-collect-status')"
                           ".dataset.state === 'queued'")
    assert page.locator(".course-download-button").is_visible()  # the download stays
    assert errors == []
    context.close()
