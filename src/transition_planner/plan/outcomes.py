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


class CaseloadChange(_Record):
    from_: dt.date = Field(alias="from", description="The first day of the new caseload.")
    caseload: int = Field(ge=0, description="People in the service at once from that day.")


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
    caseload_changes: list[CaseloadChange] = Field(
        default_factory=list,
        description="Dated changes of the caseload, in date order: [{from, caseload}]. A rise "
        "opens places that take starters that day; a fall closes places as their starters "
        "finish.",
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


def caseload_timeline(outcome: Outcome, caseload: int, opens: date) -> list[tuple[date, int]]:
    """(first day, caseload) from ``opens`` on: the caseload in force on the opening day, then
    each later change."""
    timeline = [(opens, caseload)]
    for change in sorted(outcome.caseload_changes, key=lambda c: c.from_):
        if change.from_ <= opens:
            timeline[0] = (opens, change.caseload)
        else:
            timeline.append((change.from_, change.caseload))
    return timeline


def _runs(
    period: Duration, open_spans: list[tuple[date, date | None]], day: date
) -> list[tuple[date, date]]:
    """(start, last day) of each starter on one place open over ``open_spans``, from its first
    start to the last one starting by ``day``. The place takes a starter the first open day on
    or after it frees; one taken the day it frees keeps the place's calendar (the k-th run
    ends the day before the calendar's first day plus k + 1 periods), one taken later starts a
    new calendar."""
    out: list[tuple[date, date]] = []
    free = open_spans[0][0] if open_spans else day
    anchor, k = free, -1
    for first, last in open_spans:
        while True:
            start = max(free, first)
            if start > day or (last is not None and start > last):
                break
            if start != free:
                anchor, k = start, -1
            k += 1
            end = wave_end(anchor, period, k)
            out.append((start, end))
            free = end + timedelta(days=1)
    return out


def forecast_on(outcome: Outcome, caseload: int, opens: date | None, day: date) -> int:
    """Cumulative outcomes by the end of ``day`` for a service opening on ``opens``.

    Places that open and close together (a band of the caseload's levels) share one run
    calendar; a band's starters count once per place, in start order against ``max_starters``.
    """
    if opens is None or day < opens or outcome.time_to_outcome.days() <= 0:
        return 0
    timeline = caseload_timeline(outcome, caseload, opens)
    levels = sorted({n for _, n in timeline if n > 0})
    runs: list[tuple[date, date, int]] = []
    for lo, hi in zip([0, *levels], levels, strict=False):
        spans: list[tuple[date, date | None]] = []
        for n, (first, level) in enumerate(timeline):
            if level < hi:
                continue
            last = timeline[n + 1][0] - timedelta(days=1) if n + 1 < len(timeline) else None
            if spans and spans[-1][1] == first - timedelta(days=1):
                spans[-1] = (spans[-1][0], last)
            else:
                spans.append((first, last))
        runs += [(a, b, hi - lo) for a, b in _runs(outcome.time_to_outcome, spans, day)]
    finished = started = 0
    limit = outcome.max_starters
    for _, end, places in sorted(runs):
        wave = places if limit is None else max(0, min(places, limit - started))
        started += wave
        if end <= day:
            finished += wave
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
