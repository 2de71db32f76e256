"""Phasing over years and success indicators: the plan's records.

A *phase* (Year 1, Year 2, ...) is a date range with the steps due by its end (``milestones``:
action ids or step ids such as ``lot_open:LOT`` or ``close:SITE``) and a saving target. An
*indicator* has a baseline, a target and a source; where a ``compute`` rule is given its value is
computed from the schedule (``schedule/phasing.py``), otherwise it is entered later from
progress. Savings are counted per financial year, April to March.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from transition_planner.plan.values import Id, Money


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Phase(_Record):
    id: Id
    name: str | None = None
    start: dt.date
    end: dt.date
    milestones: list[str] = Field(
        default_factory=list,
        description="Actions or steps (lot_open:LOT, close:SITE, ...) due by the phase's end.",
    )
    saving_target: Money | None = Field(
        default=None, description="Running costs the phase should have saved within its dates."
    )

    @property
    def label(self) -> str:
        return self.name or self.id


class IndicatorRule(_Record):
    """What to count: ``people`` (those in ``cohort``, on ``pathway``, moving to
    ``destination``, whose move, transition plan or review ends by the indicator's date; as a
    percentage of everyone in the cohort when the unit is percent), or an ``outcome``'s
    cumulative forecast on that date."""

    measure: Literal["people", "outcome"] = "people"
    cohort: Id | None = None
    pathway: str | None = None
    destination: Id | None = None
    outcome: Id | None = None


class Indicator(_Record):
    id: Id
    name: str = Field(min_length=1)
    unit: Literal["count", "percent"] = "count"
    baseline: Decimal | None = None
    target: Decimal | None = None
    source: str | None = Field(default=None, description="Where the figure comes from.")
    by: dt.date | None = Field(
        default=None, description="The date the computed value is for; default target_end."
    )
    compute: IndicatorRule | None = Field(
        default=None, description="How to compute it from the schedule; omitted: entered later."
    )


def financial_year(day: dt.date) -> int:
    """The financial year (April to March) ``day`` falls in, by its starting year: 2025 for
    1 April 2025 to 31 March 2026."""
    return day.year if day.month >= 4 else day.year - 1


def fy_label(year: int) -> str:
    """``2025`` -> ``2025/26``."""
    return f"{year}/{(year + 1) % 100:02d}"
