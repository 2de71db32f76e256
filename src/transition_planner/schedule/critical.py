"""The critical chain: the activities that, one after another, set the date services cease.

Walking back from the end, each step is, in this order of preference:

1. a tight precedence (the activity started the day its predecessor allowed, or the first
   allowed day after);
2. a capacity hand-over: the activity's team was full the day before it started, so it waited
   for the capacity another activity on that team freed (the one that ended last, on or before
   the start: "the team's previous review when the team was full");
3. otherwise, when the activity still started later than its predecessors allow, the
   predecessor or same-team activity that ended last before it: the nearest work that held it.

So a late closure names the reviews, assessments and moves, and the team, that set its date.
The walk only goes back in time and never revisits an activity, so it ends.
"""

from __future__ import annotations

from collections import defaultdict

from transition_planner.plan.steps import SERVICES_CEASE
from transition_planner.problem import capacity_segments
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
        return problem.time_of(i, "end", starts[i])

    preds: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for p in problem.precedences:
        if p.before_at == "end" and p.after_at == "start":
            preds[p.after].append((p.before, p.lag))
        elif p.before_at == "start" and p.after_at == "start":
            preds[p.after].append((p.before, p.lag - acts[p.before].duration_at(starts[p.before])))
    for c in problem.choices:
        chosen = solution.choices.get(c.activity)
        for o in c.options:
            if o.key == chosen:
                preds[c.activity] += [(b, 0) for b in o.after]
    users: dict[str, list[str]] = defaultdict(list)
    resource_of: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for d in problem.demands:
        if d.amount > 0 and acts[d.activity].duration > 0:
            users[d.resource].append(d.activity)
            resource_of[d.activity].append((d.resource, d.amount))
    capacity = {r.id: (r.capacity, r.steps) for r in problem.resources}

    def in_use(resource: str, day: int, without: str) -> int:
        return sum(
            a.amount
            for a in problem.demands
            if a.resource == resource
            and a.activity != without
            and starts[a.activity] <= day < end(a.activity)
        )

    def cap_on(resource: str, day: int) -> int:
        cap, steps = capacity[resource]
        value = cap
        for first, c in capacity_segments(cap, steps, max(day + 1, 1)):
            if first <= day:
                value = c
        return value

    def binding(activity: str, earliest: int) -> bool:
        """It started as soon as it could: on the day allowed, or the first working day after."""
        s = starts[activity]
        if earliest == s:
            return True
        allowed = acts[activity].allowed_starts
        return allowed is not None and earliest < s and not any(earliest <= d < s for d in allowed)

    def waited_for_capacity(current: str, chain: set[str]) -> list[str]:
        s = starts[current]
        found: list[str] = []
        for resource, amount in resource_of[current]:
            if in_use(resource, s - 1, current) + amount <= cap_on(resource, s - 1):
                continue  # room the day before: not held by this team
            ended = [q for q in users[resource] if q != current and q not in chain and end(q) <= s]
            if ended:
                last = max(end(q) for q in ended)
                found += [q for q in ended if end(q) == last]
        return sorted(found)

    def nearest(current: str, chain: set[str]) -> list[str]:
        s = starts[current]
        candidates = [b for b, _ in preds[current] if b not in chain and end(b) <= s]
        candidates += [
            q
            for r, _ in resource_of[current]
            for q in users[r]
            if q != current and q not in chain and end(q) <= s
        ]
        if not candidates:
            return []
        last = max(end(q) for q in candidates)
        return sorted({q for q in candidates if end(q) == last})

    current = SERVICES_CEASE if SERVICES_CEASE in acts else max(acts, key=lambda i: (end(i), i))
    chain = [current]
    seen = {current}
    while len(chain) < MAX_CHAIN:
        tight = sorted(b for b, lag in preds[current] if binding(current, end(b) + lag))
        if not tight:
            tight = waited_for_capacity(current, seen)
        if not tight and starts[current] > max(0, acts[current].release):
            tight = nearest(current, seen)
        tight = [t for t in tight if t not in seen]
        if not tight:
            break
        current = max(tight, key=lambda i: (acts[i].duration, i))
        chain.append(current)
        seen.add(current)
    chain.reverse()
    return [i for i in chain if i != SERVICES_CEASE]
