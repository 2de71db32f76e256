"""Re-planning from a status date: a compiled problem with what has happened written into it.

``apply_progress`` transforms a compiled ``Problem`` (the compiler is not involved):

- a step recorded done or started starts on its actual day and lasts as recorded (done: start to
  finish; started: start to the expected finish, or ``as_of`` plus what remains), fixed;
- every other step starts on or after ``as_of``: nothing new is scheduled in the past;
- a recorded destination fixes the move's choice;
- with a baseline, its dates inside the freeze window (``as_of`` to ``as_of + freeze_days - 1``)
  are fixed and its later dates become ``Problem.targets``: commitments the solver keeps where
  money allows (a lexicographic stage after money);
- a trial recorded failed stays as history (its start to the day it failed, fixed, with no
  cost, team or place of its own) and is followed by notice from the day it failed (the law's
  notice on that day) and a leaving date; its pay runs on to the leaving date instead;
- work pinned to one day (recorded, or frozen) is taken off the team capacity and places it
  uses, which is the same constraint in a form a list scheduler (the greedy hint) keeps;
- history that broke a rule (a move less than the notice period after its review) is a warning;
  the rule is dropped between recorded steps, since the past cannot be re-planned. A window that
  has passed (a post-move review that can no longer be 6 to 8 weeks after a recorded move) loses
  its far end, with a warning.

A step recorded while a step that must come before it is neither recorded nor can still fit
before it is an error (a move done before its review), located to the progress file's row.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from transition_planner.errors import Diagnostic, PlanError
from transition_planner.plan.progress import REVIEW_OUTCOMES, Fact, Progress
from transition_planner.plan.steps import (
    FAILED,
    SERVICES_CEASE,
    STAFFING,
    GroupKind as G,
    StepInfo,
    StepKind as K,
    group_id,
    parse_step_id,
    step_id,
)
from transition_planner.problem.compile import Compiled
from transition_planner.problem.model import (
    Activity,
    Choice,
    Precedence,
    Problem,
    Step,
    capacity_segments,
)
from transition_planner.rules.employment import notice_period
from transition_planner.suggest import did_you_mean

DEFAULT_FREEZE_DAYS = 14
AS_OF_GROUP = group_id(G.progress, "as_of")


@dataclass(frozen=True)
class Transformed:
    """The re-planning problem and what it fixed: ``fixed`` maps each recorded step to its
    ``(start day, duration)``; ``frozen`` the baseline steps held inside the freeze window."""

    compiled: Compiled
    as_of_day: int
    fixed: dict[str, tuple[int, int]] = field(default_factory=dict)
    frozen: dict[str, int] = field(default_factory=dict)
    warnings: list[Diagnostic] = field(default_factory=list)


def apply_progress(
    compiled: Compiled,
    progress: Progress,
    baseline: Mapping[str, date] | None = None,
    freeze_days: int = DEFAULT_FREEZE_DAYS,
) -> Transformed:
    """``compiled`` (of the plan as it now stands, ``plan.progress.apply_to_plan``) re-planned
    from ``progress.as_of``; ``baseline`` maps step ids to their committed start dates.

    Raises:
        PlanError: a fact names no step of the plan, or contradicts the plan's order or choices.
    """
    return _Transform(compiled, progress, baseline or {}, freeze_days).run()


class _Transform:
    def __init__(
        self,
        compiled: Compiled,
        progress: Progress,
        baseline: Mapping[str, date],
        freeze_days: int,
    ) -> None:
        self.c = compiled
        self.p = compiled.problem
        self.progress = progress
        self.baseline = baseline
        self.freeze_days = freeze_days
        self.as_of = (progress.as_of - compiled.day0).days
        self.errors: list[Diagnostic] = []
        self.warnings: list[Diagnostic] = []
        self.fixed: dict[str, tuple[int, int]] = {}
        self.fact_of: dict[str, Fact] = {}
        self.frozen: dict[str, int] = {}
        self.targets: dict[str, int] = {}
        self.failed: dict[str, tuple[str, str]] = {}
        self.groups = dict(self.p.groups)

    def error(self, fact: Fact, column: str, message: str) -> None:
        self.errors.append(self.progress.diagnostic(fact, column, message))

    def left_error(self, fact: Fact, person: str) -> None:
        row = next(f.at("step").line for f in self.progress.facts if f.step == person)
        self.error(
            fact,
            "step",
            f"{person} is recorded as having left the programme (row {row}), so nothing of "
            "theirs is scheduled: delete this row, or the row saying they left",
        )

    def warn(self, fact: Fact, column: str, message: str) -> None:
        self.warnings.append(self.progress.diagnostic(fact, column, message, severity="warning"))

    def run(self) -> Transformed:
        self.failed_trials()
        self.read_facts()
        choices = self.decisions()
        self.commitments()
        activities = tuple(self.activity(a) for a in self.p.activities)
        precedences = tuple(q for p in self.p.precedences if (q := self.keep(p)) is not None)
        if self.errors:
            raise PlanError(self.errors, self.warnings)
        fixed = set(self.fixed) | set(self.frozen) | set(self.targets)
        demands = tuple(
            d
            for d in self.p.demands
            if d.activity not in self.fixed or sum(self.fixed[d.activity]) > self.as_of
        )
        problem = replace(
            self.p,
            activities=activities,
            precedences=precedences,
            demands=demands,
            choices=choices,
            bundles=tuple(b for b in self.p.bundles if not fixed.intersection(b)),
            groups=self.groups,
            targets=self.targets,
        )
        problem = _pinned_into_capacity(self.history_over_capacity(problem))
        problem.validate()
        compiled = Compiled(problem, self.c.plan, self.c.day0, self.c.lease_exits)
        return Transformed(compiled, self.as_of, self.fixed, self.frozen, self.warnings)

    def history_over_capacity(self, problem: Problem) -> Problem:
        """Where recorded work alone used more of a resource than it has (a team that took on
        more at once than the plan allows), its capacity on those days is what was used: the
        past stands, with a warning, and nothing new fits on those days."""
        end = problem.horizon + 2
        used: dict[str, Counter[int]] = {}
        for d in self.p.demands:  # with the steps done before as_of, which the re-plan drops
            if d.activity in self.fixed and d.amount > 0:
                start, duration = self.fixed[d.activity]
                days = used.setdefault(d.resource, Counter())
                for day in range(max(start, 0), min(start + duration, end)):
                    days[day] += d.amount
        resources = []
        for r in problem.resources:
            segments = capacity_segments(r.capacity, r.steps, end)
            cap = {day: _capacity_on(segments, day) for day in used.get(r.id, ())}
            over = {day: n for day, n in sorted(used.get(r.id, Counter()).items()) if n > cap[day]}
            if not over:
                resources.append(r)
                continue
            shown = [f"{self.c.day0 + timedelta(days=d)} ({n} > {cap[d]})" for d, n in over.items()]
            more = f" and {len(shown) - 3} more days" if len(shown) > 3 else ""
            self.warnings.append(
                Diagnostic(
                    self.progress.display,
                    None,
                    None,
                    r.id,
                    "recorded history broke a rule: more at once than the capacity on "
                    + ", ".join(shown[:3])
                    + more,
                    severity="warning",
                )
            )
            points = sorted({d for d, _ in segments} | set(over) | {d + 1 for d in over})
            values: list[Step] = []
            for day in (d for d in points if d < end):
                value = max(_capacity_on(segments, day), over.get(day, 0))
                if not values or values[-1][1] != value:
                    values.append((day, value))
            resources.append(replace(r, capacity=values[0][1], steps=tuple(values[1:])))
        return replace(problem, resources=tuple(resources))

    # -- facts --------------------------------------------------------------------------------

    def day(self, d: date) -> int:
        return (d - self.c.day0).days

    def failed_trials(self) -> None:
        """A failed trial puts the person back on notice from the day it failed, with the
        notice the law gives on that day, then a leaving date no earlier than their service
        closes; the trial's pay runs on to the leaving date instead. The trial itself stays,
        fixed from its start to the day it failed and marked ``FAILED``: history, with no
        cost (its days are paid once, in the pay to the leaving date), team or place."""
        staff = {s.id: s for s in self.c.plan.staff}
        for f in self.progress.facts:
            ref = parse_step_id(f.step)
            if ref is None or ref.kind is not K.trial or f.outcome != FAILED:
                continue
            failed = f.finish
            if (
                failed is None
                or f.start is None
                or f.step not in self.p.by_id
                or ref.subject not in staff
            ):
                self.error(f, "finish", "a failed trial needs its start and the day it failed")
                continue
            member = staff[ref.subject]
            notice = notice_period(member.start_date, failed, member.contractual_notice)
            notice_id, leave_id = step_id(K.notice, member.id), step_id(K.leave, member.id)
            trial = self.p.by_id[f.step]
            meta = trial.meta or StepInfo(K.trial, member.id, STAFFING)
            activities = [
                replace(
                    a,
                    meta=replace(
                        meta,
                        title=f"{meta.title or 'trial'}: failed {failed} (recorded)",
                        outcome=FAILED,
                    ),
                )
                if a.id == f.step
                else a
                for a in self.p.activities
            ]
            activities.append(
                Activity(
                    notice_id,
                    notice.days,
                    allowed_starts=(self.day(failed),),
                    meta=StepInfo(
                        K.notice,
                        member.id,
                        STAFFING,
                        f"notice ({notice.days} days) after the failed trial",
                    ),
                )
            )
            activities.append(
                Activity(
                    leave_id,
                    1,
                    meta=StepInfo(K.leave, member.id, STAFFING, "leaving date"),
                    tight=True,
                )
            )
            precedences = [p for p in self.p.precedences if f.step not in (p.before, p.after)] + [
                Precedence(notice_id, leave_id)
            ]
            close = step_id(K.close, member.site)
            if close in self.p.by_id:
                precedences.append(Precedence(close, leave_id, before_at="start", after_at="start"))
            costs = tuple(
                replace(c, activity=leave_id) if c.activity == f.step else c
                for c in self.p.step_costs
            )
            # pay now runs to the leaving day, that day included (as for anyone who leaves)
            linear = tuple(
                replace(c, activity=leave_id, offset=c.per_day) if c.activity == f.step else c
                for c in self.p.linear_costs
            )
            self.p = replace(
                self.p,
                activities=tuple(activities),
                precedences=tuple(precedences),
                step_costs=costs,
                linear_costs=linear,
                demands=tuple(d for d in self.p.demands if d.activity != f.step),
                place_uses=tuple(u for u in self.p.place_uses if u.activity != f.step),
                bundles=tuple(b for b in self.p.bundles if f.step not in b),
            )
            self.fixed[notice_id] = (self.day(failed), notice.days)
            self.fact_of[notice_id] = f
            self.fixed[f.step] = (self.day(f.start), (failed - f.start).days + 1)
            self.fact_of[f.step] = f
            self.failed[f.step] = (notice_id, leave_id)
            self.groups[group_id(G.progress, notice_id)] = (
                f"{member.id}'s trial failed on {failed}: notice from that day "
                f"({self.progress.display} row {f.at('step').line})"
            )
            self.groups[group_id(G.progress, f.step)] = (
                f"{f.step} was recorded failed, {f.start} to {failed} "
                f"({self.progress.display} row {f.at('step').line})"
            )

    def read_facts(self) -> None:
        known = [a.id for a in self.p.activities if a.id != SERVICES_CEASE]
        left = self.progress.left()
        for f in self.progress.timed():
            if f.step in self.failed:
                continue
            ref = parse_step_id(f.step)
            if ref is not None and ref.subject in left:
                self.left_error(f, ref.subject)
                continue
            if f.step not in self.p.by_id or f.step == SERVICES_CEASE:
                self.error(f, "step", f"no such step in the plan{did_you_mean(f.step, known)}")
                continue
            finish = f.expected_finish(self.progress.as_of)
            if f.start is None or finish is None:
                continue  # reported by plan.progress
            activity = self.p.by_id[f.step]
            duration = (finish - f.start).days + 1 if activity.duration > 0 else 0
            self.fixed[f.step] = (self.day(f.start), duration)
            self.fact_of[f.step] = f
            self.groups[group_id(G.progress, f.step)] = (
                f"{f.step} was recorded {f.status} from {f.start} "
                f"({self.progress.display} row {f.at('step').line})"
            )

    def decisions(self) -> tuple[Choice, ...]:
        """The move choices, with a recorded destination the only option left."""
        chosen: dict[str, tuple[str, Fact]] = {}
        left = self.progress.left()
        for f in self.progress.facts:
            ref = parse_step_id(f.step)
            if ref is None or ref.kind not in (K.review, K.move) or not f.outcome:
                continue
            if ref.subject in left:
                if f.status == "decided":  # a timed row is reported by read_facts
                    self.left_error(f, ref.subject)
                continue
            if f.outcome in REVIEW_OUTCOMES:
                continue
            move = step_id(K.move, ref.subject)
            if move not in self.p.choice_of:
                if ref.subject in {a.meta.subject for a in self.p.activities if a.meta}:
                    self.error(f, "outcome", f"contradicts the plan: {ref.subject} has no move")
                else:
                    self.error(f, "step", "no such step in the plan")
                continue
            chosen[move] = (f.outcome, f)
        out = []
        for c in self.p.choices:
            if c.activity not in chosen:
                out.append(c)
                continue
            key, fact = chosen[c.activity]
            if key not in {o.key for o in c.options}:
                self.error(fact, "outcome", f"contradicts the plan: {key} is not an option")
                out.append(c)
                continue
            out.append(replace(c, options=(c.option(key),)))
        self.places_recorded(chosen)
        return tuple(out)

    def places_recorded(self, chosen: Mapping[str, tuple[str, Fact]]) -> None:
        """More people recorded going to a destination than it ever has places for contradicts
        the plan (the plan's capacity is wrong): an error at the row that goes over, where
        the solver could only say that no schedule exists."""
        most = {
            pl.id: max([pl.capacity, *(value for _, value in pl.steps)]) for pl in self.p.places
        }
        taken: dict[str, int] = {}
        for move, (key, fact) in chosen.items():
            choice = self.p.choice_of.get(move)
            if choice is None or key not in {o.key for o in choice.options}:
                continue
            option = choice.option(key)
            if option.places is None or option.places not in most:
                continue
            taken[option.places] = taken.get(option.places, 0) + option.amount
            if taken[option.places] > most[option.places]:
                self.error(
                    fact,
                    "outcome",
                    f"contradicts the plan: {key} has {most[option.places]} place(s) and "
                    f"{taken[option.places]} people are recorded going there; if it took them, "
                    "raise its capacity in the plan",
                )

    def commitments(self) -> None:
        """Baseline dates: fixed inside the freeze window, targets beyond it. A step is frozen
        only if everything that must come before it is recorded or frozen, in the same order
        (a move whose review slipped cannot keep its date; it becomes a target)."""
        window_end = self.as_of + self.freeze_days
        into: dict[str, list[Precedence]] = {}
        for p in self.p.precedences:
            into.setdefault(p.after, []).append(p)
        for activity_id in self.p.topological_order():
            when = self.baseline.get(activity_id)
            if when is None or activity_id in self.fixed or activity_id == SERVICES_CEASE:
                continue
            day = self.day(when)
            kept = all(self._holds(p, day) for p in into.get(activity_id, []))
            if self.as_of <= day < window_end and kept:
                self.frozen[activity_id] = day
                self.groups[group_id(G.freeze, activity_id)] = (
                    f"{activity_id} stays on {when} (inside the freeze window to "
                    f"{self.c.date_of(window_end - 1)})"
                )
            elif day >= self.as_of:
                self.targets[activity_id] = day

    def _holds(self, p: Precedence, day: int) -> bool:
        """``p`` into a step starting on ``day`` holds with what came before it pinned."""
        if p.before in self.fixed:
            start, duration = self.fixed[p.before]
        elif p.before in self.frozen:
            start = self.frozen[p.before]
            duration = self.p.by_id[p.before].duration_at(start)
        else:
            return False
        then = start + (duration if p.before_at == "end" else 0)
        now = day + (self.p.by_id[p.after].duration_at(day) if p.after_at == "end" else 0)
        return now - then >= p.lag and (p.max_lag is None or now - then <= p.max_lag)

    # -- activities and the order between them ------------------------------------------------

    def activity(self, a: Activity) -> Activity:
        if a.id in self.fixed:
            start, duration = self.fixed[a.id]
            end = start + duration
            late = a.deadline is not None and end > a.deadline
            if late:
                self.warn(self.fact_of[a.id], "finish", "finished after its hard deadline")
            return replace(
                a,
                duration=duration,
                duration_steps=(),
                tight=False,
                release=min(a.release, start),
                release_group=None,
                deadline=None if late else a.deadline,
                deadline_group=None if late else a.deadline_group,
                allowed_starts=(start,),
                starts_group=group_id(G.progress, a.id),
            )
        if a.id in self.frozen:
            return replace(
                a,
                tight=False,
                release=max(a.release, self.as_of),
                allowed_starts=(self.frozen[a.id],),
                starts_group=group_id(G.freeze, a.id),
            )
        if a.release >= self.as_of:
            return a
        self.groups.setdefault(
            AS_OF_GROUP, f"nothing new starts before the status date {self.progress.as_of}"
        )
        return replace(a, release=self.as_of, release_group=AS_OF_GROUP)

    def time(self, activity: str, at: str) -> int:
        start, duration = self.fixed[activity]
        return start + (duration if at == "end" else 0)

    def duration(self, activity: str) -> int:
        if activity in self.fixed:
            return self.fixed[activity][1]
        return self.p.by_id[activity].duration_at(self.as_of)

    def keep(self, p: Precedence) -> Precedence | None:
        """The precedence as it applies to the re-plan (None: between recorded steps only)."""
        before, after = p.before in self.fixed, p.after in self.fixed
        if before and after:
            gap = self.time(p.after, p.after_at) - self.time(p.before, p.before_at)
            if gap < 0 and _move_after_review(p):
                # not a rule bent (too little notice) but a recorded order that cannot be:
                # the review decides where the person goes
                fact, ended = (
                    self.fact_of[p.after],
                    self.fact_of[p.before].expected_finish(self.progress.as_of),
                )
                self.error(
                    fact,
                    "start",
                    f"recorded {fact.status} on {fact.start}, before {p.before} ended "
                    f"({ended}): a move comes after its review",
                )
            elif gap < p.lag or (p.max_lag is not None and gap > p.max_lag):
                self._history(p, gap)
            return None
        if after:
            # the step before must still fit: starting no earlier than as_of
            shift = self.duration(p.before) if p.before_at == "end" else 0
            if self.time(p.after, p.after_at) - (self.as_of + shift) < p.lag:
                fact = self.fact_of[p.after]
                self.error(
                    fact,
                    "start",
                    f"recorded {fact.status} on {fact.start}, but {p.before} must come first "
                    "and is not recorded",
                )
            return p
        if before and p.max_lag is not None:
            shift = self.duration(p.after) if p.after_at == "end" else 0
            if self.time(p.before, p.before_at) + p.max_lag < self.as_of + shift:
                self.warn(
                    self.fact_of[p.before],
                    "start",
                    f"{p.after} can no longer be within {p.max_lag} days of it "
                    f"(the window closed before {self.progress.as_of}); scheduled when it can be",
                )
                return replace(p, max_lag=None)
        return p

    def _history(self, p: Precedence, gap: int) -> None:
        fact = self.fact_of[p.after]
        if p.max_lag is not None and gap > p.max_lag:
            what = f"more than {p.max_lag} days after {p.before}"
        else:
            what = f"{p.lag - gap} day(s) too soon after {p.before}"
        self.warn(fact, "start", f"recorded history broke a rule: {what}")


def _move_after_review(p: Precedence) -> bool:
    """``p`` puts a person's move after their review."""
    first, then = parse_step_id(p.before), parse_step_id(p.after)
    return (
        first is not None
        and then is not None
        and first.kind is K.review
        and then.kind is K.move
        and first.subject == then.subject
    )


def _capacity_on(segments: list[Step], day: int) -> int:
    return next(c for d, c in reversed(segments) if d <= day)


def _pinned_into_capacity(problem: Problem) -> Problem:
    """Work pinned to one start day (recorded, or frozen) taken off the capacity it uses, and a
    pinned move's place off its destination's places from that day on.

    The same constraints, but a list scheduler can no longer hand the capacity a recorded step
    holds to new work before it reaches that step. Where taking it off would leave a negative
    capacity (history beyond the limits), the demand stays as it is.
    """
    pinned = {
        a.id: a.allowed_starts[0]
        for a in problem.activities
        if a.allowed_starts is not None and len(a.allowed_starts) == 1
    }
    acts = problem.by_id
    end = problem.horizon + 2
    taken: dict[str, list[tuple[int, int, int]]] = {}
    for d in problem.demands:
        if d.activity in pinned and d.amount > 0 and acts[d.activity].duration > 0:
            s = pinned[d.activity]
            taken.setdefault(d.resource, []).append((s, s + acts[d.activity].duration, d.amount))
    held: dict[str, list[tuple[int, int, int]]] = {}
    for c in problem.choices:
        stock = c.options[0].places if len(c.options) == 1 else None
        if c.activity in pinned and stock is not None:
            o = c.options[0]
            t = problem.time_of(c.activity, o.at, pinned[c.activity])
            held.setdefault(stock, []).append((t, end, o.amount))
    resources, keep = [], set()
    for r in problem.resources:
        new = _subtract(r.capacity, r.steps, end, taken.get(r.id, []))
        if new is None:
            keep.add(r.id)
            resources.append(r)
        else:
            resources.append(replace(r, capacity=new[0], steps=new[1]))
    places, kept_places = [], set()
    for pl in problem.places:
        new = _subtract(pl.capacity, pl.steps, end, held.get(pl.id, []))
        if new is None:
            kept_places.add(pl.id)
            places.append(pl)
        else:
            places.append(replace(pl, capacity=new[0], steps=new[1]))
    demands = tuple(
        d
        for d in problem.demands
        if d.activity not in pinned or d.resource in keep or d.amount <= 0
    )
    choices = tuple(
        replace(c, options=(replace(c.options[0], places=None),))
        if c.activity in pinned
        and len(c.options) == 1
        and c.options[0].places is not None
        and c.options[0].places not in kept_places
        else c
        for c in problem.choices
    )
    return replace(
        problem,
        resources=tuple(resources),
        places=tuple(places),
        demands=demands,
        choices=choices,
    )


def _subtract(
    capacity: int, steps: tuple[Step, ...], end: int, uses: list[tuple[int, int, int]]
) -> tuple[int, tuple[Step, ...]] | None:
    """The capacity over time less ``(from, to, amount)`` uses; None if it would go negative."""
    if not uses:
        return capacity, steps
    segments = capacity_segments(capacity, steps, end)
    days = sorted({0, *(d for d, _ in segments), *(u[0] for u in uses), *(u[1] for u in uses)})
    days = [d for d in days if 0 <= d < end]
    values: list[Step] = []
    for day in days:
        base = next(c for d, c in reversed(segments) if d <= day)
        value = base - sum(amount for first, last, amount in uses if first <= day < last)
        if value < 0:
            return None
        if not values or values[-1][1] != value:
            values.append((day, value))
    return values[0][1], tuple(values[1:])
