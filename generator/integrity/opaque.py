"""Opaque ids: what an assessment page calls its questions, options, steps, nodes and choices.

Authored ids are words (`end-good`, `refund-first`, `signed-plus-7`); in an assessment page a
word can point at the key. So every id in a quiz rendered as an assessment is replaced by

    "x" + base32(HMAC-SHA256(key = salt, "|".join([quiz, kind, question, node, item])))[:11].lower()

where `salt` is the registry's salt (the text of its 32 hex digits, as ASCII), `kind` is one of
question, option, step, node, choice, `node` is the scenario node of a choice (empty otherwise)
and `item` is the authored id being replaced (for a question, the question id itself). Every kind
has the same length and alphabet (12 characters, `x` then a–z and 2–7), the same id comes out of
every build (pages are byte-identical), and none can be computed without the salt, which is in
the course folder, never in a page. The quiz id stays as it is: it is the page's address.

The grader maps opaque ids back with the same salt (`OpaqueIds.authored_*`); answer files from
practice builds carry authored ids, which it takes as they are.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from dataclasses import dataclass

from ..models.quiz import MultipleChoice, Ordering, Quiz, Scenario, SingleChoice

KINDS = ("question", "option", "step", "node", "choice")
LENGTH = 12


def opaque_id(salt: str, quiz: str, kind: str, question: str, node: str, item: str) -> str:
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    message = "|".join([quiz, kind, question, node, item]).encode("utf-8")
    digest = hmac.new(salt.encode("ascii"), message, hashlib.sha256).digest()
    return "x" + base64.b32encode(digest).decode("ascii")[:LENGTH - 1].lower()


def looks_opaque(value: str) -> bool:
    return (len(value) == LENGTH and value[0] == "x"
            and all(c in "abcdefghijklmnopqrstuvwxyz234567" for c in value[1:]))


@dataclass(frozen=True)
class QuestionIds:
    """One question's ids: its own, and each option, step or choice id, both ways."""

    authored: str
    opaque: str
    items: dict[str, str]  # authored item id → opaque (options, steps, or choices)
    nodes: dict[str, str]  # scenario: authored node id → opaque
    choice_nodes: dict[str, str]  # scenario: authored choice id → its node's authored id

    @property
    def authored_items(self) -> dict[str, str]:
        return {opaque: authored for authored, opaque in self.items.items()}


class OpaqueIds:
    """Every opaque id of one quiz under one salt, and the way back."""

    def __init__(self, quiz: Quiz, salt: str):
        self.quiz_id = quiz.id
        self.salt = salt
        self.questions: dict[str, QuestionIds] = {}
        self._question_by_opaque: dict[str, str] = {}
        seen: dict[str, str] = {}
        for question in quiz.questions:
            ids = self._question_ids(question)
            self.questions[question.id] = ids
            self._question_by_opaque[ids.opaque] = question.id
            for name in [ids.opaque, *ids.items.values(), *ids.nodes.values()]:
                if name in seen:  # 1 in 2**55 per pair: never expected, never silent
                    raise ValueError(f"opaque id {name} given twice in quiz {quiz.id} "
                                     f"({seen[name]}); change the registry's salt")
                seen[name] = question.id

    def _make(self, kind: str, question: str, node: str, item: str) -> str:
        return opaque_id(self.salt, self.quiz_id, kind, question, node, item)

    def _question_ids(self, question) -> QuestionIds:
        qid = question.id
        items: dict[str, str] = {}
        nodes: dict[str, str] = {}
        choice_nodes: dict[str, str] = {}
        if isinstance(question, (SingleChoice, MultipleChoice)):
            items = {o.id: self._make("option", qid, "", o.id) for o in question.options}
        elif isinstance(question, Ordering):
            items = {s.id: self._make("step", qid, "", s.id) for s in question.items}
        elif isinstance(question, Scenario):
            for node in question.nodes:
                nodes[node.id] = self._make("node", qid, "", node.id)
                for choice in node.choices:
                    items[choice.id] = self._make("choice", qid, node.id, choice.id)
                    choice_nodes[choice.id] = node.id
        return QuestionIds(qid, self._make("question", qid, "", qid), items, nodes, choice_nodes)

    # Authored → opaque, for the page (render) and for tests ------------------------------------

    def question(self, question_id: str) -> str:
        return self.questions[question_id].opaque

    def item(self, question_id: str, item_id: str) -> str:
        """An option, step or choice of a question, as the page names it."""
        return self.questions[question_id].items[item_id]

    def node(self, question_id: str, node_id: str) -> str:
        return self.questions[question_id].nodes[node_id]

    def end_node(self, question_id: str) -> str:
        """The one neutral end node of a linear conversation (an assessment page's scenario):
        no authored node is named by an empty id, so it is none of theirs."""
        return self._make("node", question_id, "", "")

    # Opaque → authored, for the grader ----------------------------------------------------------

    def authored_question(self, opaque: str) -> str | None:
        return self._question_by_opaque.get(opaque)

    def authored_answer(self, question_id: str, answer):
        """An answer as the page wrote it, with opaque ids, in authored ids. Raises UnknownId for
        a value that is no opaque id of this question (an authored id in an opaque file too:
        one file speaks one language). true/false, null and other values pass unchanged, for the
        grader to judge."""
        reverse = self.questions[question_id].authored_items
        if isinstance(answer, str):
            if answer not in reverse:
                raise UnknownId(answer)
            return reverse[answer]
        if isinstance(answer, list) and all(isinstance(a, str) for a in answer):
            unknown = next((a for a in answer if a not in reverse), None)
            if unknown is not None:
                raise UnknownId(unknown)
            return [reverse[a] for a in answer]
        return answer


class UnknownId(KeyError):
    """A value in an opaque-id answer file that is no id of its question."""

    def __init__(self, value: str):
        self.value = value
        super().__init__(value)
