"""Re-check a schedule against its plan with no solver, compiler or costing code.

Every rule is restated here from the plan format and the conventions in ``schedule/model.py``,
so a bug in the compiler or a solver shows up as a fault instead of being repeated. Where a
rule fixes a date it is checked as an equality (notice ends the day the law says from the day
it is given; the leaving date is the later of that and the closure). Costs are recomputed by
``schedule.recost`` (its own arithmetic, not ``schedule.costing``), the people penalty from the
groups and preferences, the status against the bound and gap, and every id shown (actions,
critical chain) is parsed by ``plan.steps``. Each check is one small function adding
``Fault``s; ``verify`` runs them all and returns every fault found.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from transition_planner.plan.calendar import months_late
from transition_planner.plan.models import Person, Plan, SiteStatus, Staff, Vacancy, accepts
from transition_planner.plan.steps import (
    RESOURCED_KINDS,
    SERVICES_CEASE,
    GroupKind,
    ResourceKind,
    StepKind,
    StepKind as K,
    group_id,
    parse_step_id,
    resource_id,
    step_id,
)
from transition_planner.rules.employment import notice_period, rates, sae_latest_start
from transition_planner.rules.lease import last_day_to_serve
from transition_planner.schedule.commissioning import (
    check_lots,
    check_outcomes,
    expected_lot_steps,
)
from transition_planner.schedule.model import Schedule, ScheduledAction
from transition_planner.schedule.recost import recost, started_months_after
from transition_planner.workforce.chain import (
    establishments,
    match_redeployments,
    one_to_ones_per_day,
    suitable,
    volunteers,
)

# The people objective as README states it: a friendship group split over k destinations
# costs 20 x (k - 1); a person with preferences who goes to their n-th preferred site that can
# take them costs n - 1, anywhere else 5.
GROUP_SPLIT = 20
NOT_PREFERRED = 5
GAP_TOLERANCE = 1e-6

ONE_DAY = timedelta(days=1)
WORKING_DAY_KINDS = ("move", "close", "lease_notice", "hr1", "one_to_one", "notice")


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


class _Checker:
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
                if member.id in self.matches:
                    weeks = rates().trial_period_weeks
                    want[step_id(K.trial, member.id)] = Expected(K.trial, member.id, 7 * weeks)
                else:
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

    # --- the checks, in order ------------------------------------------------------------------

    def check_actions(self) -> None:
        want = self.expected()
        for action_id, exp in want.items():
            a = self.get(action_id)
            if a is None:
                self.fault(
                    "missing", action_id, f"the plan needs a {exp.kind} but none is scheduled"
                )
                continue
            if (a.kind, a.subject) != (exp.kind, exp.subject):
                self.fault(
                    "kind",
                    action_id,
                    f"is {a.kind} of {a.subject}; expected {exp.kind} of {exp.subject}",
                )
            if a.end < a.start:
                self.fault("dates", action_id, f"ends {a.end} before it starts {a.start}")
            elif a.days != max(1, exp.days):
                self.fault("duration", action_id, f"lasts {a.days} days; the plan says {exp.days}")
            if a.start < self.plan.programme.start:
                self.fault(
                    "dates",
                    action_id,
                    f"starts {a.start}, before the programme starts {self.plan.programme.start}",
                )
            if exp.kind in RESOURCED_KINDS and a.resource != exp.resource:
                self.fault(
                    "resource",
                    action_id,
                    f"is done by {a.resource}; the plan assigns team {exp.resource}",
                )
        for action_id in self.by_id:
            if action_id not in want:
                self.fault("unexpected", action_id, "is not an action this plan generates")
        for a in self.schedule.actions:
            ref = parse_step_id(a.id)
            named = (a.kind, a.subject) if ref is None else (ref.kind, ref.subject)
            if named != (a.kind, a.subject) or (ref is None and a.kind is not K.custom):
                self.fault("id", a.id, f"the id does not name a {a.kind} of {a.subject}")

    def check_critical_chain(self) -> None:
        """Every id in the chain is a scheduled step, named as ``plan.steps`` writes it, and
        each starts no earlier than the one before it."""
        previous: ScheduledAction | None = None
        for action_id in self.schedule.critical_chain:
            ref = parse_step_id(action_id)
            a = self.get(action_id)
            if a is None or (ref is None and a.kind is not K.custom):
                self.fault("critical_chain", action_id, "is not a step of this schedule")
                continue
            if previous is not None and a.start < previous.start:
                self.fault(
                    "critical_chain",
                    action_id,
                    f"starts {a.start}, before {previous.id} ({previous.start}) that it follows",
                )
            previous = a

    def check_people(self) -> None:
        plan = self.plan
        notice = plan.durations.notice_to_person.days()
        pmr = plan.durations.post_move_review
        for p in plan.people:
            if p.stays:
                continue
            if not p.needs_place:
                self.after(
                    step_id(K.review, p.id), step_id(K.transition_plan, p.id), what="review first"
                )
                if p.carer and self.sites[p.site].status is not SiteStatus.closing:
                    # at a closing site the closure is the anchor (``check_closures``)
                    self.after(
                        step_id(K.carer_assessment, p.id),
                        step_id(K.transition_plan, p.id),
                        what="the carer's assessment informs the transition plan",
                    )
                continue
            self.after(
                step_id(K.review, p.id),
                step_id(K.move, p.id),
                notice,
                f"{notice} days' notice after review",
            )
            if p.carer:
                self.after(
                    step_id(K.carer_assessment, p.id),
                    step_id(K.move, p.id),
                    what="carer's assessment",
                )
            move, review = (
                self.get(step_id(K.move, p.id)),
                self.get(step_id(K.post_move_review, p.id)),
            )
            if move is not None and review is not None:
                lo, hi = pmr.earliest.days(), pmr.latest.days()
                gap = (review.start - move.start).days
                if not lo <= gap <= hi:
                    self.fault(
                        "post_move_review",
                        review.id,
                        f"starts {gap} days after the move on {move.start}; Care Act practice "
                        f"in this plan is {lo} to {hi} days",
                    )
            if move is not None:
                self.check_destination(p, move)

    def check_destination(self, p: Person, move: ScheduledAction) -> None:
        dest = move.destination
        sites = self.sites
        if dest is None or dest not in sites:
            self.fault("destination", move.id, f"has no valid destination ({dest!r})")
            return
        site = sites[dest]
        if not accepts(site, p, self.plan.cohorts_of(p)):
            self.fault(
                "destination",
                move.id,
                f"goes to {dest}, which does not offer what {p.id} needs "
                f"(pathway, cohort, features or places)",
            )
        if site.available_from and move.start < site.available_from:
            self.fault(
                "available",
                move.id,
                f"moves into {dest} on {move.start}, before it opens on {site.available_from}",
            )
        for ref in site.available_after:
            self.after(ref, move.id, what=f"{dest} is available only after {ref}")

    def check_move_days(self) -> None:
        calendar = self.plan.programme.calendar
        for a in self.schedule.actions:
            if a.kind in WORKING_DAY_KINDS and not calendar.is_move_day(a.start):
                self.fault(
                    "calendar",
                    a.id,
                    f"falls on {a.start} ({a.start:%A}), not a working day in this plan",
                )

    def check_teams(self) -> None:
        use: dict[str, Counter[date]] = {}
        for a in self.schedule.actions:
            if a.kind in RESOURCED_KINDS and a.resource:
                days = use.setdefault(a.resource, Counter())
                for k in range(a.days):
                    days[a.start + timedelta(days=k)] += 1
        for team in self.plan.teams:
            over = []
            for day, n in sorted(use.get(team.id, Counter()).items()):
                capacity = team.capacity_on(day)
                if n > capacity:
                    over.append(f"{day} ({n} > {capacity})")
            if over:
                more = f" and {len(over) - 3} more days" if len(over) > 3 else ""
                self.fault(
                    "capacity",
                    group_id(GroupKind.team, team.id),
                    "over capacity on " + ", ".join(over[:3]) + more,
                )

    def check_places(self) -> None:
        taken = Counter(
            a.destination for a in self.schedule.actions if a.kind is K.move and a.destination
        )
        for site in self.plan.all_sites:
            if taken[site.id] > (site.capacity or 0):
                self.fault(
                    "places",
                    group_id(GroupKind.places, site.id),
                    f"{taken[site.id]} people move in; it has {site.capacity or 0} places",
                )

    def check_closures(self) -> None:
        for site in self.plan.sites:
            close = self.get(step_id(K.close, site.id))
            if site.status is not SiteStatus.closing or close is None:
                continue
            for p in self.plan.people_at(site.id):
                for kind in (K.review, K.carer_assessment):
                    step = self.get(step_id(kind, p.id))
                    if step is not None and step.end > close.start:
                        self.fault(
                            "order",
                            step.id,
                            f"ends {step.end}, after {site.id} closes {close.start}: the person's "
                            "steps come before their service closes",
                        )
                if p.needs_place:
                    move = self.get(step_id(K.move, p.id))
                    if move is not None and move.start > close.start:
                        self.fault(
                            "order",
                            close.id,
                            f"closes {close.start} before {p.id} moves out on {move.start}",
                        )
                else:
                    plan_ = self.get(step_id(K.transition_plan, p.id))
                    if plan_ is not None and plan_.end > close.start:
                        self.fault(
                            "order",
                            close.id,
                            f"closes {close.start} before {p.id}'s transition plan ends "
                            f"{plan_.end}",
                        )
            if site.close_by and site.close_by.hard and close.start > site.close_by.date:
                self.fault(
                    "deadline",
                    close.id,
                    f"closes {close.start}, after its hard close-by date {site.close_by.date}",
                )

    def check_custom(self, cease: date | None) -> None:
        for action in self.plan.actions:
            a = self.get(action.id)
            if a is None:
                continue
            for ref in action.after:
                if ref == "services_cease":
                    if cease is not None and a.start <= cease:
                        self.fault(
                            "order", a.id, f"starts {a.start}, not after services cease {cease}"
                        )
                else:
                    self.after(ref, a.id, what="the plan puts it after")
            for ref in action.before:
                if ref == "services_cease":
                    if cease is not None and a.end >= cease:
                        self.fault(
                            "order", a.id, f"ends {a.end}, not before services cease {cease}"
                        )
                else:
                    self.after(a.id, ref, what="the plan puts it before")
            if action.not_before and a.start < action.not_before:
                self.fault(
                    "release", a.id, f"starts {a.start}, before its not-before {action.not_before}"
                )
            if action.deadline and action.deadline.hard and a.end > action.deadline.date:
                self.fault(
                    "deadline",
                    a.id,
                    f"ends {a.end}, after its hard deadline {action.deadline.date}",
                )

    def check_leases(self) -> None:
        outcomes = {lo.site: lo for lo in self.schedule.leases}
        closing = set(self.closing_sites())
        for lease in self.plan.leases:
            if lease.site not in closing:
                continue
            exit_, notice = (
                self.get(step_id(K.lease_exit, lease.site)),
                self.get(step_id(K.lease_notice, lease.site)),
            )
            if exit_ is None or notice is None:
                continue
            permitted = [*lease.break_dates, *([lease.expiry] if lease.expiry else [])]
            if exit_.start not in permitted:
                self.fault(
                    "lease",
                    exit_.id,
                    f"exits on {exit_.start}, which is not a break date or the expiry",
                )
            works = step_id(K.dilapidations, lease.site)
            if works in self.by_id:
                self.after(step_id(K.close, lease.site), works, what="works need vacant possession")
                self.after(works, exit_.id, what="works finish before exit")
            else:
                self.after(
                    step_id(K.close, lease.site), exit_.id, what="vacant possession before exit"
                )
            notice_by = lease.notice_margin.subtract_from(
                last_day_to_serve(exit_.start, lease.notice_months)
            )
            if notice.start > notice_by:
                self.fault(
                    "notice",
                    notice.id,
                    f"served {notice.start}; for an exit on {exit_.start} it must be served by "
                    f"{notice_by} ({lease.notice_months} months' notice and margin)",
                )
            out = outcomes.get(lease.site)
            wanted = (
                notice.start,
                notice_by,
                exit_.start,
                exit_.start if exit_.start in lease.break_dates else None,
                exit_.start == lease.expiry and exit_.start not in lease.break_dates,
            )
            got = (
                None
                if out is None
                else (out.notice_served, out.notice_by, out.exit, out.break_date, out.on_expiry)
            )
            if got != wanted:
                self.fault(
                    "summary", f"leases[{lease.site}]", f"says {got}; the actions give {wanted}"
                )

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
                    continue
                notice, leave = (
                    self.get(step_id(K.notice, member.id)),
                    self.get(step_id(K.leave, member.id)),
                )
                if notice is None or leave is None:
                    continue
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

    def check_summary(self, cease: date | None) -> None:
        s = self.schedule
        if s.status not in ("OPTIMAL", "FEASIBLE"):
            self.fault("status", "schedule", f"status {s.status} is not a schedule")
        closes = {a.subject: a.start for a in s.actions if a.kind is K.close}
        got_sites = {o.id: o for o in s.sites}
        for site in self.plan.sites:
            if site.id not in closes:
                continue
            o = got_sites.get(site.id)
            deadline = site.close_by.date if site.close_by else None
            late = months_late(deadline, closes[site.id]) if deadline else 0
            if o is None or (o.closes, o.close_by, o.months_late) != (
                closes[site.id],
                deadline,
                late,
            ):
                self.fault(
                    "summary",
                    f"sites[{site.id}]",
                    f"should close {closes[site.id]} (close-by {deadline}, {late} months late)",
                )
        if s.services_cease != cease:
            self.fault("summary", "services_cease", f"is {s.services_cease}; actions give {cease}")
        end = max((a.end for a in s.actions), default=self.plan.programme.start)
        if s.programme_end != end:
            self.fault("summary", "programme_end", f"is {s.programme_end}; actions give {end}")
        months = started_months_after(self.plan.programme.target_end, cease) if cease else 0
        cost = next(c.amount for c in recost(self.plan, s.actions) if c.kind == "slippage")
        if (s.slippage_months, s.slippage_cost) != (months, cost):
            self.fault(
                "cost",
                "slippage",
                f"says {s.slippage_months} months £{s.slippage_cost:,}; recomputed {months} "
                f"months £{cost:,}",
            )

    def check_costs(self) -> None:
        s = self.schedule
        lines = recost(self.plan, s.actions)
        got = {(c.kind, c.subject): c.amount for c in s.cost_lines}
        want = {(c.kind, c.subject): c for c in lines}
        for key in sorted(set(got) | set(want)):
            rule = want[key].rule if key in want else "no rule gives this line"
            amount = want[key].amount if key in want else 0
            if got.get(key) != (amount if key in want else None):
                self.fault(
                    "cost",
                    f"{key[0]}[{key[1]}]",
                    f"says £{got.get(key, 0):,}; recomputed £{amount:,} ({rule})",
                )
        kinds: dict[str, int] = {}
        for c in lines:
            kinds[c.kind] = kinds.get(c.kind, 0) + c.amount
        shown = {k: v for k, v in s.cost_breakdown.items() if v}
        if shown != {k: v for k, v in kinds.items() if v}:
            self.fault("cost", "cost_breakdown", "does not match the recomputed cost lines")
        total = sum(c.amount for c in lines)
        if s.total_cost != total:
            self.fault("cost", "total_cost", f"says £{s.total_cost:,}; recomputed £{total:,}")
        if s.bound is not None and s.bound > s.total_cost:
            self.fault("cost", "bound", f"£{s.bound:,} is above the total £{s.total_cost:,}")

    def check_gap_in_pounds(self) -> None:
        """The gap in pounds is the cost minus the bound; the avoidable money the cost minus the
        floor (which no bound is below); the share the one over the other (0 with nothing
        avoidable). Schedules written before these keys existed carry none of them."""
        s = self.schedule
        if s.gap_pounds is not None and (s.bound is None or s.gap_pounds != s.total_cost - s.bound):
            self.fault(
                "status", "gap_pounds", f"is £{s.gap_pounds:,}: not the cost minus the bound"
            )
        if s.floor is None:
            return
        if s.avoidable != s.total_cost - s.floor:
            self.fault("status", "avoidable", f"is {s.avoidable}: not the cost minus the floor")
        if s.floor > s.total_cost or (s.bound is not None and s.floor > s.bound):
            self.fault("status", "floor", f"£{s.floor:,} is above the bound or the cost")
        if s.gap_pounds is None or s.avoidable is None:
            if s.gap_of_avoidable is not None:
                self.fault("status", "gap_of_avoidable", f"is {s.gap_of_avoidable} with no bound")
            return
        share = s.gap_pounds / s.avoidable if s.avoidable > 0 else 0.0
        if s.gap_of_avoidable is None or abs(s.gap_of_avoidable - share) > GAP_TOLERANCE:
            self.fault("status", "gap_of_avoidable", f"is {s.gap_of_avoidable}; it is {share:.6f}")

    def check_status(self) -> None:
        """OPTIMAL only with the bound at the cost; the gap is (total - bound) / total."""
        s = self.schedule
        if s.bound is None:
            if s.gap is not None:
                self.fault("status", "gap", f"is {s.gap} with no bound")
            if s.status == "OPTIMAL":
                self.fault("status", "status", "OPTIMAL is claimed with no proven bound")
            return
        gap = max(0.0, (s.total_cost - s.bound) / max(1, abs(s.total_cost)))
        if s.gap is None or abs(s.gap - gap) > GAP_TOLERANCE:
            self.fault("status", "gap", f"is {s.gap}; the bound £{s.bound:,} gives {gap:.6f}")
        if s.status == "OPTIMAL" and s.bound != s.total_cost:
            self.fault(
                "status",
                "status",
                f"OPTIMAL is claimed but the bound £{s.bound:,} is below the cost "
                f"£{s.total_cost:,} (gap {gap:.2%})",
            )

    def check_people_penalty(self) -> None:
        """The reported people penalty against the groups and preferences it weighs."""
        plan = self.plan
        dest: dict[str, str | None] = {}
        for a in self.schedule.actions:
            if a.kind is K.move:
                dest[a.subject] = a.destination
        penalty = 0
        groups: dict[str, set[str | None]] = {}
        for p in plan.people:
            if not p.needs_place or p.id not in dest:
                continue
            if p.group:
                groups.setdefault(p.group, set()).add(dest[p.id])
            if p.preferred:
                fitting = [
                    sid for sid in p.preferred if sid in self.sites and accepts(self.sites[sid], p)
                ]
                d = dest[p.id]
                penalty += fitting.index(d) if d in fitting else NOT_PREFERRED
        split = {name: len(sites) for name, sites in groups.items() if len(sites) > 1}
        penalty += sum(GROUP_SPLIT * (k - 1) for k in split.values())
        if self.schedule.people_penalty != penalty:
            detail = ", ".join(f"{g} over {k} sites" for g, k in sorted(split.items()))
            self.fault(
                "people",
                "people_penalty",
                f"says {self.schedule.people_penalty}; groups and preferences give {penalty}"
                + (f" ({detail})" if detail else ""),
            )

    def run(self) -> list[Fault]:
        closes = {a.subject: a.start for a in self.schedule.actions if a.kind is K.close}
        closing = [closes[s] for s in self.closing_sites() if s in closes]
        # Services cease when the last site closes and every action put before them is done.
        ends = {a.subject: a.end for a in self.schedule.actions if a.kind is K.custom}
        closing += [
            ends[a.id] + timedelta(days=1)
            for a in self.plan.actions
            if closing and SERVICES_CEASE in a.before and a.id in ends
        ]
        cease = max(closing) if closing else None
        self.check_actions()
        self.check_people()
        self.check_move_days()
        self.check_teams()
        self.check_places()
        self.check_closures()
        self.check_custom(cease)
        self.check_leases()
        self.check_staff()
        self.check_one_to_ones()
        for code, subject, message in [
            *check_lots(self.plan, self.by_id),
            *check_outcomes(self.plan, self.schedule),
        ]:
            self.fault(code, subject, message)
        self.check_summary(cease)
        self.check_costs()
        self.check_status()
        self.check_gap_in_pounds()
        self.check_people_penalty()
        self.check_critical_chain()
        return self.faults


def verify(plan: Plan, schedule: Schedule) -> list[Fault]:
    """Every rule the schedule breaks, in a fixed order; an empty list means it is valid."""
    return _Checker(plan, schedule).run()
