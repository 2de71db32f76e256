"""A solution -> a Schedule: the solver's days back into dates, outcomes and costs."""

from __future__ import annotations

import re
from datetime import timedelta

from transition_planner.plan.calendar import months_late
from transition_planner.plan.load import LoadedPlan
from transition_planner.plan.models import SiteStatus
from transition_planner.plan.steps import SERVICES_CEASE, StepKind as K, step_id
from transition_planner.problem.compile import (
    Compiled,
    lease_notice_by,
)
from transition_planner.problem.solution import relative_gap
from transition_planner.schedule.costing import breakdown, cost_lines, services_cease, slippage_cost
from transition_planner.schedule.critical import critical_chain
from transition_planner.schedule.model import LeaseOutcome, Schedule, ScheduledAction, SiteOutcome
from transition_planner.schedule.verify import verify
from transition_planner.solver import Solution
from transition_planner.solver.bounds import least_cost


def broken_in_words(loaded: LoadedPlan, compiled: Compiled, solution: Solution) -> list[str]:
    """The hard rules an unfinished schedule breaks, with dates and the plan's names: what
    ``verify`` says of it, else the solver's notes with its day numbers turned into dates."""
    try:
        faults = verify(loaded.plan, decode(loaded, compiled, solution))
    except (KeyError, ValueError, OverflowError):
        faults = []
    words = [f"{f.subject}: {f.message}" for f in faults if f.code != "status"]
    if words:
        return words
    return [_dated(note, compiled) for note in solution.notes]


# "starts 12", "ends 40" (the day after the last), "after deadline 38" (the day after the last
# allowed) in the solver's notes
_DAY = re.compile(r"\b(starts|start|release|ends|horizon|deadline|on day) (\d+)\b")
_EXCLUSIVE = frozenset({"ends", "horizon", "deadline"})
_WORDS = {"ends": "last day", "on day": "on"}


def _dated(note: str, compiled: Compiled) -> str:
    def to_date(match: re.Match[str]) -> str:
        word, day = match.group(1), int(match.group(2))
        last = word in _EXCLUSIVE
        when = compiled.date_of(day - 1 if last else day)
        return f"{_WORDS.get(word, word)} {when}"

    return _DAY.sub(to_date, note)


def decode(loaded: LoadedPlan, compiled: Compiled, solution: Solution) -> Schedule:
    """The schedule the ``solution`` of ``compiled`` describes, with its costs recomputed line by
    line from the dates (``schedule.costing``) and its critical chain."""
    plan = loaded.plan
    problem = compiled.problem
    actions: list[ScheduledAction] = []
    for activity in problem.activities:
        if activity.id == SERVICES_CEASE:
            continue
        start = compiled.date_of(solution.starts[activity.id])
        meta = activity.meta
        assert meta is not None, activity.id  # every activity compiled from a plan has one
        actions.append(
            ScheduledAction(
                id=activity.id,
                kind=meta.kind,
                subject=meta.subject,
                start=start,
                end=start
                + timedelta(days=max(1, activity.duration_at(solution.starts[activity.id])) - 1),
                resource=meta.resource or None,
                destination=solution.choices.get(activity.id) or meta.destination or None,
                workstream=meta.workstream,
                title=meta.title,
                outcome=meta.outcome or None,
            )
        )
    actions.sort(key=lambda a: (a.start, a.end, a.id))
    by_id = {a.id: a for a in actions}
    closes = {a.subject: a.start for a in actions if a.kind is K.close}
    ends = {a.subject: a.end for a in actions if a.kind is K.custom}
    cease = services_cease(plan, closes, ends)
    months, slip_cost, _ = slippage_cost(plan, cease)
    lines = cost_lines(plan, actions)
    sites = []
    for site in plan.sites:
        if site.status is not SiteStatus.closing:
            continue
        closed = closes[site.id]
        deadline = site.close_by.date if site.close_by else None
        sites.append(
            SiteOutcome(
                site.id,
                closed,
                deadline,
                months_late(deadline, closed) if deadline else 0,
                (deadline - closed).days if deadline else None,
            )
        )
    leases = []
    for lease in plan.leases:
        if lease.site not in compiled.lease_exits:
            continue
        exit_day = by_id[step_id(K.lease_exit, lease.site)].start
        leases.append(
            LeaseOutcome(
                lease.site,
                by_id[step_id(K.lease_notice, lease.site)].start,
                lease_notice_by(lease, exit_day),
                exit_day,
                exit_day if exit_day in lease.break_dates else None,
                exit_day == lease.expiry and exit_day not in lease.break_dates,
            )
        )
    total = sum(line.amount for line in lines)
    bound = _bound(solution, total)
    floor = _floor(solution, total, least_cost(problem))
    avoidable, gap_pounds, share = in_pounds(total, bound, floor)
    return Schedule(
        status=solution.status,
        solver=solution.solver,
        plan_file=loaded.display,
        plan_digest=loaded.digest,
        programme_start=plan.programme.start,
        target_end=plan.programme.target_end,
        services_cease=cease,
        programme_end=max((a.end for a in actions), default=plan.programme.start),
        slippage_months=months,
        slippage_cost=slip_cost,
        total_cost=total,
        cost_breakdown=breakdown(lines),
        cost_lines=lines,
        bound=bound,
        gap=None if bound is None else round(relative_gap(total, bound), 6),
        floor=floor,
        avoidable=avoidable,
        gap_pounds=gap_pounds,
        gap_of_avoidable=share,
        people_penalty=solution.people_penalty or 0,
        sites=sites,
        leases=leases,
        actions=actions,
        critical_chain=critical_chain(compiled, solution),
        stats={
            "activities": len(problem.activities),
            "solver_objective": solution.objective,
        },
    )


def _floor(solution: Solution, total: int, least: int) -> int | None:
    """The precedence floor (``bounds.least_cost``) plus the costs no schedule can change."""
    if solution.objective is None:
        return None
    return min(total, least + total - solution.objective)


def in_pounds(
    total: int, bound: int | None, floor: int | None
) -> tuple[int | None, int | None, float | None]:
    """(avoidable money, gap in pounds, gap as a share of the avoidable money): the cost above
    the floor, the cost above the bound, and the one over the other (0 when nothing is
    avoidable; None where a figure is missing)."""
    avoidable = None if floor is None else total - floor
    gap_pounds = None if bound is None else total - bound
    if avoidable is None or gap_pounds is None:
        return avoidable, gap_pounds, None
    return avoidable, gap_pounds, round(gap_pounds / avoidable, 6) if avoidable > 0 else 0.0


def _bound(solution: Solution, total: int) -> int | None:
    """The solver's bound plus the costs no schedule can change (dilapidation estimates)."""
    if solution.bound is None or solution.objective is None:
        return None
    return min(total, solution.bound + total - solution.objective)
