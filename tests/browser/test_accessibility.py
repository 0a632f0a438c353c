"""Accessibility: axe-core finds no WCAG 2.0/2.1 A or AA violation on any page of the bundled
course (practice and assessment builds), nor in any state of a quiz: unanswered, answered wrong
(feedback shown), answered right, finished (score shown), for every question type.

Pages are served under site_url's path, as deployed: 404.html links its assets from there.
One browser page is reused throughout. axe-core comes from node_modules (npm ci), served beside
the site so that the browser caches and compiles it once, not on every page.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlparse

import pytest

from generator.integrity import codes
from generator.integrity.opaque import OpaqueIds
from generator.models.quiz import Scenario
from generator.quizgraph import linear_nodes
from generator.scoring import grade_question
from helpers import ROOT, missing_tool, serve_directory
from quizhelpers import (
    all_answers,
    bundled_course,
    page_answer,
    registry_salt,
    scenario_paths,
    start_identified,
)

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
        "resultTypes": ["violations"]}
TYPES = {"single", "multiple", "true_false", "ordering", "scenario"}
SALT = registry_salt(ROOT)  # names the assessment build's ids

# Give an answer (answer-file form) as a learner does, by clicks; then press Check if asked.
ANSWER = """([qid, answer, check]) => {
  const box = document.querySelector(`.course-q[data-question="${qid}"]`);
  const input = (value) => box.querySelector(`input[value="${CSS.escape(String(value))}"]`);
  const type = box.dataset.type;
  if (type === 'ordering') {
    answer.forEach((step, target) => {
      const items = () => [...box.querySelectorAll('.course-step')];
      while (items().findIndex((li) => li.dataset.step === step) > target)
        box.querySelector(`.course-step[data-step="${step}"] .course-move`).click();
    });
  } else if (type === 'scenario') {
    for (const choice of answer) {
      input(choice).click();
      input(choice).closest('.course-node').querySelector('.course-continue').click();
    }
  } else if (type === 'multiple') {
    for (const tick of box.querySelectorAll('.course-options input'))
      if (tick.checked !== answer.includes(tick.value)) tick.click();
  } else {
    input(answer).click();
  }
  if (check && box.querySelector('.course-check')) box.querySelector('.course-check').click();
}"""

# Transitions over (Material's header swaps in the page title as the page scrolls): axe must see
# colours at rest, not half-way through a fade. A cancelled transition rejects: over too. The
# widget scrolls a revealed step into view one frame after the click (quiz.js reveal), and the
# header's fade starts a frame after that scroll: so frames first, then the transitions, until a
# pair of frames starts none.
SETTLED = """async () => {
  const frame = () => new Promise((r) => requestAnimationFrame(r));
  for (let round = 0; round < 10; round++) {
    await frame(); await frame();
    const running = document.getAnimations().filter((a) => a.playState !== 'finished'
      && a.effect.getComputedTiming().iterations !== Infinity);
    if (!running.length) return;
    await Promise.all(running.map((a) => a.finished.catch(() => null)));
  }
}"""
# Material's palette toggle: its inputs, one per scheme, switch on change.
SCHEMES = """() => [...document.querySelectorAll('[data-md-component="palette"] input')]
  .map((input) => input.id)"""
CHOOSE_SCHEME = """(id) => {
  const input = document.getElementById(id);
  input.checked = true;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}"""


@pytest.fixture(scope="module")
def axe() -> Path:
    if not AXE.exists():
        missing_tool(f"axe-core not found at {AXE.relative_to(ROOT)} (run npm ci)")
    return AXE


def deployed(site: Path, tmp_path_factory) -> tuple[str, callable]:
    """Serve a built site under site_url's path, as it is deployed, and axe-core at /axe.min.js."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    path = urlparse(re.search(r"^site_url:\s*(\S+)", config, re.M).group(1)).path.strip("/")
    root = tmp_path_factory.mktemp("deployed")
    (root / path).parent.mkdir(parents=True, exist_ok=True)
    (root / path).symlink_to(site, target_is_directory=True)
    (root / AXE.name).symlink_to(AXE)
    base, stop = serve_directory(root)
    return f"{base}/{path}", stop


@pytest.fixture(scope="module")
def practice(built_site, tmp_path_factory, axe):
    base, stop = deployed(built_site, tmp_path_factory)
    yield base
    stop()


@pytest.fixture(scope="module")
def assessment(built_assessment_site, tmp_path_factory, axe):
    base, stop = deployed(built_assessment_site, tmp_path_factory)
    yield base
    stop()


@pytest.fixture(scope="module")
def quizzes():
    _, found = bundled_course()
    return {quiz.id: quiz for quiz in found}


def audit(page, where: str) -> list[str]:
    """Run axe on the page as it is now; one readable block per violation."""
    page.evaluate(SETTLED)
    if not page.evaluate("typeof window.axe === 'object'"):
        origin = urlparse(page.url)
        page.add_script_tag(url=f"{origin.scheme}://{origin.netloc}/{AXE.name}")
    result = page.evaluate("options => axe.run(document, options)", WCAG)
    problems = []
    for v in result["violations"]:
        nodes = "".join(f"\n      {' '.join(n['target'])}: {' '.join(n['html'].split())[:200]}"
                        for n in v["nodes"])
        problems.append(f"{where}: {v['id']} ({v['impact']}) {v['help']}, "
                        f"{len(v['nodes'])} node(s):{nodes}")
    return problems


def audit_every_palette(page, where: str) -> list[str]:
    """Audit in each colour scheme the palette toggle offers (the course has one: no toggle)."""
    schemes = page.evaluate(SCHEMES)
    if not schemes:
        return audit(page, where)
    problems = []
    for scheme in schemes:
        page.evaluate(CHOOSE_SCHEME, scheme)
        scheme_name = page.evaluate("document.body.dataset.mdColorScheme")
        problems += audit(page, f"{where} [{scheme_name}]")
    return problems


def html_pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def fail_on(problems: list[str]) -> None:
    if problems:  # pytest's own repr of the list would be unreadable
        pytest.fail(f"{len(problems)} axe violation(s):\n" + "\n".join(problems), pytrace=False)


def ranked(question) -> tuple[object, object]:
    """The lowest- and a full-scoring complete answer of a question."""
    answers = (scenario_paths(question, complete_only=True) if isinstance(question, Scenario)
               else [a for a in all_answers(question) if a not in (None, [])])
    by_points = sorted(answers, key=lambda a: grade_question(question, a).points)
    return by_points[0], by_points[-1]


def answer(page, question, given, check: bool = True, ids=None) -> None:
    """`given` in authored ids; `ids` (OpaqueIds) on an assessment page, which names everything
    by opaque id."""
    name = ids.question(question.id) if ids is not None else question.id
    page.evaluate(ANSWER, [name, page_answer(question, given, ids), check])


def linear_answer(question) -> list[str]:
    """An assessment page's conversation answered to the end: the lowest-scoring reply at each
    step of the best path (the page shows those steps whatever is picked)."""
    return [min(node.choices, key=lambda c: c.points).id for node in linear_nodes(question)]


# ---- Every page --------------------------------------------------------------------------------

def test_every_page_of_the_practice_build_passes(page, practice, built_site):
    pages = html_pages(built_site)
    assert len(pages) > 30
    problems = []
    for name in pages:
        page.goto(f"{practice}/{name}")
        problems += audit_every_palette(page, name)
    fail_on(problems)


# ---- Quizzes in every state --------------------------------------------------------------------

def quiz_pages(page, base: str, site: Path):
    """Each quiz page with a new attempt: the name, quiz id and mode."""
    page.goto(f"{base}/index.html")
    page.evaluate("localStorage.clear()")
    for name in html_pages(site):
        if name.startswith("quiz/"):
            page.goto(f"{base}/{name}")
            data = page.locator(".course-quiz").evaluate("el => ({...el.dataset})")
            yield name, data["quiz"], data["mode"]


def test_practice_quizzes_pass_answered_wrong_right_and_finished(page, practice, built_site,
                                                                 quizzes):
    problems, types = [], set()
    for name, quiz_id, mode in quiz_pages(page, practice, built_site):
        if mode != "practice":
            continue
        questions = quizzes[quiz_id].questions
        types |= {q.type for q in questions}
        picks = {q.id: dict(zip(("wrong", "right"), ranked(q))) for q in questions}
        for state in ("wrong", "right"):
            for question in questions[:-1]:
                answer(page, question, picks[question.id][state])
            problems += audit(page, f"{name} (answered {state}, feedback shown)")
            answer(page, questions[-1], picks[questions[-1].id][state])
            assert page.locator(".course-quiz-result").is_visible()
            page.locator(".course-download-button").click()  # no name yet: asked for, marked
            problems += audit(page, f"{name} (finished, all {state}, score shown, name asked)")
            page.locator(".course-retry").click()
        assert page.locator(".course-q-result:visible").count() == 0
    assert types == TYPES
    page.goto(f"{practice}/progress.html")  # with scores to show now
    problems += audit(page, "progress.html (quizzes scored)")
    fail_on(problems)


def test_assessment_quizzes_pass_unanswered_and_answered(page, assessment, built_assessment_site,
                                                         quizzes):
    problems, types = [], set()
    for name, quiz_id, mode in quiz_pages(page, assessment, built_assessment_site):
        assert mode == "assessment"
        # The tab keeps the code for the whole site (sessionStorage): forgotten, so that every
        # page shows its form.
        page.evaluate("sessionStorage.clear()")
        page.reload()
        problems += audit_every_palette(page, f"assessment {name} (id and code asked)")
        start_identified(page, "CS-017", codes.new_code())
        problems += audit(page, f"assessment {name} (unanswered)")
        questions = quizzes[quiz_id].questions
        ids = OpaqueIds(quizzes[quiz_id], SALT)
        shown = set(page.locator(".course-q:not([hidden])").evaluate_all(
            "els => els.map(e => e.dataset.question)"))
        drawn = [q for q in questions if ids.question(q.id) in shown]
        types |= {q.type for q in drawn}
        for question in drawn:
            given = (linear_answer(question) if isinstance(question, Scenario)
                     else ranked(question)[0])
            answer(page, question, given, check=False, ids=ids)
        assert page.locator(".course-restart").count() == 0  # replies are final here
        page.once("dialog", lambda dialog: dialog.accept())  # an exam: downloading hands it in
        with page.expect_download():
            page.locator(".course-download-button").click()
        problems += audit(page, f"assessment {name} (every question answered, handed in)")
    assert types == TYPES
    fail_on(problems)
