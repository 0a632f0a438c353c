"""Assessment pages as the round-2 contract describes them (/work/notes/widget-contract.md §1),
made here from today's pages, for the widget's tests until the render side writes them itself.

Test-only. A copy of the fixture course whose final exam draws from two pools and has exam
settings is built as usual; then the exam's page is rewritten the way the contract says the
render will write it: every question, option, step, node and choice id replaced by its opaque id
(`integrity.opaque`, the copy's registry salt), "go to step" links and `data-next` removed, and
`data-json` replaced by `contract_data()`: opaque ids, lists in opaque-id order, `identity`,
`draw` (pool indexes) with each question's `pool`, and `exam`.

Two deliberate choices, both reported to the lead:
- questions stay in YAML order in `data-json` (the HTML may list them in any order): the draw
  and shuffle.presentation walk the questions in YAML order, and the page cannot know it
  otherwise;
- scenario nodes are the whole conversation, in opaque-id order (as shuffle.presentation draws
  them today); `linear=True` gives the contract's linear form (the best path's decision nodes,
  then one neutral end node) for the tests of the conversation itself.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

from generator.integrity.opaque import OpaqueIds
from generator.integrity.registry import read as read_registry
from generator.models.quiz import Scenario
from generator.quizgraph import best_path, start_node
from generator.render.quiz import quiz_data
from quizhelpers import QUIZ_COURSE, load_quizzes

EXAM = "final-exam"
POOLS = {"exam-day": "facts", "exam-evidence": "facts", "exam-private": "facts",
         "exam-order": "tasks", "exam-chat": "tasks"}
SETTINGS = """draw:
  - pool: facts
    count: 2
  - pool: tasks
    count: 2
exam:
  time_limit: 30
  late: flag
  grace: 2
  attempts: 2
  after_submit: {after_submit}
"""


def exam_course(folder: Path, after_submit: str = "answers") -> Path:
    """The fixture course copied to `folder`, its final exam drawing 2 of 3 facts and 2 of 2
    tasks, with a 30-minute limit and 2 attempts. Returns the course folder."""
    shutil.copytree(QUIZ_COURSE, folder)
    (folder / "published.jsonl").unlink()  # a registry (and salt) of its own
    path = folder / "quizzes" / f"{EXAM}.yml"
    text = path.read_text(encoding="utf-8")
    for question, pool in POOLS.items():
        text = text.replace(f"  - id: {question}\n", f"  - id: {question}\n    pool: {pool}\n")
    text = text.replace("questions:\n", SETTINGS.format(after_submit=after_submit)
                        + "questions:\n", 1)
    path.write_text(text, encoding="utf-8")
    return folder


def course_quizzes(folder: Path):
    loaded, quizzes = load_quizzes(folder / "content", folder / "quizzes")
    return loaded, {q.id: q for q in quizzes}


def salt_of(folder: Path) -> str:
    return read_registry(folder / "published.jsonl").salt


def contract_data(loaded, quiz, salt: str, *, linear: bool = False) -> dict:
    """The exam's data-json as the contract describes it."""
    ids = OpaqueIds(quiz, salt)
    data = quiz_data(loaded, quiz, assessment=True)
    pools = [d.pool for d in quiz.draw]
    for question, item in zip(quiz.questions, data["questions"]):
        qid = question.id
        item["id"] = ids.question(qid)
        if pools:
            item["pool"] = pools.index(question.pool)
        for key in ("options", "items"):
            if key in item:
                item[key] = sorted(ids.item(qid, i) for i in item[key])
        if isinstance(question, Scenario):
            item.update(scenario_data(question, ids, linear))
    data["identity"] = True
    if pools:
        data["draw"] = [[i, d.count] for i, d in enumerate(quiz.draw)]
    if quiz.exam is not None:
        data["exam"] = {"time_limit": quiz.exam.time_limit, "attempts": quiz.exam.attempts,
                        "after_submit": quiz.exam.after_submit, "grace": quiz.exam.grace,
                        "late": quiz.exam.late}
    return data


def end_node(ids: OpaqueIds, question: Scenario) -> str:
    """The linear form's one neutral end (an ending of the best path stands for it)."""
    last = best_path(question)[-1]
    node = next(n for n in question.nodes if any(c.id == last[1] for c in n.choices))
    return ids.node(question.id, next(c.next for c in node.choices if c.id == last[1]))


def scenario_data(question: Scenario, ids: OpaqueIds, linear: bool) -> dict:
    qid = question.id
    choices = lambda node: sorted(ids.item(qid, c.id) for c in node.choices)  # noqa: E731
    if not linear:
        nodes = sorted(({"id": ids.node(qid, n.id), "choices": [
            {"id": ids.item(qid, c.id), "next": ids.node(qid, c.next)}
            for c in sorted(n.choices, key=lambda c: ids.item(qid, c.id))]}
            for n in question.nodes), key=lambda n: n["id"])
        return {"start": ids.node(qid, start_node(question)), "nodes": nodes}
    by_id = {n.id: n for n in question.nodes}
    path = [node for node, _ in best_path(question)]
    order = [ids.node(qid, n) for n in path] + [end_node(ids, question)]
    nodes = [{"id": order[k], "choices": [{"id": c, "next": order[k + 1]}
                                          for c in choices(by_id[n])]}
             for k, n in enumerate(path)]
    return {"start": order[0], "nodes": nodes + [{"id": order[-1], "choices": []}]}


ATTRIBUTE = re.compile(r'\b(data-question|data-option|data-step|data-node|value)="([^"]*)"')


def contract_page(page_html: str, loaded, quiz, salt: str, *, linear: bool = False) -> str:
    """Today's rendered page of `quiz`, rewritten as the contract's assessment page."""
    ids = OpaqueIds(quiz, salt)
    data = contract_data(loaded, quiz, salt, linear=linear)
    attribute = html.escape(json.dumps(data, ensure_ascii=False, sort_keys=True,
                                       separators=(",", ":")), quote=True)
    page_html = re.sub(r'data-json="[^"]*"', f'data-json="{attribute}"', page_html, count=1)
    page_html = re.sub(r'\s*<a class="course-goto"[^>]*>.*?</a>', "", page_html)
    page_html = re.sub(r' data-next="[^"]*"', "", page_html)
    for question in quiz.questions:
        qids = ids.questions[question.id]
        start = page_html.index(f'data-question="{question.id}"')
        end = page_html.index("</fieldset>", start)
        box = page_html[start:end]
        names = {question.id: qids.opaque, **qids.items, **qids.nodes}

        def opaque(match, names=names):
            return f'{match[1]}="{names.get(match[2], match[2])}"'

        box = ATTRIBUTE.sub(opaque, box)
        if linear and isinstance(question, Scenario):
            box = linear_nodes(box, question, ids)
        page_html = page_html[:start] + box + page_html[end:]
    return page_html


def linear_nodes(box: str, question: Scenario, ids: OpaqueIds) -> str:
    """Only the best path's decision nodes and one end node, as a linear page shows them."""
    keep = {ids.node(question.id, n) for n, _ in best_path(question)} | {
        end_node(ids, question)}
    nodes = re.findall(r'<div class="course-node[^"]*" data-node="([^"]+)".*?\n</div>\n(?=<div '
                       r'class="course-node|</fieldset>|$)', box + "</fieldset>", flags=re.S)
    for node in nodes:
        if node not in keep:
            box = re.sub(rf'<div class="course-node[^"]*" data-node="{node}".*?\n</div>\n'
                         rf'(?=<div class="course-node|$)', "", box, count=1, flags=re.S)
    return box


def write_contract_site(site: Path, folder: Path) -> None:
    """Rewrite the built exam page in `site` (built from `folder`) as the contract's, and write
    beside it `final-exam-linear.html`, the same page with the linear conversation."""
    loaded, quizzes = course_quizzes(folder)
    page = site / "quiz" / f"{EXAM}.html"
    built = page.read_text(encoding="utf-8")
    for name, linear in ((page, False), (page.with_name(f"{EXAM}-linear.html"), True)):
        name.write_text(contract_page(built, loaded, quizzes[EXAM], salt_of(folder),
                                      linear=linear), encoding="utf-8")
