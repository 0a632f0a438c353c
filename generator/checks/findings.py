"""What every check writes to: the problems found, each pointing at the key that causes it."""

from __future__ import annotations

from collections.abc import Callable

from ..errors import Problem
from ..yamlsource import Locator


class Findings:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def error(self, locator: Locator, path: tuple, message: str, hint: str = "",
              at_key: bool = False, inside: tuple[str, int] | None = None) -> None:
        self.problems.append(locator.problem(path, message, hint, at_key=at_key, inside=inside))

    def warn(self, locator: Locator, path: tuple, message: str, hint: str = "") -> None:
        self.problems.append(locator.problem(path, message, hint, severity="warning"))

    def unique(self, ids: list[str], locator: Locator, path_of: Callable[[int], tuple],
               noun: str) -> None:
        """Each id once: a second use is an error at its own key, naming the first's line."""
        seen: dict[str, int] = {}
        for index, ident in enumerate(ids):
            if ident in seen:
                line = locator.position(path_of(seen[ident]))[0]
                self.error(locator, path_of(index), f"duplicate {noun} '{ident}' (first used "
                           f"on line {line})", "ids must be unique; rename one of them")
            else:
                seen[ident] = index
