"""Money rounding (plan/money.py): half up, away from zero at the half, never half to even.

Python's ``round`` rounds half to even (``round(2.5) == 2``, ``round(5206.5) == 5206``); the
tool rounds half up everywhere (£5,206.50 is £5,207), as a council finance team would.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from transition_planner.plan.money import pennies, pounds, pro_rata_daily


@pytest.mark.parametrize(
    ("amount", "whole"),
    [
        ("5206.5", 5207),  # the half goes up (half to even would give 5206)
        ("5206.49", 5206),
        ("5206.51", 5207),
        ("5207.5", 5208),  # odd or even below, the half still goes up
        ("2.5", 3),  # round(2.5) == 2 in Python
        ("0.5", 1),
        ("0.49", 0),
        ("0", 0),
        ("-5206.5", -5207),  # ROUND_HALF_UP: the half goes away from zero
        ("-5206.49", -5206),
        ("-0.5", -1),
        ("1192000", 1192000),
    ],
)
def test_pounds_half_up(amount: str, whole: int) -> None:
    assert pounds(Decimal(amount)) == whole


@pytest.mark.parametrize(
    ("amount", "exact"),
    [
        ("400.505", "400.51"),  # the docstring's example
        ("400.515", "400.52"),
        ("400.525", "400.53"),  # half to even would give 400.52
        ("400.504", "400.50"),
        ("400.5049", "400.50"),  # only the third decimal place decides
        ("-400.505", "-400.51"),
        ("479", "479.00"),  # whole pounds keep two places
        # A week's pay of £25,000 a year: 25000 / 52 = 480.769... -> £480.77
        (str(Decimal(25000) / 52), "480.77"),
    ],
)
def test_pennies_half_up(amount: str, exact: str) -> None:
    result = pennies(Decimal(amount))
    assert result == Decimal(exact)
    assert str(result) == exact  # two decimal places, not "479" or "400.5"


@pytest.mark.parametrize(
    ("monthly", "days", "whole"),
    [
        # 12 months over 365 days: £100,000 a month is 1,200,000 / 365 = £3,287.671... a day.
        ("100000", 1, 3_288),
        ("100000", 10, 32_877),  # 32,876.71
        ("100000", 30, 98_630),  # 98,630.14
        ("100000", 365, 1_200_000),  # a whole year is twelve months
        # The seed case's £99k a month for 31 days: 99,000 x 12 x 31 / 365 = 100,898.63
        ("99000", 31, 100_899),
    ],
)
def test_pro_rata_daily(monthly: str, days: int, whole: int) -> None:
    assert pounds(pro_rata_daily(Decimal(monthly)) * days) == whole


def test_pro_rata_daily_is_exact_where_the_year_divides() -> None:
    # £36,500 a month is £438,000 a year, £1,200 a day exactly; £0 a month is nothing.
    assert pro_rata_daily(Decimal(36500)) == Decimal(1200)
    assert pro_rata_daily(Decimal(0)) == Decimal(0)
