"""Figures both reports draw on, computed once from the plan and the schedule."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from transition_planner.plan.models import Plan, SiteStatus
from transition_planner.plan.steps import StepKind as K
from transition_planner.reports.register import (
    REDEPLOYED,
    REDUNDANT,
    VACANCY_DELETED,
    VR_ACCEPTED,
    build_register,
)
from transition_planner.schedule.model import Schedule, ScheduledAction


@dataclass(frozen=True)
class Figures:
    people: int
    moving: int
    transition_plans: int
    carers: int
    posts: int
    at_risk: int
    vr_accepted: int
    redeployed: int
    redundant: int
    vacancies_deleted: int
    collective_sites: list[str]
    closing_sites: int
    one_off: int
    monthly_slippage: int
    full_year_over_12: int  # what monthly_slippage is, unless the plan sets its own
    # This financial year's saving as planned (the plan's figure, else the full-year saving
    # for each month of the year after the target end), and on the current schedule (less the
    # slippage, which is saving not made).
    in_year_planned: int
    in_year_forecast: int


def figures(plan: Plan, schedule: Schedule) -> Figures:
    kinds = Counter(a.kind for a in schedule.actions)
    # Staff outcomes are the register's, counted: one rule decides who is redundant or not.
    outcomes = Counter(row.status for row in build_register(plan, schedule).posts)
    b = schedule.cost_breakdown
    return Figures(
        people=len(plan.people),
        moving=kinds[K.move],
        transition_plans=kinds[K.transition_plan],
        # carers assessed: of people with carer: true, and the carers with their own records
        carers=kinds[K.carer_assessment] + len(plan.carers),
        posts=len(plan.staff) + outcomes[VACANCY_DELETED],
        at_risk=outcomes[REDUNDANT] + outcomes[VR_ACCEPTED] + outcomes[REDEPLOYED],
        vr_accepted=outcomes[VR_ACCEPTED],
        redeployed=outcomes[REDEPLOYED],
        redundant=outcomes[REDUNDANT],
        vacancies_deleted=outcomes[VACANCY_DELETED],
        collective_sites=[a.subject for a in schedule.actions if a.kind is K.hr1],
        closing_sites=sum(s.status is SiteStatus.closing for s in plan.sites),
        one_off=b.get("redundancy", 0) + b.get("strain", 0) + b.get("dilapidations", 0),
        monthly_slippage=int(plan.programme.monthly_slippage_cost),
        full_year_over_12=round(plan.programme.savings.full_year / 12),
        in_year_planned=(planned := in_year_planned(plan)),
        in_year_forecast=planned - schedule.slippage_cost,
    )


def in_year_planned(plan: Plan) -> int:
    """The saving planned for the financial year (April to March) in which services should
    cease: the plan's ``savings.in_year``, else the full-year saving for each calendar month
    after the target end's month to the end of March."""
    prog = plan.programme
    if prog.savings.in_year is not None:
        return round(prog.savings.in_year)
    end = prog.target_end
    months = (3 - end.month) % 12
    return round(prog.savings.full_year * months / 12)


def subject_site(plan: Plan) -> dict[str, str]:
    """Person and staff id -> the site they are at (for grouping their steps)."""
    sites = {p.id: p.site for p in plan.people}
    sites.update({s.id: s.site for s in plan.staff})
    return sites


def weekly(
    actions: list[ScheduledAction], first: date, last: date
) -> tuple[list[str], list[float]]:
    """Average number in progress per week (Monday weeks) from ``first`` to ``last``."""
    start = first - timedelta(days=first.weekday())
    weeks = max(1, (last - start).days // 7 + 1)
    load = [0.0] * weeks
    for a in actions:
        d = a.start
        while d <= a.end:
            w = (d - start).days // 7
            if 0 <= w < weeks:
                load[w] += 1 / 7
            d += timedelta(days=1)
    labels = [(start + timedelta(weeks=w)).strftime("%-d %b") for w in range(weeks)]
    return labels, [round(v, 2) for v in load]


def cumulative(days: list[date], first: date, last: date) -> tuple[list[str], list[float]]:
    """How many of ``days`` are on or before the end of each week."""
    start = first - timedelta(days=first.weekday())
    weeks = max(1, (last - start).days // 7 + 1)
    values = []
    for w in range(weeks):
        end = start + timedelta(weeks=w, days=6)
        values.append(float(sum(d <= end for d in days)))
    labels = [(start + timedelta(weeks=w)).strftime("%-d %b") for w in range(weeks)]
    return labels, values
