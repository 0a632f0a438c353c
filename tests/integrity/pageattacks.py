"""A program's attacks on an assessment page, for test_assessment_attacks.py.

Each attack reads only what a learner's browser gets (the page's HTML and its data-json) and
makes one guess per question or per conversation step. The tests hold the key (the quiz model
and the registry's salt) and count how often a guess is right, against what guessing at random
would get. Pure functions; the test module does the building and the counting.
"""

from __future__ import annotations

import hashlib
import html
import json
import random
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from generator.shuffle import mulberry32, shuffled

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}


@dataclass
class QuizPage:
    """One `.course-quiz` element as a program reads it."""

    data: dict  # its data-json
    elements: list[tuple[str, dict[str, str]]] = field(default_factory=list)  # inside, in order
    comments: list[str] = field(default_factory=list)  # anywhere in the page
    hrefs: list[str] = field(default_factory=list)  # anywhere in the page

    def attribute_values(self) -> list[str]:
        """Every attribute value inside the quiz element, but links to other pages (a prompt
        citing a policy or a lesson names that page, which is public)."""
        return [value for _, attrs in self.elements for name, value in attrs.items()
                if not (name in ("href", "src") and not value.startswith("#"))]

    def values(self, name: str) -> list[str]:
        return [attrs[name] for _, attrs in self.elements if name in attrs]

    def question(self, question_id: str) -> dict:
        return next(q for q in self.data["questions"] if q["id"] == question_id)

    def html_steps(self, question_id: str) -> list[str]:
        """An ordering question's steps in the order the HTML lists them."""
        inside, steps = False, []
        for _, attrs in self.elements:
            if "data-question" in attrs:
                inside = attrs["data-question"] == question_id
            elif inside and "data-step" in attrs:
                steps.append(attrs["data-step"])
        return steps


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.pages: list[QuizPage] = []
        self.comments: list[str] = []
        self.hrefs: list[str] = []
        self._depth = 0  # open elements inside the current quiz element

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        if "href" in attrs:
            self.hrefs.append(attrs["href"])
        if self._depth == 0 and "course-quiz" in attrs.get("class", "").split():
            self.pages.append(QuizPage(json.loads(attrs["data-json"])))
            self._depth = 1
            return
        if self._depth:
            self.pages[-1].elements.append((tag, attrs))
            if tag not in VOID:
                self._depth += 1

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if self._depth and tag not in VOID:
            self._depth -= 1

    def handle_endtag(self, tag):
        if self._depth and tag not in VOID:
            self._depth -= 1

    def handle_comment(self, data):
        self.comments.append(data)


def read_quiz_page(text: str) -> QuizPage:
    """The one quiz element of a page (built HTML, or the Markdown the generator plans)."""
    reader = _Reader()
    reader.feed(text)
    reader.close()
    assert len(reader.pages) == 1, f"expected one quiz element, found {len(reader.pages)}"
    page = reader.pages[0]
    page.comments, page.hrefs = reader.comments, reader.hrefs
    return page


# (a) Orderings: guesses from the page's order, and from shuffles seeded by what the page says.

def page_strings(page: QuizPage, question: dict) -> dict[str, str]:
    """Everything on the page a shuffle could have been seeded with, for one question."""
    data = page.data
    found = {"quiz": data["quiz"], "quiz version": data["version"], "question": question["id"],
             "question version": question["version"], "title": data["title"],
             "course": data["course"]}
    for number, step in enumerate(question.get("items", [])):
        found[f"step {number}"] = step
    return found


def _numbers(text: str) -> dict[str, int]:
    out = {"sha256": int.from_bytes(hashlib.sha256(text.encode()).digest()[:4], "big")}
    if re.fullmatch(r"[0-9a-f]+", text):
        out["hex"] = int(text, 16) & 0xFFFFFFFF
    return out


def ordering_guesses(page: QuizPage, question: dict) -> dict[str, list[str]]:
    """Strategy name → the guess it makes for this ordering question's key."""
    listed = page.html_steps(question["id"])
    guesses = {"page order": listed, "page order reversed": listed[::-1],
               "data-json order": question["items"],
               "data-json order reversed": question["items"][::-1]}
    positions = list(range(len(listed)))
    for what, text in page_strings(page, question).items():
        perms = {f"random.Random({what})": _python_shuffle(positions, text)}
        for how, number in _numbers(text).items():
            perms[f"mulberry32({how} of {what})"] = shuffled(positions, mulberry32(number))
        for name, perm in perms.items():
            undone = [None] * len(listed)
            for target, source in enumerate(perm):  # the page = shuffle(key): undo it
                undone[source] = listed[target]
            guesses[f"undo {name}"] = undone
            guesses[f"undo {name}, reversed"] = undone[::-1]
            guesses[f"apply {name}"] = [listed[i] for i in perm]
            guesses[f"apply {name}, reversed"] = [listed[i] for i in perm][::-1]
    return guesses


def _python_shuffle(items: list[int], seed: str) -> list[int]:
    out = list(items)
    random.Random(seed).shuffle(out)
    return out


# (c) Conversations: what the links say about each choice.

def topology(question: dict) -> dict[str, dict[str, tuple]]:
    """Per decision node, per choice: (out-degree of its target, whether the target ends the
    conversation, the most steps left after it, the endings reachable from it, the links into
    its target). A program picks the choice that stands out."""
    nodes = {node["id"]: [c["next"] for c in node["choices"]] for node in question["nodes"]}
    into: dict[str, int] = {}
    for targets in nodes.values():
        for target in targets:
            into[target] = into.get(target, 0) + 1

    def depth(node_id: str, seen=()) -> int:
        if node_id in seen or not nodes.get(node_id):
            return 0
        return 1 + max(depth(t, seen + (node_id,)) for t in nodes[node_id])

    def endings(node_id: str, seen=()) -> frozenset:
        if node_id in seen:
            return frozenset()
        if not nodes.get(node_id):
            return frozenset([node_id])
        return frozenset().union(*(endings(t, seen + (node_id,)) for t in nodes[node_id]))

    out = {}
    for node in question["nodes"]:
        if node["choices"]:
            out[node["id"]] = {c["id"]: (len(nodes.get(c["next"], [])), not nodes.get(c["next"]),
                                         depth(c["next"]), len(endings(c["next"])),
                                         into.get(c["next"], 0))
                               for c in node["choices"]}
    return out


def topology_pick(features: dict[str, tuple]) -> str:
    """The choice a link-counting program picks: the one leading furthest (most steps left,
    most links on, most endings), the first listed on a tie."""
    return max(features, key=lambda c: (features[c][2], features[c][0], features[c][3]))


def stands_out(features: dict[str, tuple]) -> bool:
    """Whether any feature tells the choices of one node apart."""
    return len(set(features.values())) > 1


# (b) Words of authored ids.

def words(identifier: str) -> set[str]:
    """An authored id and its words: `end-good` → {end-good, end, good}."""
    return {identifier, *(w for w in re.split(r"[-_]", identifier) if w)}


def tokens(text: str) -> set[str]:
    """The words of an attribute value or a comment, as an id's words would show."""
    return {t for t in re.split(r"[^0-9A-Za-z]+", html.unescape(text)) if t}
