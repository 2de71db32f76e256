"""Month arithmetic (plan/calendar.py), every value worked out by hand from a calendar.

The corresponding-date rule (Dodds v Walker [1981] 1 WLR 1027, HL; docs/law.md): a period of
months ends on the day of the later month with the same number as the day it started from; where
that month is too short, on its last day. It is not an end-of-month rule: 30 April + 1 month is
30 May, not 31 May.
Leap years: 2016 and 2000 are leap years, 2017 and 2100 are not (the Gregorian 100/400 rule).
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from transition_planner.plan.calendar import (
    add_months,
    late_month_starts,
    month_firsts,
    months_late,
    months_touched,
)


@pytest.mark.parametrize(
    ("start", "after"),
    [
        # Each month end of 2016 plus one month: the same day number, or the last day if the
        # next month is shorter. 29 Feb + 1 month is 29 March (the corresponding date), not 31.
        (date(2016, 1, 31), date(2016, 2, 29)),
        (date(2016, 2, 29), date(2016, 3, 29)),
        (date(2016, 3, 31), date(2016, 4, 30)),
        (date(2016, 4, 30), date(2016, 5, 30)),
        (date(2016, 5, 31), date(2016, 6, 30)),
        (date(2016, 6, 30), date(2016, 7, 30)),
        (date(2016, 7, 31), date(2016, 8, 31)),
        (date(2016, 8, 31), date(2016, 9, 30)),
        (date(2016, 9, 30), date(2016, 10, 30)),
        (date(2016, 10, 31), date(2016, 11, 30)),
        (date(2016, 11, 30), date(2016, 12, 30)),
        (date(2016, 12, 31), date(2017, 1, 31)),
    ],
)
def test_one_month_on_from_each_month_end_of_a_leap_year(start: date, after: date) -> None:
    assert add_months(start, 1) == after


@pytest.mark.parametrize(
    ("start", "before"),
    [
        # Each month end of 2017 (not a leap year) less one month.
        (date(2017, 1, 31), date(2016, 12, 31)),
        (date(2017, 2, 28), date(2017, 1, 28)),
        (date(2017, 3, 31), date(2017, 2, 28)),
        (date(2017, 4, 30), date(2017, 3, 30)),
        (date(2017, 5, 31), date(2017, 4, 30)),
        (date(2017, 6, 30), date(2017, 5, 30)),
        (date(2017, 7, 31), date(2017, 6, 30)),
        (date(2017, 8, 31), date(2017, 7, 31)),
        (date(2017, 9, 30), date(2017, 8, 30)),
        (date(2017, 10, 31), date(2017, 9, 30)),
        (date(2017, 11, 30), date(2017, 10, 30)),
        (date(2017, 12, 31), date(2017, 11, 30)),
    ],
)
def test_one_month_back_from_each_month_end_of_a_common_year(start: date, before: date) -> None:
    assert add_months(start, -1) == before


@pytest.mark.parametrize(
    ("start", "months", "result"),
    [
        (date(2016, 1, 31), 1, date(2016, 2, 29)),  # leap February
        (date(2017, 1, 31), 1, date(2017, 2, 28)),  # common February
        (date(2016, 3, 31), -1, date(2016, 2, 29)),
        (date(2017, 3, 31), -1, date(2017, 2, 28)),
        (date(2000, 1, 31), 1, date(2000, 2, 29)),  # divisible by 400: a leap year
        (date(2100, 1, 31), 1, date(2100, 2, 28)),  # divisible by 100 only: not a leap year
        (date(2016, 2, 29), 12, date(2017, 2, 28)),  # a year on from a leap day
        (date(2016, 2, 29), 48, date(2020, 2, 29)),  # four years on: a leap day again
        (date(2016, 2, 29), -12, date(2015, 2, 28)),
        (date(2015, 12, 31), 2, date(2016, 2, 29)),  # across the year end into a leap February
        (date(2016, 11, 15), 3, date(2017, 2, 15)),
        (date(2016, 1, 15), -1, date(2015, 12, 15)),
        (date(2016, 1, 15), -13, date(2014, 12, 15)),
        (date(2016, 1, 15), -12, date(2015, 1, 15)),
        (date(2016, 5, 31), 0, date(2016, 5, 31)),
        # Dodds v Walker itself: notice served on 30 September 1977, four months ran to
        # 30 January 1978 (the corresponding date), not 31 January.
        (date(1977, 9, 30), 4, date(1978, 1, 30)),
    ],
)
def test_add_months_corresponding_date(start: date, months: int, result: date) -> None:
    assert add_months(start, months) == result


def test_months_are_counted_from_the_start_not_chained() -> None:
    # 31 Jan + 2 months is 31 March; stepping a month at a time would lose two days on the way
    # (31 Jan -> 29 Feb -> 29 Mar).
    assert add_months(date(2016, 1, 31), 2) == date(2016, 3, 31)
    assert add_months(add_months(date(2016, 1, 31), 1), 1) == date(2016, 3, 29)


@pytest.mark.parametrize(
    ("deadline", "when", "late"),
    [
        (date(2016, 5, 31), date(2016, 5, 30), 0),  # early
        (date(2016, 5, 31), date(2016, 5, 31), 0),  # on the day
        (date(2016, 5, 31), date(2016, 6, 1), 1),  # a day late
        (date(2016, 5, 31), date(2016, 6, 30), 1),  # exactly a month: 31 May + 1m = 30 June
        (date(2016, 5, 31), date(2016, 7, 1), 2),  # a month and a day
        (date(2016, 5, 31), date(2016, 7, 31), 2),  # 31 May + 2m = 31 July
        (date(2016, 5, 31), date(2016, 8, 1), 3),
        (date(2016, 5, 31), date(2017, 5, 31), 12),
        (date(2016, 5, 31), date(2017, 6, 1), 13),
        (date(2016, 1, 31), date(2016, 2, 29), 1),  # 31 Jan + 1m = 29 Feb (leap)
        (date(2016, 1, 31), date(2016, 3, 1), 2),
        (date(2016, 1, 31), date(2016, 3, 31), 2),  # 31 Jan + 2m = 31 Mar, not 29 Mar
        (date(2016, 1, 31), date(2016, 4, 1), 3),
        (date(2017, 1, 31), date(2017, 2, 28), 1),  # 31 Jan + 1m = 28 Feb (common year)
        (date(2017, 1, 31), date(2017, 3, 1), 2),
        (date(2016, 4, 30), date(2016, 5, 30), 1),  # 30 Apr + 1m = 30 May
        (date(2016, 4, 30), date(2016, 5, 31), 2),  # so 31 May is into a second month
    ],
)
def test_months_late(deadline: date, when: date, late: int) -> None:
    assert months_late(deadline, when) == late


@pytest.mark.parametrize(
    ("deadline", "until", "firsts"),
    [
        # The day after deadline + 0, 1, 2 ... months, while on or before ``until``.
        (
            date(2016, 3, 15),
            date(2016, 5, 16),
            [date(2016, 3, 16), date(2016, 4, 16), date(2016, 5, 16)],
        ),
        (date(2016, 3, 15), date(2016, 5, 15), [date(2016, 3, 16), date(2016, 4, 16)]),
        # 31 Jan: +1m = 29 Feb, +2m = 31 Mar, +3m = 30 Apr, so months start 1 Feb, 1 Mar, 1 Apr.
        (
            date(2016, 1, 31),
            date(2016, 4, 1),
            [date(2016, 2, 1), date(2016, 3, 1), date(2016, 4, 1)],
        ),
        # 30 Apr: +1m = 30 May, +2m = 30 Jun, +3m = 30 Jul: the second month late starts 31 May.
        (
            date(2016, 4, 30),
            date(2016, 7, 31),
            [date(2016, 5, 1), date(2016, 5, 31), date(2016, 7, 1), date(2016, 7, 31)],
        ),
        (date(2016, 5, 31), date(2016, 5, 31), []),  # until the deadline itself: never late
        (date(2016, 5, 31), date(2016, 6, 1), [date(2016, 6, 1)]),
    ],
)
def test_late_month_starts(deadline: date, until: date, firsts: list[date]) -> None:
    assert late_month_starts(deadline, until) == firsts


def test_late_month_starts_are_where_months_late_goes_up() -> None:
    # The first day of the m-th month late is m months late; the day before it, m - 1.
    deadline = date(2016, 1, 31)
    for m, first in enumerate(late_month_starts(deadline, date(2017, 3, 1)), start=1):
        assert months_late(deadline, first) == m
        assert months_late(deadline, first - timedelta(days=1)) == m - 1


@pytest.mark.parametrize(
    ("first", "last", "months"),
    [
        (date(2016, 3, 1), date(2016, 3, 1), 1),  # one day is one month touched
        (date(2016, 3, 1), date(2016, 3, 31), 1),
        (date(2016, 3, 1), date(2016, 4, 1), 2),  # a day into April touches April
        (date(2016, 1, 31), date(2016, 2, 1), 2),  # two days, two months
        (date(2015, 12, 15), date(2016, 1, 15), 2),  # December and January, across the year
        (date(2016, 3, 1), date(2017, 2, 28), 12),
        (date(2016, 3, 1), date(2017, 3, 1), 13),
        (date(2016, 3, 1), date(2016, 2, 29), 0),  # last before first
    ],
)
def test_months_touched(first: date, last: date, months: int) -> None:
    assert months_touched(first, last) == months


@pytest.mark.parametrize(
    ("after", "until", "firsts"),
    [
        (
            date(2016, 3, 1),
            date(2016, 6, 1),
            [date(2016, 4, 1), date(2016, 5, 1), date(2016, 6, 1)],
        ),
        (date(2016, 3, 31), date(2016, 5, 31), [date(2016, 4, 1), date(2016, 5, 1)]),
        # Across the year end: December's successor is January of the next year.
        (
            date(2016, 11, 15),
            date(2017, 2, 1),
            [date(2016, 12, 1), date(2017, 1, 1), date(2017, 2, 1)],
        ),
        (date(2016, 12, 31), date(2017, 1, 31), [date(2017, 1, 1)]),
        (date(2016, 3, 1), date(2016, 3, 31), []),  # nothing after March up to 31 March
    ],
)
def test_month_firsts(after: date, until: date, firsts: list[date]) -> None:
    assert month_firsts(after, until) == firsts
