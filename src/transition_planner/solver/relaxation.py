"""A second lower bound on money: the plan with each team's capacity replaced by a sequence.

CP-SAT's own bound on a large plan is the precedence bound: its LP sees neither the teams'
capacity nor, through big-M links, the monthly steps of the costs. This relaxation keeps every
precedence, window, choice and cost, drops the cumulative resources and places, and puts back
what matters most for money: a team cannot finish everyone's work at once, and a receiving
site cannot take more people in all than its places.

For a resource and a costed activity ``c`` (a closure, say), the work that must come before
``c`` on that resource is split by its tail -- the least time from the end of that work to the
start of ``c`` (reviews two weeks before a move, carers' assessments up to the day) -- into a
few jobs. Jobs of different costed activities never share work. The relaxation puts each
resource's jobs one after another on a single machine, each ``work / peak capacity`` days long
(rounded down), all free to start on the first day any of them could.

Why this removes no schedule: in a real schedule each job's work is done by some day ``F``.
Run the jobs one by one in order of ``F``: the ``k``-th finishes after the work of the first
``k`` at full peak capacity, which is no later than its ``F`` (all of that work was done by
then). So every costed activity can keep its real day, and costs never fall when days move
later, hence the relaxation's optimum (and any bound CP-SAT proves on it) is a lower bound on
the plan's optimum.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, NamedTuple

from ortools.sat.python import cp_model

from transition_planner.problem import Problem, capacity_segments
from transition_planner.solver.bounds import earliest_starts, latest_starts, least_offsets
from transition_planner.solver.cpsat import Builder, run

# tails closer than this share a job: more jobs than this per costed activity buy little
MERGE_TAILS = 7


@dataclass(frozen=True)
class Job:
    """Work on ``resource`` that must end ``tail`` days before each ``(activity, tail)`` starts."""

    resource: str
    activities: frozenset[str]
    length: int
    waits: tuple[tuple[str, int], ...]


def sequencing_jobs(problem: Problem) -> dict[str, tuple[int, list[Job]]]:
    """Per resource: the first day any job could start, and its jobs (only lengths >= 1)."""
    acts = problem.by_id
    order = {a: n for n, a in enumerate(problem.topological_order())}
    preds = least_offsets(problem)  # a variable length at its shortest keeps the bound sound
    uses: dict[str, dict[str, int]] = defaultdict(dict)
    for d in problem.demands:
        if d.amount > 0 and acts[d.activity].duration > 0:
            uses[d.resource][d.activity] = d.amount * acts[d.activity].duration
    costed = sorted(
        {sc.activity for sc in problem.step_costs if any(c for _, c in sc.steps)}
        | {lc.activity for lc in problem.linear_costs if lc.per_day > 0}
    )
    # the longest start-to-start path from each ancestor to each costed activity
    reach = {c: _distances(c, preds, order) for c in costed}
    es = earliest_starts(problem)
    out: dict[str, tuple[int, list[Job]]] = {}
    for r in problem.resources:
        work = uses.get(r.id, {})
        peak = max([r.capacity, *(cap for _, cap in r.steps)])
        if not work or peak <= 0:
            continue
        by_set: dict[frozenset[str], list[str]] = defaultdict(list)
        for c in costed:
            mine = frozenset(a for a in reach[c] if a in work)
            if mine:
                by_set[mine].append(c)
        taken: set[str] = set()
        jobs: list[Job] = []
        for mine in sorted(by_set, key=lambda s: (len(s), min(s))):
            if not mine.isdisjoint(taken):
                continue
            taken |= mine
            waiting = by_set[mine]
            tail_of = {a: reach[waiting[0]][a] - acts[a].duration for a in mine}
            for band in _bands(mine, tail_of):
                length = sum(work[a] for a in band) // peak
                if length < 1:
                    continue
                waits = tuple(
                    (c, min(reach[c][a] - acts[a].duration for a in band)) for c in waiting
                )
                jobs.append(Job(r.id, band, length, waits))
        if len(jobs) > 0:
            first = min(es[a] for job in jobs for a in job.activities)
            out[r.id] = (max(first, _first_open(r.capacity, r.steps, problem.horizon)), jobs)
    return out


def longest_paths_to(
    target: str, preds: dict[str, list[tuple[str, int]]], order: dict[str, int]
) -> dict[str, int]:
    """Longest start-offset path from every ancestor of ``target`` to it (target itself: 0).

    ``preds[x]`` lists ``(before, least start offset)`` into ``x``; ``order`` ranks activities
    topologically. A schedule meeting the precedences has ``start[target] - start[a] >=
    dist[a]`` for each ancestor ``a``."""
    return _distances(target, preds, order)


def _distances(
    target: str, preds: dict[str, list[tuple[str, int]]], order: dict[str, int]
) -> dict[str, int]:
    """Longest start-offset path from every ancestor of ``target`` to it (target itself: 0)."""
    dist = {target: 0}
    frontier = [target]
    seen = {target}
    while frontier:
        for b, _ in preds[frontier.pop()]:
            if b not in seen:
                seen.add(b)
                frontier.append(b)
    for x in sorted(seen, key=order.__getitem__, reverse=True):
        for b, lo in preds[x]:
            if x in dist and dist[x] + lo > dist.get(b, -math.inf):
                dist[b] = dist[x] + lo
    return dist


def _bands(activities: frozenset[str], tail_of: dict[str, int]) -> list[frozenset[str]]:
    """``activities`` split by tail: a new band wherever the tail jumps by MERGE_TAILS days."""
    ordered = sorted(activities, key=lambda a: (tail_of[a], a))
    bands: list[list[str]] = [[ordered[0]]]
    for a in ordered[1:]:
        if tail_of[a] - tail_of[bands[-1][0]] >= MERGE_TAILS:
            bands.append([])
        bands[-1].append(a)
    return [frozenset(b) for b in bands]


def _first_open(capacity: int, steps: tuple[tuple[int, int], ...], horizon: int) -> int:
    """The first day the resource has any capacity at all."""
    for first, cap in capacity_segments(capacity, steps, horizon):
        if cap > 0:
            return first
    return horizon


def add_sequencing(model: cp_model.CpModel, problem: Problem, start: dict[str, Any]) -> int:
    """Add each resource's jobs to ``model`` as a single machine; the number of jobs added."""
    added = 0
    for resource, (first, jobs) in sequencing_jobs(problem).items():
        intervals = []
        for n, job in enumerate(jobs):
            s = model.new_int_var(first, problem.horizon, f"job:{resource}:{n}")
            intervals.append(model.new_fixed_size_interval_var(s, job.length, ""))
            for activity, tail in job.waits:
                model.add(start[activity] >= s + job.length + tail)
            added += 1
        model.add_no_overlap(intervals)
    return added


def _place_totals(b: Builder, problem: Problem) -> int:
    """Places per site: every place taken and never given back is still held at the end of
    time, so the takers fit the last capacity. The number of sites so limited."""
    added = 0
    for pl in problem.places:
        final = capacity_segments(pl.capacity, pl.steps, b.end_of_time)[-1][1]
        fixed = sum(
            u.amount
            for u in problem.place_uses
            if u.places == pl.id and u.amount > 0 and not u.frees
        )
        chosen = [
            o.amount * b.option_lit[c.activity][o.key]
            for c in problem.choices
            for o in c.options
            if o.places == pl.id and o.amount > 0
        ]
        if chosen or fixed:
            b.m.add(cp_model.LinearExpr.sum(chosen) + fixed <= final)
            added += 1
    return added


def relaxation_model(problem: Problem, cap: int) -> Builder | None:
    """The relaxation's model, money capped at ``cap`` and minimised (None when ``cap`` is
    below the precedence floor or no team or place limit applies). Callers may add implied
    constraints (``site_bounds``) before ``solve_bound``."""
    latest = latest_starts(problem, cap)
    if latest is None:
        return None
    b = Builder(problem, latest=latest, stocks=False, ladder=True)
    if not add_sequencing(b.m, problem, b.start) + _place_totals(b, problem):
        return None
    money = cp_model.LinearExpr.sum(b.money)
    b.m.add(money <= cap)
    b.m.minimize(money)
    return b


class Bound(NamedTuple):
    """A proven lower bound on money (None if none was proved), the seconds spent, and the
    relaxation's own best schedule as start days by activity id (None if it found none): not a
    schedule of the plan (teams and places are relaxed), but where its costed activities --
    the closures -- fall is a guide for the closure search."""

    bound: int | None
    spent: float
    guide: dict[str, int] | None = None


def solve_bound(
    b: Builder,
    size: int,
    *,
    budget: float,
    workers: int = 2,
    seed: int = 0,
    wall_cap: float | None = None,
    wall: bool = False,
) -> Bound:
    """CP-SAT's proven bound on ``b``'s objective, the seconds spent and its best schedule.

    ``wall_cap`` (default: 60 s or 20 wall seconds per deterministic second, whichever is
    more, as for the schedule's own solve) only guards against a runaway solve: the bound and
    the guide follow the deterministic ``budget`` unless it is reached."""
    solver, status, spent = run(
        b.m, workers=workers, seed=seed, limit=budget, size=size, wall=wall, wall_cap=wall_cap
    )
    guide = None
    if status in ("OPTIMAL", "FEASIBLE"):
        guide = {a: int(solver.value(v)) for a, v in b.start.items()}
    # without a solution CP-SAT still reports the bound it proved (the LP's, at least)
    if status not in ("OPTIMAL", "FEASIBLE", "UNKNOWN") or not math.isfinite(
        solver.best_objective_bound
    ):
        return Bound(None, spent, guide)
    return Bound(max(0, math.ceil(solver.best_objective_bound - 1e-6)), spent, guide)


def relaxation_bound(
    problem: Problem,
    cap: int,
    *,
    budget: float,
    workers: int = 2,
    seed: int = 0,
    wall_cap: float | None = None,
    wall: bool = False,
) -> Bound:
    """A proven lower bound on money from the sequencing relaxation (None if it proves none),
    the deterministic seconds spent (``budget`` and the seconds are wall-clock with ``wall``)
    and the relaxation's own schedule (``Bound.guide``).

    ``cap`` is the cost of a known schedule; the relaxation is solved among schedules costing
    at most that, which still bounds the optimum (the optimum costs no more than ``cap``).
    """
    b = relaxation_model(problem, cap)
    if b is None:
        return Bound(None, 0.0)
    return solve_bound(
        b,
        len(problem.activities),
        budget=budget,
        workers=workers,
        seed=seed,
        wall_cap=wall_cap,
        wall=wall,
    )
