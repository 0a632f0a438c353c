"""What the checks work out from each file, kept between the runs of `course serve`: a save
changes a file or two of a course of hundreds, and the checks would otherwise go over every one
on every save.

- `references`: the texts that may hold a reference, and lessons' anchors (references.py);
- per quiz, the problems of the checks that read nothing but the quiz and their settings (the
  ids that hint at the answer, the item-quality checks with their thresholds and the policy
  values). A quiz file's model and locator are the same objects while the file is unchanged
  (loading's cache), and models are frozen: kept problems are looked up by identity.
"""

from __future__ import annotations

from collections.abc import Callable

from ..errors import Problem
from ..loaded import LoadedCourse, QuizEntry
from .references import ReferenceMemo


class CheckMemo:
    def __init__(self):
        self.references = ReferenceMemo()
        # (check, id of the quiz) -> (quiz, locator, settings, its problems)
        self._quizzes: dict[tuple[str, int], tuple] = {}

    def begin(self, loaded: LoadedCourse) -> None:
        """Before a run: drop what was kept for quizzes since changed or gone."""
        current = {id(entry.quiz) for entry in loaded.quizzes}
        self._quizzes = {key: kept for key, kept in self._quizzes.items() if key[1] in current}

    def of_quiz(self, check: str, entry: QuizEntry, settings: object,
                work: Callable[[QuizEntry], list[Problem]]) -> list[Problem]:
        """`work(entry)`: the problems `check` finds in one quiz with `settings`, worked out
        again only when the quiz's file or the settings changed."""
        key = (check, id(entry.quiz))
        kept = self._quizzes.get(key)
        if kept is not None and kept[0] is entry.quiz and kept[1] is entry.locator \
                and kept[2] == settings:
            return kept[3]
        problems = work(entry)
        self._quizzes[key] = (entry.quiz, entry.locator, settings, problems)
        return problems
