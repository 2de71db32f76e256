"""What a solver returns, and an independent recomputation of its costs and feasibility.

``evaluate`` and ``check`` read only the ``Problem``: no solver code, so tests can hold every
solver to them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Literal

from transition_planner.problem import Problem, capacity_segments

Status = Literal["OPTIMAL", "FEASIBLE", "INFEASIBLE", "UNKNOWN"]
Stage = Literal["money", "stability", "people", "tidy"]


@dataclass(frozen=True)
class Solution:
    """A schedule: start day per activity and chosen option key per choice activity.

    ``objective`` is money, ``people_penalty`` the second-level objective (both recomputed by
    ``evaluate``). ``bound`` is a proven lower bound on money (None if the solver proves none)
    and ``gap`` is ``(objective - bound) / max(1, objective)``. Status is OPTIMAL only when the
    solver proved both objective levels; UNKNOWN means the schedule (if any) breaks a hard
    constraint, listed in ``notes``.
    """

    status: Status
    starts: dict[str, int] = field(hash=False)
    choices: dict[str, str] = field(hash=False)
    objective: int | None
    people_penalty: int | None
    bound: int | None
    gap: float | None
    wall_time: float
    solver: str
    notes: tuple[str, ...] = ()

    @property
    def feasible(self) -> bool:
        return self.status in ("OPTIMAL", "FEASIBLE")


@dataclass(frozen=True)
class Progress:
    """A new best solution, or the end of a solve stage.

    ``objective`` and ``bound`` are the stage's own: money, then changed commitments (with
    ``Problem.targets``), then people penalty, then the tie-break sum of start days.
    """

    stage: Stage
    elapsed: float
    objective: int
    bound: int
    gap: float


ProgressHook = Callable[[Progress], None]


def with_bound(solution: Solution, bound: int) -> Solution:
    """``solution`` with a second proven lower bound: the better of the two is kept."""
    if solution.objective is None or (solution.bound is not None and solution.bound >= bound):
        return solution
    if bound > solution.objective:
        # impossible for a sound relaxation: keep the solver's own bound rather than report it
        return solution
    return replace(solution, bound=bound, gap=relative_gap(solution.objective, bound))


def relative_gap(objective: int, bound: int) -> float:
    return max(0.0, (objective - bound) / max(1, abs(objective)))


def evaluate(
    problem: Problem, starts: Mapping[str, int], choices: Mapping[str, str]
) -> tuple[int, int]:
    """``(money, people)`` of a schedule, straight from the problem's cost definitions."""
    money = 0
    for sc in problem.step_costs:
        money += sc.cost_at(problem.time_of(sc.activity, sc.at, starts[sc.activity]))
    for lc in problem.linear_costs:
        money += lc.cost_at(problem.time_of(lc.activity, lc.at, starts[lc.activity]))
    people = 0
    for c in problem.choices:
        option = c.option(choices[c.activity])
        money += option.cost
        people += option.penalty
    for s in problem.same_choices:
        if s.penalty is not None:
            people += s.penalty * (len({choices[a] for a in s.activities}) - 1)
    return money, people


def changed(problem: Problem, starts: Mapping[str, int]) -> int:
    """How many activities with a committed start (``Problem.targets``) start elsewhere."""
    return sum(1 for a, day in problem.targets.items() if starts.get(a) != day)


def check(problem: Problem, starts: Mapping[str, int], choices: Mapping[str, str]) -> list[str]:
    """Every hard constraint the schedule breaks, as short messages (empty if feasible)."""
    faults: list[str] = []
    acts = problem.by_id
    missing = sorted(set(acts) - set(starts))
    if missing:
        return [f"no start for {', '.join(missing[:10])}"]
    for c in problem.choices:
        key = choices.get(c.activity)
        if key is None or key not in {o.key for o in c.options}:
            faults.append(f"{c.activity}: no valid option chosen ({key!r})")
    if faults:
        return faults

    def end(i: str) -> int:
        return problem.time_of(i, "end", starts[i])

    for a in problem.activities:
        s = starts[a.id]
        if s < a.release or s < 0:
            faults.append(f"{a.id}: starts {s} before release {a.release}")
        if end(a.id) > problem.horizon:
            faults.append(f"{a.id}: ends {end(a.id)} after horizon {problem.horizon}")
        if a.deadline is not None and end(a.id) > a.deadline:
            faults.append(f"{a.id}: ends {end(a.id)} after deadline {a.deadline}")
        if a.allowed_starts is not None and s not in a.allowed_starts:
            faults.append(f"{a.id}: start {s} not an allowed start")
        if a.tight and s != (want := problem.earliest_tight_start(a.id, starts)):
            faults.append(f"{a.id}: starts {s}, not on day {want} its predecessors allow")
    for p in problem.precedences:
        gap = problem.time_of(p.after, p.after_at, starts[p.after]) - problem.time_of(
            p.before, p.before_at, starts[p.before]
        )
        if gap < p.lag or (p.max_lag is not None and gap > p.max_lag):
            faults.append(f"{p.before}->{p.after}: lag {gap} outside [{p.lag}, {p.max_lag}]")
    for c in problem.choices:
        o = c.option(choices[c.activity])
        s = starts[c.activity]
        if s < o.release:
            faults.append(f"{c.activity}: option {o.key} starts {s} before {o.release}")
        faults += [f"{c.activity}: starts before {b} ends" for b in o.after if s < end(b)]
    for sc in problem.same_choices:
        if sc.penalty is None and len({choices[a] for a in sc.activities}) > 1:
            faults.append(f"group {', '.join(sc.activities)} split across options")
    faults += _check_stocks(problem, starts, choices)
    return faults


def _check_stocks(
    problem: Problem, starts: Mapping[str, int], choices: Mapping[str, str]
) -> list[str]:
    size = (
        max(
            [
                problem.horizon,
                *(problem.time_of(a.id, "end", starts[a.id]) for a in problem.activities),
            ]
        )
        + 2
    )
    diff: dict[str, list[int]] = {}
    for d in problem.demands:
        row = diff.setdefault(d.resource, [0] * (size + 1))
        s = starts[d.activity]
        row[s] += d.amount
        row[s + problem.by_id[d.activity].duration] -= d.amount
    uses = [(u.activity, u.places, u.amount, u.at, u.frees) for u in problem.place_uses]
    for c in problem.choices:
        o = c.option(choices[c.activity])
        if o.places is not None:
            uses.append((c.activity, o.places, o.amount, o.at, False))
    for activity, places, amount, at, frees in uses:
        row = diff.setdefault(places, [0] * (size + 1))
        t = problem.time_of(activity, at, starts[activity])
        if frees:
            row[0] += amount
            row[t] -= amount
        else:
            row[t] += amount
    faults: list[str] = []
    for stock in problem.stocks():
        if stock.id not in diff:
            continue
        row = diff[stock.id]
        caps = capacity_segments(stock.capacity, stock.steps, problem.horizon + 1)
        level, seg = 0, 0
        for day in range(problem.horizon + 1):  # a place taken on the horizon day counts
            level += row[day]
            while seg + 1 < len(caps) and caps[seg + 1][0] <= day:
                seg += 1
            if level > caps[seg][1]:
                faults.append(f"{stock.id}: {level} in use on day {day}, capacity {caps[seg][1]}")
                break
    return faults
