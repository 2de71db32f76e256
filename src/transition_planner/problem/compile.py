"""Plan -> Problem: every review, move, closure, lease exit and custom action as activities.

Day 0 is the programme start. The schedule conventions (inclusive ends, a close date is the last
day of service) are in ``schedule/model.py``; in the Problem an activity of ``d`` days starting
on day ``s`` ends (exclusively) on ``s + d``, so "successor starts the day after" is lag 0.
Each family of constraints is one method, called in a fixed order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from transition_planner.errors import InfeasibilityReason, Infeasible
from transition_planner.plan.models import Assessment, Lease, Person, Plan, Site, SiteStatus
from transition_planner.plan.steps import (
    PROPERTY,
    SERVICES_CEASE,
    GroupKind as G,
    ResourceKind as R,
    StepKind as K,
    group_id,
    resource_id,
    step_id,
)
from transition_planner.problem.builder import ProblemBuilder
from transition_planner.problem.commissioning import add_commissioning
from transition_planner.problem.model import (
    Choice,
    Demand,
    Option,
    Places,
    Precedence,
    Problem,
    Resource,
    SameChoice,
    StepCost,
    capacity_segments,
)
from transition_planner.problem.staffing import add_staffing
from transition_planner.rules.lease import last_day_to_serve

# People-objective weights: splitting a friendship group outweighs a missed preference.
GROUP_SPLIT_PENALTY = 20
NOT_PREFERRED_PENALTY = 5


def lease_notice_by(lease: Lease, exit_day: date) -> date:
    """The last day the break notice can be served for an exit on ``exit_day``."""
    return lease.notice_margin.subtract_from(last_day_to_serve(exit_day, lease.notice_months))


@dataclass
class Compiled:
    """The problem and what is needed to turn its solution back into dates."""

    problem: Problem
    plan: Plan
    day0: date
    lease_exits: dict[str, tuple[date, ...]] = field(default_factory=dict)

    def date_of(self, day: int) -> date:
        return self.day0 + timedelta(days=day)


class _Compiler(ProblemBuilder):
    """Each family of constraints is one method, called in a fixed order by ``build``."""

    # --- the constraint families, in order -----------------------------------------------------

    def build(self) -> Compiled:
        self.teams()
        self.destinations()
        self.custom_actions()
        for person in self.plan.people:
            self.person(person)
        self.groups_together()
        self.closures()
        self.services_cease()
        self.leases()
        self.work_before_closing()
        add_staffing(self)
        add_commissioning(self)
        self.action_dependencies()
        problem = Problem(
            horizon=self.horizon,
            activities=tuple(self.activities),
            precedences=tuple(self.precedences),
            resources=tuple(self.resources),
            demands=tuple(self.demands),
            places=tuple(self.places),
            choices=tuple(self.choices),
            same_choices=tuple(self.same),
            step_costs=tuple(self.costs),
            linear_costs=tuple(self.linear),
            bundles=tuple(self.bundles),
            groups=self.groups,
            name=self.plan.programme.name,
        )
        return Compiled(problem, self.plan, self.day0, self.lease_exits)

    def teams(self) -> None:
        for team in self.plan.teams:
            steps: dict[int, int] = {}
            for day, capacity in team.capacity_changes():
                steps[max(0, self.day(day))] = capacity
            rid = resource_id(R.team, team.id)
            self.resources.append(
                Resource(rid, team.capacity, tuple(sorted(steps.items())), group=rid)
            )
            self.team_capacity[team.id] = capacity_segments(
                team.capacity, tuple(sorted(steps.items())), self.horizon
            )
            work = "review or assessment" if team.capacity == 1 else "reviews or assessments"
            periods = "".join(
                f", {p.capacity} from {p.start}" + (f" to {p.end}" if p.end else " on")
                for p in team.availability
            )
            self.groups[rid] = (
                f"{team.name or team.id} can carry {team.capacity} {work} at once{periods}"
                + self._team_work(team.id)
            )

    def _team_work(self, team_id: str) -> str:
        people = self.team_people.get(team_id, [])
        days = sum(self.plan.team_work_days(p) for p in people)
        return f" ({len(people)} people need {days / 7:.0f} team-weeks of reviews and assessments)"

    def destinations(self) -> None:
        for site in self.plan.all_sites:
            if site.capacity:
                pid = resource_id(R.places, site.id)
                self.places.append(Places(pid, site.capacity, group=pid))
                self.groups[pid] = f"{site.label} has {site.capacity} places"
                if site.available_from or site.available_after:
                    when = [str(site.available_from)] if site.available_from else []
                    when += [f"after {a}" for a in site.available_after]
                    self.groups[group_id(G.available, site.id)] = (
                        f"{site.label} takes people only from {' and '.join(when)}"
                    )

    def custom_actions(self) -> None:
        for action in self.plan.actions:
            deadline = None
            if action.deadline is not None and action.deadline.hard:
                deadline = self.day(action.deadline.date) + 1
                self.groups[group_id(G.deadline, action.id)] = (
                    f"{action.title or action.id} must finish by {action.deadline.date} (hard)"
                )
            release = 0
            if action.not_before is not None:
                release = max(0, self.day(action.not_before))
                self.groups[group_id(G.not_before, action.id)] = (
                    f"{action.title or action.id} cannot start before {action.not_before}"
                )
            self.add(
                K.custom,
                action.id,
                max(1, action.duration.days()),
                workstream=action.workstream,
                title=action.title or action.id,
                release=release,
                deadline=deadline,
                deadline_group=group_id(G.deadline, action.id) if deadline is not None else None,
                release_group=group_id(G.not_before, action.id) if release else None,
            )
            if action.deadline is not None and action.deadline.cost_per_month > 0:
                # The activity's exclusive end is one past its last day.
                steps = self.late_steps(
                    action.deadline.date, action.deadline.cost_per_month, shift=1
                )
                self.costs.append(StepCost(action.id, steps, at="end"))

    def person(self, p: Person) -> None:
        plan = self.plan
        team = self.team_of[p.id]
        rid = resource_id(R.team, team.id) if team else ""
        review = self.add(
            K.review,
            p.id,
            plan.review_duration(p).days(),
            resource=team.id if team else "",
            title=(
                "carer's assessment (Care Act s.10)"
                if p.assessment is Assessment.carer_assessment
                else f"{p.assessment.value} ({p.needs.value} needs)"
            ),
        )
        self.demands.append(Demand(review, rid))
        carer = None
        if p.carer:
            carer = self.add(
                K.carer_assessment,
                p.id,
                plan.durations.carer_assessment.days(),
                resource=team.id if team else "",
                title="carer's assessment",
            )
            self.demands.append(Demand(carer, rid))
        if p.stays:  # reviewed where they are: nothing more to schedule
            self.bundles.append((review, *([carer] if carer else [])))
            return
        if not p.needs_place:
            tp = self.add(
                K.transition_plan,
                p.id,
                plan.durations.transition_plan.days(),
                title=f"transition plan ({p.pathway.value})",
            )
            self.precedences.append(Precedence(review, tp))
            if carer and plan.site(p.site).status is not SiteStatus.closing:
                # tied to the step it serves; at a closing site, to the closure (``closures``)
                self.precedences.append(Precedence(carer, tp))
            self.bundles.append((review, *([carer] if carer else []), tp))
            return
        move = self.add(
            K.move,
            p.id,
            plan.durations.move.days(),
            allowed_starts=self.move_days,
            title="move",
        )
        self.precedences.append(
            Precedence(review, move, lag=plan.durations.notice_to_person.days())
        )
        if carer:
            self.precedences.append(Precedence(carer, move))
        self.choices.append(
            Choice(
                move,
                tuple(self._option(p, s, rank) for rank, s in enumerate(plan.destinations_for(p))),
            )
        )
        pmr_cfg = plan.durations.post_move_review
        pmr = self.add(
            K.post_move_review,
            p.id,
            pmr_cfg.duration.days(),
            resource=team.id if team else "",
            title="post-move review",
        )
        self.demands.append(Demand(pmr, rid))
        self.precedences.append(
            Precedence(
                move,
                pmr,
                lag=pmr_cfg.earliest.days(),
                max_lag=pmr_cfg.latest.days(),
                before_at="start",
                after_at="start",
            )
        )
        self.bundles.append((review, *([carer] if carer else []), move, pmr))

    def _option(self, p: Person, site: Site, rank: int) -> Option:
        penalty = (rank if site.id in p.preferred else NOT_PREFERRED_PENALTY) if p.preferred else 0
        release = max(0, self.day(site.available_from)) if site.available_from else 0
        gated = bool(release or site.available_after)
        return Option(
            site.id,
            places=resource_id(R.places, site.id),
            at="start",
            release=release,
            after=tuple(site.available_after),
            penalty=penalty,
            group=group_id(G.available, site.id) if gated else None,
        )

    def groups_together(self) -> None:
        members: dict[str, list[str]] = {}
        for p in self.plan.people:
            if p.group and p.needs_place:
                members.setdefault(p.group, []).append(step_id(K.move, p.id))
        for name in sorted(members):
            if len(members[name]) > 1:
                self.same.append(SameChoice(tuple(members[name]), penalty=GROUP_SPLIT_PENALTY))

    def closures(self) -> None:
        for site in self.plan.sites:
            if site.status is not SiteStatus.closing:
                continue
            deadline = None
            group = group_id(G.close_by, site.id)
            if site.close_by is not None and site.close_by.hard:
                deadline = self.day(site.close_by.date) + 1
                self.groups[group] = f"{site.label} must close by {site.close_by.date} (hard)"
            close = self.add(
                K.close,
                site.id,
                1,
                workstream=PROPERTY,
                title=f"close {site.label}",
                allowed_starts=self.move_days,
                deadline=deadline,
                deadline_group=group if deadline is not None else None,
            )
            for p in self.plan.people_at(site.id):
                if p.needs_place:
                    self.precedences.append(
                        Precedence(
                            step_id(K.move, p.id), close, before_at="start", after_at="start"
                        )
                    )
                elif not p.stays:
                    self.precedences.append(
                        Precedence(step_id(K.transition_plan, p.id), close, lag=-1)
                    )
                    if p.carer:
                        # the carer is assessed by the service's last day, like the plan
                        self.precedences.append(
                            Precedence(step_id(K.carer_assessment, p.id), close, lag=-1)
                        )
            if site.running_cost_per_month > 0:
                self.costs.append(
                    StepCost(close, self.month_steps(site.running_cost_per_month), at="start")
                )
            if site.close_by is not None and site.close_by.cost_per_month > 0:
                self.costs.append(
                    StepCost(
                        close,
                        self.late_steps(site.close_by.date, site.close_by.cost_per_month),
                        at="start",
                    )
                )

    def services_cease(self) -> None:
        closing = [s for s in self.plan.sites if s.status is SiteStatus.closing]
        # Services cease on or after each close and each action put before them; the slippage
        # steps rise with the day, so the cheapest day is the latest of those (the rule that
        # decode, costing and verify apply: schedule.costing.services_cease).
        self.add(K.services_cease, "programme", 0, workstream=PROPERTY)
        for site in closing:
            self.precedences.append(
                Precedence(
                    step_id(K.close, site.id), SERVICES_CEASE, before_at="start", after_at="start"
                )
            )
        prog = self.plan.programme
        if closing:
            steps = self.late_steps(
                prog.target_end, prog.monthly_slippage_cost, pro_rata=prog.slippage.pro_rata
            )
            self.costs.append(StepCost(SERVICES_CEASE, steps, at="start"))

    def leases(self) -> None:
        closing = {s.id for s in self.plan.sites if s.status is SiteStatus.closing}
        for lease in self.plan.leases:
            if lease.site not in closing:
                continue
            site = self.plan.site(lease.site)
            exits = [
                d
                for d in [*lease.break_dates, *([lease.expiry] if lease.expiry else [])]
                if lease_notice_by(lease, d) >= self.day0 and d <= self.horizon_date
            ]
            if not exits:
                raise Infeasible(
                    [
                        InfeasibilityReason(
                            group_id(G.lease, lease.site),
                            f"the lease at {site.label} has no break date or expiry that can be "
                            f"reached with {lease.notice_months} months' notice from {self.day0}",
                        )
                    ]
                )
            self.lease_exits[lease.site] = tuple(exits)
            before = step_id(K.close, lease.site)
            if lease.dilapidations.works.days() > 0:
                before = self.add(
                    K.dilapidations,
                    lease.site,
                    lease.dilapidations.works.days(),
                    workstream=PROPERTY,
                    title=f"dilapidation works at {site.label}",
                )
                self.precedences.append(Precedence(step_id(K.close, lease.site), before))
            group = group_id(G.lease, lease.site)
            self.groups[group] = f"the lease at {site.label} can end only on " + ", ".join(
                str(d) for d in exits
            )
            exit_id = self.add(
                K.lease_exit,
                lease.site,
                1,
                workstream=PROPERTY,
                title=f"lease exit at {site.label}",
                allowed_starts=tuple(self.day(d) for d in exits),
                starts_group=group,
            )
            self.precedences.append(Precedence(before, exit_id))
            notice = self.add(
                K.lease_notice,
                lease.site,
                1,
                workstream=PROPERTY,
                title=f"serve break notice ({site.label})",
                allowed_starts=self.move_days,
            )
            # One lag for every break: the longest gap, so the notice is in time for any of them.
            lag = max(self.day(d) - self.day(lease_notice_by(lease, d)) for d in exits)
            self.precedences.append(
                Precedence(notice, exit_id, lag=lag, before_at="start", after_at="start")
            )
            self.costs.append(StepCost(exit_id, self.month_steps(lease.rent_per_month), at="start"))

    def work_before_closing(self) -> None:
        """Redundant, for a tighter bound: a site cannot close before its team could finish its
        people's reviews and carers' assessments even if it did nothing else, since each
        person leaves the site only after both."""
        work: dict[tuple[str, str], int] = {}
        closing = {s.id for s in self.plan.sites if s.status is SiteStatus.closing}
        for p in self.plan.people:
            team = self.team_of[p.id]
            if team is None or p.site not in closing:
                continue
            days = self.plan.team_work_days(p)
            key = (team.id, p.site)
            work[key] = work.get(key, 0) + days
        for (team_id, site), days in sorted(work.items()):
            done = self._done_by(team_id, days)
            # work the team cannot finish within the horizon is left to its capacity limit,
            # which names the team when the explanation says why no schedule exists
            if done < self.horizon:
                self.raise_release(step_id(K.close, site), done)

    def _done_by(self, team_id: str, work: int) -> int:
        """The first day by which ``work`` team-days can have been done from day 0 (the
        horizon if they cannot)."""
        segments = self.team_capacity[team_id]
        for n, (first, capacity) in enumerate(segments):
            last = segments[n + 1][0] if n + 1 < len(segments) else self.horizon
            if capacity > 0 and work <= capacity * (last - first):
                return first - (-work // capacity)
            work -= capacity * (last - first)
        return self.horizon

    def action_dependencies(self) -> None:
        for action in self.plan.actions:
            group = group_id(G.order, action.id)
            for ref in action.after:
                if ref == SERVICES_CEASE:
                    self.precedences.append(
                        Precedence(SERVICES_CEASE, action.id, lag=1, before_at="start", group=group)
                    )
                else:
                    self.precedences.append(Precedence(ref, action.id, group=group))
            for ref in action.before:
                if ref == SERVICES_CEASE:
                    self.precedences.append(Precedence(action.id, SERVICES_CEASE, group=group))
                else:
                    self.precedences.append(Precedence(action.id, ref, group=group))
            if action.after or action.before:
                deps = [f"after {r}" for r in action.after] + [f"before {r}" for r in action.before]
                self.groups[group] = f"{action.title or action.id} comes " + ", ".join(deps)


def compile_plan(plan: Plan) -> Compiled:
    """Turn a valid plan into the solver-neutral problem (raises Infeasible if plainly so)."""
    return _Compiler(plan).build()
