"""Issue 18 probe: the seed plan's money stage split on the closure months of Bloxwich and
Brownhills (bands: before day 52, 52-82, from 83; parts named by the two band numbers).

    .venv/bin/python benchmarks/seed_split_probe.py 5 00 01 02 10 11 12 20 21 22

The least bound over all parts is a bound on the whole; figures in RESULTS.md (issue 18).
"""

from __future__ import annotations

import json
import math
import sys

from ortools.sat.python import cp_model

from transition_planner.plan.load import load_plan
from transition_planner.problem.compile import compile_plan
from transition_planner.solver import greedy
from transition_planner.solver.bounds import latest_starts
from transition_planner.solver.cpsat import Builder, parameters

BANDS = [(0, 51), (52, 82), (83, 10**6)]
SITES = ("close:bloxwich-satellite", "close:brownhills-satellite")


def probe(limit: float, part: str) -> dict[str, object]:
    """One part solved on its own: status, money, bound and deterministic seconds used."""
    problem = compile_plan(load_plan("plans/links-to-work.yaml").plan).problem
    start = greedy(problem)
    assert start.objective is not None
    b = Builder(problem, latest=latest_starts(problem, start.objective))
    money = cp_model.LinearExpr.sum(b.money)
    b.m.add(money <= start.objective)
    for site, band in zip(SITES, part, strict=True):
        lo, hi = BANDS[int(band)]
        b.m.add(b.start[site] >= lo)
        b.m.add(b.start[site] <= hi)
    b.hint(start.starts, start.choices)
    b.m.minimize(money)
    solver = cp_model.CpSolver()
    parameters(solver, workers=2, seed=0, limit=limit, wall_cap=900, size=len(problem.activities))
    status = solver.status_name(solver.solve(b.m))
    found = status in ("OPTIMAL", "FEASIBLE")
    return {
        "part": part,
        "status": status,
        "money": round(solver.objective_value) if found else None,
        "bound": math.ceil(solver.best_objective_bound - 1e-6) if found else None,
        "det": round(solver.deterministic_time, 2),
    }


if __name__ == "__main__":
    for name in sys.argv[2:]:
        print(json.dumps(probe(float(sys.argv[1]), name)), flush=True)
