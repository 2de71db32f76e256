"""Calendar arithmetic: the one home of month arithmetic for the plan, the rules, the compiler,
costing and ``verify``.

Conventions: an activity's ``start`` is its first day and ``end`` its last day (inclusive); a
milestone (no duration) has ``start == end``. A site's close date is its last day of service.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from functools import lru_cache
from typing import Literal, get_args

import holidays as holiday_data

Region = Literal["england-and-wales", "scotland", "northern-ireland"]
REGIONS: tuple[Region, ...] = get_args(Region)
# GOV.UK's three divisions as ``holidays`` names them (WLS gives the same days as ENG)
SUBDIVISIONS: dict[str, str] = {
    "england-and-wales": "ENG",
    "scotland": "SCT",
    "northern-ireland": "NIR",
}


@lru_cache(maxsize=256)
def region_bank_holidays(region: Region, year: int) -> frozenset[date]:
    """The weekday bank holidays of one calendar year in ``region`` (substitute days included,
    the weekend days they replace left out), from the maintained ``holidays`` package.
    ``rules.bank_holidays`` is the documented entry point (docs/law.md); the data lives here
    so the plan's calendar can use it. Raises KeyError for an unknown region."""
    found = holiday_data.country_holidays("GB", subdiv=SUBDIVISIONS[region], years=year)
    return frozenset(day for day in found if day.weekday() < 5)


def add_months(start: date, months: int) -> date:
    """``start`` moved by whole calendar months (may be negative).

    A day missing from the target month clamps to its last day (31 Jan + 1 month = 28/29 Feb):
    the corresponding-date rule for notice periods (Dodds v Walker [1980] 1 WLR 1061).
    """
    month0 = start.year * 12 + start.month - 1 + months
    year, month = divmod(month0, 12)
    month += 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def months_late(deadline: date, when: date) -> int:
    """Started calendar months after ``deadline``: a day late is 1; a month and a day is 2."""
    if when <= deadline:
        return 0
    months = 1
    while when > add_months(deadline, months):
        months += 1
    return months


def late_month_starts(deadline: date, until: date) -> list[date]:
    """First days of each month late: the day after deadline + m months, for m = 0, 1, ..."""
    days: list[date] = []
    m = 0
    while True:
        first = add_months(deadline, m) + timedelta(days=1)
        if first > until:
            return days
        days.append(first)
        m += 1


def months_touched(first: date, last: date) -> int:
    """Calendar months with at least one day in ``[first, last]`` (0 if last < first)."""
    if last < first:
        return 0
    return (last.year - first.year) * 12 + last.month - first.month + 1


def month_firsts(after: date, until: date) -> list[date]:
    """The 1st of each calendar month after ``after``'s month, up to ``until``."""
    days: list[date] = []
    d = date(after.year + after.month // 12, after.month % 12 + 1, 1)
    while d <= until:
        days.append(d)
        d = date(d.year + d.month // 12, d.month % 12 + 1, 1)
    return days
