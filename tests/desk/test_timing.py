"""generator.desk.timing: an answer time outside the attempt is found whatever zones the file's
times are written in (each compared in its own zone, for speed), exactly as comparing instants."""

from __future__ import annotations

import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.desk.answerdata import AnswerItem
from generator.desk.timing import _outside_the_attempt

UTC = datetime.timezone.utc
_zones = st.sampled_from([None, UTC, datetime.timezone(datetime.timedelta(hours=8)),
                          datetime.timezone(datetime.timedelta(hours=-23, minutes=-59)),
                          datetime.timezone(datetime.timedelta(hours=23, minutes=59))])
_instants = st.datetimes(datetime.datetime(1, 1, 2), datetime.datetime(9999, 12, 30))


def _written(instant: datetime.datetime, zone) -> datetime.datetime:
    """A naive UTC instant as a file may write it: in `zone`, or without an offset (UTC)."""
    if zone is None:
        return instant
    return instant.replace(tzinfo=UTC).astimezone(zone)


def _reference(moments, started, submitted):
    for index, moment in enumerate(moments):
        if moment is None:
            continue
        instant = moment if moment.tzinfo is None else \
            moment.astimezone(UTC).replace(tzinfo=None)
        if not started <= instant <= submitted:
            return index, instant
    return None


@settings(max_examples=400, deadline=None)
@given(st.lists(_instants, min_size=2, max_size=2).map(sorted),
       st.lists(st.one_of(st.none(), st.tuples(_instants, _zones)), max_size=6))
def test_the_first_time_outside_is_the_one_comparing_instants_finds(window, times):
    started, submitted = window
    moments = [None if t is None else _written(*t) for t in times]
    items = [AnswerItem(f"q{n}", None, moment) for n, moment in enumerate(moments)]
    assert _outside_the_attempt(items, started, submitted) == _reference(moments, started,
                                                                         submitted)


def test_a_window_near_the_end_of_the_calendar_is_compared_in_utc():
    """The window cannot be written in +23:59 after 9999-12-31T00:01Z: compared in UTC."""
    started = datetime.datetime(9999, 12, 31, 0, 0)
    submitted = datetime.datetime(9999, 12, 31, 12, 0)
    zone = datetime.timezone(datetime.timedelta(hours=23, minutes=59))
    inside = AnswerItem("q", None, datetime.datetime(9999, 12, 31, 23, 59, 30, tzinfo=zone))
    before = AnswerItem("q", None, datetime.datetime(9999, 12, 31, 23, 0, tzinfo=zone))
    assert _outside_the_attempt([inside], started, submitted) is None
    assert _outside_the_attempt([inside, before], started, submitted) == (
        1, datetime.datetime(9999, 12, 30, 23, 1))
