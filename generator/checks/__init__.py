"""Checks that span more than one value, run on a loaded course: what the shape of one file
cannot express. Every problem points at the key that causes it.

By concern:
- `ids`: ids and file names (each id once, a file named by its id);
- `references`: policy values, course links, and the lessons and headings quizzes link to;
- `quizzes`: answer keys, draws, exam settings, scenario graphs;
- `freshness`: review dates and sources.

`checked` is the one way in: the CLI, the MkDocs plugin, the exporter and the desk call it on
what `loading.load_course` returns.
"""

from __future__ import annotations

import datetime

from ..errors import AuthorError, Problem
from ..loaded import LoadedCourse
from .findings import Findings
from .freshness import check_freshness
from .ids import check_ids
from .quizzes import check_quizzes
from .references import ReferenceMemo, check_references

STALE_AFTER_DAYS = 180


def check_course(loaded: LoadedCourse, today: datetime.date | None = None,
                 stale_after_days: int = STALE_AFTER_DAYS,
                 memo: ReferenceMemo | None = None) -> list[Problem]:
    """Every problem the checks find: errors and warnings, in no particular order. `memo`:
    what earlier runs worked out from files that have not changed (`course serve`)."""
    found = Findings()
    check_ids(loaded, found)
    check_references(loaded, found, memo)
    check_quizzes(loaded, found)
    check_freshness(loaded, found, today or datetime.date.today(), stale_after_days)
    return found.problems


def checked(loaded: LoadedCourse, *, today: datetime.date | None = None,
            stale_after_days: int = STALE_AFTER_DAYS,
            memo: ReferenceMemo | None = None) -> LoadedCourse:
    """The course, once checked: raise AuthorError with every problem of the run (those found
    while loading too) when there is an error; keep the warnings in `loaded.warnings`."""
    found = check_course(loaded, today, stale_after_days, memo)
    errors = loaded.problems + [p for p in found if p.severity == "error"]
    loaded.warnings = sorted(p for p in found if p.severity == "warning")
    if errors:
        raise AuthorError(errors + loaded.warnings)
    return loaded
