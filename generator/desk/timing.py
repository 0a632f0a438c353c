"""An answer file's times: in range, in order, after publication, within the time limit.

Every time in a file comes from the learner's device, so none proves anything alone; together
they must at least add up. Pure: values in, a verdict out (BadAnswerFile or flags).

- Any time a gradebook cannot hold (before the year 1 or after 9999 once turned into UTC, such
  as `0001-01-01T00:00:00+01:00`) is refused, naming the field; it never reaches a date
  computation that would overflow.
- started_at ≤ submitted_at ≤ the grader's clock + 1 day (a day's allowance for a phone set to the
  wrong time zone), and started_at not before the quiz version was first published.
- `exam.time_limit`: submitted more than time_limit + grace minutes after starting is late;
  `late: flag` grades the file and marks it late, `late: refuse` refuses it.
- An `answered_at` outside [started_at, submitted_at] can only come from a clock changed during
  the attempt or an edited file. It is flagged ("answer times outside the attempt"), not refused:
  a learner who edits their own file can make the times agree anyway, while an honest phone whose
  clock was corrected mid-attempt would be punished. On a timed quiz with `late: refuse` such a
  file is refused: its timing cannot be trusted, and the author asked for strict timing.
"""

from __future__ import annotations

import datetime
import math

from ..models.quiz import Quiz
from .answerdata import AnswerData1, AnswerData2, AnswerItem
from .answerfiles import BadAnswerFile

FUTURE_ALLOWANCE = datetime.timedelta(days=1)
LATE, CLOCK = "late", "clock"


def utc(moment: datetime.datetime, field: str = "time") -> datetime.datetime:
    """A time as naive UTC (a time without an offset is taken as UTC already); refuses a time
    that has no UTC equivalent a gradebook can hold."""
    if moment.tzinfo is None:
        return moment
    try:
        return moment.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    except OverflowError:
        raise BadAnswerFile(f"{field}: {_iso(moment)} is outside the dates a gradebook can "
                            "hold") from None


def check_times(data: AnswerData2 | AnswerData1, quiz: Quiz, first_published: datetime.datetime,
                now: datetime.datetime) -> tuple[datetime.datetime, datetime.datetime,
                                                 tuple[str, ...]]:
    """(started, submitted) as naive UTC and the flags ("late", "clock"); raises BadAnswerFile."""
    started = utc(data.started_at, "started_at")
    submitted = utc(data.submitted_at, "submitted_at")
    if started > submitted:
        raise BadAnswerFile(f"started_at {_iso(started)} is after submitted_at "
                            f"{_iso(submitted)}")
    if submitted > now + FUTURE_ALLOWANCE:
        raise BadAnswerFile(f"submitted_at {_iso(submitted)} is in the future (the grader's "
                            f"clock says {_iso(now)})")
    if started < first_published:
        raise BadAnswerFile(f"started_at {_iso(started)} is before this quiz version was first "
                            f"published ({_iso(first_published)})")
    flags: list[str] = []
    exam = quiz.exam
    if exam is not None and exam.time_limit is not None:
        allowed = exam.time_limit + exam.grace
        taken = (submitted - started) / datetime.timedelta(minutes=1)
        if taken > allowed:
            if exam.late == "refuse":
                raise BadAnswerFile(f"submitted {_minutes(taken)} after starting; this quiz "
                                    f"allows {exam.time_limit} minutes and {exam.grace} minutes' "
                                    "grace (late files are refused)")
            flags.append(LATE)
    outside = _outside_the_attempt(data.answers, started, submitted)
    if outside is not None:
        index, moment = outside
        if exam is not None and exam.time_limit is not None and exam.late == "refuse":
            raise BadAnswerFile(f"answers[{index}].answered_at {_iso(moment)} is outside the "
                                f"attempt ({_iso(started)} to {_iso(submitted)}); this timed "
                                "quiz refuses files whose times do not add up")
        flags.append(CLOCK)
    return started, submitted, tuple(flags)


def _outside_the_attempt(items: list[AnswerItem], started: datetime.datetime,
                         submitted: datetime.datetime) -> tuple[int, datetime.datetime] | None:
    """The first answer time outside [started, submitted], as (index, naive UTC time)."""
    # Compared in each time's own zone: two times with the same tzinfo object compare as plain
    # numbers, where times of different zones look both offsets up on every comparison (most of
    # the grading time, measured). A file's times share one or two zones, and the decoder gives
    # equal offsets one tzinfo object.
    window: dict[datetime.tzinfo | None, tuple[datetime.datetime, datetime.datetime] | None] = {
        None: (started, submitted)}  # a time without an offset is UTC already
    for index, item in enumerate(items):
        moment = item.answered_at
        if moment is None:
            continue
        zone = moment.tzinfo
        bounds = window[zone] if zone in window else window.setdefault(
            zone, _in_zone(started, submitted, zone))
        if bounds is None:  # the window cannot be written in this zone: compare in UTC
            inside = _inside_in_utc(moment, started, submitted)
        else:
            inside = bounds[0] <= moment <= bounds[1]
        if not inside:
            return index, utc(moment, f"answers[{index}].answered_at")  # refuses the unholdable
    return None


def _in_zone(started: datetime.datetime, submitted: datetime.datetime,
             zone: datetime.tzinfo) -> tuple[datetime.datetime, datetime.datetime] | None:
    try:
        return (started.replace(tzinfo=datetime.timezone.utc).astimezone(zone),
                submitted.replace(tzinfo=datetime.timezone.utc).astimezone(zone))
    except (OverflowError, ValueError):  # near year 1 or 9999
        return None


def _inside_in_utc(moment: datetime.datetime, started: datetime.datetime,
                   submitted: datetime.datetime) -> bool:
    try:
        return started <= utc(moment) <= submitted
    except BadAnswerFile:  # no UTC equivalent: outside, and refused by the caller
        return False


def _minutes(minutes: float) -> str:
    whole = math.ceil(minutes)
    return f"{whole} minute{'s' if whole != 1 else ''}"


def _iso(moment: datetime.datetime) -> str:
    if moment.tzinfo is not None:
        return moment.isoformat()
    return moment.isoformat(timespec="seconds") + "Z"
