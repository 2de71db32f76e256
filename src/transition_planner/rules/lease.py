"""Lease break notice, counted backwards from the break date by the forward rule.

A break clause such as "the tenant may determine this lease on the break date by giving not
less than six months' written notice" needs notice that expires on or before the break date.
Months run by the corresponding-date rule (Dodds v Walker [1981] 1 WLR 1027): notice served on
day ``d`` expires ``notice_months`` later on the same day of the month, or on that month's last
day when it has no such day. See docs/law.md.
"""

from __future__ import annotations

import calendar
from datetime import date

from transition_planner.plan.calendar import add_months
from transition_planner.rules.periods import RulesError


def last_day_to_serve(break_date: date, notice_months: int) -> date:
    """The latest day notice can be served so that ``notice_months`` calendar months of notice
    expire on or before ``break_date``: the latest ``d`` with add_months(d, n) <= break_date.

    Counting back one month from a month-end reaches the earlier month's end, not the same day
    number: for a break on 28 February 2017 with 6 months' notice the last day is 31 August
    2016 (31 August + 6 months has no 31 February, so it ends 28 February), not 28 August.
    Any margin for service (post, process server) is the caller's to take off. Raises
    RulesError for negative months.
    """
    if notice_months < 0:
        raise RulesError(f"notice months cannot be negative ({notice_months})")
    back = add_months(break_date, -notice_months)
    if break_date.day != calendar.monthrange(break_date.year, break_date.month)[1]:
        return back
    # break_date is a month-end: every later day of back's month also clamps to it
    return back.replace(day=calendar.monthrange(back.year, back.month)[1])
