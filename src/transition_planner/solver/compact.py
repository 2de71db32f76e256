"""Pull free-floating activities back to their earliest start once a schedule is found.

An activity with no cost, no resource, no places and no choice can sit anywhere its
precedences allow without changing either objective; a solver stopped early may leave one
years out (a hand-back meeting in 2020 for a closure in 2016). Moving it to the earliest day
its predecessors allow changes neither objective and breaks nothing: successors only wait for
it, except where it opens a maximum lag, and those are left alone. A ``tight`` activity (a
leaving date) follows what it waits on, so it may move earlier with it; the money is then
recomputed (it can only fall).
"""

from __future__ import annotations

from dataclasses import replace

from transition_planner.problem import Precedence, Problem
from transition_planner.problem.solution import Solution, check, evaluate, relative_gap


def compact(problem: Problem, solution: Solution) -> Solution:
    if not solution.feasible or not solution.starts:
        return solution
    pinned = {d.activity for d in problem.demands}
    pinned |= {u.activity for u in problem.place_uses}
    pinned |= {c.activity for c in problem.choices}
    pinned |= {c.activity for c in problem.step_costs}
    pinned |= {c.activity for c in problem.linear_costs}
    pinned |= set(problem.targets)
    pinned |= {p.before for p in problem.precedences if p.max_lag is not None}
    into: dict[str, list[Precedence]] = {}
    for p in problem.precedences:
        into.setdefault(p.after, []).append(p)
    starts = dict(solution.starts)
    for activity_id in problem.topological_order():
        a = problem.by_id[activity_id]
        if a.tight:
            starts[activity_id] = problem.earliest_tight_start(activity_id, starts)
            continue
        if activity_id in pinned:
            continue
        earliest = max(a.release, 0)
        for p in into.get(activity_id, []):
            ready = problem.time_of(p.before, p.before_at, starts[p.before]) + p.lag
            earliest = max(earliest, ready - (a.duration if p.after_at == "end" else 0))
        if a.allowed_starts is not None:
            earliest = next((d for d in a.allowed_starts if d >= earliest), starts[activity_id])
        if earliest < starts[activity_id]:
            starts[activity_id] = earliest
    if starts == solution.starts or check(problem, starts, solution.choices):
        return solution
    money, people = evaluate(problem, starts, solution.choices)
    if solution.objective is not None and money > solution.objective:
        return solution
    if money == solution.objective:
        return replace(solution, starts=starts)
    gap = None if solution.bound is None else relative_gap(money, solution.bound)
    return replace(solution, starts=starts, objective=money, people_penalty=people, gap=gap)
