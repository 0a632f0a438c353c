"""Helpers for the quiz tests: small quizzes built in code, every possible answer of a question,
and the fixture course that exercises every question type in both modes."""

from __future__ import annotations

import itertools
import random
from pathlib import Path

from generator.checks import checked
from generator.loading import load_course
from generator.models.quiz import (
    MultipleChoice,
    Ordering,
    Question,
    Quiz,
    Scenario,
    SingleChoice,
    TrueFalse,
)
from generator.quizgraph import start_node

ROOT = Path(__file__).resolve().parent.parent
QUIZ_COURSE = Path(__file__).resolve().parent / "fixtures" / "quizcourse"
ORDERING_EXHAUSTIVE_UP_TO = 6  # 720 orders; longer lists are sampled
ORDERING_SAMPLE = 400


_BUILT: dict[bool, Path] = {}


def build_fixture_course(tmp_path_factory, assessment: bool) -> Path:
    """The fixture course built once per test session (with `--assessment` or without)."""
    if assessment not in _BUILT:
        from helpers import run_course

        out = tmp_path_factory.mktemp("quizcourse-assessment" if assessment else "quizcourse")
        args = ["build", "-f", str(QUIZ_COURSE / "mkdocs.yml"), "-d", str(out / "site")]
        run_course(*args, *(["--assessment"] if assessment else []), check=True)
        _BUILT[assessment] = out / "site"
    return _BUILT[assessment]


def make_quiz(*questions: dict, **fields) -> Quiz:
    """A quiz from question dicts written as in YAML."""
    return Quiz.model_validate({"id": "q", "title": "测验", "questions": list(questions), **fields})


def single(qid="s", correct="b", options=("a", "b", "c"), **fields) -> dict:
    return {"id": qid, "type": "single", "prompt": "单选",
            "options": [{"id": o, "text": o, "correct": o == correct} for o in options], **fields}


def multiple(qid="m", correct=("a", "b"), options=("a", "b", "c", "d"), scoring="partial",
             **fields) -> dict:
    return {"id": qid, "type": "multiple", "prompt": "多选", "scoring": scoring,
            "options": [{"id": o, "text": o, "correct": o in correct} for o in options], **fields}


def true_false(qid="t", answer=True, **fields) -> dict:
    return {"id": qid, "type": "true_false", "prompt": "判断", "answer": answer, **fields}


def ordering(qid="o", items=("a", "b", "c", "d"), scoring="position", **fields) -> dict:
    return {"id": qid, "type": "ordering", "prompt": "排序", "scoring": scoring,
            "items": [{"id": i, "text": i} for i in items], **fields}


def scenario(qid="c", **fields) -> dict:
    """start → (good +2 → mid, bad +0 → end-bad); mid → (fine +1 → end-good, best +3 → end-good)."""
    nodes = [
        {"id": "start", "customer": "你好", "choices": [
            {"id": "good", "text": "好", "next": "mid", "points": 2},
            {"id": "bad", "text": "差", "next": "end-bad"}]},
        {"id": "mid", "customer": "然后呢", "choices": [
            {"id": "fine", "text": "还行", "next": "end-good", "points": 1},
            {"id": "best", "text": "最好", "next": "end-good", "points": 3}]},
        {"id": "end-good", "outcome": "满意"},
        {"id": "end-bad", "outcome": "投诉"},
    ]
    return {"id": qid, "type": "scenario", "prompt": "对话", "nodes": nodes, **fields}


def load_quizzes(content: Path, quizzes: Path):
    loaded = checked(load_course(content, quizzes if quizzes.is_dir() else None))
    return loaded, [entry.quiz for entry in loaded.quizzes]


def bundled_course():
    return load_quizzes(ROOT / "content", ROOT / "quizzes")


def fixture_course():
    return load_quizzes(QUIZ_COURSE / "content", QUIZ_COURSE / "quizzes")


def registry_salt(folder: Path) -> str:
    """The salt of a course folder's registry (published.jsonl): what names its assessment
    pages' ids."""
    from generator.integrity.registry import read

    return read(folder / "published.jsonl").salt


def scenario_paths(question: Scenario, complete_only: bool = False) -> list[list[str]]:
    """Every path from the start: complete ones (ending at an outcome) and, unless told
    otherwise, every prefix of them too (a learner can stop half-way)."""
    nodes = {node.id: node for node in question.nodes}
    out: list[list[str]] = []

    def walk(node_id: str, path: list[str]) -> None:
        node = nodes[node_id]
        if not node.choices or not complete_only:
            out.append(path)
        for choice in node.choices:
            walk(choice.next, path + [choice.id])

    walk(start_node(question), [])
    return out


def all_answers(question: Question, seed: int = 0) -> list:
    """Every possible answer of a question, None (unanswered) included. Orderings longer than
    six steps get a reproducible sample (with the right order and its reverse)."""
    answers: list = [None]
    if isinstance(question, SingleChoice):
        answers += [o.id for o in question.options]
    elif isinstance(question, MultipleChoice):
        ids = [o.id for o in question.options]
        answers += [[i for i, keep in zip(ids, mask) if keep]
                    for mask in itertools.product((False, True), repeat=len(ids))]
    elif isinstance(question, TrueFalse):
        answers += [True, False]
    elif isinstance(question, Ordering):
        ids = [i.id for i in question.items]
        if len(ids) <= ORDERING_EXHAUSTIVE_UP_TO:
            answers += [list(p) for p in itertools.permutations(ids)]
        else:
            rng = random.Random(seed)
            sample = {tuple(ids), tuple(reversed(ids))}
            while len(sample) < ORDERING_SAMPLE:
                sample.add(tuple(rng.sample(ids, len(ids))))
            answers += [list(p) for p in sorted(sample)]
    elif isinstance(question, Scenario):
        answers += scenario_paths(question)
    return answers


# ---- In the browser -------------------------------------------------------------------------

class PageOpener:
    """Opens pages in fresh browser contexts and collects every console error and uncaught
    exception; `close()` returns them (tests assert there were none)."""

    def __init__(self, browser):
        self.browser = browser
        self.contexts = []
        self.errors: list[str] = []

    def __call__(self, url: str | None = None, **context_options):
        context = self.browser.new_context(**context_options)
        self.contexts.append(context)
        page = context.new_page()
        page.on("console", lambda m: m.type == "error" and self.errors.append(
            f"{page.url}: {m.text}"))
        page.on("pageerror", lambda e: self.errors.append(f"{page.url}: {e}"))
        if url:
            page.goto(url)
        return page

    def close(self) -> list[str]:
        for context in self.contexts:
            context.close()
        return self.errors


def question_box(page, question_id: str, ids=None):
    """A question's box, by its authored id; `ids` (OpaqueIds): on an assessment page, which
    names it by its opaque id."""
    name = ids.question(question_id) if ids is not None else question_id
    return page.locator(f'.course-q[data-question="{name}"]')


def page_answer(question: Question, answer, ids=None):
    """An answer in authored ids as the page names it: opaque on an assessment page (`ids`)."""
    if ids is None or answer is None or isinstance(answer, bool):
        return answer
    if isinstance(answer, str):
        return ids.item(question.id, answer)
    return [ids.item(question.id, a) for a in answer]


def answer_with_clicks(page, question: Question, answer, ids=None) -> None:
    """Give an answer the way a learner does: ticking, moving steps, choosing replies. `answer`
    in authored ids; `ids` (OpaqueIds) on an assessment page."""
    box = question_box(page, question.id, ids)
    answer = page_answer(question, answer, ids)
    if isinstance(question, SingleChoice):
        box.locator(f'input[value="{answer}"]').check()
    elif isinstance(question, TrueFalse):
        box.locator(f'input[value="{"true" if answer else "false"}"]').check()
    elif isinstance(question, MultipleChoice):
        for option in question.options:
            value = page_answer(question, option.id, ids)
            box.locator(f'input[value="{value}"]').set_checked(value in answer)
    elif isinstance(question, Ordering):
        for target, step in enumerate(answer):
            current = box.locator(".course-step").evaluate_all(
                "(items, step) => items.findIndex(li => li.dataset.step === step)", step)
            for _ in range(current - target):
                box.locator(f'.course-step[data-step="{step}"] .course-move').first.click()
    elif isinstance(question, Scenario):
        for choice in answer:
            box.locator(f'input[value="{choice}"]').check()
            box.locator(f'.course-node:has(input[value="{choice}"]) .course-continue').click()


def check_answer(page, question: Question) -> None:
    if not isinstance(question, Scenario):  # a conversation is checked when it ends
        question_box(page, question.id).locator(".course-check").click()


def start_identified(page, learner: str, code: str) -> None:
    """Fill the id + access-code form an assessment (or required) quiz asks for before its first
    question, start, and wait for the paper. `code`: a valid one (integrity.codes.new_code())."""
    form = page.locator(".course-identity")
    form.locator("input").nth(0).fill(learner)
    form.locator("input").nth(1).fill(code)
    form.locator(".course-start").click()
    page.locator(".course-quiz:not(.is-waiting)").wait_for()
