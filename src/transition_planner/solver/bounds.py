"""Start windows implied by a cost cap: no activity may sit where its own costs alone exceed
what a known schedule costs.

Given an upper bound ``cap`` on money (the greedy schedule's cost), every other cost is at
least its value at the earliest possible time, so an activity's own step and linear costs may
rise above their earliest value by at most ``cap - least``. That gives a latest day for each
costed activity; precedences carry it back to the activities before it (a move must come
before the closure it holds up). These bounds are implied by the model plus ``money <= cap``,
so they remove no schedule that could be optimal; they shrink the start domains (working-day
domains have a hole every weekend, and long ones make CP-SAT's presolve slow) and the number
of cost literals.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections import defaultdict
from fractions import Fraction

from transition_planner.problem import Problem


def least_offsets(problem: Problem) -> dict[str, list[tuple[str, int]]]:
    """Per activity, each predecessor and the least start-to-start offset from it (days)."""
    acts = problem.by_id
    preds: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for p in problem.precedences:
        # a variable length counts at its shortest: still a lower bound
        lo, _ = p.start_offsets(acts[p.before].shortest, acts[p.after].duration)
        preds[p.after].append((p.before, lo))
    return preds


def earliest_starts(problem: Problem) -> dict[str, int]:
    """A lower bound on each start: releases, allowed starts and minimum lags, forward."""
    acts = problem.by_id
    es: dict[str, int] = {}
    preds = least_offsets(problem)
    option_release = {
        c.activity: min((o.release for o in c.options), default=0) for c in problem.choices
    }
    for i in problem.topological_order():
        a = acts[i]
        day = max(0, a.release, option_release.get(i, 0))
        for b, lo in preds[i]:
            day = max(day, es[b] + lo)
        if a.allowed_starts:
            k = bisect_left(a.allowed_starts, day)
            day = (
                a.allowed_starts[min(k, len(a.allowed_starts) - 1)]
                if k < len(a.allowed_starts)
                else day
            )
        es[i] = day
    return es


def least_cost(problem: Problem) -> int:
    """What money would be with every activity at its earliest start and every choice at its
    cheapest option: a lower bound that needs no solver (the precedence bound)."""
    es = earliest_starts(problem)
    least = 0
    for sc in problem.step_costs:
        least += sc.cost_at(problem.time_of(sc.activity, sc.at, es[sc.activity]))
    for lc in problem.linear_costs:
        least += lc.cost_at(problem.time_of(lc.activity, lc.at, es[lc.activity]))
    least += sum(min((o.cost for o in c.options), default=0) for c in problem.choices)
    return least


def latest_starts(problem: Problem, cap: int) -> dict[str, int] | None:
    """The latest start of each activity in any schedule costing at most ``cap`` (None when
    ``cap`` is below the least possible cost, which means the bounds would be unsound)."""
    acts = problem.by_id
    es = earliest_starts(problem)
    own_steps: dict[str, list[tuple[int, tuple[tuple[int, int], ...], int]]] = defaultdict(list)
    for sc in problem.step_costs:
        shift = acts[sc.activity].duration if sc.at == "end" else 0
        own_steps[sc.activity].append((shift, sc.steps, sc.cost_at(es[sc.activity] + shift)))
    per_day: dict[str, list[tuple[Fraction, int]]] = defaultdict(list)
    for lc in problem.linear_costs:
        shift = acts[lc.activity].duration if lc.at == "end" else 0
        per_day[lc.activity].append((Fraction(lc.per_day, lc.divisor), shift))
    least = least_cost(problem)
    spare = cap - least
    if spare < 0:
        return None
    latest: dict[str, int] = {}
    for a in problem.activities:
        hi = a.latest_start_ending_by(problem.horizon)
        if a.deadline is not None:
            hi = min(hi, a.latest_start_ending_by(a.deadline))
        hi = min(hi, _last_affordable(a.id, es[a.id], hi, own_steps, per_day, spare))
        latest[a.id] = hi
    succs: dict[str, list[tuple[str, int]]] = defaultdict(list)
    succs_end: dict[str, list[tuple[str, int]]] = defaultdict(list)
    max_lags: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for p in problem.precedences:
        variable = bool(acts[p.before].duration_steps) and p.before_at == "end"
        if variable:
            # after.start >= before.end + lag: the last start of before whose end allows it
            succs_end[p.before].append((p.after, p.lag))
        else:
            lo, most = p.start_offsets(acts[p.before].duration, acts[p.after].duration)
            succs[p.before].append((p.after, lo))
        most = p.start_offsets(acts[p.before].duration, acts[p.after].duration)[1]
        if most is not None:
            # the longest length of before: a latest start no tighter than the truth
            max_lags[p.after].append((p.before, most))
    order = problem.topological_order()
    for _ in range(2):
        for i in reversed(order):
            for j, lo in succs[i]:
                latest[i] = min(latest[i], latest[j] - lo)
            for j, lag in succs_end[i]:
                latest[i] = min(latest[i], acts[i].latest_start_ending_by(latest[j] - lag))
        for i in order:
            for b, hi in max_lags[i]:
                latest[i] = min(latest[i], latest[b] + hi)
    return latest


def _last_affordable(
    activity: str,
    earliest: int,
    hi: int,
    own_steps: dict[str, list[tuple[int, tuple[tuple[int, int], ...], int]]],
    per_day: dict[str, list[tuple[Fraction, int]]],
    spare: int,
) -> int:
    """The last start in ``[earliest, hi]`` whose own extra cost stays within ``spare``."""
    steps = own_steps.get(activity, [])
    linear = per_day.get(activity, [])
    if not steps and not linear:
        return hi
    slope = sum((k for k, _ in linear), Fraction(0))
    # each linear cost is rounded to the unit, so its rise over a span is at least the exact
    # rise less one per cost
    slack = spare + len(linear)
    if slope > 0:
        hi = min(hi, earliest + math.floor(slack / slope))
    if not steps:
        return hi
    # the extra cost only rises at step days: find the first start where it exceeds spare
    days = sorted(
        {d - shift for shift, st, _ in steps for d, _ in st if earliest < d - shift <= hi}
    )
    for day in days:
        extra = sum(_cost_at(st, day + shift) - base for shift, st, base in steps)
        if extra + slope * (day - earliest) > slack:
            return day - 1
    return hi


def _cost_at(steps: tuple[tuple[int, int], ...], day: int) -> int:
    cost = 0
    for d, c in steps:
        if d > day:
            break
        cost = c
    return cost
