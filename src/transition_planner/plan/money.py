"""Money rounding: one rule for every figure the tool prints or costs.

Half up (``ROUND_HALF_UP``), never Python's ``round`` (half to even): £5,206.50 is £5,207
everywhere. Costs the solver weighs are whole pounds so that the solver and costing agree
exactly; amounts the law gives in pennies (a week's pay, redundancy pay) keep pennies.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

PENNY = Decimal("0.01")


def pounds(amount: Decimal) -> int:
    """Whole pounds, half up: costs are integers so the solver and costing agree exactly."""
    return int(amount.quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def pro_rata_daily(monthly: Decimal) -> Decimal:
    """A monthly amount per day: 12 months over a 365-day year."""
    return monthly * 12 / 365


def pennies(amount: Decimal) -> Decimal:
    """Pounds and pence, half up: ``pennies(Decimal("400.505")) == Decimal("400.51")``."""
    return amount.quantize(PENNY, rounding=ROUND_HALF_UP)


def format_pounds(amount: Decimal | int) -> str:
    """Whole pounds for people to read, half up like every cost: ``£1,235`` for 1234.50,
    ``-£40`` for -40 (the sign before the pound sign)."""
    whole = pounds(Decimal(amount))
    return f"-£{-whole:,}" if whole < 0 else f"£{whole:,}"
