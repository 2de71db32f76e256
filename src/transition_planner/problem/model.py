"""The solver-neutral scheduling problem: activities on integer days, constraints and costs.

Nothing here knows about councils, sites or people; a compiler turns a plan into a ``Problem``
and the solvers turn a ``Problem`` into start days. Every hard constraint may carry a ``group``
label; ``Problem.groups`` maps each label to the sentence shown when that group is part of the
smallest conflicting set. Constraints without a group are treated as facts that never conflict.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from itertools import pairwise
from typing import Literal

from transition_planner.plan.steps import StepInfo

At = Literal["start", "end"]
Step = tuple[int, int]
"""``(day, value)``: from ``day`` on the value applies (until the next step)."""


@dataclass(frozen=True)
class Activity:
    """A task of ``duration`` days, started on one day, never interrupted.

    ``release`` is the earliest start, ``deadline`` the latest end (hard), ``allowed_starts``
    a set of permitted start days (a lease break date). Each of the three can be blamed
    separately in an infeasibility explanation through its ``*_group``. ``meta`` is opaque to
    the solvers: what the step stands for in the plan (None for problems not made from a plan).

    ``duration_steps`` makes the length depend on the start day: ``((first_start_day, days),
    ...)``, the last entry whose day <= the start applies (the first one before it); notice
    given on a day runs for the law's length from that day. ``duration`` is then the longest
    entry. Ends must never fall as the start grows (each entry at least the one before less a
    day); such an activity uses no resource or places, and nothing waits on, or costs, its end
    except precedences out of it. ``tight`` pins the start to the earliest day its release and
    the precedences into its start allow (a leaving date is the day notice or closure allows,
    never later); a tight activity has no allowed starts and no choice.
    """

    id: str
    duration: int
    release: int = 0
    deadline: int | None = None
    allowed_starts: tuple[int, ...] | None = None
    meta: StepInfo | None = field(default=None, hash=False, compare=False)
    release_group: str | None = None
    deadline_group: str | None = None
    starts_group: str | None = None
    duration_steps: tuple[Step, ...] = ()
    tight: bool = False

    def duration_at(self, start: int) -> int:
        """The length in days of this activity started on day ``start``."""
        if not self.duration_steps:
            return self.duration
        days = self.duration_steps[0][1]
        for day, value in self.duration_steps:
            if day > start:
                break
            days = value
        return days

    @property
    def shortest(self) -> int:
        """The least length over every start day (``duration`` when it is fixed)."""
        return min((d for _, d in self.duration_steps), default=self.duration)

    def latest_start_ending_by(self, day: int) -> int:
        """The last start whose end is on or before ``day`` (ends never fall as starts grow)."""
        if not self.duration_steps:
            return day - self.duration
        best: int | None = None
        steps = self.duration_steps
        for k, (first, days) in enumerate(steps):
            last = steps[k + 1][0] - 1 if k + 1 < len(steps) else day - days
            candidate = min(last, day - days)
            if k == 0 or candidate >= first:
                best = candidate if best is None else max(best, candidate)
        return day - self.duration if best is None else best


@dataclass(frozen=True)
class Precedence:
    """``after.<after_at> - before.<before_at>`` lies in ``[lag, max_lag]`` (no upper end if None).

    The default is finish-to-start with no lag. A post-move review 6 to 8 weeks after the move is
    ``Precedence("move", "review", lag=42, max_lag=56)``.
    """

    before: str
    after: str
    lag: int = 0
    max_lag: int | None = None
    before_at: At = "end"
    after_at: At = "start"
    group: str | None = None

    def start_offsets(self, before_duration: int, after_duration: int) -> tuple[int, int | None]:
        """The same relation on start days: ``after.start - before.start`` in ``[lo, hi]``."""
        shift = (before_duration if self.before_at == "end" else 0) - (
            after_duration if self.after_at == "end" else 0
        )
        hi = None if self.max_lag is None else self.max_lag + shift
        return self.lag + shift, hi


@dataclass(frozen=True)
class Resource:
    """A renewable resource: at most ``capacity`` units in use on any day.

    ``steps`` change the capacity from a day on, e.g. ``((30, 4), (90, 6))``.
    """

    id: str
    capacity: int
    steps: tuple[Step, ...] = ()
    group: str | None = None


@dataclass(frozen=True)
class Demand:
    """``activity`` uses ``amount`` units of ``resource`` on every day it runs."""

    activity: str
    resource: str
    amount: int = 1


@dataclass(frozen=True)
class Places:
    """A stock of places (a reservoir): a place once taken stays taken, up to and including
    the horizon day.

    At most ``capacity`` (over time, as for ``Resource``) places may be taken on any day.
    """

    id: str
    capacity: int
    steps: tuple[Step, ...] = ()
    group: str | None = None


@dataclass(frozen=True)
class PlaceUse:
    """``activity`` takes ``amount`` places from its ``at`` day onwards.

    With ``frees=True`` it gives places back instead: they count as taken from day 0 until its
    ``at`` day (a current occupant who leaves).
    """

    activity: str
    places: str
    amount: int = 1
    at: At = "end"
    frees: bool = False


@dataclass(frozen=True)
class Option:
    """One alternative of a ``Choice``.

    If chosen: ``amount`` of ``places`` is taken from the activity's ``at`` day onwards, the
    activity starts no earlier than ``release`` and after every activity in ``after`` has ended,
    ``cost`` (money) and ``penalty`` (people, second objective) are paid. ``group`` labels the
    option's hard conditions (release and after) for explanations.
    """

    key: str
    places: str | None = None
    amount: int = 1
    at: At = "end"
    release: int = 0
    after: tuple[str, ...] = ()
    cost: int = 0
    penalty: int = 0
    group: str | None = None


@dataclass(frozen=True)
class Choice:
    """Exactly one of ``options`` is chosen for ``activity``; list them in preference order."""

    activity: str
    options: tuple[Option, ...]
    group: str | None = None

    def option(self, key: str) -> Option:
        for o in self.options:
            if o.key == key:
                return o
        raise KeyError(key)


@dataclass(frozen=True)
class SameChoice:
    """The choice activities in ``activities`` choose the same option key.

    Hard when ``penalty`` is None; otherwise each extra distinct key used costs ``penalty``
    people points (splitting a group three ways costs ``2 * penalty``).
    """

    activities: tuple[str, ...]
    penalty: int | None = None
    group: str | None = None


@dataclass(frozen=True)
class StepCost:
    """Cost of the last step whose day <= the activity's ``at`` day (0 before the first step).

    Steps are non-decreasing in day and cost: "£99k per started month after the deadline",
    "rent to the next break date", running costs per month until closure.
    """

    activity: str
    steps: tuple[Step, ...]
    at: At = "end"

    def cost_at(self, day: int) -> int:
        cost = 0
        for d, c in self.steps:
            if d > day:
                break
            cost = c
        return cost


@dataclass(frozen=True)
class LinearCost:
    """``(per_day * day + offset) / divisor`` of the activity's ``at`` day, rounded half up to
    a whole unit: a makespan objective on a sink activity (divisor 1), or pay by the day
    (weekly pay in pence over 700, so each day costs a seventh of a week, to the pound)."""

    activity: str
    per_day: int
    at: At = "end"
    offset: int = 0
    divisor: int = 1

    def cost_at(self, day: int) -> int:
        """The cost with the activity's ``at`` time on ``day`` (half up, as ``plan.money``)."""
        top = self.per_day * day + self.offset
        if self.divisor == 1:
            return top
        return (2 * top + self.divisor) // (2 * self.divisor)


@dataclass(frozen=True)
class Problem:
    """Everything a solver needs. All activities must end by ``horizon``.

    Money (the first objective) is the sum of step costs, linear costs and chosen option costs;
    people (the second) is the sum of chosen option penalties and group-splitting penalties.
    ``bundles`` are units of work that may be interchangeable (a person's activities, role by
    role); they add no constraint, and ``problem.symmetry`` decides which really are.
    """

    horizon: int
    activities: tuple[Activity, ...]
    precedences: tuple[Precedence, ...] = ()
    resources: tuple[Resource, ...] = ()
    demands: tuple[Demand, ...] = ()
    places: tuple[Places, ...] = ()
    place_uses: tuple[PlaceUse, ...] = ()
    choices: tuple[Choice, ...] = ()
    same_choices: tuple[SameChoice, ...] = ()
    step_costs: tuple[StepCost, ...] = ()
    linear_costs: tuple[LinearCost, ...] = ()
    bundles: tuple[tuple[str, ...], ...] = ()
    groups: Mapping[str, str] = field(default_factory=dict, hash=False)
    name: str = ""
    targets: Mapping[str, int] = field(default_factory=dict, hash=False)
    """Start days already committed to (a baseline's dates): after money and before people,
    the solver minimises how many activities start elsewhere. No hard constraint."""

    @cached_property
    def by_id(self) -> dict[str, Activity]:
        return {a.id: a for a in self.activities}

    @cached_property
    def choice_of(self) -> dict[str, Choice]:
        return {c.activity: c for c in self.choices}

    def stocks(self) -> tuple[Resource | Places, ...]:
        """Resources and places: everything with a capacity over time."""
        return (*self.resources, *self.places)

    def describe(self, group: str) -> str:
        """The caller's sentence for a constraint group (the label itself if none was given)."""
        return self.groups.get(group, group)

    def time_of(self, activity: str, at: At, start: int) -> int:
        return start + self.by_id[activity].duration_at(start) if at == "end" else start

    def earliest_tight_start(self, activity: str, starts: Mapping[str, int]) -> int:
        """The day a ``tight`` activity must start given the others' ``starts``: the latest of
        its release and what each precedence into it allows."""
        day = max(0, self.by_id[activity].release)
        for p in self.into.get(activity, ()):
            day = max(day, self.time_of(p.before, p.before_at, starts[p.before]) + p.lag)
        return day

    @cached_property
    def into(self) -> dict[str, list[Precedence]]:
        """Precedences by the activity they lead into."""
        found: dict[str, list[Precedence]] = {}
        for p in self.precedences:
            found.setdefault(p.after, []).append(p)
        return found

    def used_groups(self) -> list[str]:
        """Every group label used by a constraint, sorted."""
        found: set[str] = set()
        for a in self.activities:
            found.update(g for g in (a.release_group, a.deadline_group, a.starts_group) if g)
        found.update(p.group for p in self.precedences if p.group)
        found.update(r.group for r in self.resources if r.group)
        found.update(p.group for p in self.places if p.group)
        found.update(c.group for c in self.choices if c.group)
        found.update(o.group for c in self.choices for o in c.options if o.group)
        found.update(s.group for s in self.same_choices if s.group)
        return sorted(found)

    def edges(self) -> Iterator[tuple[str, str]]:
        """Ordering edges (before, after): precedences and every option's ``after``."""
        for p in self.precedences:
            yield p.before, p.after
        for c in self.choices:
            for o in c.options:
                for b in o.after:
                    yield b, c.activity

    def topological_order(self) -> list[str]:
        """Activities in an order that respects ``edges()``, ties broken by id."""
        succ: dict[str, list[str]] = {a.id: [] for a in self.activities}
        indeg = dict.fromkeys(succ, 0)
        for b, a in self.edges():
            succ[b].append(a)
            indeg[a] += 1
        ready = [i for i, d in indeg.items() if d == 0]
        heapq.heapify(ready)
        order: list[str] = []
        while ready:
            i = heapq.heappop(ready)
            order.append(i)
            for j in succ[i]:
                indeg[j] -= 1
                if indeg[j] == 0:
                    heapq.heappush(ready, j)
        if len(order) != len(succ):
            cyclic = sorted(i for i, d in indeg.items() if d > 0)
            raise ValueError(f"precedence cycle through {', '.join(cyclic[:10])}")
        return order

    def validate(self) -> None:
        """Raise ValueError on internal inconsistencies (a bug in whatever built the problem)."""
        errors = list(self._errors())
        if errors:
            raise ValueError("invalid problem: " + "; ".join(errors[:20]))
        self.topological_order()

    def _errors(self) -> Iterator[str]:
        if self.horizon < 0:
            yield "negative horizon"
        ids = self.by_id
        if len(ids) != len(self.activities):
            yield "duplicate activity ids"
        for a in self.activities:
            if a.duration < 0:
                yield f"{a.id}: negative duration"
            if a.allowed_starts is not None and list(a.allowed_starts) != sorted(
                set(a.allowed_starts)
            ):
                yield f"{a.id}: allowed_starts must be strictly increasing"
            yield from _check_variable(a)
            if a.tight and (a.allowed_starts is not None or a.id in self.choice_of):
                yield f"{a.id}: a tight activity has no allowed starts and no choice"
        variable = {a.id for a in self.activities if a.duration_steps}
        tight = {a.id for a in self.activities if a.tight}
        for p in self.precedences:
            if p.after in variable and p.after_at == "end":
                yield f"{p.after}: nothing may wait on the end of a variable-length activity"
            if p.after in tight and p.after_at == "end":
                yield f"{p.after}: a tight activity is placed by its start"
        for d in self.demands:
            if d.activity in variable:
                yield f"{d.activity}: a variable-length activity uses no resource"
        for u in self.place_uses:
            if u.activity in variable:
                yield f"{u.activity}: a variable-length activity uses no places"
        costs: list[StepCost | LinearCost] = [*self.step_costs, *self.linear_costs]
        for cost in costs:
            if cost.activity in variable and cost.at == "end":
                yield f"{cost.activity}: no cost on the end of a variable-length activity"

        def known(kind: str, ref: str, table: Mapping[str, object]) -> Iterator[str]:
            if ref not in table:
                yield f"unknown {kind} {ref!r}"

        resources = {r.id: r for r in self.resources}
        places = {p.id: p for p in self.places}
        for p in self.precedences:
            yield from known("activity", p.before, ids)
            yield from known("activity", p.after, ids)
            if p.max_lag is not None and p.max_lag < p.lag:
                yield f"precedence {p.before}->{p.after}: max_lag < lag"
        for stock in self.stocks():
            yield from _check_steps(stock.id, stock.steps, allow_decrease=True)
            if stock.capacity < 0 or any(c < 0 for _, c in stock.steps):
                yield f"{stock.id}: negative capacity"
        if len(resources) + len(places) != len(self.resources) + len(self.places):
            yield "duplicate resource or places ids"
        for d in self.demands:
            yield from known("activity", d.activity, ids)
            yield from known("resource", d.resource, resources)
            if d.amount < 0:
                yield f"demand {d.activity}/{d.resource}: negative amount"
        for u in self.place_uses:
            yield from known("activity", u.activity, ids)
            yield from known("places", u.places, places)
            if u.amount < 0:
                yield f"place use {u.activity}/{u.places}: negative amount"
        if len(self.choice_of) != len(self.choices):
            yield "more than one choice for an activity"
        for c in self.choices:
            yield from known("activity", c.activity, ids)
            if len({o.key for o in c.options}) != len(c.options):
                yield f"choice {c.activity}: duplicate option keys"
            for o in c.options:
                if o.places is not None:
                    yield from known("places", o.places, places)
                for b in o.after:
                    yield from known("activity", b, ids)
                if min(o.amount, o.cost, o.penalty) < 0:
                    yield f"choice {c.activity}/{o.key}: negative amount, cost or penalty"
        for s in self.same_choices:
            for i in s.activities:
                yield from known("choice activity", i, self.choice_of)
            if s.penalty is not None and s.penalty < 0:
                yield "same choice: negative penalty"
        for sc in self.step_costs:
            yield from known("activity", sc.activity, ids)
            yield from _check_steps(f"step cost {sc.activity}", sc.steps, allow_decrease=False)
            if any(c < 0 for _, c in sc.steps):
                yield f"step cost {sc.activity}: negative cost"
        for target in self.targets:
            yield from known("target activity", target, ids)
        for lc in self.linear_costs:
            yield from known("activity", lc.activity, ids)
            if lc.per_day < 0:
                yield f"linear cost {lc.activity}: negative per_day"
            if lc.divisor < 1:
                yield f"linear cost {lc.activity}: divisor below 1"


def _check_variable(a: Activity) -> Iterator[str]:
    steps = a.duration_steps
    if not steps:
        return
    yield from _check_steps(f"{a.id} durations", steps, allow_decrease=True)
    if any(d < 0 for _, d in steps):
        yield f"{a.id}: negative duration"
    if a.duration != max(d for _, d in steps):
        yield f"{a.id}: duration must be the longest of its duration steps"
    if any(now < before - 1 for (_, before), (_, now) in pairwise(steps)):
        yield f"{a.id}: ends must not fall as the start grows"


def _check_steps(owner: str, steps: Iterable[Step], *, allow_decrease: bool) -> Iterator[str]:
    prev: Step | None = None
    for step in steps:
        if prev is not None and (step[0] <= prev[0] or (not allow_decrease and step[1] < prev[1])):
            yield f"{owner}: steps must increase in day" + (
                "" if allow_decrease else " and not decrease in cost"
            )
            return
        prev = step


def capacity_segments(capacity: int, steps: tuple[Step, ...], horizon: int) -> list[Step]:
    """``[(from_day, capacity), ...]`` starting at day 0, clipped to ``[0, horizon)``."""
    segments: list[Step] = [(0, capacity)]
    for day, cap in steps:
        if day >= horizon:
            break
        if day <= 0:
            segments = [(0, cap)]
        else:
            segments.append((day, cap))
    return segments
