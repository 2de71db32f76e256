"""What every ``verify`` check shares: the fault record, the schedule indexed by id, the
expected steps of the plan, and ordering between two actions (``schedule.verify``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from transition_planner.plan.models import Plan, SiteStatus
from transition_planner.plan.steps import (
    ResourceKind,
    StepKind,
    StepKind as K,
    resource_id,
    step_id,
)
from transition_planner.rules.employment import notice_period, rates
from transition_planner.schedule.commissioning import (
    expected_lot_steps,
)
from transition_planner.schedule.model import Schedule, ScheduledAction
from transition_planner.workforce.chain import (
    establishments,
    match_redeployments,
)

# The people objective as README states it: a friendship group split over k destinations
# costs 20 x (k - 1); a person with preferences who goes to their n-th preferred site that can
# take them costs n - 1, anywhere else 5.
GROUP_SPLIT = 20
NOT_PREFERRED = 5
GAP_TOLERANCE = 1e-6

ONE_DAY = timedelta(days=1)
# Steps that fall on working days only (programme.calendar: holidays, region, weekends).
WORKING_DAY_KINDS = (
    StepKind.move,
    StepKind.close,
    StepKind.lease_notice,
    StepKind.hr1,
    StepKind.one_to_one,
    StepKind.notice,
)


@dataclass(frozen=True)
class Fault:
    """One broken rule: ``code`` names the kind of rule, ``subject`` the action or site."""

    code: str
    subject: str
    message: str

    def __str__(self) -> str:
        return f"{self.subject}: {self.message}"


@dataclass(frozen=True)
class Expected:
    kind: StepKind
    subject: str
    days: int
    resource: str | None = None


class CheckerBase:
    """The schedule under check, indexed by id, and the faults found so far."""

    def __init__(self, plan: Plan, schedule: Schedule):
        self.plan = plan
        self.schedule = schedule
        self.faults: list[Fault] = []
        self.by_id: dict[str, ScheduledAction] = {}
        for a in schedule.actions:
            if a.id in self.by_id:
                self.fault("duplicate", a.id, "appears more than once in the schedule")
            self.by_id[a.id] = a
        self.sites = {s.id: s for s in plan.all_sites}
        self.matches = match_redeployments(plan)

    def fault(self, code: str, subject: str, message: str) -> None:
        self.faults.append(Fault(code, subject, message))

    def get(self, action_id: str) -> ScheduledAction | None:
        return self.by_id.get(action_id)

    def after(self, first_id: str, then_id: str, gap_days: int = 0, what: str = "") -> None:
        """``then`` starts at least ``gap_days`` clear days after ``first`` ends."""
        first, then = self.get(first_id), self.get(then_id)
        if first is None or then is None:
            return
        earliest = first.end + ONE_DAY + timedelta(days=gap_days)
        if then.start < earliest:
            reason = f" ({what})" if what else ""
            self.fault(
                "order",
                then_id,
                f"starts {then.start}, before {earliest}: must follow {first_id} "
                f"(ends {first.end}){reason}",
            )

    # --- what the plan asks for ----------------------------------------------------------------

    def expected(self) -> dict[str, Expected]:
        plan = self.plan
        d = plan.durations
        want: dict[str, Expected] = {}
        for p in plan.people:
            team = plan.team_for(p)
            tid = team.id if team else None
            want[step_id(K.review, p.id)] = Expected(
                K.review, p.id, plan.review_duration(p).days(), tid
            )
            if p.carer:
                want[step_id(K.carer_assessment, p.id)] = Expected(
                    K.carer_assessment, p.id, d.carer_assessment.days(), tid
                )
            if p.stays:
                continue
            if p.needs_place:
                want[step_id(K.move, p.id)] = Expected(K.move, p.id, d.move.days())
                want[step_id(K.post_move_review, p.id)] = Expected(
                    K.post_move_review, p.id, d.post_move_review.duration.days(), tid
                )
            else:
                want[step_id(K.transition_plan, p.id)] = Expected(
                    K.transition_plan, p.id, d.transition_plan.days()
                )
        closing = self.closing_sites()
        for site in closing:
            want[step_id(K.close, site)] = Expected(K.close, site, 1)
        for lease in plan.leases:
            if lease.site not in closing:
                continue
            want[step_id(K.lease_notice, lease.site)] = Expected(K.lease_notice, lease.site, 1)
            want[step_id(K.lease_exit, lease.site)] = Expected(K.lease_exit, lease.site, 1)
            if lease.dilapidations.works.days() > 0:
                want[step_id(K.dilapidations, lease.site)] = Expected(
                    K.dilapidations, lease.site, lease.dilapidations.works.days()
                )
        for action in plan.actions:
            want[action.id] = Expected(K.custom, action.id, action.duration.days())
        for step, kind, lot, days in expected_lot_steps(plan):
            want[step] = Expected(kind, lot, days)
        for group in establishments(plan):
            want[step_id(K.consultation, group.id)] = Expected(K.consultation, group.id, group.days)
            want[step_id(K.vr_window, group.id)] = Expected(
                K.vr_window, group.id, plan.workforce.vr_window.days()
            )
            if group.collective:
                want[step_id(K.hr1, group.id)] = Expected(K.hr1, group.id, 1)
            for member in group.members:
                want[step_id(K.one_to_one, member.id)] = Expected(
                    K.one_to_one, member.id, 1, resource_id(ResourceKind.hr, group.id)
                )
                trial = self.get(step_id(K.trial, member.id))
                period = 7 * rates().trial_period_weeks
                failed = trial is not None and trial.failed and trial.days <= period
                if member.id in self.matches:
                    # a trial recorded failed is history to the day it failed (within the
                    # period), then notice and a leaving date as for anyone dismissed
                    days = trial.days if failed and trial is not None else period
                    want[step_id(K.trial, member.id)] = Expected(K.trial, member.id, days)
                if member.id not in self.matches or failed:
                    # the law's length from the day it is given (ERA s.86 or the contract)
                    notice = self.get(step_id(K.notice, member.id))
                    days = 1  # paid in lieu: the day it is given
                    if (
                        notice is not None
                        and notice.start >= member.start_date
                        and not member.pay_in_lieu
                    ):
                        days = notice_period(
                            member.start_date, notice.start, member.contractual_notice
                        ).days
                    want[step_id(K.notice, member.id)] = Expected(K.notice, member.id, days)
                    want[step_id(K.leave, member.id)] = Expected(K.leave, member.id, 1)
        return want

    def closing_sites(self) -> list[str]:
        return [s.id for s in self.plan.sites if s.status is SiteStatus.closing]
