"""Bank holidays by region, checked against the dates GOV.UK publishes
(gov.uk/bank-holidays) and the royal proclamations for one-off holidays."""

from __future__ import annotations

from datetime import date

import pytest

from transition_planner.rules import RulesError
from transition_planner.rules.bank_holidays import Region, bank_holidays

D = date.fromisoformat


@pytest.mark.parametrize(
    ("region", "day", "holiday"),
    [
        # 2020: early May bank holiday moved to Friday 8 May for VE Day 75
        ("england-and-wales", "2020-05-08", True),
        ("england-and-wales", "2020-05-04", False),
        # 2022: spring bank holiday moved to 2 June, Platinum Jubilee 3 June
        ("england-and-wales", "2022-06-02", True),
        ("england-and-wales", "2022-06-03", True),
        ("england-and-wales", "2022-05-30", False),
        # 2022: state funeral of Queen Elizabeth II
        ("england-and-wales", "2022-09-19", True),
        ("scotland", "2022-09-19", True),
        ("northern-ireland", "2022-09-19", True),
        # 2023: coronation of King Charles III
        ("england-and-wales", "2023-05-08", True),
        # 2021: Christmas Day (Sat) and Boxing Day (Sun) replaced by 27 and 28 Dec
        ("england-and-wales", "2021-12-27", True),
        ("england-and-wales", "2021-12-28", True),
        ("england-and-wales", "2021-12-25", False),
        ("england-and-wales", "2021-12-26", False),
        # Scotland: St Andrew's Day, and its substitute when it falls at a weekend
        ("scotland", "2023-11-30", True),
        ("scotland", "2024-12-02", True),
        ("england-and-wales", "2023-11-30", False),
        # Scotland: 2 January; no Easter Monday; summer holiday the first Monday of August
        ("scotland", "2024-01-02", True),
        ("scotland", "2023-04-10", False),
        ("scotland", "2023-08-07", True),
        ("scotland", "2023-08-28", False),
        # Northern Ireland: St Patrick's Day (substitute Monday 18 Mar 2024), the Twelfth
        ("northern-ireland", "2023-03-17", True),
        ("northern-ireland", "2024-03-18", True),
        ("northern-ireland", "2023-07-12", True),
        ("northern-ireland", "2025-07-14", True),
        ("england-and-wales", "2023-03-17", False),
    ],
)
def test_bank_holiday_dates(region: Region, day: str, holiday: bool) -> None:
    d = D(day)
    assert (d in bank_holidays(region, d.year, d.year)) is holiday


@pytest.mark.parametrize(
    ("region", "year", "days"),
    [
        ("england-and-wales", 2025, ["01-01", "04-18", "04-21", "05-05", "05-26", "08-25",
                                     "12-25", "12-26"]),
        # Boxing Day 2026 is a Saturday: substitute Monday 28 Dec
        ("england-and-wales", 2026, ["01-01", "04-03", "04-06", "05-04", "05-25", "08-31",
                                     "12-25", "12-28"]),
        ("scotland", 2025, ["01-01", "01-02", "04-18", "05-05", "05-26", "08-04", "12-01",
                            "12-25", "12-26"]),
        ("northern-ireland", 2025, ["01-01", "03-17", "04-18", "04-21", "05-05", "05-26",
                                    "07-14", "08-25", "12-25", "12-26"]),
    ],
)  # fmt: skip
def test_whole_years_match_gov_uk(region: Region, year: int, days: list[str]) -> None:
    assert bank_holidays(region, year, year) == {D(f"{year}-{md}") for md in days}


def test_several_years_and_weekdays_only() -> None:
    days = bank_holidays("england-and-wales", 2020, 2023)
    assert {d.year for d in days} == {2020, 2021, 2022, 2023}
    assert all(d.weekday() < 5 for d in days)


@pytest.mark.parametrize(
    ("region", "first", "last"), [("wales", 2025, 2025), ("scotland", 2026, 2025)]
)
def test_bad_arguments(region: str, first: int, last: int) -> None:
    with pytest.raises(RulesError, match=r"unknown region|no years from"):
        bank_holidays(region, first, last)  # type: ignore[arg-type]
