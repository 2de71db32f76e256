"""Outcomes over time: a contract trajectory, the caseload-limited service producing it, and the
payment rule (gainshare above the trajectory, penalty below it, at each review date, capped).

The service opens on its lot's ``lot_open`` day (or, for a site, on ``available_from`` or the
programme start). From then on it works with ``caseload`` people at a time: the first
``caseload`` start on the opening day, each spends ``time_to_outcome`` in the service, and as
their places free the next ``caseload`` start (so starters come in waves, one every
``time_to_outcome``), up to ``max_starters`` in all. A wave's outcomes fall on its last day in
the service; the cumulative forecast on a day is ``floor(success_share x starters who have
finished by then)``: whole people, rounded down. Month ``n`` of the service ends the day before
the opening day plus ``n`` calendar months.

At each review date (every trajectory date) the forecast is set against the cumulative target:
below it, a penalty of ``penalty_per_outcome`` per outcome short; above it, a gainshare of
``gainshare_per_outcome`` per outcome over; each capped at ``cap_per_review`` and, summed over
the reviews, at ``cap_total``. Sources: the plan's contract (docs/commissioning.md).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_FLOOR, Decimal

from pydantic import BaseModel, ConfigDict, Field

from transition_planner.plan.calendar import add_months
from transition_planner.plan.money import pounds
from transition_planner.plan.values import Duration, DurationField, Id, Money


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class TrajectoryPoint(_Record):
    date: dt.date = Field(description="A review date.")
    target: int = Field(ge=0, description="Cumulative outcomes the contract expects by then.")


class Payment(_Record):
    gainshare_per_outcome: Money = Field(
        default=Decimal(0), description="Pounds per outcome above the trajectory at a review."
    )
    penalty_per_outcome: Money = Field(
        default=Decimal(0), description="Pounds per outcome below the trajectory at a review."
    )
    cap_per_review: Money | None = Field(
        default=None, description="Most a penalty or a gainshare can be at one review."
    )
    cap_total: Money | None = Field(
        default=None, description="Most the penalties, or the gainshares, can add up to."
    )


class Outcome(_Record):
    id: Id
    name: str | None = None
    service: Id = Field(description="The lot (or site) whose service produces the outcome.")
    caseload: int | None = Field(
        default=None, ge=1, description="People in the service at once; default its capacity."
    )
    time_to_outcome: DurationField = Field(
        description="Time from starting to the outcome, e.g. 3m (calendar months)."
    )
    success_share: Decimal = Field(
        ge=0, le=1, description="Share of starters who reach the outcome, e.g. 0.5."
    )
    max_starters: int | None = Field(
        default=None, ge=0, description="People who can start in all; default no limit."
    )
    trajectory: list[TrajectoryPoint] = Field(
        min_length=1, description="Cumulative targets by date: the review dates."
    )
    payment: Payment = Field(default_factory=Payment)

    @property
    def label(self) -> str:
        return self.name or self.id


def wave_end(opens: date, period: Duration, k: int) -> date:
    """The last day in the service of wave ``k`` (0 first): the day before ``opens`` plus
    ``k + 1`` periods (calendar months stay calendar months)."""
    if period.unit == "m":
        return add_months(opens, (k + 1) * period.amount) - timedelta(days=1)
    return opens + timedelta(days=(k + 1) * period.days() - 1)


def forecast_on(outcome: Outcome, caseload: int, opens: date | None, day: date) -> int:
    """Cumulative outcomes by the end of ``day`` for a service opening on ``opens``."""
    if opens is None or day < opens or outcome.time_to_outcome.days() <= 0:
        return 0
    finished, k = 0, 0
    limit = outcome.max_starters
    while wave_end(opens, outcome.time_to_outcome, k) <= day:
        wave = caseload if limit is None else max(0, min(caseload, limit - finished))
        if wave == 0:
            break
        finished += wave
        k += 1
    return int((outcome.success_share * finished).to_integral_value(rounding=ROUND_FLOOR))


@dataclass(frozen=True)
class Review:
    """One review date: target, forecast and the money (penalty >= 0, gainshare >= 0)."""

    date: date
    target: int
    forecast: int
    penalty: int
    gainshare: int


def reviews(outcome: Outcome, caseload: int, opens: date | None) -> list[Review]:
    """Each review date with its forecast and payment, caps applied in date order."""
    pay = outcome.payment
    out: list[Review] = []
    penalties = gains = Decimal(0)
    for point in sorted(outcome.trajectory, key=lambda p: p.date):
        got = forecast_on(outcome, caseload, opens, point.date)
        short, over = max(0, point.target - got), max(0, got - point.target)
        penalty = pay.penalty_per_outcome * short
        gain = pay.gainshare_per_outcome * over
        if pay.cap_per_review is not None:
            penalty, gain = min(penalty, pay.cap_per_review), min(gain, pay.cap_per_review)
        if pay.cap_total is not None:
            penalty = min(penalty, pay.cap_total - penalties)
            gain = min(gain, pay.cap_total - gains)
        penalties += penalty
        gains += gain
        out.append(Review(point.date, point.target, got, pounds(penalty), pounds(gain)))
    return out


def net_payment(outcome: Outcome, caseload: int, opens: date | None) -> int:
    """Penalties less gainshares over every review, in whole pounds (negative: a net gain)."""
    return sum(r.penalty - r.gainshare for r in reviews(outcome, caseload, opens))


def monthly_forecast(
    outcome: Outcome, caseload: int, opens: date, months: int
) -> list[tuple[date, int]]:
    """(last day of month n of the service, cumulative outcomes) for n = 1..months."""
    ends = [add_months(opens, n) - timedelta(days=1) for n in range(1, months + 1)]
    return [(end, forecast_on(outcome, caseload, opens, end)) for end in ends]
