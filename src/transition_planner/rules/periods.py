"""Calendar arithmetic for the employment rules: periods of notice, years of service and ages."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal, Protocol

from transition_planner.errors import RulesError as RulesError  # re-exported: defined in errors
from transition_planner.plan.values import Duration

Unit = Literal["d", "w", "m"]

_UNITS: dict[str, Unit] = {
    "d": "d",
    "day": "d",
    "days": "d",
    "w": "w",
    "wk": "w",
    "wks": "w",
    "week": "w",
    "weeks": "w",
    "m": "m",
    "month": "m",
    "months": "m",
}
_WORDS: dict[Unit, str] = {"d": "day", "w": "week", "m": "month"}
_PERIOD = re.compile(r"^\s*(\d+)\s*([a-z]+)\s*$", re.IGNORECASE)


class DateOffset(Protocol):
    """Anything that moves a date forward, such as :class:`Period` or the plan's ``Duration``."""

    def add_to(self, start: date) -> date: ...


def anniversary(start: date, years: int) -> date:
    """The day on which ``years`` whole years counted from ``start`` have been completed.

    For 29 February in a common year this is 1 March: the year that began on 29 February runs
    to the end of 28 February. Consistent with :func:`whole_years_between`.
    """
    try:
        return start.replace(year=start.year + years)
    except ValueError:
        return date(start.year + years, 3, 1)


def whole_years_between(earlier: date, later: date) -> int:
    """How many anniversaries of ``earlier`` fall on or before ``later`` (negative if reversed)."""
    before = (later.month, later.day) < (earlier.month, earlier.day)
    return later.year - earlier.year - int(before)


def whole_months_between(earlier: date, later: date) -> int:
    """How many monthly anniversaries of ``earlier`` fall on or before ``later``."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months - int(later.day < earlier.day)


@dataclass(frozen=True, order=True)
class Period(Duration):
    """The plan's ``Duration`` (one idea, one implementation), as the rules read it: checked on
    creation and parsed from words as contracts write them (``"1 month"``, ``"4 weeks"``).

    Raises:
        RulesError: an unknown unit or a negative amount.
    """

    def __post_init__(self) -> None:
        if self.unit not in _WORDS:
            raise RulesError(f"unknown period unit {self.unit!r} (use 'd', 'w' or 'm')")
        if self.amount < 0:
            raise RulesError(f"a period cannot be negative: {self.amount}")

    @classmethod
    def parse(cls, value: Any) -> Period:
        """Read ``"4w"``, ``"4 weeks"``, ``"1 month"``, ``"30d"`` and the like."""
        match = _PERIOD.match(value) if isinstance(value, str) else None
        unit = _UNITS.get(match.group(2).lower()) if match else None
        if match is None or unit is None:
            raise RulesError(
                f"expected a period such as '4w', '1 month' or '30 days', got {value!r}"
            )
        return cls(int(match.group(1)), unit)

    def __str__(self) -> str:
        return self.describe()
