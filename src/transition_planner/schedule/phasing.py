"""Savings by financial year, phase progress and computed indicators, from a verified schedule.

Savings follow the costing's month convention (``schedule/costing.py``): a site's running cost
and its rent are paid for every calendar month touched up to its close (or lease exit), so the
saving starts with the next month. A lot costs the council its running cost for every month from
the month it opens, except the months of a provider-funded double running. The in-year saving
of a financial year (April to March) is the sum of its months' savings less its months' new
service costs; the full-year effect at a year's end is twelve months of what has stopped by then
less twelve months of what has opened.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from transition_planner.plan.calendar import add_months
from transition_planner.plan.commissioning import Payer
from transition_planner.plan.models import Plan, SiteStatus
from transition_planner.plan.outcomes import forecast_on
from transition_planner.plan.phasing import Indicator, IndicatorRule, financial_year
from transition_planner.plan.steps import StepKind as K, parse_step_id, step_id
from transition_planner.schedule.model import Schedule, ScheduledAction


@dataclass(frozen=True)
class Stream:
    """A monthly amount from its first month (inclusive): + saved, - new cost."""

    label: str
    monthly: Decimal
    first: date  # the 1st of the first month it applies


def _month(d: date) -> date:
    return d.replace(day=1)


def streams(plan: Plan, s: Schedule) -> list[Stream]:
    """Every monthly saving (a closed site's running cost, an exited lease's rent) and new cost
    (an open lot), from the month it starts."""
    ends = {(a.kind, a.subject): a.start for a in s.actions}
    out: list[Stream] = []
    for site in plan.sites:
        closed = ends.get((K.close, site.id))
        if site.status is SiteStatus.closing and closed and site.running_cost_per_month:
            out.append(
                Stream(site.label, site.running_cost_per_month, add_months(_month(closed), 1))
            )
    for lease in plan.leases:
        exited = ends.get((K.lease_exit, lease.site))
        if exited:
            out.append(
                Stream(f"rent, {lease.site}", lease.rent_per_month, add_months(_month(exited), 1))
            )
    for lot in plan.lots:
        opened = ends.get((K.lot_open, lot.id))
        if opened is None or not lot.running_cost_per_month:
            continue
        first = _month(opened)
        dr = lot.double_running
        if dr is not None and dr.paid_by is Payer.provider:
            months = dr.period.amount if dr.period.unit == "m" else -(-dr.period.days() // 30)
            first = add_months(first, months)
        out.append(Stream(lot.label, -lot.running_cost_per_month, first))
    return out


@dataclass(frozen=True)
class YearSaving:
    year: int
    in_year: int
    full_year: int


def by_financial_year(plan: Plan, s: Schedule) -> list[YearSaving]:
    """In-year saving and full-year effect for each financial year from the programme's to the
    one after the last change (whole pounds, half up)."""
    found = streams(plan, s)
    first = financial_year(plan.programme.start)
    last = max([first, *(financial_year(x.first) for x in found)]) + 1
    out = []
    for year in range(first, last + 1):
        months = [add_months(date(year, 4, 1), n) for n in range(12)]
        in_year = sum((x.monthly for x in found for m in months if m >= x.first), Decimal(0))
        year_end = date(year + 1, 3, 1)
        full = sum((x.monthly * 12 for x in found if x.first <= year_end), Decimal(0))
        out.append(YearSaving(year, _pounds(in_year), _pounds(full)))
    return out


def saved_between(plan: Plan, s: Schedule, start: date, end: date) -> int:
    """Net saving of the calendar months whose 1st lies in ``[start, end]``."""
    total = Decimal(0)
    month = _month(start) if start.day == 1 else add_months(_month(start), 1)
    found = streams(plan, s)
    while month <= end:
        total += sum((x.monthly for x in found if month >= x.first), Decimal(0))
        month = add_months(month, 1)
    return _pounds(total)


def _pounds(amount: Decimal) -> int:
    return int(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class PhaseStatus:
    id: str
    label: str
    start: date
    end: date
    due: list[tuple[str, date | None, bool]]  # (step, its last day, by the phase's end)
    saved: int
    target: int | None


def phase_status(plan: Plan, s: Schedule) -> list[PhaseStatus]:
    by_id = {a.id: a for a in s.actions}
    out = []
    for phase in plan.phases:
        due = []
        for ref in phase.milestones:
            a = by_id.get(ref)
            end = a.end if a is not None else None
            on_time = end is not None and end <= phase.end
            due.append((_title(plan, ref, a.title if a else ""), end, on_time))
        target = int(phase.saving_target) if phase.saving_target is not None else None
        saved = saved_between(plan, s, phase.start, phase.end)
        out.append(PhaseStatus(phase.id, phase.label, phase.start, phase.end, due, saved, target))
    return out


def _title(plan: Plan, ref: str, title: str) -> str:
    if parse_step_id(ref) is None:
        action = next((x for x in plan.actions if x.id == ref), None)
        return (action.title or ref) if action else ref
    return title or ref


@dataclass(frozen=True)
class IndicatorValue:
    indicator: Indicator
    value: Decimal | None  # None: entered later
    count: int | None  # the count behind the value (for suppression)
    of: int | None  # the population of a percentage


def indicator_values(plan: Plan, s: Schedule) -> list[IndicatorValue]:
    """Each indicator with its computed value where it has a rule, on its ``by`` date."""
    out = []
    for ind in plan.indicators:
        rule = ind.compute
        when = ind.by or plan.programme.target_end
        if rule is None:
            out.append(IndicatorValue(ind, None, None, None))
            continue
        if rule.measure == "outcome":
            outcome = next(o for o in plan.outcomes if o.id == rule.outcome)
            try:
                opens: date | None = s.action(step_id(K.lot_open, outcome.service)).start
            except KeyError:
                opens = plan.service_opens(outcome)
            n = forecast_on(outcome, plan.caseload(outcome), opens, when)
            out.append(IndicatorValue(ind, Decimal(n), n, None))
            continue
        people = [
            p for p in plan.people if rule.cohort is None or rule.cohort in plan.cohorts_of(p)
        ]
        index = {a.id: a for a in s.actions}
        n = sum(1 for p in people if _counts(index, p.id, p.pathway.value, rule, when))
        if ind.unit == "percent":
            value = (
                (Decimal(100) * n / len(people)).quantize(Decimal("0.1"), ROUND_HALF_UP)
                if people
                else None
            )
            out.append(IndicatorValue(ind, value, n, len(people)))
        else:
            out.append(IndicatorValue(ind, Decimal(n), n, None))
    return out


def _counts(
    index: dict[str, ScheduledAction], pid: str, pathway: str, rule: IndicatorRule, when: date
) -> bool:
    """Whether the person is on the rule's pathway and destination with their move (its
    first day), transition plan or review (their last day) done by ``when``."""
    if rule.pathway is not None and pathway != rule.pathway:
        return False
    move = index.get(step_id(K.move, pid))
    if rule.destination is not None and (move is None or move.destination != rule.destination):
        return False
    if move is not None:
        return move.start <= when
    done = index.get(step_id(K.transition_plan, pid)) or index.get(step_id(K.review, pid))
    return done is not None and done.end <= when
