"""Calendar arithmetic shared by the compiler (to build cost steps) and costing (to recompute).

Conventions: an activity's ``start`` is its first day and ``end`` its last day (inclusive); a
milestone (no duration) has ``start == end``. A site's close date is its last day of service.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from transition_planner.plan.values import add_months


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


def pounds(amount: Decimal) -> int:
    """Whole pounds, half up: costs are integers so the solver and costing agree exactly."""
    return int(amount.quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def pro_rata_daily(monthly: Decimal) -> Decimal:
    return monthly * 12 / 365
