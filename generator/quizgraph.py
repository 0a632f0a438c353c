"""A scenario question as a graph: where the conversation starts, where it can go, its best path.

The one place that walks a conversation. Scoring divides by `best_points`, the widget gets the
same number from the quiz page, the handbook prints `best_path`, `course check` uses `explore` to
find loops and nodes the start never reaches, and the report lists `endings`. Pure functions of
the model; a node id used twice counts as its first node (`course check` refuses the second).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .models.quiz import Node, Scenario


def start_node(question: Scenario) -> str:
    """The id of the first node: `start:` when given, else the first node listed."""
    return question.start or question.nodes[0].id


def nodes_by_id(question: Scenario) -> dict[str, Node]:
    found: dict[str, Node] = {}
    for node in question.nodes:
        found.setdefault(node.id, node)
    return found


def endings(question: Scenario) -> list[Node]:
    """The nodes where a conversation ends (no choices), in the order listed."""
    return [node for node in question.nodes if not node.choices]


def best_points(question: Scenario) -> int:
    """Points on the best path from the start to an ending (the conversation must have no
    loop and no choice leading nowhere: `course check` makes sure)."""
    return _best_from(question)(start_node(question))


def best_path(question: Scenario) -> list[tuple[str, str]]:
    """(node id, choice id) along a highest-scoring path; the first listed choice wins ties."""
    nodes = nodes_by_id(question)
    best = _best_from(question, nodes)
    path, node_id = [], start_node(question)
    while nodes[node_id].choices:
        choice = max(nodes[node_id].choices, key=lambda c: c.points + best(c.next))
        path.append((node_id, choice.id))
        node_id = choice.next
    return path


def walk(question: Scenario, pick) -> list[str]:
    """The choice ids along the conversation when `pick(choices)` chooses at every step (a
    learner's strategy, a test's answers)."""
    nodes = nodes_by_id(question)
    node = nodes[start_node(question)]
    path = []
    while node.choices:
        choice = pick(node.choices)
        path.append(choice.id)
        node = nodes[choice.next]
    return path


def linear_nodes(question: Scenario) -> list[Node]:
    """The decision nodes of the best path, in order: the conversation of an assessment page,
    where every choice of one leads to the next (so no link, ending or depth tells the choices
    apart) and each is scored on its own."""
    nodes = nodes_by_id(question)
    return [nodes[node_id] for node_id, _ in best_path(question)]


def linear_points(question: Scenario) -> int:
    """The most a linear conversation (an assessment page's) can score: each step's
    highest-scoring reply. The best path's points, unless a reply off it outscores the best
    path's own at one of its steps (`outscored`, which `course check` reports)."""
    return sum(max((c.points for c in node.choices), default=0)
               for node in linear_nodes(question))


def outscored(question: Scenario) -> list[tuple[str, str, str]]:
    """(step, the best path's reply, a reply with more points) at each step of the best path
    where another reply scores more than the best path's: scored step by step, picking that one
    would beat the best path."""
    found = []
    nodes = nodes_by_id(question)
    for node_id, chosen in best_path(question):
        node = nodes[node_id]
        points = {c.id: c.points for c in node.choices}
        better = max(node.choices, key=lambda c: c.points)
        if better.points > points[chosen]:
            found.append((node_id, chosen, better.id))
    return found


def _best_from(question: Scenario, nodes: dict[str, Node] | None = None):
    """A function node id → the most points from that node to an ending (remembered)."""
    nodes = nodes or nodes_by_id(question)
    best: dict[str, int] = {}

    def walk(node_id: str) -> int:
        if node_id not in best:
            best[node_id] = max((c.points + walk(c.next) for c in nodes[node_id].choices),
                                default=0)
        return best[node_id]

    return walk


@dataclass
class Exploration:
    """What a depth-first walk from the start found (every choice must lead to a node)."""

    reached: set[str] = field(default_factory=set)
    # The first choice found leading back to a node still open on the walk: (node id, index of
    # the choice in that node), or None when the conversation has no loop.
    loop: tuple[str, int] | None = None


def explore(question: Scenario) -> Exploration:
    """Walk every path from the start, depth first, choices in the order listed."""
    nodes = nodes_by_id(question)
    found = Exploration()
    state: dict[str, str] = {}

    def visit(node_id: str) -> None:
        state[node_id] = "open"
        for index, choice in enumerate(nodes[node_id].choices):
            if state.get(choice.next) == "open":
                if found.loop is None:
                    found.loop = (node_id, index)
            elif choice.next not in state:
                visit(choice.next)
        state[node_id] = "done"

    visit(start_node(question))
    found.reached = set(state)
    return found
