"""A deterministic serial schedule-generation scheme: the baseline and the optimiser's hint.

Activities are taken one at a time, the most urgent first (smallest latest start, derived from
deadlines, the first day a step cost bites and the successors' latest starts; ties by id), and
each is put at the earliest day its predecessors, release, allowed starts, resources and places
permit. An activity in a chain with a maximum lag (a move and its post-move review 6 to 8
weeks later) is placed as soon as what it follows is, so the chain books its window before
later work fills it. A choice takes the first option (in the caller's preference order) that
does not make the activity late, else the option that lets it start soonest. Whatever the
greedy cannot respect is reported: the solution is then UNKNOWN, never FEASIBLE.
"""

from __future__ import annotations

import heapq
import time
from bisect import bisect_left
from dataclasses import dataclass

import numpy as np

from transition_planner.problem import Activity, At, Option, Problem, capacity_segments
from transition_planner.problem.solution import Solution, check, evaluate
from transition_planner.solver.priority import cost_rates


@dataclass(frozen=True)
class _Edge:
    """A precedence as start offsets; ``end_lag`` is set (and the offsets use the longest
    length) when it runs from the end of a variable-length activity: then the follower starts
    ``end_lag`` days after that activity's actual end."""

    other: str
    lo: int
    hi: int | None
    end_lag: int | None = None


def greedy(problem: Problem) -> Solution:
    """Schedule ``problem`` greedily, twice: most urgent first, and dearest delay per unit of
    work first (``priority.cost_rates``). The cheaper schedule that keeps every hard
    constraint wins (the first on a tie); if neither does, the urgent-first one, UNKNOWN."""
    began = time.perf_counter()
    urgent = attempt(problem, None)
    rates = cost_rates(problem)
    best = urgent
    if any(rates.values()):
        by_cost = attempt(problem, rates)
        if better(by_cost, urgent):
            best = by_cost
    starts, choices, money, people, faults = best
    return Solution(
        status="UNKNOWN" if faults else "FEASIBLE",
        starts=starts,
        choices=choices,
        objective=money,
        people_penalty=people,
        bound=None,
        gap=None,
        wall_time=time.perf_counter() - began,
        solver="greedy",
        notes=tuple(faults),
    )


Attempt = tuple[dict[str, int], dict[str, str], int | None, int | None, list[str]]
"""(starts, choices, money, people, broken hard constraints) of one greedy run."""


def attempt(
    problem: Problem, rank: dict[str, float] | None, due: dict[str, int] | None = None
) -> Attempt:
    """One greedy run with ``rank`` (higher first; None: most urgent first): (starts,
    choices, money, people, broken hard constraints). Money and people are None when an
    activity's choice was left open.

    ``due`` (activity id -> day its end should come by, e.g. the day before a month step
    bites) replaces, for those activities, the first day their step costs bite in their
    latest starts (deadlines and allowed starts still apply), and through the backward pass
    sets their predecessors': the urgency among equal ranks, and a choice then prefers an
    option that meets it. A due date is a preference, never a hard constraint."""
    starts, choices = _Scheduler(problem, rank, due).run()
    faults = check(problem, starts, choices)
    money: int | None = None
    people: int | None = None
    if all(c.activity in choices for c in problem.choices):
        money, people = evaluate(problem, starts, choices)
    return starts, choices, money, people, faults


def better(a: Attempt, b: Attempt) -> bool:
    """``a`` strictly better than ``b``: feasible where b is not, else cheaper, then kinder."""
    if a[4] or a[2] is None:
        return False
    if b[4] or b[2] is None:
        return True
    return (a[2], a[3] or 0) < (b[2], b[3] or 0)


class _Scheduler:
    def __init__(
        self,
        problem: Problem,
        rank: dict[str, float] | None = None,
        due: dict[str, int] | None = None,
    ) -> None:
        self.p = problem
        self.rank = rank
        self.due = due or {}
        self.h = problem.horizon
        acts = problem.by_id
        self.preds: dict[str, list[_Edge]] = {i: [] for i in acts}
        self.succs: dict[str, list[_Edge]] = {i: [] for i in acts}
        for pr in problem.precedences:
            lo, hi = pr.start_offsets(acts[pr.before].duration, acts[pr.after].duration)
            end_lag = pr.lag if acts[pr.before].duration_steps and pr.before_at == "end" else None
            self.preds[pr.after].append(_Edge(pr.before, lo, hi, end_lag))
            self.succs[pr.before].append(_Edge(pr.after, lo, hi, end_lag))
        self.waits_for: dict[str, set[str]] = {i: set() for i in acts}
        for b, a in problem.edges():
            self.waits_for[a].add(b)
        # activities in a chain with a maximum lag (a move and its post-move review)
        self.tied = {
            i
            for i, edges in self.preds.items()
            for e in edges
            if e.hi is not None
            for i in (i, e.other)
        }
        self.latest = self._latest_starts()
        # one more day than the horizon: a place taken on the horizon day still counts
        self.slack = {s.id: _per_day(s.capacity, s.steps, self.h + 1) for s in problem.stocks()}
        # per stock, the least slack from each day to the end (for places), rebuilt when stale
        self.tail_min: dict[str, np.ndarray] = {}
        self.demands: dict[str, list[tuple[str, int]]] = {i: [] for i in acts}
        for d in problem.demands:
            if d.amount > 0 and acts[d.activity].duration > 0:
                self.demands[d.activity].append((d.resource, d.amount))
        self.uses: dict[str, list[tuple[str, int, At, bool]]] = {}
        for u in problem.place_uses:
            if u.amount > 0 or u.frees:
                self.uses.setdefault(u.activity, []).append((u.places, u.amount, u.at, u.frees))
            if u.frees:  # until it is scheduled, assume the place is held to the end
                self._add(u.places, 0, self.h + 1, u.amount)
        self.group_of: dict[str, list[int]] = {}
        for n, sc in enumerate(problem.same_choices):
            for i in sc.activities:
                self.group_of.setdefault(i, []).append(n)
        self.group_key: dict[int, str] = {}
        self.starts: dict[str, int] = {}
        self.choices: dict[str, str] = {}

    def _latest_starts(self) -> dict[str, int]:
        p = self.p
        due = {a.id: self.h for a in p.activities}
        for a in p.activities:
            if a.deadline is not None:
                due[a.id] = min(due[a.id], a.deadline)
            if a.allowed_starts:
                due[a.id] = min(due[a.id], a.allowed_starts[-1] + a.duration)
        for sc in p.step_costs:
            if sc.activity in self.due:
                continue  # the caller's due date replaces the first day its cost bites
            first = next((d for d, c in sc.steps if c > 0), None)
            if first is not None:
                shift = p.by_id[sc.activity].duration if sc.at == "start" else 0
                due[sc.activity] = min(due[sc.activity], first - 1 + shift)
        for i, day in self.due.items():
            due[i] = min(due[i], day)
        latest = {i: due[i] - a.duration for i, a in p.by_id.items()}
        for i in reversed(p.topological_order()):
            for e in self.succs[i]:
                latest[i] = min(latest[i], latest[e.other] - e.lo)
        return latest

    def run(self) -> tuple[dict[str, int], dict[str, str]]:
        waiting = {i: len(w) for i, w in self.waits_for.items()}
        followers: dict[str, list[str]] = {i: [] for i in waiting}
        for a, befores in self.waits_for.items():
            for b in befores:
                followers[b].append(a)
        ready = [self._key(self.latest[i], i) for i, n in waiting.items() if n == 0]
        heapq.heapify(ready)
        now: list[str] = []  # followers held to what was just placed by a maximum lag
        while ready or now:
            i = now.pop() if now else heapq.heappop(ready)[-1]
            self._place(self.p.by_id[i])
            for j in reversed(followers[i]):
                waiting[j] -= 1
                if waiting[j] > 0:
                    continue
                if any(e.other == i and e.hi is not None for e in self.preds[j]):
                    now.append(j)
                else:
                    # in a chain with a maximum lag: as urgent as what it follows
                    key = min(self.latest[j], self.latest[i]) if j in self.tied else self.latest[j]
                    heapq.heappush(ready, self._key(key, j))
        return self.starts, self.choices

    def _key(self, latest: int, activity: str) -> tuple[float, int, str]:
        """Heap order: the higher cost rate first (when ranking by cost), then urgency, id."""
        rate = self.rank[activity] if self.rank is not None else 0.0
        return -rate, latest, activity

    def _place(self, a: Activity) -> None:
        choice = self.p.choice_of.get(a.id)
        options = self._candidate_options(a.id, choice.options) if choice else []
        if not options:  # no choice, or none left to choose (then check() reports it)
            start = self._earliest(a, None)
            if start is not None:
                start = self._make_room(a, None, start)
            self._commit(a, self._fallback(a, None) if start is None else start, None)
            return
        found = [(o, self._earliest(a, o)) for o in options]
        on_time = [(o, s) for o, s in found if s is not None and s <= self.latest[a.id]]
        if on_time:
            option, start = on_time[0]
        else:
            feasible = [(s, n) for n, (_, s) in enumerate(found) if s is not None]
            if feasible:
                start, n = min(feasible)
                option = found[n][0]
            else:
                option = options[0]
                start = self._fallback(a, option)
        if start is not None and self._earliest(a, option, start) == start:
            start = self._make_room(a, option, start)
        self.choices[a.id] = option.key
        for n in self.group_of.get(a.id, []):
            self.group_key.setdefault(n, option.key)
        self._commit(a, start, option)

    def _candidate_options(self, activity: str, options: tuple[Option, ...]) -> list[Option]:
        preferred: list[str] = []
        for n in self.group_of.get(activity, []):
            group = self.p.same_choices[n]
            key = self.group_key.get(n)
            if key is not None and group.penalty is None:
                return [o for o in options if o.key == key]
            if key is not None:
                preferred.append(key)
        ordered = [o for o in options if o.key in preferred] + [
            o for o in options if o.key not in preferred
        ]
        # the first member of a hard group only picks an option with room for the whole group
        roomy = [o for o in ordered if self._group_fits(activity, o)]
        return roomy or ordered

    def _group_fits(self, activity: str, option: Option) -> bool:
        if option.places is None:
            return True
        total = 0
        for n in self.group_of.get(activity, []):
            group = self.p.same_choices[n]
            if group.penalty is not None or n in self.group_key:
                continue
            for member in group.activities:
                keys = {o.key: o for o in self.p.choice_of[member].options}
                if option.key not in keys:
                    return False
                if member != activity and keys[option.key].places == option.places:
                    total += keys[option.key].amount
        return self._first_free_day(option.places, total + option.amount) <= self.h

    def _make_room(self, a: Activity, option: Option | None, start: int) -> int:
        """Delay ``a`` until every follower tied to it by a maximum lag (and waiting for
        nothing else) fits its window too; ``start`` if no later day does."""
        tied = [
            (self.p.by_id[e.other], e)
            for e in self.succs[a.id]
            if e.hi is not None
            and e.other not in self.p.choice_of
            and all(x.other in self.starts or x.other == a.id for x in self.preds[e.other])
        ]
        current: int | None = start
        while tied and current is not None:
            self.starts[a.id] = current
            late = 0
            for j, e in tied:
                if self._earliest(j, None) is None:
                    free = self._earliest(j, None, loose=a.id)
                    if free is None:
                        late = -1
                        break
                    late = max(late, free - (e.hi or 0))
            del self.starts[a.id]
            if late == 0:
                return current
            if late < 0:
                break
            current = self._earliest(a, option, max(current + 1, late))
        return start

    def _earliest(
        self, a: Activity, option: Option | None, at_least: int = 0, loose: str | None = None
    ) -> int | None:
        """The first day ``a`` can start (not before ``at_least``; the maximum lag after
        ``loose`` ignored), or None."""
        lo = max(a.release, 0, option.release if option else 0, at_least)
        hi = a.latest_start_ending_by(self.h)
        for e in self.preds[a.id]:
            lo = max(lo, self._after(e))
            if e.hi is not None and e.other != loose:
                hi = min(hi, self._before(e))
        for b in option.after if option else ():
            lo = max(lo, self.p.time_of(b, "end", self.starts[b]))
        for places, amount, at in self._takes(a, option):
            day = self._first_free_day(places, amount)
            lo = max(lo, day - (a.duration if at == "end" else 0))
        start: int | None = lo
        while start is not None and start <= hi:
            if a.allowed_starts is not None:
                k = bisect_left(a.allowed_starts, start)
                if k == len(a.allowed_starts) or a.allowed_starts[k] > hi:
                    return None
                start = a.allowed_starts[k]
            clash = self._clash(a, start)
            if clash is None:
                return start
            start = clash + 1
        return None

    def _after(self, e: _Edge) -> int:
        """The first start an edge from a placed activity allows."""
        if e.end_lag is None:
            return self.starts[e.other] + e.lo
        return self.p.time_of(e.other, "end", self.starts[e.other]) + e.end_lag

    def _before(self, e: _Edge) -> int:
        """The last start an edge's maximum lag allows."""
        assert e.hi is not None
        if e.end_lag is None:
            return self.starts[e.other] + e.hi
        return self.p.time_of(e.other, "end", self.starts[e.other]) + e.hi - e.lo + e.end_lag

    def _fallback(self, a: Activity, option: Option | None) -> int:
        """Where to put an activity nothing fits: precedence-feasible, resources ignored."""
        start = max(a.release, 0, option.release if option else 0)
        for e in self.preds[a.id]:
            start = max(start, self._after(e))
        if a.allowed_starts is not None:
            k = bisect_left(a.allowed_starts, start)
            start = a.allowed_starts[k] if k < len(a.allowed_starts) else start
        return start

    def _takes(self, a: Activity, option: Option | None) -> list[tuple[str, int, At]]:
        takes = [
            (places, amount, at)
            for places, amount, at, frees in self.uses.get(a.id, ())
            if not frees and amount > 0
        ]
        if option is not None and option.places is not None and option.amount > 0:
            takes.append((option.places, option.amount, option.at))
        return takes

    def _clash(self, a: Activity, start: int) -> int | None:
        """The last day in the activity's run where a resource would overflow."""
        worst: int | None = None
        end = min(start + a.duration, self.h)
        for resource, amount in self.demands[a.id]:
            short = np.flatnonzero(self.slack[resource][start:end] < amount)
            if short.size:
                day = start + int(short[-1])
                worst = day if worst is None else max(worst, day)
        return worst

    def _first_free_day(self, places: str, amount: int) -> int:
        """The first day from which ``amount`` more places stay free up to the horizon."""
        tail = self.tail_min.get(places)
        if tail is None:
            tail = np.minimum.accumulate(self.slack[places][::-1])[::-1]
            self.tail_min[places] = tail
        # the least slack from a day on never falls as the day grows: the first day it is
        # enough is the answer (one past the horizon if none)
        return int(np.searchsorted(tail, amount, side="left"))

    def _commit(self, a: Activity, start: int, option: Option | None) -> None:
        self.starts[a.id] = start
        for resource, amount in self.demands[a.id]:
            self._add(resource, start, start + a.duration, amount)
        for places, amount, at in self._takes(a, option):
            self._add(places, self.p.time_of(a.id, at, start), self.h + 1, amount)
        for places, amount, at, frees in self.uses.get(a.id, ()):
            if frees:
                self._add(places, self.p.time_of(a.id, at, start), self.h + 1, -amount)

    def _add(self, stock: str, first: int, last: int, amount: int) -> None:
        slack = self.slack[stock]
        lo, hi = max(first, 0), min(last, len(slack))
        if lo < hi and amount:
            slack[lo:hi] -= amount
            self.tail_min.pop(stock, None)


def _per_day(capacity: int, steps: tuple[tuple[int, int], ...], horizon: int) -> np.ndarray:
    caps = np.zeros(horizon, dtype=np.int64)
    segments = capacity_segments(capacity, steps, horizon)
    for n, (first, cap) in enumerate(segments):
        last = segments[n + 1][0] if n + 1 < len(segments) else horizon
        caps[first:last] = cap
    return caps
