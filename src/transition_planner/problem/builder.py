"""The problem under construction: activities, constraints and costs added step by step.

Day 0 is the programme start; an activity of ``d`` days starting on day ``s`` ends
(exclusively) on ``s + d``. Step ids come from ``plan.steps`` (the one owner of the grammar).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

from transition_planner.plan.calendar import late_month_starts, month_firsts
from transition_planner.plan.commissioning import lot_days
from transition_planner.plan.models import Person, Plan
from transition_planner.plan.money import pounds, pro_rata_daily
from transition_planner.plan.steps import TRANSITION, StepInfo, StepKind, step_id
from transition_planner.problem.model import (
    Activity,
    Choice,
    Demand,
    LinearCost,
    Places,
    Precedence,
    Resource,
    SameChoice,
    Step,
    StepCost,
)


class ProblemBuilder:
    """A problem under construction from a plan: the lists of activities, constraints and costs,
    and the day arithmetic (day 0 is the programme start). The HR chain (``staffing``) and the
    other constraint families (``compile``) add to it."""

    def __init__(self, plan: Plan):
        self.plan = plan
        self.day0 = plan.programme.start
        self.horizon_date = self._horizon_date()
        self.horizon = self.day(self.horizon_date)
        self.activities: list[Activity] = []
        self.index: dict[str, int] = {}
        self.team_capacity: dict[str, list[Step]] = {}
        self.team_of = {p.id: plan.team_for(p) for p in plan.people}
        self.team_people: dict[str, list[Person]] = {}
        for p in plan.people:
            if (t := self.team_of[p.id]) is not None:
                self.team_people.setdefault(t.id, []).append(p)
        self.precedences: list[Precedence] = []
        self.resources: list[Resource] = []
        self.demands: list[Demand] = []
        self.places: list[Places] = []
        self.choices: list[Choice] = []
        self.same: list[SameChoice] = []
        self.costs: list[StepCost] = []
        self.linear: list[LinearCost] = []
        self.bundles: list[tuple[str, ...]] = []
        self.groups: dict[str, str] = {}
        self.lease_exits: dict[str, tuple[date, ...]] = {}
        self.move_days = tuple(
            d for d in range(self.horizon) if plan.programme.calendar.is_move_day(self.date_of(d))
        )

    def day(self, d: date) -> int:
        return (d - self.day0).days

    def date_of(self, day: int) -> date:
        return self.day0 + timedelta(days=day)

    def _horizon_date(self) -> date:
        plan = self.plan
        dates = [plan.programme.target_end]
        dates += [s.close_by.date for s in plan.sites if s.close_by]
        dates += [s.available_from for s in plan.sites if s.available_from]
        dates += [a.deadline.date for a in plan.actions if a.deadline]
        dates += [a.not_before for a in plan.actions if a.not_before]
        for lease in plan.leases:
            dates += list(lease.break_dates) + ([lease.expiry] if lease.expiry else [])
        # Room for slippage: the total work, laid end to end, is a safe (if loose) allowance.
        slack = 730 + sum(a.duration.days() for a in plan.actions)
        # Lots: each procurement from its start, laid end to end, and its double running.
        dates += [lot.procurement.not_before for lot in plan.lots if lot.procurement.not_before]
        slack += sum(lot_days(lot) for lot in plan.lots)
        return max(dates) + timedelta(days=slack)

    def add(
        self,
        kind: StepKind,
        subject: str,
        duration: int,
        *,
        resource: str = "",
        workstream: str = TRANSITION,
        title: str = "",
        release: int = 0,
        deadline: int | None = None,
        allowed_starts: tuple[int, ...] | None = None,
        deadline_group: str | None = None,
        release_group: str | None = None,
        starts_group: str | None = None,
        destination: str = "",
        duration_steps: tuple[Step, ...] = (),
        tight: bool = False,
    ) -> str:
        activity_id = step_id(kind, None if kind is StepKind.services_cease else subject)
        meta = StepInfo(kind, subject, workstream, title, resource, destination)
        self.index[activity_id] = len(self.activities)
        self.activities.append(
            Activity(
                activity_id,
                duration,
                release=release,
                deadline=deadline,
                allowed_starts=allowed_starts,
                meta=meta,
                deadline_group=deadline_group,
                release_group=release_group,
                starts_group=starts_group,
                duration_steps=duration_steps,
                tight=tight,
            )
        )
        return activity_id

    def raise_release(self, activity_id: str, day: int) -> None:
        n = self.index[activity_id]
        if day > self.activities[n].release:
            self.activities[n] = replace(self.activities[n], release=day)

    def month_steps(self, monthly: Decimal) -> tuple[Step, ...]:
        """Cost of the calendar months touched from day 0 to the day (first month included)."""
        firsts = month_firsts(self.day0, self.horizon_date)
        later = ((self.day(d), pounds(monthly * (k + 2))) for k, d in enumerate(firsts))
        return ((0, pounds(monthly)), *later)

    def late_steps(
        self, deadline: date, monthly: Decimal, *, shift: int = 0, pro_rata: bool = False
    ) -> tuple[Step, ...]:
        """Cost of each started month after ``deadline`` (or each day, pro rata)."""
        if pro_rata:
            daily = pro_rata_daily(monthly)
            first = self.day(deadline) + 1
            return tuple(
                (d + shift, pounds(daily * (d - first + 1)))
                for d in range(max(first, 0), self.horizon + 1)
            )
        starts = late_month_starts(deadline, self.horizon_date)
        return tuple(
            (self.day(d) + shift, pounds(monthly * (m + 1)))
            for m, d in enumerate(starts)
            if self.day(d) >= 0
        )
