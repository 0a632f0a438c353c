"""The trainer's views of the gradebook while the service runs: the report `course report`
writes, the CSV `course grade --csv` writes, and a roster upload as `course roster import`.

Each view takes the request body (bytes) and returns (status, body); they block (run them in a
worker thread).
"""

from __future__ import annotations

import datetime

from ..desk.analysis import analyse_quiz
from ..desk.gradebook import Gradebook, select_attempts
from ..desk.outputs import Graded, csv_text
from ..desk.report import Integrity, ReportInput, learner_rows, render_report
from ..desk.roster import RosterError, parse_roster

ROSTER_LABEL = "roster upload"


class TrainerViews:
    def __init__(self, loaded, book: Gradebook):
        self.loaded = loaded
        self.book = book

    def report(self, _body: bytes) -> tuple[int, str]:
        """The HTML report of everything recorded so far (each learner's best attempt)."""
        stored = self.book.attempts()
        has_roster = bool(self.book.roster())
        in_course = {entry.quiz.id for entry in self.loaded.quizzes}
        chosen = [a for a in select_attempts(stored, "best") if a.quiz in in_course]
        data = ReportInput(
            course_title=self.loaded.course.title, language=self.loaded.course.language,
            generated_on=datetime.date.today(), use="best", attempts=len(stored),
            quizzes=[analyse_quiz(entry.quiz, chosen) for entry in self.loaded.quizzes],
            learners=learner_rows(chosen),
            lesson_titles={entry.lesson.id: entry.lesson.title for entry in self.loaded.lessons},
            integrity=Integrity.of(chosen, has_roster))
        return 200, render_report(data)

    def results_csv(self, _body: bytes) -> tuple[int, str]:
        """Every recorded attempt, one CSV row each, with the BOM Excel needs for UTF-8."""
        rows = [Graded.known(a.source, a) for a in self.book.attempts()]
        return 200, "\ufeff" + csv_text(rows, [], self.loaded.course.language)

    def import_roster(self, body: bytes) -> tuple[int, dict]:
        try:
            parsed = parse_roster(body, ROSTER_LABEL)
        except RosterError as problem:
            return 400, {"error": {"code": "bad_roster", "message": problem.problems[0],
                                   "problems": problem.problems}}
        added, updated, same = self.book.import_roster(parsed.entries)
        without_code = sum(1 for entry in self.book.roster().values() if entry.code is None)
        return 200, {"status": "imported", "added": added, "updated": updated,
                     "unchanged": same, "without_code": without_code,
                     "encoding": parsed.encoding}
