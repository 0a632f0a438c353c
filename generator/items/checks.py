"""Item-quality checks: the cues that let a learner who does not know the answer find it.

Pure: a quiz, the thresholds and the course's policy values in; findings out, each with the key
path of what to change. `checks/items.py` turns them into `course check` lines (warnings,
errors for graded quizzes under --strict); `course items` lists them per quiz.

The checks, by the name an author gives to silence one (`quality: {allow: [...], reason: ...}`
on the quiz or on one question):
- longest-key: the correct option is the strictly longest in too many single-choice questions;
- key-position: correct options bunched in one position, in the order the handbook prints;
- true-false-balance: too many true/false answers are the same;
- absolute-words: absolute words only in wrong answers, or hedges only in right ones;
- all-of-the-above: an option "all / none of the above";
- short-distractor: a wrong option much shorter than the correct one, or in a conversation a
  worse reply much shorter than the best one;
- scenario-longest: the longest reply is the best at every step of a conversation;
- no-lesson: a question that names no lesson.
The first three judge a whole quiz (of a drawn quiz: all its pools together, the questions an
author writes and reviews at once); the others one question.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from string import ascii_uppercase

from ..models.quiz import MultipleChoice, Quiz, Scenario, SingleChoice, TrueFalse
from ..quizgraph import nodes_by_id, start_node
from ..shuffle import shuffle_flags
from .cues import all_or_none_of_the_above, cue_words, visible_characters, visible_text
from .thresholds import ItemChecks

QUIZ_CHECKS = frozenset({"longest-key", "key-position", "true-false-balance"})
LISTED_IDS = 8  # a finding about many questions names this many, then says how many in all


@dataclass(frozen=True)
class Finding:
    check: str  # an item check's name, or "quality" for a mistake in a `quality:` entry
    path: tuple  # key path, in the quiz file, of what to change
    message: str
    hint: str
    questions: tuple[str, ...] = ()  # ids of the questions concerned
    # flaw: a cue (a warning; an error under --strict for graded quizzes) · error · warning
    kind: str = "flaw"


def check_items(quiz: Quiz, thresholds: ItemChecks,
                policies: Mapping[str, str] | None = None) -> list[Finding]:
    """Every item-quality finding of one quiz, less those its `quality:` entries allow."""
    if not thresholds.enabled:
        return []
    text = _Texts(policies or {})
    singles = _singles(quiz)
    found = [*_longest_key(singles, thresholds, text), *_key_position(quiz, singles, thresholds),
             *_true_false_balance(quiz, thresholds)]
    true_false = _true_false_cues(quiz, text)
    for index, question in enumerate(quiz.questions):
        found += _question_findings(index, question, thresholds, text, true_false)
    return _allow(quiz, found)


class _Texts:
    """Visible text and its length, worked out once per piece of Markdown."""

    def __init__(self, policies: Mapping[str, str]):
        self.policies = policies
        self._seen: dict[str, str] = {}

    def __call__(self, markdown: str) -> str:
        if markdown not in self._seen:
            self._seen[markdown] = visible_text(markdown, self.policies)
        return self._seen[markdown]

    def length(self, markdown: str) -> int:
        return visible_characters(self(markdown))


def _pct(share: float) -> str:
    return f"{math.floor(share * 100 + 0.5)}%"


def _ids(ids: list[str]) -> str:
    shown = ", ".join(ids[:LISTED_IDS])
    return shown + (f", … ({len(ids)} in all)" if len(ids) > LISTED_IDS else "")


def _one_key(question) -> int | None:
    """Index of a single-choice question's correct option (None unless exactly one)."""
    keys = [i for i, option in enumerate(question.options) if option.correct]
    return keys[0] if len(keys) == 1 else None


def _singles(quiz: Quiz) -> list[tuple[int, SingleChoice, int]]:
    return [(index, q, key) for index, q in enumerate(quiz.questions)
            if isinstance(q, SingleChoice) and (key := _one_key(q)) is not None]


def strictly_longest(lengths: list[int]) -> int | None:
    """Index of the one longest, or None when two or more share the greatest length."""
    most = max(lengths)
    return lengths.index(most) if lengths.count(most) == 1 else None


# Whole-quiz checks -------------------------------------------------------------------------

def _longest_key(singles: list, limits: ItemChecks, text: _Texts) -> list[Finding]:
    if len(singles) < limits.single_min_questions:
        return []
    longest = [(index, q, key) for index, q, key in singles
               if strictly_longest([text.length(o.text) for o in q.options]) == key]
    share = len(longest) / len(singles)
    if share <= limits.longest_key_share:
        return []
    index, _, key = longest[0]
    ids = [q.id for _, q, _ in longest]
    return [Finding(
        "longest-key", ("questions", index, "options", key),
        f"the correct option is the strictly longest in {len(longest)} of {len(singles)} "
        f"single-choice questions ({_pct(share)}, more than {_pct(limits.longest_key_share)}): "
        f"{_ids(ids)}",
        "give wrong options the same detail and care, or shorten correct ones, until the "
        f"longest is right in at most {_pct(limits.longest_key_share)}", tuple(ids))]


def _key_position(quiz: Quiz, singles: list, limits: ItemChecks) -> list[Finding]:
    if len(singles) < limits.single_min_questions:
        return []
    by_position: dict[int, list[tuple[int, str]]] = {}
    for index, q, key in singles:
        by_position.setdefault(key, []).append((index, q.id))
    position, where = max(by_position.items(), key=lambda item: (len(item[1]), -item[0]))
    share = len(where) / len(singles)
    if share <= limits.key_position_share:
        return []
    shuffled = shuffle_flags(quiz)[1]
    seen = ("the handbook prints options in this order" if shuffled else
            "options are not shuffled, so the page shows this order too")
    ids = [qid for _, qid in where]
    return [Finding(
        "key-position", ("questions", where[0][0], "options", position),
        f"the correct option is listed {ascii_uppercase[position]} (position {position + 1}) "
        f"in {len(where)} of {len(singles)} single-choice questions ({_pct(share)}, more than "
        f"{_pct(limits.key_position_share)}); {seen}: {_ids(ids)}",
        "move the correct option to other positions in some of these questions", tuple(ids))]


def _true_false_balance(quiz: Quiz, limits: ItemChecks) -> list[Finding]:
    statements = [(index, q) for index, q in enumerate(quiz.questions)
                  if isinstance(q, TrueFalse)]
    if len(statements) < limits.tf_min_questions:
        return []
    low, high = limits.tf_true_share
    true = sum(1 for _, q in statements if q.answer)
    share = true / len(statements)
    if low <= share <= high:
        return []
    majority = share > high
    same = [(index, q) for index, q in statements if q.answer is majority]
    word, other = ("true", "false") if majority else ("false", "true")
    return [Finding(
        "true-false-balance", ("questions", same[0][0], "answer"),
        f"{len(same)} of {len(statements)} true/false answers are {word} ({_pct(share)} true, "
        f"outside {_pct(low)}–{_pct(high)})",
        f"rewrite some as {other} statements: a real rule stated plainly is true, a real "
        "mistake stated plainly is false; never change one word to flip it",
        tuple(q.id for _, q in same))]


# One-question checks -----------------------------------------------------------------------

@dataclass(frozen=True)
class _TrueFalseCues:
    """Whether any true statement of the quiz uses an absolute word, any false one a hedge."""

    absolute_in_true: bool
    hedge_in_false: bool


def _true_false_cues(quiz: Quiz, text: _Texts) -> _TrueFalseCues:
    absolute_in_true = hedge_in_false = False
    for q in quiz.questions:
        if isinstance(q, TrueFalse):
            absolute, hedges = cue_words(text(q.prompt))
            absolute_in_true |= bool(absolute) and q.answer
            hedge_in_false |= bool(hedges) and not q.answer
    return _TrueFalseCues(absolute_in_true, hedge_in_false)


def _question_findings(index: int, question, limits: ItemChecks, text: _Texts,
                       true_false: _TrueFalseCues) -> list[Finding]:
    path = ("questions", index)
    found: list[Finding] = []
    if isinstance(question, (SingleChoice, MultipleChoice)):
        seen = [text(o.text) for o in question.options]  # each option's visible text, once
        found += _option_words(path, question, seen)
        found += _above(path, question, seen)
        found += _short_distractors(path, question, limits,
                                    [visible_characters(v) for v in seen])
    elif isinstance(question, TrueFalse):
        found += _statement_words(path, question, text, true_false)
    elif isinstance(question, Scenario):
        found += _scenario_longest(path, question, text)
        found += _short_replies(path, question, limits, text)
    if question.lesson is None:
        found.append(Finding(
            "no-lesson", path, f"question '{question.id}' has no lesson link",
            "add `lesson: lesson-id#heading` where this is taught, so the explanation and the "
            "report can send a learner there", (question.id,)))
    return found


def _quoted(words: list[str]) -> str:
    return ", ".join(f"“{w}”" for w in words)


def _option_words(path: tuple, question, seen: list[str]) -> list[Finding]:
    found = []
    words = [cue_words(visible) for visible in seen]
    keys = [i for i, o in enumerate(question.options) if o.correct]
    wrong = [i for i, o in enumerate(question.options) if not o.correct]
    if not keys or not wrong:
        return []
    absolute_wrong = [i for i in wrong if words[i][0]]
    if absolute_wrong and not any(words[i][0] for i in keys):
        used = list(dict.fromkeys(w for i in absolute_wrong for w in words[i][0]))
        ids = [question.options[i].id for i in absolute_wrong]
        found.append(Finding(
            "absolute-words", path + ("options", absolute_wrong[0]),
            f"only wrong options use absolute words ({_quoted(used)}, in {_ids(ids)}), which "
            "marks them wrong", "state the mistake without them, or let a correct option use "
            "such a word too", (question.id,)))
    hedged_keys = [i for i in keys if words[i][1]]
    if hedged_keys and not any(words[i][1] for i in wrong):
        used = list(dict.fromkeys(w for i in hedged_keys for w in words[i][1]))
        ids = [question.options[i].id for i in hedged_keys]
        found.append(Finding(
            "absolute-words", path + ("options", hedged_keys[0]),
            f"only correct options hedge ({_quoted(used)}, in {_ids(ids)}), which marks them "
            "right", "state the correct answer plainly, or hedge a wrong option too",
            (question.id,)))
    return found


def _statement_words(path: tuple, question: TrueFalse, text: _Texts,
                     cues: _TrueFalseCues) -> list[Finding]:
    absolute, hedges = cue_words(text(question.prompt))
    if not question.answer and absolute and not cues.absolute_in_true:
        return [Finding(
            "absolute-words", path + ("prompt",),
            f"the statement is false and says {_quoted(absolute)}, while no true statement of "
            "this quiz uses an absolute word, so the word gives the answer away",
            "make it false for a reason of substance, or write true statements that use such "
            "words too", (question.id,))]
    if question.answer and hedges and not cues.hedge_in_false:
        return [Finding(
            "absolute-words", path + ("prompt",),
            f"the statement is true and hedges ({_quoted(hedges)}), while no false statement of "
            "this quiz does, so the hedge gives the answer away",
            "state it plainly, or write false statements that hedge too", (question.id,))]
    return []


def _above(path: tuple, question, seen: list[str]) -> list[Finding]:
    found = []
    for i, option in enumerate(question.options):
        phrase = all_or_none_of_the_above(seen[i])
        if phrase:
            found.append(Finding(
                "all-of-the-above", path + ("options", i),
                f"option '{option.id}' offers “{phrase}”",
                "replace it with a mistake agents really make: a learner who recognises two "
                "right options picks it without knowing the rest", (question.id,)))
    return found


def _short_distractors(path: tuple, question, limits: ItemChecks,
                       lengths: list[int]) -> list[Finding]:
    keys = [lengths[i] for i, o in enumerate(question.options) if o.correct]
    if not keys:
        return []
    key = min(keys)  # of several correct options, the shortest
    what = "the correct option's" if len(keys) == 1 else "the shortest correct option's"
    found = []
    for i, option in enumerate(question.options):
        if not option.correct and lengths[i] < limits.short_distractor_ratio * key:
            found.append(Finding(
                "short-distractor", path + ("options", i),
                f"wrong option '{option.id}' is {lengths[i]} characters against {what} {key} "
                f"(less than {_pct(limits.short_distractor_ratio)} of it)",
                "write it as a full answer an agent might really give, as detailed as the "
                "correct one", (question.id,)))
    return found


def longest_walk(question: Scenario, length) -> tuple[list[tuple[int, int]], int] | None:
    """The conversation of a learner who picks the strictly longest reply at every step.

    Returns the (node index, choice index) of each step with a choice between two or more
    replies, and the points earned; None when a step has no single longest reply (the cue
    does not decide) or the graph is broken (`course check` reports that).
    """
    index_of = {node.id: i for i, node in enumerate(question.nodes)}
    node_id = start_node(question)
    steps: list[tuple[int, int]] = []
    earned = 0
    seen: set[str] = set()
    while node_id in index_of and node_id not in seen:
        seen.add(node_id)
        n = index_of[node_id]
        choices = question.nodes[n].choices
        if not choices:
            return steps, earned
        pick = 0
        if len(choices) > 1:
            pick = strictly_longest([length(c.text) for c in choices])
            if pick is None:
                return None
            steps.append((n, pick))
        earned += choices[pick].points
        node_id = choices[pick].next
    return None


def _best_from_each(question: Scenario) -> dict[str, int] | None:
    """The most points from each node reachable from the start to an ending, or None for a
    graph with a loop or a missing node (these checks run beside the ones that report those,
    so unlike quizgraph's walk this one cannot assume a sound graph)."""
    nodes = nodes_by_id(question)
    best: dict[str, int] = {}
    open_: set[str] = set()

    def walk(node_id: str) -> int | None:
        if node_id in best:
            return best[node_id]
        if node_id in open_ or node_id not in nodes:
            return None
        open_.add(node_id)
        total = 0
        for choice in nodes[node_id].choices:
            rest = walk(choice.next)
            if rest is None:
                return None
            total = max(total, choice.points + rest)
        open_.discard(node_id)
        best[node_id] = total
        return total

    return best if walk(start_node(question)) is not None else None


def _best_points(question: Scenario) -> int | None:
    """Points of the best path, or None for a graph with a loop or a missing node."""
    best = _best_from_each(question)
    return None if best is None else best[start_node(question)]


def _short_replies(path: tuple, question: Scenario, limits: ItemChecks,
                   text: _Texts) -> list[Finding]:
    """A reply worth less than the node's best (its points and the best path after it) and
    shorter than `short_distractor_ratio` × the best reply: nobody would pick it."""
    best_from = _best_from_each(question)
    if best_from is None:
        return []
    found = []
    for n, node in enumerate(question.nodes):
        if len(node.choices) < 2 or node.id not in best_from:
            continue
        worth = [c.points + best_from[c.next] for c in node.choices]
        lengths = [text.length(c.text) for c in node.choices]
        best = max(worth)
        key = min(length for length, w in zip(lengths, worth) if w == best)
        for c, choice in enumerate(node.choices):
            if worth[c] < best and lengths[c] < limits.short_distractor_ratio * key:
                found.append(Finding(
                    "short-distractor", path + ("nodes", n, "choices", c),
                    f"reply '{choice.id}' is {lengths[c]} characters against the best reply's "
                    f"{key} (less than {_pct(limits.short_distractor_ratio)} of it)",
                    "write it as a reply an agent might really give, as detailed as the best "
                    "one", (question.id,)))
    return found


def _scenario_longest(path: tuple, question: Scenario, text: _Texts) -> list[Finding]:
    walk = longest_walk(question, text.length)
    best = _best_points(question)
    if walk is None or not best:
        return []
    steps, earned = walk
    if len(steps) < 2 or earned < best:
        return []
    node, choice = steps[0]
    return [Finding(
        "scenario-longest", path + ("nodes", node, "choices", choice),
        f"picking the longest reply at each of its {len(steps)} steps scores full marks in "
        f"scenario '{question.id}'",
        "make a wrong reply the longest at some step: warm and detailed, but wrong on a fact "
        "(a promise the shop cannot keep, a deadline nobody checked)", (question.id,))]


# Silencing ---------------------------------------------------------------------------------

def _allow(quiz: Quiz, found: list[Finding]) -> list[Finding]:
    """Drop the findings that `quality: allow:` keeps on purpose; report allows that are
    misplaced (a whole-quiz check on one question) or that silence nothing."""
    quiz_allows = set(quiz.quality.allow) if quiz.quality else set()
    used: dict[int | None, set[str]] = {}  # question index (None: the quiz) → names used
    kept = []
    for finding in found:
        index = None if finding.check in QUIZ_CHECKS else finding.path[1]
        question = quiz.questions[index] if index is not None else None
        if question is not None and question.quality and finding.check in question.quality.allow:
            used.setdefault(index, set()).add(finding.check)
        elif finding.check in quiz_allows:
            used.setdefault(None, set()).add(finding.check)
        else:
            kept.append(finding)
    for index, question in enumerate(quiz.questions):
        if question.quality:
            kept += _allow_mistakes(("questions", index, "quality", "allow"),
                                    question.quality.allow, used.get(index, set()), True)
    if quiz.quality:
        kept += _allow_mistakes(("quality", "allow"), quiz.quality.allow, used.get(None, set()),
                                False)
    return kept


def _allow_mistakes(path: tuple, allow: list[str], used: set[str],
                    on_question: bool) -> list[Finding]:
    found = []
    for i, name in enumerate(allow):
        if on_question and name in QUIZ_CHECKS:
            found.append(Finding(
                "quality", path + (i,), f"'{name}' is judged over the whole quiz, so one "
                "question cannot allow it", "move it to the quiz's `quality: allow:`",
                kind="error"))
        elif name not in used:
            found.append(Finding(
                "quality", path + (i,), f"'{name}' is allowed here but finds nothing to "
                "silence", "remove it from `allow:`", kind="warning"))
    return found
