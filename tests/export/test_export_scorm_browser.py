"""The SCORM 1.2 package inside a real SCORM 1.2 runtime: scorm-again playing the LMS.

scorm-again comes from the npm registry (package.json at the repository root; `./dev` runs
`npm ci`). The LMS host page creates `window.API = new Scorm12API(...)`, logs every call the
package makes, and shows the package's launch page in a frame, as an LMS does.
"""

from __future__ import annotations

import re
import time

import pytest

from exporthelpers import answer_practice_question, exported_once, unzip
from helpers import ROOT, missing_tool, serve_directory

pytestmark = pytest.mark.browser

SCORM_AGAIN = ROOT / "node_modules" / "scorm-again" / "dist" / "scorm12.js"
LMS_HOST = """<!doctype html>
<html><head><meta charset="utf-8"><title>LMS</title>
<link rel="icon" href="data:,">
<script src="scorm12.js"></script>
<script>
  window.API = new Scorm12API({ autocommit: false, lmsCommitUrl: false });
  window.lmsLog = [];
  for (const name of ["LMSInitialize", "LMSSetValue", "LMSCommit", "LMSFinish"]) {
    const real = window.API[name].bind(window.API);
    window.API[name] = (...args) => { const result = real(...args);
      window.lmsLog.push([name, ...args, String(result)]); return result; };
  }
</script>
<style>html, body { margin: 0; height: 100% }
iframe { border: 0; width: 100%; height: 100% }</style>
</head><body><iframe id="sco" src="package/launch.html"></iframe></body></html>
"""
READ_BACK = """() => {
  const core = window.API.cmi.core;
  const objective = window.API.cmi.objectives.childArray[0];
  return { raw: core.score.raw, min: core.score.min, max: core.score.max,
           status: core.lesson_status,
           objective: objective && { id: objective.id, raw: objective.score.raw,
                                     status: objective.status } };
}"""


@pytest.fixture
def lms(tmp_path, tmp_path_factory):
    """A served folder: the LMS host page, scorm-again, and the unzipped package."""
    if not SCORM_AGAIN.is_file():
        missing_tool("scorm-again is not installed: run `npm ci` (./dev does it)")
    unzip(exported_once(tmp_path_factory)["scorm12.zip"], tmp_path / "package")
    (tmp_path / "scorm12.js").write_bytes(SCORM_AGAIN.read_bytes())
    (tmp_path / "lms.html").write_text(LMS_HOST, "utf-8")
    base, stop = serve_directory(tmp_path)
    yield base
    stop()


def _console_errors(page) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return errors


def _frame(page, url_end: str, timeout: float = 30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for frame in page.frames:
            if frame.url.endswith(url_end):
                frame.wait_for_load_state()
                return frame
        page.wait_for_timeout(50)
    raise AssertionError(f"no frame shows {url_end}: {[f.url for f in page.frames]}")


def test_a_quiz_in_the_package_reports_score_and_status_to_the_lms(browser, lms):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors = _console_errors(page)
    page.goto(f"{lms}/lms.html")
    course = _frame(page, "/package/index.html")
    assert page.evaluate("window.API.cmi.core.lesson_status") == "incomplete"  # started

    # The learner moves through the course inside the package's frame, then takes a quiz.
    course.locator(".md-content a", has_text="规则练习").first.click()
    course = _frame(page, "/package/quiz/rules-practice.html")
    quiz = course.locator(".course-quiz[data-quiz=rules-practice]")
    quiz.locator(".course-quiz-footer").wait_for()
    questions = quiz.locator("fieldset.course-q")
    for i in range(questions.count()):
        answer_practice_question(questions.nth(i))
    quiz.locator(".course-verdict").wait_for()
    percent, passed = quiz.get_attribute("data-percent"), quiz.get_attribute("data-passed")

    recorded = page.evaluate(READ_BACK)
    print(f"\nSCORM values read back from scorm-again: {recorded}")
    assert recorded == {"raw": percent, "min": "0", "max": "100",
                        "status": "passed" if passed == "true" else "failed",
                        "objective": {"id": "rules-practice", "raw": percent,
                                      "status": "passed" if passed == "true" else "failed"}}
    calls = [call[0] for call in page.evaluate("window.lmsLog")]
    assert calls[0] == "LMSInitialize" and calls.count("LMSInitialize") == 1
    assert "LMSCommit" in calls[calls.index("LMSSetValue"):]
    assert all(call[-1] == "true" for call in page.evaluate("window.lmsLog"))

    # Leaving the package (the LMS closes its frame) finishes the session.
    page.evaluate("document.getElementById('sco').remove()")
    log = page.evaluate("window.lmsLog")
    assert log[-1][0] == "LMSFinish" and log[-1][-1] == "true"
    assert any(call[:2] == ["LMSSetValue", "cmi.core.session_time"] for call in log)
    page.close()
    assert errors == []


def test_status_rules_of_scorm_js_against_the_runtime(browser, lms):
    """passed/failed by the quiz's pass mark; completed where none applies, or for answer files."""
    page = browser.new_page()
    errors = _console_errors(page)
    page.goto(f"{lms}/lms.html")
    course = _frame(page, "/package/index.html")

    def fire(name, detail):
        # The quiz widget's events as it sends them (bubbling, from the quiz element).
        course.evaluate("([name, detail]) => document.body.dispatchEvent("
                        "new CustomEvent(name, {bubbles: true, detail}))", [name, detail])
        return page.evaluate(READ_BACK)

    graded = {"quiz": "a", "score": 0.345, "passed": False, "points": 3.45, "maxPoints": 10,
              "mode": "practice"}
    assert fire("quiz:graded", graded)["status"] == "failed"
    assert page.evaluate(READ_BACK)["raw"] == "35"  # rounded half up, as the grader does
    assert fire("quiz:graded", {**graded, "quiz": "b", "passed": None})["status"] == "completed"
    assert fire("quiz:graded", {**graded, "score": 1, "passed": True})["status"] == "passed"
    # An assessment's answer file: graded later, so completed — but never over a pass or fail.
    assert fire("quiz:answers", {"quiz": "final", "mode": "assessment", "file": {}})["status"] \
        == "passed"
    objectives = page.evaluate("window.API.cmi.objectives.childArray.map(o => [o.id, o.status])")
    assert objectives == [["a", "passed"], ["b", "completed"], ["final", "completed"]]
    page.close()
    assert errors == []


def test_without_an_lms_the_package_behaves_as_the_plain_site(browser, lms):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    messages: list[str] = []
    page.on("console", lambda m: messages.append(f"{m.type}: {m.text}"))
    page.on("pageerror", lambda e: messages.append(f"page error: {e}"))
    for start in ("launch.html", "quiz/rules-practice.html"):
        page.goto(f"{lms}/package/{start}")
        course = _frame(page, "/package/quiz/rules-practice.html") if start != "launch.html" \
            else _frame(page, "/package/index.html")
        if start == "launch.html":
            continue
        quiz = course.locator(".course-quiz[data-quiz=rules-practice]")
        questions = quiz.locator("fieldset.course-q")
        for i in range(questions.count()):
            answer_practice_question(questions.nth(i))
        quiz.locator(".course-verdict").wait_for()
        assert quiz.get_attribute("data-passed") in ("true", "false")
        assert re.fullmatch(r"\d+", quiz.get_attribute("data-percent"))
    page.close()
    assert messages == []  # not even a warning: no LMS is not a problem
