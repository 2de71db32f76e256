"""A lower bound on money that knows the teams: closure floors from whole reviews packed.

A *target* is an activity with a step cost (a site's closure and its running costs by month, a
lease exit and its rent) that waits on team work: reviews, carers' assessments and the like,
each a demand on a team (a resource) followed by a tail -- the least number of days from the
end of that work to the target's start (the review-to-move lag, the move before the closure).

**Floors.** For a set ``S`` of targets on one team, ``F(S)`` is a lower bound on the day by
which all of ``S`` can have started: the least ``M`` with ``M >= start(c)`` for every ``c``
in ``S`` (no earlier than its earliest start) and ``M >= end(a) + tail(a)`` for every piece
of the team's work ``a`` before any of them. Two proofs, the larger kept:

- energy of whole pieces (``fluid_floor``, no solver): for each release ``r`` and tail ``t``,
  the pieces released from ``r`` with a tail of at least ``t`` lie within ``[r, M - t)``, so
  their unit-days fit the capacity of that window, and -- since a piece is never split and a
  unit of the team (a reviewer) runs one piece at a time -- at most the window's peak
  capacity times the longest total of piece lengths one unit can fit in the window (with
  7-, 14- and 21-day reviews a 60-day window holds 56 days of them per reviewer). Fluid work
  alone is weaker: with two reviewers and three 10-day reviews it ends on day 15, whole
  reviews on day 20;
- CP-SAT's proven bound on the team's whole work as intervals (true lengths, demands,
  releases, latest starts within the cap and the precedences between them, on the true
  capacity over time; the team's other work takes its capacity too), for teams of at most
  ``CP_PIECES`` pieces.

**Month-level bound.** Each target is given to one team (the one with most of its work) and
the targets of a team form a component. In any schedule, list a component's targets by start
day: the ``k``-th starts no earlier than ``F`` of the first ``k`` (all of them have started by
then) and no earlier than its own earliest start. Costs never fall as days move later, so the
component costs at least the least, over every order, of each target's cost at that day: a
dynamic programme over the subsets of targets (``F`` of a subset not solved is bounded below by
the largest solved floor of a subset of it -- the model for a subset is a relaxation of the
model for a larger set).

**Combination.** Every target also starts no earlier than its own floor ``F({c})``; with that
as a release, the precedence floor (``bounds.least_cost``: every cost at its earliest time)
counts every cost line of the plan. Each other cost line after a component's target (the pay
of staff who leave after a closure) is given to the one target that holds it up most, with
the least offset from that target's start to its own. In the programme a target placed on a
day costs its own steps there plus each of its lines at the later of the line's earliest day
and that day plus the offset. The bound is the raised precedence floor plus, per component,
the programme's value less what its targets and their lines cost at their earliest days:
every cost line counted once. Finally the sequencing relaxation (``relaxation.py``) of the
raised problem is solved with each set's floor as an implied constraint (one of the set's
targets starts no earlier than it); the larger of the two bounds is returned.

**Why no schedule is removed.** A schedule costing at most ``cap`` (the cost of a known
schedule, so the optimum is among them) keeps each activity within its latest start
(``bounds.latest_starts``), each target at or after its floor, so it is a schedule of the
problem with raised releases, whose every cost line is at least its earliest value there; its
targets, in its own order, meet the programme's constraints, so their costs are at least the
programme's value, and it meets every implied constraint added to the relaxation. Dropping
resources other than the target's team, places, choices' options and everything else only
lets more schedules through. Hence the bound is at most the cost of
every schedule costing at most ``cap``, in particular of the optimum. When CP-SAT proves that
a team's work cannot fit its windows at all, no schedule costs at most ``cap`` and the bound is
``cap`` itself (``month_split`` asks about parts of the plan that may hold no such schedule).

Deterministic for a deterministic budget: the single targets' CP-SAT solves share a quarter of
the budget (``SINGLES_SHARE``), the sets' solves what is left of half of it (``FLOORS_SHARE``),
the relaxation the rest (at least a tenth), all in deterministic seconds (wall-clock with
``wall``), each with the fixed workers and seed of ``cpsat.run``, in a fixed order. The
energy floors and the programme need no solver.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from itertools import combinations

from ortools.sat.python import cp_model

from transition_planner.problem import LinearCost, Problem, StepCost, capacity_segments
from transition_planner.solver.bounds import (
    earliest_starts,
    latest_starts,
    least_cost,
    least_offsets,
)
from transition_planner.solver.cpsat import run
from transition_planner.solver.relaxation import (
    Bound,
    longest_paths_to,
    relaxation_bound,
    relaxation_model,
    solve_bound,
)

# components with more targets than this give CP-SAT only single targets and pairs (2^n
# subsets would leave each solve too little of the budget); the rest get fluid floors
ALL_SUBSETS = 4
# a component's targets beyond this many (the ones with least money at stake) are counted at
# their earliest value
MAX_TARGETS = 8
# CP-SAT packs a team's whole work only up to this many pieces: on larger teams it proves no
# more than the energy floors in any budget tried (Birmingham scale: 2,079 pieces a team)
CP_PIECES = 600
# the share of the budget for the single targets' floors (the rest: the subsets')
SINGLES_SHARE = 0.25
# the share for every floor (single targets' and sets'); the relaxation with the floors gets
# the rest
FLOORS_SHARE = 0.5


@dataclass(frozen=True)
class Piece:
    """Team work before some targets: ``amount`` units of ``resource`` for ``duration`` days
    from a start in ``[release, latest]``, then ``tails[target]`` days before each target."""

    activity: str
    resource: str
    amount: int
    duration: int
    release: int
    latest: int
    tails: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class SiteBound:
    """What ``site_bound`` proved: the bound on money, each target's floor (a day) and the
    deterministic (or wall) seconds spent."""

    bound: int
    floors: dict[str, int]
    spent: float
    guide: dict[str, int] | None = None


def team_bound(
    problem: Problem,
    cap: int,
    budget: float,
    workers: int = 2,
    seed: int = 0,
    wall: bool = False,
) -> Bound:
    """A proven lower bound on money from the teams' whole work and the sequencing relaxation
    (None if neither proves one), the seconds spent (deterministic, or wall with ``wall``) and
    the relaxation's own schedule (``relaxation.Bound``).
    ``cap`` is the money of a known schedule. It solves the relaxation itself (with the
    floors as implied constraints, on what the floors leave of the budget; on all of it when no
    closure waits on a team), so it can stand in for ``relaxation.relaxation_bound``."""
    found = site_bound(problem, cap, budget=budget, workers=workers, seed=seed, wall=wall)
    if found is None:
        # no closure waits on a team: the relaxation alone, as before
        return relaxation_bound(problem, cap, budget=budget, workers=workers, seed=seed, wall=wall)
    return Bound(found.bound, found.spent, found.guide)


def site_bound(
    problem: Problem,
    cap: int,
    *,
    budget: float,
    workers: int = 2,
    seed: int = 0,
    wall: bool = False,
) -> SiteBound | None:
    """The bound, target floors and time spent (None without targets or when ``cap`` is below
    the precedence floor)."""
    latest = latest_starts(problem, cap)
    if latest is None:
        return None
    es = earliest_starts(problem)
    targets = _targets(problem, es, latest)
    pieces = _pieces(problem, targets, es, latest)
    owner = _owners(targets, pieces)
    if not owner:
        return None
    components: dict[str, list[str]] = defaultdict(list)
    for c in sorted(owner):
        components[owner[c]].append(c)
    owned = {r: list(members) for r, members in components.items()}
    for members in components.values():
        at_stake = {c: _cost(problem, c, latest[c]) - _cost(problem, c, es[c]) for c in members}
        members.sort(key=lambda c: (-at_stake[c], c))
        del members[MAX_TARGETS:]
        members.sort()
    solver = _FloorSolver(problem, pieces, workers, seed, wall)
    singles = [(r, frozenset([c])) for r in sorted(components) for c in components[r]]
    share = SINGLES_SHARE * budget / max(1, len(singles))
    spent = 0.0
    # single targets first: their floors become releases, which tighten every later model
    floors: dict[frozenset[str], int] = {}
    for r, subset in singles:
        floors[subset], used = solver.floor(r, subset, es, share)
        spent += used
    for r in sorted(owned):
        # the targets beyond MAX_TARGETS: energy floors only
        for c in owned[r]:
            if frozenset([c]) not in floors:
                floors[frozenset([c])] = solver.floor(r, frozenset([c]), es, 0)[0]
    raised = _raise(problem, {next(iter(s)): f for s, f in floors.items()})
    es2 = earliest_starts(raised)
    for r, members in components.items():
        # a target that cannot start before all of the team's work for the others is done
        # gains nothing from an order: it stays at its earliest cost, outside the programme
        work = solver.floor(r, frozenset(members), {**es2, **dict.fromkeys(members, 0)}, 0)[0]
        members[:] = [c for c in members if es2[c] < work]
    plan = _solves(components)
    share = (FLOORS_SHARE * budget - spent) / max(1, len(plan))
    for r, subset in plan:
        floors[subset], used = solver.floor(r, subset, es2, share)
        spent += used
    for r, members in components.items():
        for k in range(2, len(members) + 1):
            for subset in map(frozenset, combinations(members, k)):
                if subset not in floors:
                    floors[subset] = solver.floor(r, subset, es2, 0)[0]
    if solver.infeasible:
        # no team schedule within the cap's windows: no schedule costs less than the cap
        return SiteBound(cap, {next(iter(s)): f for s, f in floors.items() if len(s) == 1}, spent)
    follow = _followers(raised, [c for m in components.values() for c in m], es2)
    bound = least_cost(raised)
    for members in components.values():
        earliest = sum(_cost_after(raised, c, es2[c], follow, es2) for c in members)
        bound += _programme(raised, members, floors, es2, follow) - earliest
    relaxed, used, guide = _relaxation_with_floors(
        raised,
        cap,
        floors,
        es2,
        budget=max(budget - spent, 0.1 * budget),
        workers=workers,
        seed=seed,
        wall=wall,
    )
    spent += used
    single = {next(iter(s)): f for s, f in floors.items() if len(s) == 1}
    return SiteBound(max(bound, relaxed or 0), single, spent, guide)


def _relaxation_with_floors(
    problem: Problem,
    cap: int,
    floors: dict[frozenset[str], int],
    es: dict[str, int],
    *,
    budget: float,
    workers: int,
    seed: int,
    wall: bool,
) -> Bound:
    """The sequencing relaxation (``relaxation.py``) of ``problem`` (targets released at their
    floors) with each set's floor as an implied constraint: one of its targets starts no
    earlier than the floor. Every schedule costing at most ``cap`` meets them, so CP-SAT's
    bound on it is a bound on the plan."""
    b = relaxation_model(problem, cap)
    if b is None:
        return Bound(None, 0.0)
    for subset, floor in sorted(floors.items(), key=lambda kv: (sorted(kv[0]), kv[1])):
        if len(subset) < 2 or floor <= max(es[c] for c in subset):
            continue
        late = []
        for c in sorted(subset):
            y = b.m.new_bool_var("")
            b.m.add(b.start[c] >= floor).only_enforce_if(y)
            late.append(y)
        b.m.add_bool_or(late)
    return solve_bound(
        b, len(problem.activities), budget=budget, workers=workers, seed=seed, wall=wall
    )


def _targets(problem: Problem, es: dict[str, int], latest: dict[str, int]) -> list[str]:
    """Activities with a step cost that can still rise between their earliest and latest start."""
    found = sorted({sc.activity for sc in problem.step_costs})
    return [c for c in found if _cost(problem, c, latest[c]) > _cost(problem, c, es[c])]


Line = StepCost | LinearCost


def _followers(
    problem: Problem, members: list[str], es: dict[str, int]
) -> dict[str, list[tuple[Line, int]]]:
    """Each cost line of an activity after some target (and not itself a target's), given to
    the one of those targets that holds it latest at their earliest starts, with the least
    offset from that target's start to the line's activity's start."""
    preds, order = _offsets(problem)
    mine = set(members)
    lines: list[Line] = [
        *(sc for sc in problem.step_costs if sc.activity not in mine),
        *problem.linear_costs,
    ]
    follow: dict[str, list[tuple[Line, int]]] = defaultdict(list)
    reach: dict[str, dict[str, int]] = {}
    for line in lines:
        a = line.activity
        if a not in reach:
            reach[a] = longest_paths_to(a, preds, order)
        held = [(es[c] + d, c, d) for c, d in reach[a].items() if c in mine]
        if held:
            _, c, d = max(held)
            follow[c].append((line, d))
    return follow


def _cost_after(
    problem: Problem,
    target: str,
    start: int,
    follow: dict[str, list[tuple[Line, int]]],
    es: dict[str, int],
) -> int:
    """The target's step costs started on ``start`` and the least cost of the lines it holds
    up (each at its earliest start, and no earlier than its offset after ``start``)."""
    total = _cost(problem, target, start)
    for line, offset in follow.get(target, ()):
        a = line.activity
        day = _next_start(problem, a, max(es[a], start + offset))
        total += line.cost_at(problem.time_of(a, line.at, day))
    return total


def _offsets(problem: Problem) -> tuple[dict[str, list[tuple[str, int]]], dict[str, int]]:
    """Least start offsets into each activity (``(before, offset)``) and a topological rank."""
    order = {a: n for n, a in enumerate(problem.topological_order())}
    return least_offsets(problem), order


def _cost(problem: Problem, activity: str, start: int) -> int:
    """The step costs of ``activity`` started on ``start``."""
    return sum(
        sc.cost_at(problem.time_of(activity, sc.at, start))
        for sc in _step_costs(problem).get(activity, ())
    )


_STEP_COSTS: dict[int, tuple[Problem, dict[str, list[StepCost]]]] = {}


def _step_costs(problem: Problem) -> dict[str, list[StepCost]]:
    """``problem.step_costs`` by activity (the last problem's kept: the programme asks often)."""
    kept = _STEP_COSTS.get(id(problem))
    if kept is not None and kept[0] is problem:
        return kept[1]
    found: dict[str, list[StepCost]] = defaultdict(list)
    for sc in problem.step_costs:
        found[sc.activity].append(sc)
    _STEP_COSTS.clear()
    _STEP_COSTS[id(problem)] = (problem, found)
    return found


def _pieces(
    problem: Problem, targets: list[str], es: dict[str, int], latest: dict[str, int]
) -> list[Piece]:
    """Every piece of team work, with its tail to each target it comes before."""
    acts = problem.by_id
    preds, order = _offsets(problem)
    tails: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for c in targets:
        for a, dist in sorted(longest_paths_to(c, preds, order).items()):
            if a != c:
                tails[a].append((c, dist - acts[a].duration))
    pieces = []
    for d in problem.demands:
        act = acts[d.activity]
        if d.amount <= 0 or act.duration <= 0:
            continue
        hi = max(es[act.id], min(latest[act.id], problem.horizon - act.duration))
        pieces.append(
            Piece(
                act.id,
                d.resource,
                d.amount,
                act.duration,
                es[act.id],
                hi,
                tuple(tails.get(act.id, ())),
            )
        )
    return pieces


def _owners(targets: list[str], pieces: list[Piece]) -> dict[str, str]:
    """Each target's team: the resource with the most work (units x days) before it."""
    work: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for p in pieces:
        for c, _ in p.tails:
            work[c][p.resource] += p.amount * p.duration
    return {c: max(sorted(w), key=lambda r: w[r]) for c, w in work.items() if c in targets}


def _solves(components: dict[str, list[str]]) -> list[tuple[str, frozenset[str]]]:
    """The subsets of two or more targets whose floors CP-SAT solves, in a fixed order: every
    one of a small component, the pairs of a larger one (the others get fluid floors only)."""
    plan: list[tuple[str, frozenset[str]]] = []
    for r in sorted(components):
        members = components[r]
        sizes: Iterable[int] = range(2, len(members) + 1) if len(members) <= ALL_SUBSETS else (2,)
        for k in sizes:
            plan.extend((r, frozenset(s)) for s in combinations(members, k))
    return plan


def _raise(problem: Problem, floors: dict[str, int]) -> Problem:
    """``problem`` with each target released no earlier than its floor."""
    acts = tuple(
        replace(a, release=max(a.release, floors[a.id])) if a.id in floors else a
        for a in problem.activities
    )
    return replace(problem, activities=acts)


def _programme(
    problem: Problem,
    members: list[str],
    floors: dict[frozenset[str], int],
    es: dict[str, int],
    follow: dict[str, list[tuple[Line, int]]],
) -> int:
    """The least cost of a component's targets over every order (module docstring)."""
    n = len(members)
    known = [
        (sum(1 << members.index(c) for c in s), f) for s, f in floors.items() if s <= set(members)
    ]

    def floor_of(mask: int) -> int:
        return max((f for m, f in known if m & mask == m), default=0)

    best = [0] + [math.inf] * ((1 << n) - 1)
    for mask in range(1 << n):
        if best[mask] == math.inf:
            continue
        for k, c in enumerate(members):
            if mask >> k & 1:
                continue
            grown = mask | 1 << k
            day = _next_start(problem, c, max(es[c], floor_of(grown)))
            cost = best[mask] + _cost_after(problem, c, day, follow, es)
            if cost < best[grown]:
                best[grown] = cost
    return int(best[-1])


def _next_start(problem: Problem, activity: str, day: int) -> int:
    """The first start of ``activity`` on or after ``day`` (its allowed starts, if any)."""
    allowed = problem.by_id[activity].allowed_starts
    if not allowed:
        return day
    k = bisect_left(allowed, day)
    return allowed[k] if k < len(allowed) else day


def _capacity_between(segments: list[tuple[int, int]], first: int, last: int) -> int:
    """Unit-days of capacity on the days ``[first, last)``."""
    total = 0
    for n, (day, cap) in enumerate(segments):
        stop = segments[n + 1][0] if n + 1 < len(segments) else math.inf
        lo, hi = max(first, day), min(last, stop)
        if hi > lo:
            total += cap * int(hi - lo)
    return total


def fluid_floor(
    pieces: list[tuple[int, int, int, int]], segments: list[tuple[int, int]], first: int
) -> int:
    """The least day ``M >= first`` by which the work can be done, told from energy: every
    piece ``(release, days, amount, tail)`` lies in ``[release, M - tail)``, so for each
    release ``r`` and tail ``t`` the pieces released on or after ``r`` with a tail of at least
    ``t`` fit in ``[r, M - t)``: their unit-days are at most that window's capacity (fluid
    work), and at most its peak capacity times the longest total of whole pieces' lengths one
    unit of the team can run in the window (``_fill``: with 7-, 14- and 21-day reviews, 56
    days of a 60-day window). ``segments`` is the capacity over time
    (``problem.capacity_segments``, the last one lasting for ever)."""
    if not pieces:
        return first
    energy: dict[tuple[int, int], int] = defaultdict(int)
    lengths: dict[tuple[int, int], set[int]] = defaultdict(set)
    for release, days, amount, tail in pieces:
        energy[release, tail] += days * amount
        lengths[release, tail].add(days)
    releases = sorted({r for r, _ in energy})
    tails = sorted({t for _, t in energy})
    lo = max(first, max(r + d + t for r, d, _, t in pieces))
    checks = []
    for r in releases:
        for t in tails:
            keys = [k for k in energy if k[0] >= r and k[1] >= t]
            e = sum(energy[k] for k in keys)
            if e:
                checks.append((r, t, e, tuple(sorted(set().union(*(lengths[k] for k in keys))))))
    fills: dict[tuple[int, ...], list[int]] = {}

    def fits(m: int) -> bool:
        for r, t, e, sizes in checks:
            window = m - t - r
            if window <= 0 or _capacity_between(segments, r, m - t) < e:
                return False
            peak = max(c for d, c in _overlapping(segments, r, m - t))
            if peak * _fill(fills, sizes, window) < e:
                return False
        return True

    if not segments or segments[-1][1] <= 0:
        return lo
    hi = lo
    while not fits(hi):
        hi = lo + 2 * (hi - lo) + 1
    while lo < hi:
        mid = (lo + hi) // 2
        if fits(mid):
            hi = mid
        else:
            lo = mid + 1
    return lo


def _overlapping(segments: list[tuple[int, int]], first: int, last: int) -> list[tuple[int, int]]:
    """The capacity segments meeting the days ``[first, last)``."""
    found = []
    for n, (day, cap) in enumerate(segments):
        stop = segments[n + 1][0] if n + 1 < len(segments) else math.inf
        if day < last and stop > first:
            found.append((day, cap))
    return found


def _fill(fills: dict[tuple[int, ...], list[int]], sizes: tuple[int, ...], window: int) -> int:
    """The largest total of lengths from ``sizes`` (each any number of times) within
    ``window`` days: what one unit of a team can run there (cached per ``sizes``)."""
    best = fills.setdefault(sizes, [0])
    while len(best) <= window:
        w = len(best)
        reach = any(w >= k and (best[w - k] == w - k) for k in sizes)
        best.append(w if reach else best[w - 1])
    return best[window]


class _FloorSolver:
    """Solves ``F(S)`` for subsets of one team's targets (module docstring)."""

    def __init__(
        self,
        problem: Problem,
        pieces: list[Piece],
        workers: int,
        seed: int,
        wall: bool,
    ) -> None:
        self.problem = problem
        self.by_resource: dict[str, list[Piece]] = defaultdict(list)
        for p in pieces:
            self.by_resource[p.resource].append(p)
        self.workers, self.seed, self.wall = workers, seed, wall
        self.resource = {r.id: r for r in problem.resources}
        # set when CP-SAT proves that the team's work cannot fit its windows at all
        self.infeasible = False

    def floor(
        self, resource: str, subset: frozenset[str], es: dict[str, int], share: float
    ) -> tuple[int, float]:
        """A proven lower bound on the day by which every target in ``subset`` has started
        (with the releases in ``es``) and the seconds spent: the fluid floor, raised by
        CP-SAT's bound on whole work when ``share`` (its budget) is positive."""
        first = max(es[c] for c in subset)
        # all of the team's work: what is not before the targets still takes its capacity
        mine = [
            (p, max((t for c, t in p.tails if c in subset), default=None))
            for p in self.by_resource[resource]
        ]
        if all(t is None for _, t in mine):
            return first, 0.0
        r = self.resource[resource]
        fluid = fluid_floor(
            [
                (max(p.release, es.get(p.activity, 0)), p.duration, p.amount, t)
                for p, t in mine
                if t is not None
            ],
            capacity_segments(r.capacity, r.steps, self.problem.horizon),
            first,
        )
        if share <= 0 or len(mine) > CP_PIECES:
            return fluid, 0.0
        m = cp_model.CpModel()
        release = {p.activity: max(p.release, es.get(p.activity, 0)) for p, _ in mine}
        horizon = max(
            first,
            max(max(release[p.activity], p.latest) + p.duration + (t or 0) for p, t in mine),
        )
        done = m.new_int_var(first, horizon, "done")
        start = {}
        items = []
        for p, tail in mine:
            s = m.new_int_var(release[p.activity], max(release[p.activity], p.latest), "")
            start[p.activity] = s
            items.append((m.new_fixed_size_interval_var(s, p.duration, ""), p.amount))
            if tail is not None:
                m.add(done >= s + p.duration + tail)
        for pr in self.problem.precedences:
            if pr.before in start and pr.after in start:
                acts = self.problem.by_id
                lo, _ = pr.start_offsets(acts[pr.before].shortest, acts[pr.after].duration)
                m.add(start[pr.after] >= start[pr.before] + lo)
        end = horizon + 1
        segments = capacity_segments(r.capacity, r.steps, end)
        peak = max(cap for _, cap in segments)
        for n, (day, cap) in enumerate(segments):
            last = segments[n + 1][0] if n + 1 < len(segments) else end
            if cap < peak and last > day:
                items.append((m.new_fixed_size_interval_var(day, last - day, ""), peak - cap))
        m.add_cumulative([i for i, _ in items], [d for _, d in items], peak)
        m.minimize(done)
        solver, status, spent = run(
            m, workers=self.workers, seed=self.seed, limit=share, size=len(mine), wall=self.wall
        )
        self.infeasible |= status == "INFEASIBLE"
        if status not in ("OPTIMAL", "FEASIBLE", "UNKNOWN") or not math.isfinite(
            solver.best_objective_bound
        ):
            # (INFEASIBLE: no schedule within the cap's windows; ``site_bound`` returns the cap)
            return fluid, spent
        return max(fluid, math.ceil(solver.best_objective_bound - 1e-6)), spent
