"""Quizzes: answer keys, ids within a quiz, draws from pools, exam settings and the
conversation graph of each scenario (its walk is `quizgraph`'s)."""

from __future__ import annotations

from ..loaded import LoadedCourse
from ..models.quiz import MultipleChoice, Ordering, Quiz, Scenario, SingleChoice
from ..plurals import english
from ..quizgraph import explore, outscored, start_node
from ..yamlsource import Locator
from .findings import Findings


def check_quizzes(loaded: LoadedCourse, found: Findings) -> None:
    for entry in loaded.quizzes:
        _check_quiz(entry.quiz, entry.locator, found)


def _check_quiz(quiz: Quiz, locator: Locator, found: Findings) -> None:
    found.unique([q.id for q in quiz.questions], locator, lambda i: ("questions", i, "id"),
                 "question id")
    _check_draw(quiz, locator, found)
    if quiz.exam is not None and quiz.mode != "assessment":
        found.error(locator, ("exam",), "exam settings apply to assessment quizzes only",
                    "add `mode: assessment`, or remove `exam:`", at_key=True)
    for index, question in enumerate(quiz.questions):
        path = ("questions", index)
        if isinstance(question, (SingleChoice, MultipleChoice)):
            found.unique([o.id for o in question.options], locator,
                         lambda i, p=path: p + ("options", i, "id"), "option id")
            correct = sum(o.correct for o in question.options)
            if isinstance(question, SingleChoice) and correct != 1:
                found.error(locator, path + ("options",),
                            f"single-choice question '{question.id}' has {correct} correct "
                            f"options", "mark exactly one option `correct: true`, or make it "
                            "`type: multiple`")
            if isinstance(question, MultipleChoice) and correct == 0:
                found.error(locator, path + ("options",),
                            f"multiple-choice question '{question.id}' has no correct option",
                            "mark at least one option `correct: true`")
        elif isinstance(question, Ordering):
            found.unique([i.id for i in question.items], locator,
                         lambda i, p=path: p + ("items", i, "id"), "step id")
        elif isinstance(question, Scenario):
            if _check_scenario(question, locator, path, found):
                _check_linear_points(question, quiz.mode == "assessment", locator, path, found)


def _check_draw(quiz: Quiz, locator: Locator, found: Findings) -> None:
    """A drawn paper: every pool named once, big enough, and every question in one."""
    pools: dict[str, int] = {}
    for question in quiz.questions:
        if question.pool is not None:
            pools[question.pool] = pools.get(question.pool, 0) + 1
    if not quiz.draw:
        if pools:
            found.error(locator, ("questions",), "questions name a `pool:` but the quiz has "
                        "no `draw:`", "add draw: [{pool: NAME, count: N}, …], or remove the "
                        "questions' pool: lines")
        return
    drawn: dict[str, int] = {}
    for index, part in enumerate(quiz.draw):
        path = ("draw", index)
        if part.pool in drawn:
            found.error(locator, path + ("pool",), f"pool '{part.pool}' is drawn twice "
                        f"(also draw[{drawn[part.pool]}])", "draw each pool once, with the "
                        "total count")
            continue
        drawn[part.pool] = index
        size = pools.get(part.pool, 0)
        if size == 0:
            known = ", ".join(sorted(pools)) or "none"
            found.error(locator, path + ("pool",), f"no question is in pool '{part.pool}'",
                        f"give questions `pool: {part.pool}`, or draw one of: {known}")
        elif part.count > size:
            found.error(locator, path + ("count",), f"draw of {part.count} from pool "
                        f"'{part.pool}', which has only {english(size, 'question')}",
                        f"draw at most {size}, or add questions to the pool")
    for index, question in enumerate(quiz.questions):
        if question.pool is None:
            found.error(locator, ("questions", index), f"question '{question.id}' is in no "
                        "pool, so no learner would get it", "add `pool:` naming one of: "
                        + ", ".join(drawn), at_key=True)
        elif question.pool not in drawn:
            found.error(locator, ("questions", index, "pool"), f"pool '{question.pool}' is "
                        "not drawn, so no learner would get this question",
                        f"add it to `draw:`, or use one of: {', '.join(drawn)}")


def _check_scenario(question: Scenario, locator: Locator, path: tuple, found: Findings) -> bool:
    """The conversation's ids and graph; True when it can be walked (every choice leads to a
    node, no loop), so that its best path exists."""
    found.unique([n.id for n in question.nodes], locator, lambda i: path + ("nodes", i, "id"),
                 "node id")
    choices = [(n_index, c_index, choice)
               for n_index, node in enumerate(question.nodes)
               for c_index, choice in enumerate(node.choices)]
    found.unique([c.id for _, _, c in choices], locator,
                 lambda i: path + ("nodes", choices[i][0], "choices", choices[i][1], "id"),
                 "choice id")
    index_of: dict[str, int] = {}
    for i, node in enumerate(question.nodes):
        index_of.setdefault(node.id, i)
    start = start_node(question)
    if start not in index_of:
        found.error(locator, path + ("start",), f"start node '{start}' does not exist",
                    f"use one of: {', '.join(index_of)}")
        return False
    broken = False
    for n_index, c_index, choice in choices:
        if choice.next not in index_of:
            broken = True
            found.error(locator, path + ("nodes", n_index, "choices", c_index, "next"),
                        f"choice '{choice.id}' leads to missing node '{choice.next}'",
                        f"use one of: {', '.join(index_of)}")
    for n_index, node in enumerate(question.nodes):
        node_path = path + ("nodes", n_index)
        if not node.choices and not node.outcome:
            found.error(locator, node_path, f"node '{node.id}' has no choices and no outcome, "
                        "so the conversation stops without an ending",
                        "add `choices:` or an `outcome:` for this ending")
        if node.choices and node.outcome:
            found.error(locator, node_path + ("outcome",), f"node '{node.id}' has both choices "
                        "and an outcome", "an outcome belongs on an ending (a node without "
                        "choices)")
    if broken:
        return False
    walk = explore(question)
    if walk.loop is not None:
        node_id, c_index = walk.loop
        choice = question.nodes[index_of[node_id]].choices[c_index]
        found.error(locator, path + ("nodes", index_of[node_id], "choices", c_index, "next"),
                    f"choice '{choice.id}' leads back to '{choice.next}', making a loop",
                    "conversations must move forward; lead it to a new node")
    for n_index, node in enumerate(question.nodes):
        if node.id not in walk.reached:
            found.error(locator, path + ("nodes", n_index, "id"),
                        f"node '{node.id}' cannot be reached from the start",
                        "lead a choice to it, or remove it")
    if walk.loop is None and all(c.points == 0 for n in question.nodes for c in n.choices):
        found.error(locator, path, f"scenario '{question.id}' gives no points on any path",
                    "give the good choices `points:`")
    return walk.loop is None


def _check_linear_points(question: Scenario, assessment: bool, locator: Locator, path: tuple,
                         found: Findings) -> None:
    """On an assessment page a conversation is linear: each step of the best path scored on its
    own. A reply off the best path worth more than the best path's own at that step would let
    a learner who picks the most points at each step beat the best path (and the best path
    could not score full marks): an error in assessment quizzes, a warning in the others, which
    are linear when built with `--assessment`."""
    index_of = {node.id: i for i, node in reversed(list(enumerate(question.nodes)))}
    for step, chosen, better in outscored(question):
        node = question.nodes[index_of[step]]
        points = {c.id: c.points for c in node.choices}
        c_index = next(i for i, c in enumerate(node.choices) if c.id == better)
        at = path + ("nodes", index_of[step], "choices", c_index, "points")
        message = (f"choice '{better}' ({points[better]} points) outscores the best path's "
                   f"'{chosen}' ({points[chosen]}) at step '{step}'; on an assessment page each "
                   "step is scored on its own, so picking the most points at every step would "
                   "beat the best path")
        hint = (f"give '{chosen}' the most points at this step, or fewer to '{better}' (its "
                "ending can still differ)")
        if assessment:
            found.error(locator, at, message, hint)
        else:
            found.warn(locator, at, message + " (when built with --assessment)", hint)
