"""Redeployment priority for pregnancy and family leave (SI 2024/264 from 6 April 2024)."""

from __future__ import annotations

from datetime import date

import pytest

from transition_planner.rules import RulesError
from transition_planner.rules.family import (
    FamilyDates,
    FamilyStatus,
    has_redeployment_priority,
    protected_period,
)

D = date.fromisoformat


@pytest.mark.parametrize(
    ("status", "dates", "period"),
    [
        # 1999 Regs reg 10(1A) as amended: from notice of pregnancy to 18 months after the
        # notified birth (28 Nov 2024 + 18 months = 28 May 2026)
        ("pregnant",
         FamilyDates(informed_of_pregnancy=D("2024-05-01"), expected_week=D("2024-12-02"),
                     birth=D("2024-11-28")),
         ("2024-05-01", "2026-05-28")),
        # birth date not notified: 18 months after the first day of the expected week; no
        # 31 Feb 2026, so 28 Feb (Dodds v Walker)
        ("pregnant",
         FamilyDates(informed_of_pregnancy=D("2024-04-06"), expected_week=D("2024-08-31")),
         ("2024-04-06", "2026-02-28")),
        # SI 2024/264 reg 3(2): pregnancy notified before 6 April 2024 -> no pregnancy period
        ("pregnant", FamilyDates(informed_of_pregnancy=D("2024-04-05"),
                                 expected_week=D("2024-10-07")), None),
        # no right to maternity leave (miscarriage before 24 weeks): 2 weeks after it ends
        ("pregnant", FamilyDates(informed_of_pregnancy=D("2024-06-01"),
                                 pregnancy_ended=D("2024-07-10")),
         ("2024-06-01", "2024-07-24")),
        # maternity leave ending on or after 6 April 2024 (reg 3(1)): to 18 months after birth
        ("maternity_leave", FamilyDates(leave_start=D("2024-02-01"), leave_end=D("2025-01-30"),
                                        birth=D("2024-02-03")),
         ("2024-02-01", "2025-08-03")),
        # ... and it starts with a pregnancy notified on or after 6 April 2024
        ("maternity_leave", FamilyDates(informed_of_pregnancy=D("2024-04-10"),
                                        leave_start=D("2024-10-01"), birth=D("2024-10-20")),
         ("2024-04-10", "2026-04-20")),
        # leave that ended before 6 April 2024: protected only during the leave (old reg 10)
        ("maternity_leave", FamilyDates(leave_start=D("2023-03-01"), leave_end=D("2024-02-28"),
                                        birth=D("2023-03-05")),
         ("2023-03-01", "2024-02-28")),
        # 2002 Regs reg 23 as amended: to 18 months after placement
        ("adoption_leave", FamilyDates(leave_start=D("2024-09-02"), leave_end=D("2025-08-31"),
                                       placement=D("2024-09-01")),
         ("2024-09-02", "2026-03-01")),
        # 2014 Regs reg 39 as amended: 6 consecutive weeks from 3 Jun 2024 -> 18 months after
        # the birth
        ("shared_parental_leave",
         FamilyDates(leave_start=D("2024-06-03"), leave_end=D("2024-07-14"),
                     birth=D("2024-04-20"), spl_consecutive_weeks=6),
         ("2024-06-03", "2025-10-20")),
        # under 6 consecutive weeks: the leave only
        ("shared_parental_leave",
         FamilyDates(leave_start=D("2024-06-03"), leave_end=D("2024-06-30"),
                     birth=D("2024-04-20"), spl_consecutive_weeks=4),
         ("2024-06-03", "2024-06-30")),
    ],
)  # fmt: skip
def test_protected_period(
    status: FamilyStatus, dates: FamilyDates, period: tuple[str, str] | None
) -> None:
    expected = None if period is None else (D(period[0]), D(period[1]))
    assert protected_period(status, dates) == expected


@pytest.mark.parametrize(
    ("on", "priority"),
    [("2024-04-30", False), ("2024-05-01", True), ("2026-05-28", True), ("2026-05-29", False)],
)
def test_has_redeployment_priority_at_the_ends(on: str, priority: bool) -> None:
    dates = FamilyDates(informed_of_pregnancy=D("2024-05-01"), birth=D("2024-11-28"))
    assert has_redeployment_priority("pregnant", dates, D(on)) is priority


def test_no_priority_without_a_period() -> None:
    dates = FamilyDates(informed_of_pregnancy=D("2024-01-10"), expected_week=D("2024-08-05"))
    assert has_redeployment_priority("pregnant", dates, D("2024-05-01")) is False


@pytest.mark.parametrize(
    ("status", "dates", "missing"),
    [
        ("pregnant", FamilyDates(), "informed of pregnancy"),
        ("pregnant", FamilyDates(informed_of_pregnancy=D("2024-05-01")), "expected week"),
        ("maternity_leave", FamilyDates(), "leave start"),
        ("adoption_leave", FamilyDates(leave_start=D("2024-09-02")), "placement"),
        ("shared_parental_leave", FamilyDates(leave_start=D("2024-06-03")), "leave end"),
    ],
)  # fmt: skip
def test_missing_dates_are_named(status: FamilyStatus, dates: FamilyDates, missing: str) -> None:
    with pytest.raises(RulesError, match=missing):
        protected_period(status, dates)
