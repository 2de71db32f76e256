"""A lower bound on money by splitting on the month band of each costed target.

An experiment of issue 18 (session 9), kept beside its benchmark and NOT used by ``solve``: on
the seed, generated 100 to 1,000 and Birmingham-scale plans it raised no bound above what
``solve`` already reports (figures in RESULTS.md). With relaxation nodes alone it cannot beat
the root; with team nodes it equals the team bound computed once.

A *target* is an activity whose step costs (a site's running costs by calendar month, rent to
a break date) can still rise between its earliest start and the latest start a known
schedule's cost allows (``bounds.latest_starts``). Its *bands* are the intervals of start days
between consecutive cost steps: within a band its own step costs are constant.

**Search.** A depth-first branch and bound over up to ``MAX_DEPTH`` targets (those waiting on
team work first, each group by its dearest single step). A node fixes a band for each of the
first ``k`` targets and is bounded by a relaxation of the plan restricted to those bands: the
node *problem* (``restrict``: each fixed target released at its band's first day and due to
start by its last) bounded by the sequencing relaxation (``relaxation.py``) or, with
``teams``, by ``site_bounds.site_bound`` (team floors, the order programme and the
relaxation with the floors); with ``exact``, each leaf (every split target fixed) is also
bounded by CP-SAT on the whole model in its part (``exact_bound``: every team, place and cost
as ``solve`` models them), which often proves a part empty at once. A node's bound is never
below its parent's. A node is pruned when its bound reaches the cap (the money of a known
schedule); otherwise its children are the next target's bands, earliest first. The search
stops when the seconds spent reach the budget or ``NODES_PER_SECOND`` nodes per
budget-second have been solved; the nodes left then are open with their parent's bound.

**Why the result is a lower bound.** The bands of a target partition its start days within
``[earliest, latest]``, and every schedule costing at most ``cap`` starts each target in that
range; so the open nodes (leaves, and nodes left when the search stopped) and the pruned nodes
together cover every such schedule. For a node, let ``v`` be its bound capped at ``cap``. A
schedule of its part costing at most ``cap`` is a schedule of the node problem costing at most
``cap``, so it costs at least the relaxation's (or the team bound's, or CP-SAT's) proven bound
on that problem, hence at least ``v``; a schedule of its part costing more than ``cap`` costs
more than ``v`` too. A pruned node holds no schedule cheaper than ``cap``. Hence the least
bound over the open nodes, and ``cap`` if there are none (then the known schedule is
optimal), is at most the cost of every schedule, in particular of the optimum.

**What it proves, and why little (benchmarks/RESULTS.md).** When the relaxation is solved to
optimality at the root, the child holding the root's optimum has the same relaxation bound,
and so has every leaf down that path: with the relaxation alone at the nodes the split can
never pass the root. It rises only through what a node knows that the root does not. With
``teams`` a band's end is a deadline on the team work before its target, which pins that work
and can push a second target on the same team past its own month step (the hand-derived case
in ``tests/solver/test_month_split.py``: the root proves £0, the split the optimum £60). With
``exact`` the whole model proves parts empty or dear. On the shipped and generated plans
measured neither lifts the root relaxation or the team bound except on the seed plan, where
the whole-model leaves reach CP-SAT's own bound (£363,940) and no more: the part with
Bloxwich in the second month and the others in the first stays at that plateau.

Deterministic for a deterministic budget: a fixed node order, each node's solves limited in
deterministic seconds (``NODE_SHARE`` of the budget a node, ``LEAF_SHARE`` a whole-model leaf;
wall seconds with ``wall``), and the stopping rule above.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from ortools.sat.python import cp_model

from transition_planner.problem import Problem
from transition_planner.solver.bounds import earliest_starts, latest_starts, least_offsets
from transition_planner.solver.cpsat import Builder, parameters
from transition_planner.solver.relaxation import longest_paths_to, relaxation_bound
from transition_planner.solver.site_bounds import site_bound

# each node's solves get at most this share of the budget (the root too)
NODE_SHARE = 0.25
# each leaf's whole-model solve (with ``exact``) gets at most this share of the budget
LEAF_SHARE = 0.1
# at most this many targets split (waiting on team work first, dearest step first)
MAX_DEPTH = 4
# nodes per budget-second at most (a node whose solves prove nothing spends almost no time)
NODES_PER_SECOND = 4


@dataclass(frozen=True)
class Band:
    """Start days ``first`` to ``last`` (inclusive) of ``target``, its own step costs constant."""

    target: str
    first: int
    last: int


@dataclass(frozen=True)
class SplitBound:
    """What ``month_split_bound`` proved: the bound on money (None if none), the root's bound,
    the nodes solved, the nodes left open when the budget ran out, and the seconds spent."""

    bound: int | None
    root: int | None
    nodes: int
    open_nodes: int
    spent: float


def target_bands(problem: Problem, cap: int) -> dict[str, list[Band]]:
    """Each target's bands, in order of start day (none of them empty); a target is an
    activity with step costs that can rise between its earliest start and its latest start
    within ``cap``. Activities whose length depends on the start day are left out (their
    step days on the end do not map to one start day). Empty when ``cap`` is below the
    precedence floor."""
    latest = latest_starts(problem, cap)
    if latest is None:
        return {}
    es = earliest_starts(problem)
    acts = problem.by_id
    steps: dict[str, set[int]] = {}
    for sc in problem.step_costs:
        act = acts[sc.activity]
        if act.duration_steps:
            continue
        shift = act.duration if sc.at == "end" else 0
        days = steps.setdefault(act.id, set())
        prev = 0
        for day, cost in sc.steps:
            if cost > prev:
                days.add(day - shift)
            prev = cost
    out: dict[str, list[Band]] = {}
    for a, days in sorted(steps.items()):
        lo, hi = es[a], latest[a]
        cuts = sorted(d for d in days if lo < d <= hi)
        if not cuts:
            continue
        edges = [lo, *cuts, hi + 1]
        out[a] = [Band(a, edges[k], edges[k + 1] - 1) for k in range(len(edges) - 1)]
    return out


def _dearest_step(problem: Problem, bands: list[Band]) -> int:
    """The largest rise of the target's step costs between two of its bands."""
    a = bands[0].target
    cost = [
        sum(
            sc.cost_at(problem.time_of(a, sc.at, b.first))
            for sc in problem.step_costs
            if sc.activity == a
        )
        for b in bands
    ]
    return max(cost[k + 1] - cost[k] for k in range(len(cost) - 1))


def _waits_on_team(problem: Problem, targets: list[str]) -> set[str]:
    """The targets some team work (a demand on a resource) must come before."""
    preds = least_offsets(problem)
    order = {a: n for n, a in enumerate(problem.topological_order())}
    working = {d.activity for d in problem.demands if d.amount > 0}
    return {c for c in targets if working & (set(longest_paths_to(c, preds, order)) - {c})}


def restrict(problem: Problem, fixed: tuple[Band, ...]) -> Problem:
    """``problem`` with each band's target released at its first day and due to start by its
    last (a deadline on its end)."""
    by_target = {b.target: b for b in fixed}
    acts = tuple(
        replace(
            a,
            release=max(a.release, by_target[a.id].first),
            deadline=_earlier(a.deadline, by_target[a.id].last + a.duration),
        )
        if a.id in by_target
        else a
        for a in problem.activities
    )
    return replace(problem, activities=acts)


def exact_bound(
    problem: Problem,
    cap: int,
    fixed: tuple[Band, ...],
    *,
    budget: float,
    workers: int = 2,
    seed: int = 0,
    wall: bool = False,
) -> tuple[int | None, float]:
    """CP-SAT's proven bound on money over the schedules of the whole model (every team,
    place and cost as ``solve`` models them) with each band's target inside it, among those
    costing at most ``cap``: ``cap`` when it proves there are none, None when it proves
    nothing; and the seconds spent (deterministic, or wall with ``wall``)."""
    b = Builder(problem, latest=latest_starts(problem, cap))
    money = cp_model.LinearExpr.sum(b.money)
    b.m.add(money <= cap)
    for band in fixed:
        b.m.add(b.start[band.target] >= band.first)
        b.m.add(b.start[band.target] <= band.last)
    b.m.minimize(money)
    solver = cp_model.CpSolver()
    parameters(
        solver,
        workers=workers,
        seed=seed,
        limit=budget,
        wall_cap=max(60.0, 20.0 * budget),
        size=len(problem.activities),
        wall=wall,
    )
    status = solver.status_name(solver.solve(b.m))
    spent = float(solver.wall_time if wall else solver.deterministic_time)
    if status == "INFEASIBLE":
        return cap, spent
    if status not in ("OPTIMAL", "FEASIBLE", "UNKNOWN") or not math.isfinite(
        solver.best_objective_bound
    ):
        return None, spent
    return min(cap, max(0, math.ceil(solver.best_objective_bound - 1e-6))), spent


def _earlier(deadline: int | None, day: int) -> int:
    return day if deadline is None else min(deadline, day)


def month_split_bound(
    problem: Problem,
    cap: int,
    *,
    budget: float,
    workers: int = 2,
    seed: int = 0,
    wall: bool = False,
    teams: bool = True,
    exact: bool = False,
    depth: int = MAX_DEPTH,
) -> SplitBound:
    """A proven lower bound on money (module docstring) and how it was found; ``cap`` is the
    money of a known schedule, ``budget`` deterministic seconds (wall with ``wall``) for all
    the nodes' solves together. The bound is never above ``cap``."""
    bands = target_bands(problem, cap)
    waiting = _waits_on_team(problem, list(bands))
    # targets waiting on team work first (the teams tie their months), dearest step first
    rank = {a: (a not in waiting, -_dearest_step(problem, bands[a]), a) for a in bands}
    order = sorted(bands, key=rank.__getitem__)[:depth]
    per_node = NODE_SHARE * budget
    per_leaf = LEAF_SHARE * budget
    max_nodes = max(8, math.ceil(NODES_PER_SECOND * budget))
    spent = 0.0
    nodes = 0

    def bound_of(fixed: tuple[Band, ...]) -> int | None:
        """The node's bound (``cap`` when it holds no schedule cheaper than the cap)."""
        nonlocal spent, nodes
        node = restrict(problem, fixed)
        share = max(min(per_node, budget - spent), 0.01)
        if latest_starts(node, cap) is None:
            return cap
        if teams:
            found = site_bound(node, cap, budget=share, workers=workers, seed=seed, wall=wall)
            if found is None:
                value, used, _ = relaxation_bound(
                    node, cap, budget=share, workers=workers, seed=seed, wall=wall
                )
            else:
                value, used = found.bound, found.spent
        else:
            value, used, _ = relaxation_bound(
                node, cap, budget=share, workers=workers, seed=seed, wall=wall
            )
        spent += used
        nodes += 1
        return None if value is None else min(value, cap)

    root = bound_of(())
    if root is None or root >= cap or not order:
        return SplitBound(root, root, nodes, 0, spent)
    least = cap  # no open leaf: every part was pruned, so no schedule is cheaper than the cap
    open_nodes = 0
    # depth-first, children in band order: a stack of (fixed bands, the parent's bound)
    stack: list[tuple[tuple[Band, ...], int]] = [
        ((band,), root) for band in reversed(bands[order[0]])
    ]
    while stack:
        fixed, parent = stack.pop()
        if spent >= budget or nodes >= max_nodes:
            open_nodes += 1
            least = min(least, parent)
            continue
        found = bound_of(fixed)
        # the parent's bound holds for every schedule of the child's part too
        value = parent if found is None else max(found, parent)
        if value >= cap:
            continue
        if exact and len(fixed) == len(order) and spent < budget:
            # a leaf: the whole model in its part (often proved empty at once)
            proved, used = exact_bound(
                problem,
                cap,
                fixed,
                budget=max(min(per_leaf, budget - spent), 0.01),
                workers=workers,
                seed=seed,
                wall=wall,
            )
            spent += used
            value = max(value, proved or 0)
            if value >= cap:
                continue
        if len(fixed) == len(order):
            least = min(least, value)
            continue
        stack.extend(((*fixed, band), value) for band in reversed(bands[order[len(fixed)]]))
    return SplitBound(least, root, nodes, open_nodes, spent)
