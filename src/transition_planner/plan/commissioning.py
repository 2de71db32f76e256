"""The plan's commissioning records: cohorts it defines, lots, their procurement and double running.

A *cohort* is a client group the plan names (``LD``, ``young-adults``); one with an ``age`` band
is a rule, not a label: a person with a ``date_of_birth`` is in it when their age in complete
years on ``programme.start`` lies in the band. A *lot* is a new service with a capacity of
places that opens when its procurement ends (``lot_open:LOT``); people may move to it as to a
receiving site. Its procurement is a generated chain of steps whose minimum periods come from
the Procurement Act 2023 (``rules/procurement.py``; docs/commissioning.md gives each source).
*Double running* is a funded overlap from the lot's opening during which every service it
replaces must keep running.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from transition_planner.plan.money import pounds, pro_rata_daily
from transition_planner.plan.values import Duration, DurationField, Id, Money

# The cohorts every plan knows without defining any: the format's original fixed list.
DEFAULT_COHORTS = ("LD", "autism", "PMLD", "OP", "PD", "MH", "sensory", "other")


class Record(BaseModel):
    """As ``models.Record`` (models.py imports this module, so it cannot import that one)."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class AgeBand(Record):
    """An age band in complete years on ``programme.start``, both ends included (18 to 25)."""

    min: int = Field(default=0, ge=0, le=130)
    max: int | None = Field(default=None, ge=0, le=130)

    def contains(self, age: int) -> bool:
        return age >= self.min and (self.max is None or age <= self.max)

    def describe(self) -> str:
        return f"{self.min}+" if self.max is None else f"{self.min}–{self.max}"


class CohortDef(Record):
    id: Id
    name: str | None = None
    age: AgeBand | None = Field(
        default=None,
        description="Membership by age on programme.start (needs people's date_of_birth), "
        "e.g. {min: 18, max: 25}; without it the cohort is a label people are given.",
    )

    @property
    def label(self) -> str:
        return self.name or self.id


class Route(StrEnum):
    """How a lot is bought. ``open`` and ``competitive_flexible`` are the Act's two competitive
    tendering procedures (s.20); ``direct_award`` is an award under s.41 (Schedule 5
    justifications) with its transparency notice (s.44) and standstill (s.51); ``partnership`` is
    the plan's own route outside a procurement (an existing partnership agreement or a
    variation): mobilisation only."""

    open = "open"
    competitive_flexible = "competitive_flexible"
    direct_award = "direct_award"
    partnership = "partnership"


class Procurement(Record):
    route: Route = Route.open
    not_before: date | None = Field(
        default=None, description="First day the procurement's first step can start."
    )
    light_touch: bool = Field(
        default=False,
        description="A light touch contract (Procurement Act 2023 s.9; social care services, "
        "Procurement Regulations 2024 Sch. 1): no statutory minimum tendering period "
        "(s.54(3)) and no mandatory standstill (s.51).",
    )
    planned_procurement_notice: bool = Field(
        default=False,
        description="A qualifying planned procurement notice was published (s.15, s.54(5)): "
        "the minimum tendering period falls to 10 days.",
    )
    market_engagement: DurationField = Field(
        default=Duration(8, "w"),
        description="Preliminary market engagement (s.16); no statutory minimum.",
    )
    tender: DurationField | None = Field(
        default=None,
        description="Tendering period (for competitive_flexible, participation plus tendering); "
        "default and floor: the statutory minimum for the route.",
    )
    evaluation: DurationField = Field(
        default=Duration(4, "w"), description="Assessing tenders (s.19); no statutory minimum."
    )
    standstill: bool = Field(
        default=True,
        description="Observe a standstill of 8 working days from the contract award notice "
        "(s.51); only a light touch contract or a partnership may set false.",
    )
    mobilisation: DurationField = Field(
        default=Duration(12, "w"),
        description="From entering into the contract to the first day of service.",
    )


class Payer(StrEnum):
    council = "council"
    provider = "provider"


class DoubleRunning(Record):
    period: DurationField = Field(
        description="The funded overlap from the lot's first day, during which the services it "
        "replaces keep running (a month counts 30 days)."
    )
    paid_by: Payer = Field(
        default=Payer.council,
        description="Whose ledger the lot's running cost over the overlap falls in: council "
        "(in the total the optimiser weighs) or provider (shown apart, not in the total).",
    )


class Lot(Record):
    id: Id
    name: str | None = None
    capacity: int = Field(ge=0, description="Places in the new service.")
    cohorts: list[Id] | None = Field(
        default=None, description="Cohorts the lot serves; omitted means all."
    )
    pathways: list[Literal["move", "employment"]] = Field(
        default_factory=lambda: ["move"],  # type: ignore[arg-type]
        description="Pathways it offers places for (move, employment).",
    )
    features: list[str] = Field(default_factory=list)
    running_cost_per_month: Money = Field(
        default=Decimal(0), description="What the new service costs a month once open (pounds)."
    )
    procurement: Procurement = Field(default_factory=Procurement)
    replaces: list[Id] = Field(
        default_factory=list,
        description="Closing sites this lot replaces: each closes no earlier than the lot opens "
        "(and runs through its double running).",
    )
    double_running: DoubleRunning | None = None

    @property
    def label(self) -> str:
        return self.name or self.id

    def double_running_days(self) -> int:
        return self.double_running.period.days() if self.double_running else 0


# --- the law: minimum periods (Procurement Act 2023; docs/commissioning.md gives the sources) ---

STANDSTILL_WORKING_DAYS = 8
"""s.51(2): the mandatory standstill period is 8 working days beginning with the day the contract
award notice is published."""
STANDSTILL_SPAN_DAYS = 10
"""8 working days from a Monday, Tuesday or Wednesday with no bank holiday among them span 10
calendar days; the scheduler publishes award notices only on such days (docs/commissioning.md)."""
OPEN_TENDER_DAYS = 25
"""s.54(4): open procedure, tenders submitted electronically: at least 25 days."""
PARTICIPATION_DAYS = 25
"""s.54(3): competitive flexible procedure, participation period: at least 25 days."""
FLEXIBLE_TENDER_DAYS = 25
"""s.54(4): competitive flexible procedure, tendering period: at least 25 days."""
REDUCED_TENDER_DAYS = 10
"""s.54(4)/(5): 10 days where a qualifying planned procurement notice was published (s.15)."""
LIGHT_TOUCH_PRACTICE_DAYS = 30
"""No statutory minimum for a light touch contract (s.54(3)); the default here is practice."""


@dataclass(frozen=True)
class Stage:
    """One step of a lot's procurement: its kind (a StepKind value), length in calendar days and
    the statutory minimum (0 if none) with its source."""

    kind: str
    days: int
    minimum: int = 0
    source: str = ""


def tender_minimum(proc: Procurement) -> tuple[int, str]:
    """(days, source) of the statutory minimum tendering period for the route."""
    if proc.route not in (Route.open, Route.competitive_flexible) or proc.light_touch:
        return 0, "no statutory minimum (light touch contract, s.54(3))" if proc.light_touch else ""
    tendering = REDUCED_TENDER_DAYS if proc.planned_procurement_notice else None
    if proc.route is Route.open:
        days = tendering or OPEN_TENDER_DAYS
        return days, f"Procurement Act 2023 s.54(4): {days} days (open procedure)"
    days = PARTICIPATION_DAYS + (tendering or FLEXIBLE_TENDER_DAYS)
    return days, (
        f"Procurement Act 2023 s.54(3)-(4): {PARTICIPATION_DAYS} days' participation + "
        f"{tendering or FLEXIBLE_TENDER_DAYS} days' tendering (competitive flexible)"
    )


def stages(lot: Lot) -> list[Stage]:
    """The lot's procurement chain for its route, each stage at the plan's length (or the
    statutory minimum where the plan gives none). Mobilisation always ends it."""
    proc = lot.procurement
    out: list[Stage] = []
    if proc.route in (Route.open, Route.competitive_flexible):
        minimum, source = tender_minimum(proc)
        default = minimum or LIGHT_TOUCH_PRACTICE_DAYS
        tender = proc.tender.days() if proc.tender is not None else default
        out += [
            Stage("market_engagement", proc.market_engagement.days()),
            Stage("tender", tender, minimum, source),
            Stage("evaluation", proc.evaluation.days()),
        ]
    if proc.route is not Route.partnership:
        out.append(Stage("award", 1, 0, "contract award notice, s.50"))
        if proc.standstill:
            out.append(
                Stage(
                    "standstill",
                    STANDSTILL_SPAN_DAYS,
                    STANDSTILL_SPAN_DAYS,
                    f"Procurement Act 2023 s.51: {STANDSTILL_WORKING_DAYS} working days",
                )
            )
    out.append(Stage("mobilisation", max(1, proc.mobilisation.days())))
    return out


def is_working_day(day: date, holidays: Iterable[date]) -> bool:
    """A working day in the Act's sense (s.123): not a Saturday, Sunday or bank holiday (the
    plan's ``calendar.holidays``)."""
    return day.weekday() < 5 and day not in set(holidays)


def standstill_end(start: date, holidays: Iterable[date]) -> date:
    """The last day of 8 working days beginning with ``start`` (s.51(2))."""
    off = set(holidays)
    day, counted = start, 0
    while True:
        if day.weekday() < 5 and day not in off:
            counted += 1
            if counted == STANDSTILL_WORKING_DAYS:
                return day
        day += timedelta(days=1)


def standstill_fits(start: date, holidays: Iterable[date]) -> bool:
    """Whether an award notice on ``start`` (a working day) has its 8 working days end within
    ``STANDSTILL_SPAN_DAYS`` calendar days."""
    off = set(holidays)
    return is_working_day(start, off) and standstill_end(start, off) <= start + timedelta(
        days=STANDSTILL_SPAN_DAYS - 1
    )


def double_running_cost(lot: Lot) -> int:
    """The lot's running cost over its funded overlap, in whole pounds: the monthly cost times the
    months of a period given in months, else pro rata by day (12 months over 365 days)."""
    dr = lot.double_running
    if dr is None:
        return 0
    monthly = lot.running_cost_per_month
    if dr.period.unit == "m":
        return pounds(monthly * dr.period.amount)
    return pounds(pro_rata_daily(monthly) * dr.period.days())


def lot_days(lot: Lot) -> int:
    """Calendar days of the lot's whole chain, its opening day and its double running."""
    return sum(s.days for s in stages(lot)) + 1 + lot.double_running_days()
