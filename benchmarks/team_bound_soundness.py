"""Soundness sweep for the team bound (issue 18): on generated plans of varied shape, the
bound ``site_bounds.team_bound`` proves must never exceed the cost of a schedule the tool
finds (the optimum lies between them). Prints one line per plan and the count of violations.

    .venv/bin/python benchmarks/team_bound_soundness.py --first 1 --last 15 --budget 3
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from transition_planner.generate import GenerateOptions, generate_plan, write_generated
from transition_planner.plan.load import load_plan
from transition_planner.problem.compile import compile_plan
from transition_planner.solver import solve
from transition_planner.solver.site_bounds import team_bound


def sweep(first: int, last: int, budget: float) -> int:
    """Solve and bound plans ``first..last`` (seeds); return the number of violations."""
    violations = 0
    print("seed people sites staff activities status cost solver_bound team_bound det_s verdict")
    for seed in range(first, last + 1):
        people, sites, staff = 30 + (seed * 37) % 120, 2 + seed % 5, 5 + (seed * 7) % 30
        with tempfile.TemporaryDirectory() as folder:
            options = GenerateOptions(people=people, sites=sites, staff=staff, seed=seed)
            write_generated(Path(folder), generate_plan(options))
            problem = compile_plan(load_plan(Path(folder) / "plan.yaml").plan).problem
        found = solve(problem, budget=budget)
        assert found.objective is not None
        bound, spent, _ = team_bound(problem, found.objective, budget)
        sound = bound is None or bound <= found.objective
        violations += not sound
        print(
            seed, people, sites, staff, len(problem.activities), found.status, found.objective,
            found.bound, bound, round(spent, 2), "ok" if sound else "UNSOUND", flush=True,
        )  # fmt: skip
    print(f"violations: {violations}")
    return violations


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--first", type=int, default=1)
    parser.add_argument("--last", type=int, default=15)
    parser.add_argument("--budget", type=float, default=3.0)
    args = parser.parse_args()
    raise SystemExit(1 if sweep(args.first, args.last, args.budget) else 0)
