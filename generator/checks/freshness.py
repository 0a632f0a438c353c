"""Freshness: when each lesson and policy value was last checked against the rules, and what it
rests on. Rules change: an old date is a warning, a date in the future an error."""

from __future__ import annotations

import datetime

from ..loaded import LoadedCourse
from ..yamlsource import Locator
from .findings import Findings


def check_freshness(loaded: LoadedCourse, found: Findings, today: datetime.date,
                    stale_after_days: int) -> None:
    def dated(locator: Locator, path: tuple, date: datetime.date, what: str) -> None:
        if date > today:
            found.error(locator, path, f"{what} date {date} is in the future",
                        "write the date the check was done")
        elif today - date > datetime.timedelta(days=stale_after_days):
            found.warn(locator, path, f"{what} was last checked on {date}, more than "
                       f"{stale_after_days} days ago",
                       "re-read the current rules and update the date")

    for entry in loaded.lessons:
        dated(entry.locator, ("reviewed_on",), entry.lesson.reviewed_on, "lesson")
        if not entry.lesson.sources:
            found.warn(entry.locator, (), "lesson has no sources",
                       "add `sources:` naming the rules or laws it is based on")
    if loaded.policies_locator is not None:
        for name, policy in loaded.policies.policies.items():
            dated(loaded.policies_locator, ("policies", name, "as_of"), policy.as_of,
                  f"policy '{name}'")
