"""Why a plan cannot be met, in the plan's own words and with its figures.

The solver names the smallest set of constraint groups that conflict; this adds the arithmetic a
programme manager would do: how much review work the people behind a hard date need, and how much
the team can give before it.
"""

from __future__ import annotations

from datetime import date, timedelta

from transition_planner.errors import InfeasibilityReason, Infeasible
from transition_planner.plan.models import Plan, Team
from transition_planner.plan.steps import GroupKind, group_id


def _weeks(days: float) -> str:
    return f"{days / 7:.1f}".rstrip("0").rstrip(".")


def _team_days(plan: Plan, team: Team, start: date, end: date) -> int:
    """Review-days the team can give from ``start`` to ``end`` (capacity x days, with leave)."""
    days = (end - start).days
    return sum(team.capacity_on(start + timedelta(days=k)) for k in range(max(0, days)))


def _figures(plan: Plan, team: Team, site_id: str, deadline: date) -> str | None:
    people = [p for p in plan.people_at(site_id) if (t := plan.team_for(p)) and t.id == team.id]
    if not people:
        return None
    need = sum(plan.team_work_days(p) for p in people)
    notice = plan.durations.notice_to_person
    last_review = notice.subtract_from(deadline)
    have = _team_days(plan, team, plan.programme.start, last_review)
    site = plan.site(site_id)
    return (
        f"reviews and assessments for {len(people)} people at {site.label} need "
        f"{_weeks(need)} team-weeks; {team.name or team.id} has {_weeks(have)} before "
        f"{last_review}, the last day that leaves {notice.describe()} of notice before the "
        f"hard close-by {deadline}"
    )


def explain_in_words(plan: Plan, error: Infeasible) -> Infeasible:
    """The same conflict, with a line of figures for each team against each hard close-by."""
    groups = {r.group for r in error.reasons}
    teams = [t for t in plan.teams if group_id(GroupKind.team, t.id) in groups]
    extra: list[InfeasibilityReason] = []
    for site in plan.sites:
        if group_id(GroupKind.close_by, site.id) not in groups or site.close_by is None:
            continue
        for team in teams:
            line = _figures(plan, team, site.id, site.close_by.date)
            if line:
                extra.append(
                    InfeasibilityReason(group_id(GroupKind.figures, team.id, site.id), line)
                )
    return Infeasible([*error.reasons, *extra])
