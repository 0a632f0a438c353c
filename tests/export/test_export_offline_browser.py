"""The offline bundle, unzipped and opened from file:// with every other request blocked."""

from __future__ import annotations

import json

import pytest

from exporthelpers import FIXTURE, SLUG, answer_practice_question, exported_once, unzip
from generator.integrity import codes
from generator.integrity.opaque import OpaqueIds
from generator.integrity.signing import verifies
from quizhelpers import load_quizzes, registry_salt, start_identified

pytestmark = pytest.mark.browser


class Watch:
    """Every request to anything but file:, blocked and logged; every console error."""

    def __init__(self, page):
        self.blocked: list[str] = []
        self.errors: list[str] = []
        page.route("**/*", self._route)
        page.on("console", lambda m: self.errors.append(f"console: {m.text}")
                if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))

    def _route(self, route):
        url = route.request.url
        if url.startswith(("file:", "blob:", "data:")):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()


def title(page) -> str:
    return page.locator("h1").first.inner_text().rstrip("¶")


def test_offline_bundle_works_from_file_urls_with_no_other_host(browser, tmp_path_factory,
                                                               tmp_path):
    exported = exported_once(tmp_path_factory)
    root = unzip(exported["offline.zip"], tmp_path) / SLUG
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    watch = Watch(page)

    page.goto((root / "index.html").as_uri())
    assert title(page) == "导出测试课程"

    # Chinese search, with the index loaded as a script and the worker shimmed in an iframe.
    search = page.locator(".md-search__input")
    search.click()
    search.fill("退款")
    search.press("End")  # Material reads the query on keyup, as when a person types
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=30000)  # the worker indexes first; slow on a busy machine
    titles = " ".join(results.all_inner_texts()).replace("\u200b", "")
    assert "退款期限怎么算" in titles

    # Navigation: a search result, then the site's own links.
    page.locator(".md-search-result__link", has_text="退款期限怎么算").first.click()
    page.wait_for_url("**/rules/refund-window.html")
    assert title(page) == "退款期限怎么算"
    page.locator(".md-nav__link", has_text="规则练习").first.click()
    page.wait_for_url("**/quiz/rules-practice.html")

    # A practice quiz with every question type, completed.
    quiz = page.locator(".course-quiz[data-quiz=rules-practice]")
    quiz.locator(".course-quiz-footer").wait_for()
    questions = quiz.locator("fieldset.course-q")
    assert sorted(questions.nth(i).get_attribute("data-type") for i in range(questions.count())) \
        == ["multiple", "ordering", "scenario", "single", "true_false"]
    for i in range(questions.count()):
        answer_practice_question(questions.nth(i))
    quiz.locator(".course-verdict").wait_for()  # the score and pass/fail are shown
    assert quiz.get_attribute("data-passed") in ("true", "false")
    percent = quiz.get_attribute("data-percent")

    # Progress, kept in localStorage across file:// pages.
    page.locator(".md-nav__link", has_text="学习进度").first.click()
    page.wait_for_url("**/progress.html")
    state = page.locator("[data-progress-quiz=rules-practice] .course-progress-state")
    assert f"{percent}%" in state.inner_text()
    assert page.locator("[data-progress-lesson=refund-window] .course-progress-state").inner_text()

    # The final assessment: id and access code first, answer, then download the answer file,
    # signed with the code (WebCrypto works from file:// too).
    page.locator(".md-nav__link", has_text="结业考核").first.click()
    page.wait_for_url("**/quiz/final.html")
    final = page.locator(".course-quiz[data-quiz=final]")
    code = codes.new_code()
    start_identified(page, "CS-017", code)
    final.locator(".course-quiz-footer").wait_for()
    for kind in ("single", "true_false"):
        final.locator(f"fieldset[data-type={kind}] input").first.check()
    scenario = final.locator("fieldset[data-type=scenario]")
    scenario.locator(".course-node:not([hidden]) input[type=radio]").first.check()
    scenario.locator(".course-node:not([hidden]) .course-continue").first.click()
    with page.expect_download() as download_info:
        final.locator(".course-download-button").click()
    download = download_info.value
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    answers = json.loads(saved.read_text("utf-8"))
    assert answers["format"] == "course-answers/2" and answers["quiz"] == "final"
    assert answers["learner"] == {"id": "CS-017"}
    assert verifies(answers, codes.normalise(code))
    # An assessment page names its questions by opaque id (the course's registry salt), in
    # that order.
    quiz = next(q for q in load_quizzes(FIXTURE / "content", FIXTURE / "quizzes")[1]
                if q.id == "final")
    ids = OpaqueIds(quiz, registry_salt(FIXTURE))
    assert [a["question"] for a in answers["answers"]] == sorted(
        ids.question(q) for q in ("last-day", "private", "talk"))
    assert all(a["answer"] is not None for a in answers["answers"])

    context.close()
    log = tmp_path / "blocked-requests.log"
    log.write_text("".join(url + "\n" for url in watch.blocked), "utf-8")
    print(f"\nblocked requests ({len(watch.blocked)}), log at {log}:",
          *watch.blocked or ["(none)"], sep="\n  ")
    assert watch.blocked == [], "requests to other hosts"
    assert watch.errors == [], "console errors"


def test_the_watch_does_catch_a_request_to_another_host(browser, tmp_path_factory, tmp_path):
    # Proof that an empty log above means something: the same watch sees a stray request.
    root = unzip(exported_once(tmp_path_factory)["offline.zip"], tmp_path) / SLUG
    page = browser.new_page()
    watch = Watch(page)
    page.goto((root / "index.html").as_uri())
    page.evaluate("new Promise(done => { const i = new Image(); i.onerror = done; "
                  "i.src = 'https://example.org/pixel.png'; })")
    page.close()
    assert watch.blocked == ["https://example.org/pixel.png"]


def test_the_handbook_html_loads_nothing_from_anywhere(browser, tmp_path_factory):
    handbook = exported_once(tmp_path_factory)["handbook.html"]
    page = browser.new_page()
    watch = Watch(page)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(handbook.as_uri())
    page.locator(".hb-toc a", has_text="退款期限怎么算").click()  # contents → the lesson
    assert page.evaluate("location.hash") == "#rules.refund-window"
    page.close()
    assert requests == [handbook.as_uri()]  # the file itself, and nothing else
    assert watch.blocked == [] and watch.errors == []
