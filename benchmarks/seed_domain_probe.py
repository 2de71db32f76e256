"""Issue 18 probe: what makes the seed plan's CP-SAT model heavy without a cost cap.

    PYTHONPATH=src .venv/bin/python benchmarks/seed_domain_probe.py prec 30
    PYTHONPATH=src .venv/bin/python benchmarks/seed_domain_probe.py feas 10 --days --off costs

``prec``: teams and places left out, minimise the sum of Bloxwich's and Brownhills' closure
starts (optimum 84). ``feas``: the whole model, no objective, no hint (any schedule). Both
without ``bounds.latest_starts`` (no cap), as ``solve_cpsat`` builds the model when the greedy
finds no schedule. ``--days`` keeps working-day starts as days (one hole per weekend, as before
``Builder._start_var``); ``--off`` switches families off (``tight``, ``costs``,
``order_interchangeable``, ``resources``, ``places``; ``holes`` drops allowed starts and
``maxlag`` the maximum lags: both change the schedules, for diagnosis only). Figures in
RESULTS.md.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import time

from ortools.sat.python import cp_model

import transition_planner.solver.cpsat as cpsat
from transition_planner.plan.load import load_plan
from transition_planner.problem.compile import compile_plan

FAMILIES = ("tight", "costs", "order_interchangeable", "resources", "places")


def probe(mode: str, limit: float, days: bool, off: set[str]) -> dict[str, object]:
    """One solve: status, objective (``prec``), deterministic and wall seconds, Booleans."""
    if days:
        cpsat.WEEKLY_MIN_HOLES = 10**9
    problem = compile_plan(load_plan("plans/links-to-work.yaml").plan).problem
    if "holes" in off:
        acts = tuple(dataclasses.replace(a, allowed_starts=None) for a in problem.activities)
        problem = dataclasses.replace(problem, activities=acts)
    if "maxlag" in off:
        precs = tuple(dataclasses.replace(p, max_lag=None) for p in problem.precedences)
        problem = dataclasses.replace(problem, precedences=precs)
    builder = type(
        "Probe", (cpsat.Builder,), {f"_{f}": lambda self: None for f in off & set(FAMILIES)}
    )
    b = builder(problem, stocks=mode != "prec")
    if mode == "prec":
        b.m.minimize(b.start["close:bloxwich-satellite"] + b.start["close:brownhills-satellite"])
    solver = cp_model.CpSolver()
    cpsat.parameters(
        solver, workers=2, seed=0, limit=limit, wall_cap=900, size=len(problem.activities)
    )
    began = time.perf_counter()
    status = solver.status_name(solver.solve(b.m))
    found = status in ("OPTIMAL", "FEASIBLE")
    return {
        "mode": mode,
        "starts": "days" if days else "weeks",
        "off": sorted(off),
        "status": status,
        "objective": round(solver.objective_value) if found and mode == "prec" else None,
        "det": round(solver.deterministic_time, 2),
        "wall": round(time.perf_counter() - began, 1),
        "booleans": solver.num_booleans,
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=("prec", "feas"))
    parser.add_argument("limit", type=float)
    parser.add_argument("--days", action="store_true")
    parser.add_argument("--off", nargs="*", default=[])
    args = parser.parse_args()
    print(json.dumps(probe(args.mode, args.limit, args.days, set(args.off))), flush=True)
