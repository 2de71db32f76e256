"""The CP-SAT back-end: one small method per constraint family, added in a fixed order.

Model: one start variable and one fixed-size interval per activity (a start allowed on working
days over many weeks as ``7 week + weekday``: ``Builder._start_var``); ``add_cumulative`` for
resources, with fixed intervals eating the capacity not available on some days; places as a
cumulative over intervals running from the day a place is taken to the end of time; choices as
one literal per option (option conditions are enforced by that literal); step costs as
literals ``b_k <=> t >= day_k`` weighted by the cost increments; interchangeable people
(``problem.symmetry``) start in bundle order, and hints are traded into that order. Solved
lexicographically: money, then (with ``Problem.targets``) the number of committed starts
moved, then people, each with the earlier levels capped at the best found, then the sum of
starts so that activities with nothing to gain still sit as early as they can.

With ``relax=True`` the builder makes the copy used to explain infeasibility: no objective,
and every grouped constraint enforced only when its group's literal is true.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from functools import partial
from typing import Any

from ortools.sat.python import cp_model

from transition_planner.problem import (
    Activity,
    At,
    LinearCost,
    Problem,
    Symmetry,
    capacity_segments,
)
from transition_planner.problem.solution import (
    Progress,
    ProgressHook,
    Solution,
    Stage,
    Status,
    evaluate,
    relative_gap,
)
from transition_planner.solver.bounds import latest_starts

Var = Any  # OR-Tools ships no type stubs
Starts = dict[str, int]
Choices = dict[str, str]


class Builder:
    """Turns a ``Problem`` into a ``CpModel``; knows how to hint it and read a solution back."""

    def __init__(
        self,
        problem: Problem,
        *,
        relax: bool = False,
        latest: dict[str, int] | None = None,
        stocks: bool = True,
        ladder: bool = False,
    ) -> None:
        self.p = problem
        self.relax = relax
        self.ladder = ladder
        # latest starts implied by a cost cap (``bounds.latest_starts``), never in relax mode
        self.latest = None if relax else latest
        self.m = cp_model.CpModel()
        self.group_lit: dict[str, Var] = {}
        self.start: dict[str, Var] = {}
        self.interval: dict[str, Var] = {}
        self.option_lit: dict[str, dict[str, Var]] = {}
        self.derived: list[tuple[Var, Callable[[Starts, Choices], int]]] = []
        self.length: dict[str, Any] = {}
        self.money: list[Any] = []
        self.people: list[Any] = []
        self.changed: list[Any] = []
        # places are counted up to and including the horizon day: a move ending on the
        # horizon still takes its place
        self.end_of_time = problem.horizon + 1
        self._activities()
        self._choices()
        self._precedences()
        if not relax:
            # pins a start to what its predecessors allow; in the explanation copy it could
            # only ever add a conflict the predecessors themselves do not name
            self._tight()
        if stocks:
            self._resources()
            self._places()
        self._same_choices()
        self.symmetry = Symmetry(problem)
        if not relax:
            self._order_interchangeable()
            self._costs()
            self._targets()

    # -- helpers -----------------------------------------------------------------------------

    def when(self, group: str | None) -> list[Var]:
        """Enforcement literals for a constraint of ``group`` (none outside relax mode)."""
        if not self.relax or group is None:
            return []
        if group not in self.group_lit:
            self.group_lit[group] = self.m.new_bool_var(f"group:{group}")
        return [self.group_lit[group]]

    def time(self, activity: str, at: At) -> Any:
        if at == "end":
            if activity in self.length:
                return self.start[activity] + self.length[activity]
            return self.start[activity] + self.p.by_id[activity].duration
        return self.start[activity]

    def bounds(self, activity: str, at: At) -> tuple[int, int]:
        # (the proto's repeated domain field mis-handles negative indexes in OR-Tools 9.15)
        domain = self.start[activity].domain
        lo, hi = int(domain.min()), int(domain.max())
        if at == "start":
            return lo, hi
        return self.p.time_of(activity, "end", lo), self.p.time_of(activity, "end", hi)

    def _all_of(self, lits: list[Var]) -> Var | None:
        if not lits:
            return None
        if len(lits) == 1:
            return lits[0]
        both = self.m.new_bool_var("")
        self.m.add_bool_and(lits).only_enforce_if(both)
        self.m.add_bool_or([both, *(~lit for lit in lits)])
        return both

    # -- constraint families, in order ---------------------------------------------------------

    def _activities(self) -> None:
        for a in self.p.activities:
            # in relax mode a grouped window is a constraint its group can switch off
            fixed_release = a.release_group is None or not self.relax
            fixed_deadline = a.deadline is not None and (a.deadline_group is None or not self.relax)
            fixed_starts = a.allowed_starts is not None and (
                a.starts_group is None or not self.relax
            )
            lo = max(0, a.release) if fixed_release else 0
            hi = a.latest_start_ending_by(self.p.horizon)
            if fixed_deadline and a.deadline is not None:
                hi = min(hi, a.latest_start_ending_by(a.deadline))
            if self.latest is not None:
                hi = max(lo, min(hi, self.latest[a.id]))
            domain = cp_model.Domain(lo, hi)
            if fixed_starts and a.allowed_starts is not None:
                domain = cp_model.Domain.from_values([v for v in a.allowed_starts if lo <= v <= hi])
            if domain.is_empty():
                # no start exists at all: a fixed, contradicted placeholder keeps the model valid
                domain = cp_model.Domain(max(0, a.release), max(0, a.release))
                self.m.add_bool_or([])
            s = self._start_var(a.id, domain)
            self.start[a.id] = s
            if a.duration_steps:
                self._variable_length(a, s, int(domain.min()), int(domain.max()))
            else:
                self.interval[a.id] = self.m.new_fixed_size_interval_var(s, a.duration, "")
            self.end_of_time = max(self.end_of_time, domain.max() + a.duration + 1)
            if not fixed_release:
                self.m.add(s >= a.release).only_enforce_if(self.when(a.release_group))
            if a.deadline is not None and not fixed_deadline:
                self.m.add(self.time(a.id, "end") <= a.deadline).only_enforce_if(
                    self.when(a.deadline_group)
                )
            if a.allowed_starts is not None and not fixed_starts:
                allowed = cp_model.Domain.from_values(list(a.allowed_starts))
                self.m.add_linear_expression_in_domain(s, allowed).only_enforce_if(
                    self.when(a.starts_group)
                )

    def _start_var(self, activity: str, domain: Any) -> Var:
        """A start variable over ``domain``. A domain of working days over a long horizon has a
        hole every weekend, and CP-SAT keeps a literal per hole boundary of every such
        variable: on the seed plan without a cost cap, 36,000 literals that made a
        precedence-only model take 20 deterministic seconds. Such a start is written instead as
        ``7 w + r + first`` (``first`` the weekday, mod 7, the run of allowed weekdays begins
        on; ``r`` inside the run), the domain keeping only the exceptions (holidays) as holes:
        the same days, far fewer holes. Only on plans of at most ``LARGE_MODEL`` activities."""
        flat = [int(v) for v in domain.flattened_intervals()]
        holes = len(flat) // 2 - 1
        # large plans keep their days: their search (``closure_search``) and bounds were
        # measured and tuned on the model as it was
        small = len(self.p.activities) <= LARGE_MODEL
        weekly = _weekly(flat) if small and holes > WEEKLY_MIN_HOLES else None
        if weekly is None:
            return self.m.new_int_var_from_domain(domain, f"start:{activity}")
        first, run, kept = weekly
        s = self.m.new_int_var_from_domain(
            cp_model.Domain.from_flat_intervals(kept), f"start:{activity}"
        )
        lo, hi = int(domain.min()), int(domain.max())
        week = self.m.new_int_var((lo - first) // 7, (hi - first) // 7, f"week:{activity}")
        day = self.m.new_int_var(0, run - 1, f"weekday:{activity}")
        self.m.add(s == 7 * week + day + first)
        self.derived.append((week, partial(_week_of, activity, first)))
        self.derived.append((day, partial(_day_of_week, activity, first)))
        return s

    def _variable_length(self, a: Activity, s: Var, lo: int, hi: int) -> None:
        """The length as a step function of the start: one literal per step inside the start's
        domain (``b <=> s >= day``, each implying the one before), the length the first
        step's plus each reached step's change. Linear, so propagation sees it both ways."""
        length = a.duration_at(lo)
        terms: list[Any] = []
        prev_lit, prev_days = None, length
        for day, days in a.duration_steps:
            if day <= lo or day > hi:
                continue
            b = self.m.new_bool_var(f"length:{a.id}:{day}")
            self.m.add(s >= day).only_enforce_if(b)
            self.m.add(s <= day - 1).only_enforce_if(~b)
            if prev_lit is not None:
                self.m.add_implication(b, prev_lit)
            prev_lit = b
            terms.append((days - prev_days) * b)
            prev_days = days
            self.derived.append((b, partial(_started_by, a.id, day)))
        size = self.m.new_int_var(a.shortest, a.duration, f"length:{a.id}")
        self.m.add(size == length + sum(terms))
        self.length[a.id] = size

    def _tight(self) -> None:
        for a in self.p.activities:
            if not a.tight:
                continue
            allowed: list[Any] = [max(0, a.release)]
            for p in self.p.into.get(a.id, ()):
                allowed.append(self.time(p.before, p.before_at) + p.lag)
            self.m.add_max_equality(self.start[a.id], allowed)

    def _choices(self) -> None:
        for c in self.p.choices:
            s = self.start[c.activity]
            lits = {o.key: self.m.new_bool_var(f"option:{c.activity}:{o.key}") for o in c.options}
            self.option_lit[c.activity] = lits
            if self.relax and c.group is not None:
                self.m.add(sum(lits.values()) == 1).only_enforce_if(self.when(c.group))
                self.m.add(sum(lits.values()) <= 1)
            else:
                self.m.add_exactly_one(lits.values())
            for o in c.options:
                lit = lits[o.key]
                if o.release > 0:
                    self.m.add(s >= o.release).only_enforce_if([lit, *self.when(o.group)])
                for b in o.after:
                    self.m.add(s >= self.time(b, "end")).only_enforce_if([lit, *self.when(o.group)])
                if o.cost:
                    self.money.append(o.cost * lit)
                if o.penalty:
                    self.people.append(o.penalty * lit)

    def _precedences(self) -> None:
        for p in self.p.precedences:
            gap = self.time(p.after, p.after_at) - self.time(p.before, p.before_at)
            self.m.add(gap >= p.lag).only_enforce_if(self.when(p.group))
            if p.max_lag is not None:
                self.m.add(gap <= p.max_lag).only_enforce_if(self.when(p.group))

    def _resources(self) -> None:
        for r in self.p.resources:
            items: list[tuple[Var, int]] = []
            for d in self.p.demands:
                a = self.p.by_id[d.activity]
                if d.resource != r.id or d.amount <= 0 or a.duration <= 0:
                    continue
                interval = self.interval[a.id]
                relax_by = self.when(r.group)
                if relax_by:
                    interval = self.m.new_optional_fixed_size_interval_var(
                        self.start[a.id], a.duration, relax_by[0], ""
                    )
                items.append((interval, d.amount))
            self._cumulative(items, r.capacity, r.steps)

    def _places(self) -> None:
        for pl in self.p.places:
            items: list[tuple[Var, int]] = []
            for u in self.p.place_uses:
                if u.places == pl.id and u.amount > 0:
                    present = self._all_of(self.when(pl.group))
                    items.append((self._held(u.activity, u.at, u.frees, present), u.amount))
            for c in self.p.choices:
                for o in c.options:
                    if o.places == pl.id and o.amount > 0:
                        lits = [self.option_lit[c.activity][o.key], *self.when(pl.group)]
                        held = self._held(c.activity, o.at, False, self._all_of(lits))
                        items.append((held, o.amount))
            self._cumulative(items, pl.capacity, pl.steps)

    def _held(self, activity: str, at: At, frees: bool, present: Var | None) -> Var:
        """The interval a place is held: from ``at`` on, or (freed places) up to ``at``."""
        t = self.time(activity, at)
        first, size, last = (0, t, t) if frees else (t, self.end_of_time - t, self.end_of_time)
        if present is None:
            return self.m.new_interval_var(first, size, last, "")
        return self.m.new_optional_interval_var(first, size, last, present, "")

    def _cumulative(
        self, items: list[tuple[Var, int]], capacity: int, steps: tuple[tuple[int, int], ...]
    ) -> None:
        if not items:
            return
        segments = capacity_segments(capacity, steps, self.end_of_time)
        peak = max(cap for _, cap in segments)
        for n, (first, cap) in enumerate(segments):
            last = segments[n + 1][0] if n + 1 < len(segments) else self.end_of_time
            if cap < peak and last > first:
                eaten = self.m.new_fixed_size_interval_var(first, last - first, "")
                items.append((eaten, peak - cap))
        self.m.add_cumulative([i for i, _ in items], [d for _, d in items], peak)

    def _same_choices(self) -> None:
        for sc in self.p.same_choices:
            members = [self.option_lit[a] for a in sc.activities]
            keys = list(dict.fromkeys(k for lits in members for k in lits))
            used: list[Var] = []
            for k in keys:
                lits = [m[k] for m in members if k in m]
                if sc.penalty is None:
                    if len(lits) < len(members):
                        for lit in lits:
                            self.m.add(lit == 0).only_enforce_if(self.when(sc.group))
                    for lit in lits[1:]:
                        self.m.add(lit == lits[0]).only_enforce_if(self.when(sc.group))
                    continue
                y = self.m.new_bool_var("")
                for lit in lits:
                    self.m.add_implication(lit, y)
                self.m.add(sum(lits) >= y)
                self.derived.append((y, partial(_any_chose, sc.activities, k)))
                used.append(y)
            if sc.penalty and used:
                self.people.append(sc.penalty * (sum(used) - 1))

    def _order_interchangeable(self) -> None:
        # interchangeable people (``problem.symmetry``) start in a fixed order, so the search
        # never tries the same schedule with them traded
        for first, second in self.symmetry.leader_pairs():
            self.m.add(self.start[first] <= self.start[second])

    def _costs(self) -> None:
        for sc in self.p.step_costs:
            lo, hi = self.bounds(sc.activity, sc.at)
            t = self.time(sc.activity, sc.at)
            fixed, prev_cost, prev_lit = 0, 0, None
            rungs: list[tuple[int, Var]] = []
            for day, cost in sc.steps:
                increment, prev_cost = cost - prev_cost, cost
                if day <= lo:
                    fixed += increment
                    continue
                if day > hi:
                    break
                if increment == 0:
                    continue
                b = self.m.new_bool_var(f"late:{sc.activity}:{day}")
                self.m.add(t >= day).only_enforce_if(b)
                self.m.add(t <= day - 1).only_enforce_if(~b)
                if prev_lit is not None:
                    self.m.add_implication(b, prev_lit)
                prev_lit = b
                rungs.append((day, b))
                self.money.append(increment * b)
                self.derived.append((b, partial(_reached, self.p, sc.activity, sc.at, day)))
            if fixed:
                self.money.append(fixed)
            if rungs and self.ladder:
                self._ladder(t, lo, hi, rungs)
        for lc in self.p.linear_costs:
            if not lc.per_day and not lc.offset:
                continue
            if lc.divisor == 1:
                self.money.append(lc.per_day * self.time(lc.activity, lc.at) + lc.offset)
                continue
            # rounded half up: 2 d q <= 2 (k t + c) + d <= 2 d q + 2 d - 1
            lo, hi = self.bounds(lc.activity, lc.at)
            q = self.m.new_int_var(lc.cost_at(lo), lc.cost_at(hi), f"cost:{lc.activity}")
            twice = 2 * (lc.per_day * self.time(lc.activity, lc.at) + lc.offset) + lc.divisor
            self.m.add(2 * lc.divisor * q <= twice)
            self.m.add(twice <= 2 * lc.divisor * q + 2 * lc.divisor - 1)
            self.money.append(q)
            self.derived.append((q, partial(_linear_cost, self.p, lc)))

    def _targets(self) -> None:
        # one literal per committed start: true when the activity starts elsewhere
        for activity, day in sorted(self.p.targets.items()):
            moved = self.m.new_bool_var(f"moved:{activity}")
            self.m.add(self.start[activity] == day).only_enforce_if(~moved)
            self.changed.append(moved)
            self.derived.append((moved, partial(_moved, activity, day)))

    def _ladder(self, t: Any, lo: int, hi: int, ladder: list[tuple[int, Var]]) -> None:
        """The day written as a sum of the step literals: lo plus each step's width if that
        step is reached. Implied by the literals' own definitions, but linear, so the LP sees
        that a later day costs more (the convex hull of the step function, not a big-M)."""
        days = [d for d, _ in ladder]
        lits = [b for _, b in ladder]
        widths_below = [days[0] - lo] + [days[k] - days[k - 1] for k in range(1, len(days))]
        widths_above = [days[k + 1] - days[k] for k in range(len(days) - 1)] + [hi + 1 - days[-1]]
        self.m.add(t >= lo + sum(w * b for w, b in zip(widths_below, lits, strict=True)))
        self.m.add(t <= days[0] - 1 + sum(w * b for w, b in zip(widths_above, lits, strict=True)))

    # -- hints and reading back ------------------------------------------------------------------

    def hint(self, starts: Starts, choices: Choices) -> None:
        self.m.clear_hints()  # type: ignore[no-untyped-call]
        if not self.relax:
            starts, choices = self.symmetry.canonical(starts, choices)
        for i, var in self.start.items():
            if i in starts:
                self.m.add_hint(var, starts[i])
        for a, lits in self.option_lit.items():
            for k, lit in lits.items():
                if a in choices:
                    self.m.add_hint(lit, choices[a] == k)
        if set(starts) >= set(self.start) and set(choices) >= set(self.option_lit):
            for var, value in self.derived:
                self.m.add_hint(var, value(starts, choices))

    def read(self, solver: Any) -> tuple[Starts, Choices]:
        starts = {i: int(solver.value(v)) for i, v in self.start.items()}
        choices = {
            a: next(k for k, lit in lits.items() if solver.boolean_value(lit))
            for a, lits in self.option_lit.items()
        }
        return starts, choices


# a start domain with more holes than this is tried as whole weeks (``Builder._start_var``)
WEEKLY_MIN_HOLES = 8


def _weekly(flat: list[int]) -> tuple[int, int, list[int]] | None:
    """For a domain as flat intervals ``[a0, b0, a1, b1, ...]``: ``(first, run, kept)`` such
    that a day ``d`` is in the domain iff ``(d - first) % 7 < run`` and ``d`` is in the flat
    intervals ``kept`` (the domain's span less the days of the run it leaves out), when the
    domain's days fall in one run of fewer than 7 consecutive weekdays and ``kept`` has at most
    half the holes; None otherwise."""
    values = [v for lo, hi in zip(flat[::2], flat[1::2], strict=True) for v in range(lo, hi + 1)]
    residues = {v % 7 for v in values}
    run = len(residues)
    if run >= 7:
        return None
    starts = [r for r in residues if (r - 1) % 7 not in residues]
    if len(starts) != 1:
        return None  # not one run of consecutive weekdays
    first = starts[0]
    allowed = set(values)
    kept: list[int] = []
    for d in range(values[0], values[-1] + 1):
        inside = (d - first) % 7 >= run or d in allowed
        if inside and kept and kept[-1] == d - 1:
            kept[-1] = d
        elif inside:
            kept += [d, d]
    if len(kept) // 2 - 1 > (len(flat) // 2 - 1) // 2:
        return None
    return first, run, kept


def _week_of(activity: str, first: int, starts: Starts, _choices: Choices) -> int:
    return (starts[activity] - first) // 7


def _day_of_week(activity: str, first: int, starts: Starts, _choices: Choices) -> int:
    return (starts[activity] - first) % 7


def _any_chose(group: tuple[str, ...], key: str, _starts: Starts, choices: Choices) -> bool:
    return any(choices[a] == key for a in group)


def _moved(activity: str, day: int, starts: Starts, _choices: Choices) -> bool:
    return starts[activity] != day


def _started_by(activity: str, day: int, starts: Starts, _choices: Choices) -> bool:
    return starts[activity] >= day


def _linear_cost(problem: Problem, lc: LinearCost, starts: Starts, _choices: Choices) -> int:
    return lc.cost_at(problem.time_of(lc.activity, lc.at, starts[lc.activity]))


def _reached(
    problem: Problem, activity: str, at: At, day: int, starts: Starts, _choices: Choices
) -> bool:
    return problem.time_of(activity, at, starts[activity]) >= day


# Above this many activities one presolve pass is enough: on a 1,540-person plan (working-day
# start domains with a hole every weekend) each further pass took minutes of wall time for
# almost no deterministic time, and found nothing the search did not.
LARGE_MODEL = 2000


def parameters(
    solver: Any,
    *,
    workers: int,
    seed: int,
    limit: float,
    wall_cap: float,
    size: int = 0,
    wall: bool = False,
) -> None:
    """Deterministic search: fixed workers and seed, a deterministic-time budget.

    With ``wall``, ``limit`` is wall-clock seconds instead (``max_time_in_seconds``) and no
    deterministic limit is set: the result then depends on the machine's speed and load.
    """
    p = solver.parameters
    if size > LARGE_MODEL:
        p.max_presolve_iterations = 1
    p.num_workers = workers
    p.interleave_search = True
    # one task per worker per batch: the default batch (3 per worker) overshoots the
    # deterministic limit by up to 3x, since the limit is only checked between batches
    p.interleave_batch_size = workers
    p.random_seed = seed
    if wall:
        p.max_time_in_seconds = max(limit, 0.01)
        return
    p.max_deterministic_time = max(limit, 0.01)
    p.max_time_in_seconds = wall_cap


def run(
    model: cp_model.CpModel,
    *,
    workers: int,
    seed: int,
    limit: float,
    size: int,
    wall: bool = False,
    wall_cap: float | None = None,
    callback: cp_model.CpSolverSolutionCallback | None = None,
) -> tuple[cp_model.CpSolver, str, float]:
    """Solve ``model`` with ``parameters`` (deterministic for a deterministic ``limit``; the
    ``wall_cap``, by default 60 s or 20 s per deterministic second, only guards against a
    runaway solve): the solver (to read values and the bound from), its status name, and the
    seconds spent (deterministic, or wall-clock with ``wall``)."""
    solver = cp_model.CpSolver()
    parameters(
        solver,
        workers=workers,
        seed=seed,
        limit=limit,
        wall_cap=wall_cap if wall_cap is not None else max(60.0, 20.0 * limit),
        size=size,
        wall=wall,
    )
    status = solver.status_name(solver.solve(model, callback))
    return solver, status, float(solver.wall_time if wall else solver.deterministic_time)


class _Reporter(cp_model.CpSolverSolutionCallback):
    def __init__(self, hook: ProgressHook, stage: Stage, offset: float) -> None:
        super().__init__()
        self.hook, self.stage, self.offset = hook, stage, offset

    def on_solution_callback(self) -> None:
        value = round(self.objective_value)
        bound = math.ceil(self.best_objective_bound - 1e-6)
        gap = relative_gap(value, bound)
        self.hook(Progress(self.stage, self.offset + self.wall_time, value, bound, gap))


def solve_cpsat(
    problem: Problem,
    *,
    budget: float = 10.0,
    workers: int = 2,
    seed: int = 0,
    hint: Solution | None = None,
    progress: ProgressHook | None = None,
    tie_break: bool = True,
    wall_cap: float | None = None,
    wall: bool = False,
) -> Solution:
    """Solve lexicographically within ``budget`` deterministic seconds over all stages
    (wall-clock seconds with ``wall``: not reproducible)."""
    began = time.perf_counter()
    cap = wall_cap if wall_cap is not None else max(60.0, 20.0 * budget)
    latest = None
    if hint is not None and hint.feasible and hint.objective is not None:
        latest = latest_starts(problem, hint.objective)
    b = Builder(problem, latest=latest)
    money = cp_model.LinearExpr.sum(b.money)
    if hint is not None and hint.feasible and hint.objective is not None:
        b.m.add(money <= hint.objective)
    if hint is not None:
        b.hint(hint.starts, hint.choices)
    used = 0.0
    best: tuple[Starts, Choices] | None = None
    if hint is None or not hint.feasible:
        # nothing feasible to start from (the greedy gave up): first look for any schedule at
        # all, with no objective, so the budget is not spent improving nothing
        found, status, spent = _first_schedule(
            b, problem, FEASIBILITY_SHARE * budget, workers, seed, cap, wall
        )
        used += spent
        if status == "INFEASIBLE":
            return _empty(problem, "INFEASIBLE", time.perf_counter() - began)
        if found is not None:
            best = found
            b.hint(*found)
    stages: list[tuple[Stage, Any]] = [("money", money)]
    if b.changed:
        stages.append(("stability", cp_model.LinearExpr.sum(b.changed)))
    if b.people:
        stages.append(("people", cp_model.LinearExpr.sum(b.people)))
    if tie_break:
        stages.append(("tidy", cp_model.LinearExpr.sum(list(b.start.values()))))
    statuses: list[str] = []
    bound: int | None = None
    for n, (stage, objective) in enumerate(stages):
        remaining = budget - used
        limit = remaining if n == len(stages) - 1 else remaining * (0.7 if n == 0 else 0.5)
        if n > 0:
            # CP-SAT overshoots its deterministic limit by a batch; later stages still get a go
            limit = max(limit, 0.1 * budget)
        b.m.minimize(objective)
        reporter = _Reporter(progress, stage, time.perf_counter() - began) if progress else None
        solver, status, spent = run(
            b.m,
            workers=workers,
            seed=seed,
            limit=limit,
            size=len(problem.activities),
            wall=wall,
            wall_cap=cap,
            callback=reporter,
        )
        used += spent
        if status == "MODEL_INVALID":
            raise RuntimeError(f"CP-SAT rejected the model: {b.m.validate()}")
        if status == "INFEASIBLE" and n == 0:
            return _empty(problem, "INFEASIBLE", time.perf_counter() - began)
        if status not in ("OPTIMAL", "FEASIBLE"):
            break
        statuses.append(status)
        value = round(solver.objective_value)
        stage_bound = math.ceil(solver.best_objective_bound - 1e-6)
        if n == 0:
            bound = stage_bound
        best = b.read(solver)
        b.m.add(objective <= value)
        if stage == "money" and b.changed and hint is not None and hint.objective == value:
            # the hint (a baseline) is as cheap as the best found: later stages start from it,
            # so that keeping its commitments is where the search begins
            best = (hint.starts, hint.choices)
        b.hint(*best)
        if progress:
            elapsed = time.perf_counter() - began
            progress(Progress(stage, elapsed, value, stage_bound, relative_gap(value, stage_bound)))
    elapsed = time.perf_counter() - began
    if best is None:
        if hint is None or not hint.feasible:
            return _empty(problem, "UNKNOWN", elapsed, hint)
        best = (hint.starts, hint.choices)
    money_value, people_value = evaluate(problem, *best)
    needed = 1 + bool(b.changed) + bool(b.people)
    proven = len(statuses) >= needed and all(s == "OPTIMAL" for s in statuses[:needed])
    return Solution(
        status="OPTIMAL" if proven else "FEASIBLE",
        starts=best[0],
        choices=best[1],
        objective=money_value,
        people_penalty=people_value,
        bound=bound,
        gap=None if bound is None else relative_gap(money_value, bound),
        wall_time=elapsed,
        solver="cpsat",
    )


# the share of the budget spent looking for any schedule when the greedy found none
FEASIBILITY_SHARE = 0.5


def _first_schedule(
    b: Builder,
    problem: Problem,
    limit: float,
    workers: int,
    seed: int,
    cap: float,
    wall: bool = False,
) -> tuple[tuple[Starts, Choices] | None, str, float]:
    """Any schedule meeting the hard constraints (no objective): (schedule or None, status,
    seconds used: deterministic, or wall-clock with ``wall``)."""
    solver, status, spent = run(
        b.m,
        workers=workers,
        seed=seed,
        limit=limit,
        size=len(problem.activities),
        wall=wall,
        wall_cap=cap,
    )
    if status == "MODEL_INVALID":
        raise RuntimeError(f"CP-SAT rejected the model: {b.m.validate()}")
    found = b.read(solver) if status in ("OPTIMAL", "FEASIBLE") else None
    return found, status, spent


def _empty(
    problem: Problem, status: Status, elapsed: float, hint: Solution | None = None
) -> Solution:
    """No schedule: for UNKNOWN, hand back the (infeasible) greedy one for inspection."""
    keep = hint is not None and status == "UNKNOWN"
    return Solution(
        status=status,
        starts=dict(hint.starts) if keep and hint else {},
        choices=dict(hint.choices) if keep and hint else {},
        objective=hint.objective if keep and hint else None,
        people_penalty=hint.people_penalty if keep and hint else None,
        bound=None,
        gap=None,
        wall_time=elapsed,
        solver="cpsat",
        notes=hint.notes if keep and hint else (),
    )
