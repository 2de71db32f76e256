"""The critical chain: the activities that, one after another, set the date services cease.

Walking back from the end, each step is a tight precedence (the activity started the day its
predecessor allowed) or a capacity hand-over (another activity on the same team ended the day
it started, so it waited for that capacity).
"""

from __future__ import annotations

from collections import defaultdict

from transition_planner.plan.steps import SERVICES_CEASE
from transition_planner.problem.compile import Compiled
from transition_planner.solver import Solution

MAX_CHAIN = 200


def critical_chain(compiled: Compiled, solution: Solution) -> list[str]:
    problem = compiled.problem
    acts = problem.by_id
    starts = solution.starts
    if not starts:
        return []

    def end(i: str) -> int:
        return starts[i] + acts[i].duration

    preds: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for p in problem.precedences:
        if p.before_at == "end" and p.after_at == "start":
            preds[p.after].append((p.before, p.lag))
        elif p.before_at == "start" and p.after_at == "start":
            preds[p.after].append((p.before, p.lag - acts[p.before].duration))
    for c in problem.choices:
        chosen = solution.choices.get(c.activity)
        for o in c.options:
            if o.key == chosen:
                preds[c.activity] += [(b, 0) for b in o.after]
    users: dict[str, list[str]] = defaultdict(list)
    resource_of: dict[str, list[str]] = defaultdict(list)
    for d in problem.demands:
        users[d.resource].append(d.activity)
        resource_of[d.activity].append(d.resource)

    def binding(activity: str, earliest: int) -> bool:
        """It started as soon as it could: on the day allowed, or the first working day after."""
        s = starts[activity]
        if earliest == s:
            return True
        allowed = acts[activity].allowed_starts
        return allowed is not None and earliest < s and not any(earliest <= d < s for d in allowed)

    current = SERVICES_CEASE if SERVICES_CEASE in acts else max(acts, key=lambda i: (end(i), i))
    chain = [current]
    while len(chain) < MAX_CHAIN:
        s = starts[current]
        tight = sorted(b for b, lag in preds[current] if binding(current, end(b) + lag))
        if not tight:
            tight = sorted(
                q
                for r in resource_of[current]
                for q in users[r]
                if q != current and end(q) == s and q not in chain
            )
        if not tight:
            break
        current = max(tight, key=lambda i: (acts[i].duration, i))
        chain.append(current)
    chain.reverse()
    return [i for i in chain if i != SERVICES_CEASE]
