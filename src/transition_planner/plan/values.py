"""Small value types of the plan format: durations (``3d``, ``2w``, ``1m``), money and ids."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, Field, PlainSerializer, WithJsonSchema

from transition_planner.plan.calendar import add_months

_DURATION = re.compile(r"^\s*(\d+)\s*([dwm])\s*$")
_UNIT_WORDS = {"d": "day", "w": "week", "m": "month"}

# The limits the scheduler relies on, checked when a plan is read (README: "Limits").
# Dates of the programme: the solver counts days from programme.start in machine integers.
EARLIEST_DATE = date(2000, 1, 1)
LATEST_DATE = date(2099, 12, 31)
# Staff dates of birth and start dates go further back.
EARLIEST_PERSONAL_DATE = date(1900, 1, 1)
# The first day the statutory redundancy figures (rules/rates.yaml) cover; a test keeps the two
# in step (plan sits below rules, so it cannot read the table).
FIRST_RATES_DATE = date(2015, 4, 6)
# Every date the schedule is built against lies within this many years of programme.start.
MAX_HORIZON_YEARS = 15
# Any one duration: 10 years.
MAX_DURATION = {"d": 3650, "w": 520, "m": 120}
# Any amount of money: £1bn (costs are summed over months and people in 64-bit integers).
MAX_MONEY = Decimal(1_000_000_000)
# Places at a site, and reviews a team does at once.
MAX_PLACES = 10_000
MAX_TEAM_CAPACITY = 1_000


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
            return cls(value, "d")._in_range(value)
        match = _DURATION.match(value)
        if not match:
            raise ValueError(f"expected a duration such as '3d', '2w' or '1m', got {value!r}")
        amount = int(match.group(1)) if len(match.group(1)) < 8 else MAX_DURATION["d"] * 1000
        return cls(amount, match.group(2))._in_range(value)  # type: ignore[arg-type]

    def _in_range(self, written: Any) -> Duration:
        if self.amount > MAX_DURATION[self.unit]:
            limits = ", ".join(f"{n}{u}" for u, n in MAX_DURATION.items())
            raise ValueError(f"a duration can be at most 10 years ({limits}), got {written!r}")
        return self

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


def _no_zero(value: Duration) -> Duration:
    if value.amount == 0:
        raise ValueError(
            f"must be at least 1d: every step takes at least a day, got '{value}' "
            "(use 1d for something done on the day)"
        )
    return value


# The length of a step the scheduler places (a custom action, review, move...): never zero.
StepDuration = Annotated[DurationField, AfterValidator(_no_zero)]


def _date_in_range(lowest: date) -> AfterValidator:
    def check(value: date) -> date:
        if not lowest <= value <= LATEST_DATE:
            raise ValueError(f"dates must be between {lowest} and {LATEST_DATE}, got {value}")
        return value

    return AfterValidator(check)


PlanDate = Annotated[date, _date_in_range(EARLIEST_DATE)]
PersonalDate = Annotated[date, _date_in_range(EARLIEST_PERSONAL_DATE)]

Money = Annotated[
    Decimal,
    Field(ge=0, le=MAX_MONEY, description="An amount in pounds, e.g. 99000 or 512.50."),
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
