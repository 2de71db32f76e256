"""Cost rates for the greedy's second order: which work to do first when money is at stake.

Running costs, rent and pay rise every month an activity waits, and the work that holds it up
(reviews before a closure, say) competes for the same teams. Smith's rule for a single machine
-- do first the job with the most cost per day of delay per unit of work -- gives each costed
activity the index ``rate / work``: ``rate`` is what a day's delay costs there and at every
costed activity after it, ``work`` the resource-days of everything that must come before it.
Each activity takes the highest index among the costed activities it holds up, so a site's
reviews all carry their closure's index and the dearest site per unit of review goes first.
"""

from __future__ import annotations

from collections import defaultdict

from transition_planner.problem import Problem
from transition_planner.solver.bounds import earliest_starts

# Steps are monthly or at break dates: measure the rise over a quarter to see past one step.
WINDOW = 91


def cost_rates(problem: Problem) -> dict[str, float]:
    """Each activity's Smith index (0 for activities no cost waits on)."""
    acts = problem.by_id
    es = earliest_starts(problem)
    slope: dict[str, float] = defaultdict(float)
    for sc in problem.step_costs:
        t = problem.time_of(sc.activity, sc.at, es[sc.activity])
        slope[sc.activity] += (sc.cost_at(t + WINDOW) - sc.cost_at(t)) / WINDOW
    for lc in problem.linear_costs:
        slope[lc.activity] += lc.per_day / lc.divisor
    work: dict[str, int] = defaultdict(int)
    for d in problem.demands:
        work[d.activity] += max(d.amount, 0) * acts[d.activity].duration
    preds: dict[str, list[str]] = defaultdict(list)
    for before, after in problem.edges():
        preds[after].append(before)
    costed = sorted(i for i, s in slope.items() if s > 0)
    above = {c: ancestors(c, preds) for c in costed}
    # what a day's delay at c costs: c itself and every costed activity that waits on it
    rate: dict[str, float] = defaultdict(float)
    for later in costed:
        for c in above[later] & above.keys():
            rate[c] += slope[later]
    index: dict[str, float] = {i: 0.0 for i in acts}
    for c in costed:
        total = sum(work[a] for a in above[c])
        rho = rate[c] / max(total, 1)
        for a in above[c]:
            if rho > index[a]:
                index[a] = rho
    return index


def ancestors(activity: str, preds: dict[str, list[str]]) -> set[str]:
    """``activity`` and everything that must come before it."""
    return reachable([activity], preds)


def reachable(seeds: list[str], links: dict[str, list[str]]) -> set[str]:
    """``seeds`` and every activity reached from them along ``links`` (predecessors for what
    must come before, successors for what waits on them)."""
    seen = set(seeds)
    stack = list(seeds)
    while stack:
        for b in links[stack.pop()]:
            if b not in seen:
                seen.add(b)
                stack.append(b)
    return seen
