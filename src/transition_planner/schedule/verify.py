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
from collections.abc import Collection
from datetime import date, timedelta

from transition_planner.plan.models import Person, Plan, SiteStatus, accepts
from transition_planner.plan.steps import (
    RESOURCED_KINDS,
    SERVICES_CEASE,
    GroupKind,
    StepKind as K,
    group_id,
    parse_step_id,
    step_id,
)
from transition_planner.rules.lease import last_day_to_serve
from transition_planner.schedule.commissioning import (
    check_lots,
    check_outcomes,
)
from transition_planner.schedule.model import Schedule, ScheduledAction
from transition_planner.schedule.verify_base import (
    WORKING_DAY_KINDS,
    Fault,
)
from transition_planner.schedule.verify_money import MoneyChecks
from transition_planner.schedule.verify_staff import StaffChecks

__all__ = ["Fault", "verify"]


class _Checker(StaffChecks, MoneyChecks):
    """Every check in a fixed order; ``run`` returns the faults found."""

    history: frozenset[str] = frozenset()

    # --- what the plan asks for ----------------------------------------------------------------

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
        past: dict[str, Counter[date]] = {}  # what recorded history alone used
        for a in self.schedule.actions:
            if a.kind in RESOURCED_KINDS and a.resource:
                days = use.setdefault(a.resource, Counter())
                recorded = past.setdefault(a.resource, Counter())
                for k in range(a.days):
                    days[a.start + timedelta(days=k)] += 1
                    if a.id in self.history:
                        recorded[a.start + timedelta(days=k)] += 1
        for team in self.plan.teams:
            over = []
            for day, n in sorted(use.get(team.id, Counter()).items()):
                # history beyond the capacity stands (a warning on the progress file), but
                # nothing scheduled may be added to it
                capacity = max(team.capacity_on(day), past.get(team.id, Counter())[day])
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


def verify(plan: Plan, schedule: Schedule, history: Collection[str] = ()) -> list[Fault]:
    """Every rule the schedule breaks, in a fixed order; an empty list means it is valid.
    ``history``: ids of actions recorded in a progress file, whose team load stands even
    beyond the team's capacity."""
    checker = _Checker(plan, schedule)
    checker.history = frozenset(history)
    return checker.run()
