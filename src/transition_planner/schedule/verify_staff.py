"""``verify``'s HR checks: consultation, HR1, the VR window, 1:1s, notice to the law's day,
leaving dates and redeployment trials, each restated from the rules (``schedule.verify``)."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from transition_planner.plan.models import Staff, Vacancy
from transition_planner.plan.steps import (
    StepKind as K,
    step_id,
)
from transition_planner.rules.employment import notice_period, sae_latest_start
from transition_planner.schedule.model import ScheduledAction
from transition_planner.schedule.verify_base import (
    ONE_DAY,
    CheckerBase,
)
from transition_planner.workforce.chain import (
    establishments,
    one_to_ones_per_day,
    suitable,
    volunteers,
)


class StaffChecks(CheckerBase):
    def check_staff(self) -> None:
        plan = self.plan
        vacancies = {v.id: v for v in plan.vacancies}
        filled: dict[str, str] = {}
        for group in establishments(plan):
            cons = self.get(step_id(K.consultation, group.id))
            hr1 = self.get(step_id(K.hr1, group.id))
            vr = self.get(step_id(K.vr_window, group.id))
            if cons is None:
                continue
            if vr is not None and vr.start != cons.start:
                self.fault("staff", vr.id, f"opens {vr.start}, not with consultation {cons.start}")
            if hr1 is not None and hr1.start > cons.start:
                self.fault("staff", hr1.id, f"filed {hr1.start}, after consultation began")
            for member in group.members:
                one = self.get(step_id(K.one_to_one, member.id))
                if one is not None and one.start < cons.start:
                    self.fault("staff", one.id, f"on {one.start}, before consultation began")
                for step in ("notice", "trial"):
                    self.after(
                        step_id(K.one_to_one, member.id),
                        f"{step}:{member.id}",
                        what="the 1:1 meeting comes first",
                    )
                close = self.get(step_id(K.close, member.site))
                trial = self.get(step_id(K.trial, member.id))
                agreed = self.matches.get(member.id)
                if agreed is not None and (trial is None or trial.destination != agreed):
                    self.fault(
                        "redeploy",
                        step_id(K.trial, member.id),
                        f"{member.id} is matched to {agreed} (role and grade; agreed matches "
                        f"first), but the schedule "
                        + ("dismisses them" if trial is None else f"uses {trial.destination}"),
                    )
                if trial is not None:
                    self.check_trial(member, trial, cons, close, vacancies, filled)
                    if not trial.failed:
                        continue
                notice, leave = (
                    self.get(step_id(K.notice, member.id)),
                    self.get(step_id(K.leave, member.id)),
                )
                if notice is None or leave is None:
                    continue
                if trial is not None and notice.start != trial.end:
                    self.fault(
                        "staff",
                        notice.id,
                        f"given {notice.start}; the trial failed {trial.end}, and notice runs "
                        "from that day",
                    )
                self.after(cons.id, notice.id, what="notice only after consultation")
                if vr is not None:
                    self.after(vr.id, notice.id, what="notice only after the VR window")
                if hr1 is not None and notice.start <= hr1.start:
                    self.fault("staff", notice.id, f"issued {notice.start}, not after the HR1")
                if notice.start < member.start_date:
                    self.fault("staff", notice.id, f"given {notice.start}, before employment began")
                    continue
                if member.pay_in_lieu:
                    # ERA s.145(2)(b): employment ends the day notice (paid in lieu) is given,
                    # and not before the service closes
                    if leave.start != notice.start:
                        self.fault(
                            "leaving",
                            leave.id,
                            f"leaves {leave.start}; notice paid in lieu given {notice.start} ends "
                            "employment that day",
                        )
                    if close is not None and notice.start < close.start:
                        self.fault(
                            "staff",
                            notice.id,
                            f"paid in lieu on {notice.start}, before {member.site} closes "
                            f"{close.start}",
                        )
                    continue
                legal = notice_period(member.start_date, notice.start, member.contractual_notice)
                if notice.end + ONE_DAY != legal.end:
                    self.fault(
                        "notice_end",
                        notice.id,
                        f"runs to {notice.end + ONE_DAY}; notice given {notice.start} ends "
                        f"{legal.end} ({legal.rule}, ERA s.86 or the contract)",
                    )
                leaving = max(legal.end, close.start) if close is not None else legal.end
                if leave.start != leaving:
                    self.fault(
                        "leaving",
                        leave.id,
                        f"leaves {leave.start}; the rule gives {leaving}, the later of the notice "
                        f"end {legal.end}"
                        + (f" and the closure {close.start}" if close is not None else ""),
                    )
                first_allowed = cons.start + timedelta(days=group.days)
                if leave.start < first_allowed:
                    self.fault(
                        "staff",
                        leave.id,
                        f"leaves {leave.start}, within the {group.days}-day "
                        f"consultation minimum (from {cons.start})",
                    )
                if close is not None and leave.start < close.start:
                    self.fault(
                        "staff",
                        leave.id,
                        f"leaves {leave.start}, before {member.site} closes {close.start}",
                    )

    def check_trial(
        self,
        member: Staff,
        trial: ScheduledAction,
        cons: ScheduledAction,
        close: ScheduledAction | None,
        vacancies: dict[str, Vacancy],
        filled: dict[str, str],
    ) -> None:
        vacancy = vacancies.get(trial.destination or "")
        if vacancy is None or not suitable(member, vacancy):
            self.fault(
                "staff",
                trial.id,
                f"into {trial.destination!r}, not a redeploy vacancy in "
                f"{member.id}'s role and grade",
            )
            return
        if vacancy.id in filled:
            self.fault("staff", trial.id, f"{vacancy.id} is also given to {filled[vacancy.id]}")
        filled[vacancy.id] = member.id
        if volunteers(self.plan, member):
            self.fault("staff", trial.id, f"{member.id}'s VR was accepted; no trial")
        if member.redeploy_to is not None and member.redeploy_to != vacancy.id:
            self.fault("staff", trial.id, f"the plan agreed {member.redeploy_to}")
        if vacancy.available_from and trial.start < vacancy.available_from:
            self.fault(
                "staff",
                trial.id,
                f"starts {trial.start}, before {vacancy.id} opens {vacancy.available_from}",
            )
        self.after(cons.id, trial.id, what="redeployment after consultation")
        if close is not None:
            latest = sae_latest_start(close.start)
            if not close.start < trial.start <= latest:
                self.fault(
                    "staff",
                    trial.id,
                    f"starts {trial.start}; the old post ends {close.start}, "
                    f"so the new one starts after it and by {latest}",
                )

    def check_one_to_ones(self) -> None:
        per_day = one_to_ones_per_day(self.plan)
        days: Counter[tuple[str, date]] = Counter(
            (a.resource or "", a.start) for a in self.schedule.actions if a.kind is K.one_to_one
        )
        for (resource, day), n in sorted(days.items()):
            if n > per_day:
                self.fault("capacity", resource, f"{n} 1:1 meetings on {day}; at most {per_day}")
