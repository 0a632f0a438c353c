"""Checks that span more than one value, run on a loaded course: what the shape of one file
cannot express. Every problem points at the key that causes it.

By concern:
- `ids`: ids and file names (each id once, a file named by its id);
- `references`: policy values, course links, and the lessons and headings quizzes link to;
- `quizzes`: answer keys, draws, exam settings, scenario graphs;
- `freshness`: review dates and sources;
- `items`: item quality (cues that give answers away), when the caller asks for it.
- `hints`: option, node and choice ids that give the answer away (warnings);
- `site`: the course's language has interface strings, and mkdocs.yml agrees with the course
  (run when the caller gives mkdocs.yml's settings);
- `memo`: what the checks worked out from unchanged files, kept by `course serve`.

`checked` is the one way in: the CLI, the MkDocs plugin, the exporter and the desk call it on
what `loading.load_course` returns.
"""

from __future__ import annotations

import datetime

from ..errors import AuthorError, Problem
from ..items.thresholds import ItemCheckRun
from ..loaded import LoadedCourse
from ..project import SiteSettings
from .findings import Findings
from .freshness import check_freshness
from .hints import check_hints
from .ids import check_ids
from .items import check_item_quality
from .memo import CheckMemo
from .quizzes import check_quizzes
from .references import check_references
from .site import check_language, check_site

STALE_AFTER_DAYS = 180


def check_course(loaded: LoadedCourse, today: datetime.date | None = None,
                 stale_after_days: int = STALE_AFTER_DAYS,
                 items: ItemCheckRun | None = None,
                 site: SiteSettings | None = None,
                 memo: CheckMemo | None = None) -> list[Problem]:
    """Every problem the checks find: errors and warnings, in no particular order; with
    `items`, the item-quality findings too; with `site`, mkdocs.yml's agreement with the course.
    `memo`: what earlier runs worked out from files that have not changed (`course serve`)."""
    found = Findings()
    check_language(loaded, found)
    if site is not None:
        check_site(loaded, site, found)
    check_ids(loaded, found)
    if memo is not None:
        memo.begin(loaded)
    check_references(loaded, found, memo.references if memo is not None else None)
    check_quizzes(loaded, found)
    check_hints(loaded, found, memo)
    check_freshness(loaded, found, today or datetime.date.today(), stale_after_days)
    if items is not None:
        check_item_quality(loaded, found, items, memo)
    return found.problems


def checked(loaded: LoadedCourse, *, today: datetime.date | None = None,
            stale_after_days: int = STALE_AFTER_DAYS,
            items: ItemCheckRun | None = None,
            site: SiteSettings | None = None,
            memo: CheckMemo | None = None) -> LoadedCourse:
    """The course, once checked: raise AuthorError with every problem of the run (those found
    while loading too) when there is an error; keep the warnings in `loaded.warnings`.

    `items`: run the item-quality checks too, as `course check` and builds do (grading and
    `course items`, which runs them itself, do not). `site` (mkdocs.yml's settings,
    project.site_settings): the site must agree with the course. `memo` (`course serve`):
    what earlier runs worked out from files that have not changed."""
    found = check_course(loaded, today, stale_after_days, items, site, memo)
    errors = loaded.problems + [p for p in found if p.severity == "error"]
    loaded.warnings = sorted(p for p in found if p.severity == "warning")
    if errors:
        raise AuthorError(errors + loaded.warnings)
    return loaded
