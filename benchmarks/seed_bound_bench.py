"""Why the seed plan's bound is weak (issue 18): CP-SAT's money stage under model variants.

Each variant builds the money stage exactly as ``solver/cpsat.py`` does (greedy hint, start
windows from the greedy's cost, ``money <= greedy``), changes one thing, and prints one JSON
line: status, cost, bound, deterministic and wall seconds. Every variant keeps the same schedules
and the same cost of each schedule to the pound (they add implied constraints, re-encode a cost
exactly, or change search parameters), so the costs and bounds are comparable.

    .venv/bin/python benchmarks/seed_bound_bench.py base ladder pay subsets --budget 20

Variants: base; ladder (closure and rent steps as the convex hull, as the relaxation does);
vlad (notice length's step literals as a hull too); lin2 (linearization_level 2); ovl (overload
checker and timetable edge finding in the cumulatives); nosym (no explicit order of
interchangeable people); pay (each rounded daily pay line as one literal per day, exact);
subsets (for each team and set of closures, the last closure no earlier than the team's work
for them allows from the day it can start, less the least tail: ``OR_s close_s >= D``).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
import sys
import time
from collections import defaultdict
from functools import partial
from itertools import combinations
from pathlib import Path
from typing import Any

from ortools.sat.python import cp_model

from transition_planner.plan.load import load_plan
from transition_planner.problem import Problem, capacity_segments
from transition_planner.problem.compile import compile_plan
from transition_planner.solver import greedy
from transition_planner.solver.bounds import earliest_starts, latest_starts, least_cost
from transition_planner.solver.cpsat import Builder, _reached, parameters
from transition_planner.solver.relaxation import _distances

SEED = Path(__file__).resolve().parents[1] / "plans" / "links-to-work.yaml"


def _pay_as_steps(self: Builder) -> None:
    """``Builder._costs`` with every rounded linear cost as a literal per day (exact values)."""
    real = self.p
    self.p = dataclasses.replace(
        real, linear_costs=tuple(lc for lc in real.linear_costs if lc.divisor == 1)
    )
    try:
        _ORIGINAL_COSTS(self)
    finally:
        self.p = real
    for lc in real.linear_costs:
        if lc.divisor == 1 or (not lc.per_day and not lc.offset):
            continue
        lo, hi = self.bounds(lc.activity, lc.at)
        t = self.time(lc.activity, lc.at)
        self.money.append(lc.cost_at(lo))
        prev = None
        for day in range(lo + 1, hi + 1):
            b = self.m.new_bool_var("")
            self.m.add(t >= day).only_enforce_if(b)
            self.m.add(t <= day - 1).only_enforce_if(~b)
            if prev is not None:
                self.m.add_implication(b, prev)
            prev = b
            if lc.cost_at(day) != lc.cost_at(day - 1):
                self.money.append((lc.cost_at(day) - lc.cost_at(day - 1)) * b)
            self.derived.append((b, partial(_reached, self.p, lc.activity, lc.at, day)))


_ORIGINAL_COSTS = Builder._costs
_ORIGINAL_ORDER = Builder._order_interchangeable
_ORIGINAL_LENGTH = Builder._variable_length


def subset_floors(problem: Problem, closes: tuple[str, ...]) -> dict[str, int]:
    """Per resource: the day the last of ``closes`` can start at the earliest, from the work on
    it that must come before them (heads from the earliest starts, the least tail after)."""
    acts = problem.by_id
    order = {a: n for n, a in enumerate(problem.topological_order())}
    preds: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for pr in problem.precedences:
        lo, _ = pr.start_offsets(acts[pr.before].shortest, acts[pr.after].duration)
        preds[pr.after].append((pr.before, lo))
    es = earliest_starts(problem)
    reaches = {c: _distances(c, preds, order) for c in closes}
    best: dict[str, int] = {}
    for r in problem.resources:
        items = []
        for d in problem.demands:
            a = d.activity
            if d.resource != r.id or d.amount <= 0:
                continue
            tails = [reaches[c][a] - acts[a].duration for c in closes if a in reaches[c]]
            if tails:
                items.append((es[a], min(tails), d.amount * acts[a].duration))
        segments = capacity_segments(r.capacity, r.steps, problem.horizon)
        for head in sorted({i[0] for i in items}):
            for tail in sorted({i[1] for i in items}):
                left = sum(w for e, t, w in items if e >= head and t >= tail)
                for n, (first, cap) in enumerate(segments):
                    last = segments[n + 1][0] if n + 1 < len(segments) else 10**9
                    a, b = max(first, head), last
                    if b <= a or cap <= 0:
                        continue
                    if left <= cap * (b - a):
                        best[r.id] = max(best.get(r.id, 0), a + math.ceil(left / cap) + tail)
                        break
                    left -= cap * (b - a)
    return best


def add_subset_floors(b: Builder, problem: Problem) -> int:
    closes = tuple(a.id for a in problem.activities if a.id.startswith("close:"))
    added = 0
    for k in range(2, len(closes) + 1):
        for subset in combinations(closes, k):
            for day in subset_floors(problem, subset).values():
                lits = []
                for c in subset:
                    lit = b.m.new_bool_var("")
                    b.m.add(b.start[c] >= day).only_enforce_if(lit)
                    lits.append(lit)
                b.m.add_bool_or(lits)
                added += 1
    return added


def run(plan: Path, variant: str, budget: float) -> dict[str, Any]:
    problem = compile_plan(load_plan(plan).plan).problem
    first = greedy(problem)
    assert first.objective is not None
    Builder._costs = _pay_as_steps if variant == "pay" else _ORIGINAL_COSTS  # type: ignore[method-assign]
    Builder._order_interchangeable = _ORIGINAL_ORDER  # type: ignore[method-assign]
    Builder._variable_length = _ORIGINAL_LENGTH  # type: ignore[method-assign]
    if variant == "nosym":
        Builder._order_interchangeable = lambda self: None  # type: ignore[method-assign]
    if variant == "vlad":

        def with_hull(self: Builder, a: Any, s: Any, lo: int, hi: int) -> None:
            _ORIGINAL_LENGTH(self, a, s, lo, hi)
            rungs = [
                (day, var)
                for var, _ in self.derived
                if var.name.startswith(f"length:{a.id}:")
                for day in [int(var.name.rsplit(":", 1)[1])]
            ]
            if rungs:
                self._ladder(s, lo, hi, rungs)

        Builder._variable_length = with_hull  # type: ignore[method-assign]
    b = Builder(problem, latest=latest_starts(problem, first.objective), ladder=variant == "ladder")
    if variant == "subsets":
        add_subset_floors(b, problem)
    money = cp_model.LinearExpr.sum(b.money)
    b.m.add(money <= first.objective)
    b.hint(first.starts, first.choices)
    b.m.minimize(money)
    solver = cp_model.CpSolver()
    parameters(solver, workers=2, seed=0, limit=budget, wall_cap=3600, size=len(problem.activities))
    if variant == "lin2":
        solver.parameters.linearization_level = 2
    if variant == "ovl":
        solver.parameters.use_overload_checker_in_cumulative = True
        solver.parameters.use_timetable_edge_finding_in_cumulative = True
    began = time.perf_counter()
    status = solver.status_name(solver.solve(b.m))
    return {
        "variant": variant,
        "status": status,
        "money": round(solver.objective_value),
        "bound": math.ceil(solver.best_objective_bound - 1e-6),
        "det_s": round(solver.deterministic_time, 2),
        "wall_s": round(time.perf_counter() - began, 1),
        "greedy": first.objective,
        "floor": least_cost(problem),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("variants", nargs="+")
    parser.add_argument("--budget", type=float, default=20.0)
    parser.add_argument("--plan", type=Path, default=SEED)
    args = parser.parse_args()
    for variant in args.variants:
        print(json.dumps(run(args.plan, variant, args.budget)), flush=True)
    sys.exit(0)


if __name__ == "__main__":
    main()
