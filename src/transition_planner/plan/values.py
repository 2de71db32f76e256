"""Small value types of the plan format: durations (``3d``, ``2w``, ``1m``), money and ids."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, PlainSerializer, WithJsonSchema

from transition_planner.plan.calendar import add_months

_DURATION = re.compile(r"^\s*(\d+)\s*([dwm])\s*$")
_UNIT_WORDS = {"d": "day", "w": "week", "m": "month"}


@dataclass(frozen=True, order=True)
class Duration:
    """A length of time as written; months stay calendar months until applied to a date."""

    amount: int
    unit: Literal["d", "w", "m"]

    @classmethod
    def parse(cls, value: Any) -> Duration:
        if isinstance(value, Duration):
            return value
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            raise ValueError("expected a duration such as '3d', '2w' or '1m'")
        if isinstance(value, int):
            if value < 0:
                raise ValueError("a duration cannot be negative")
            return cls(value, "d")
        match = _DURATION.match(value)
        if not match:
            raise ValueError(f"expected a duration such as '3d', '2w' or '1m', got {value!r}")
        return cls(int(match.group(1)), match.group(2))  # type: ignore[arg-type]

    def add_to(self, start: date) -> date:
        if self.unit == "m":
            return add_months(start, self.amount)
        return start + timedelta(days=self.days())

    def subtract_from(self, end: date) -> date:
        if self.unit == "m":
            return add_months(end, -self.amount)
        return end - timedelta(days=self.days())

    def days(self) -> int:
        """Length in days; a month counts as 30 only where no date anchors it (estimates)."""
        return self.amount * {"d": 1, "w": 7, "m": 30}[self.unit]

    def __str__(self) -> str:
        return f"{self.amount}{self.unit}"

    def describe(self) -> str:
        word = _UNIT_WORDS[self.unit]
        return f"{self.amount} {word}{'' if self.amount == 1 else 's'}"


DurationField = Annotated[
    Duration,
    BeforeValidator(Duration.parse),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": r"^\s*\d+\s*[dwm]\s*$"},
                {"type": "integer", "minimum": 0},
            ],
            "description": "A duration: '3d' (days), '2w' (weeks), '1m' (calendar months); "
            "a bare integer is days.",
        }
    ),
]

Money = Annotated[
    Decimal,
    Field(ge=0, description="An amount in pounds, e.g. 99000 or 512.50."),
    PlainSerializer(lambda d: float(d), return_type=float),
]

Id = Annotated[
    str,
    Field(
        min_length=1,
        max_length=80,
        pattern=r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$",
        description="An identifier: letters, digits, '-', '_' or '.'",
    ),
]
