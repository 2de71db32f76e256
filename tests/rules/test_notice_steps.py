"""Notice as a step function of the day it is given (ERA s.86(1)), for the compiler."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from transition_planner.rules import (
    Period,
    RulesError,
    notice_end,
    notice_length_steps,
    statutory_notice_steps,
    statutory_notice_weeks,
)

D = date.fromisoformat


@pytest.mark.parametrize(
    ("start", "first", "last", "steps"),
    [
        # 5th complete year on 5 Mar 2025 (the day before the 6 Mar anniversary, s.211)
        ("2020-03-06", "2025-02-01", "2025-04-30", [("2025-02-01", 4), ("2025-03-05", 5)]),
        # one month's service on 28 Feb (31 Jan has no corresponding date in February)
        ("2025-01-31", "2025-01-31", "2025-03-31", [("2025-01-31", 0), ("2025-02-28", 1)]),
        # one month on 9 Mar; then 1 week until two years on 9 Feb 2027
        ("2025-02-10", "2025-02-10", "2027-03-01",
         [("2025-02-10", 0), ("2025-03-09", 1), ("2027-02-09", 2)]),
        # 29 Feb start: each year completes on 28 Feb
        ("2020-02-29", "2022-01-01", "2023-12-31", [("2022-01-01", 1), ("2022-02-28", 2),
                                                   ("2023-02-28", 3)]),
        # 12 years and more: no change, one step
        ("2000-01-01", "2025-01-01", "2025-12-31", [("2025-01-01", 12)]),
        # the 12th year completes inside the window; the 13th changes nothing
        ("2013-06-15", "2025-06-01", "2026-07-01", [("2025-06-01", 11), ("2025-06-14", 12)]),
    ],
)  # fmt: skip
def test_statutory_notice_steps(
    start: str, first: str, last: str, steps: list[tuple[str, int]]
) -> None:
    assert statutory_notice_steps(D(start), D(first), D(last)) == [(D(d), w) for d, w in steps]


@pytest.mark.parametrize(
    "start", ["2020-03-06", "2020-02-29", "2024-01-31", "2023-05-30", "2013-06-15", "2023-12-31"]
)
def test_steps_agree_with_the_rule_day_by_day(start: str) -> None:
    first = D(start)
    last = first + timedelta(days=13 * 366)
    steps = statutory_notice_steps(first, first, last)
    day, i = first, 0
    while day <= last:
        if i + 1 < len(steps) and steps[i + 1][0] == day:
            i += 1
        assert statutory_notice_weeks(first, day) == steps[i][1], day
        day += timedelta(days=1)


def test_notice_length_steps_with_a_month_contract() -> None:
    # 3 years' service -> 21 days statutory; 1 month (Dodds v Walker) is longer:
    # 27 and 28 Jan -> 27/28 Feb (31 days); 29 Jan -> 28 Feb (30); 30 Jan (29); 31 Jan (28);
    # 1 and 2 Feb -> 1/2 Mar (28 days)
    steps = notice_length_steps(D("2022-01-01"), D("2025-01-27"), D("2025-02-02"), Period(1, "m"))
    assert steps == [
        (D("2025-01-27"), 31),
        (D("2025-01-29"), 30),
        (D("2025-01-30"), 29),
        (D("2025-01-31"), 28),
    ]
    for d, days in steps:
        assert notice_end(D("2022-01-01"), d, Period(1, "m")) == d + timedelta(days=days)


def test_notice_length_steps_statutory_only() -> None:
    # 4 weeks (28 days) until the 5th year completes on 5 Mar 2025, then 35 days
    steps = notice_length_steps(D("2020-03-06"), D("2025-03-01"), D("2025-03-10"))
    assert steps == [(D("2025-03-01"), 28), (D("2025-03-05"), 35)]


@pytest.mark.parametrize(
    ("start", "first", "last"),
    [("2025-01-01", "2025-02-01", "2025-01-31"), ("2025-01-02", "2025-01-01", "2025-03-01")],
)
def test_bad_windows_are_rejected(start: str, first: str, last: str) -> None:
    with pytest.raises(RulesError, match=r"empty window|starts before"):
        statutory_notice_steps(D(start), D(first), D(last))
    with pytest.raises(RulesError, match=r"empty window|starts before"):
        notice_length_steps(D(start), D(first), D(last))
