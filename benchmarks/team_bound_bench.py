"""The team-aware bound (``solver/site_bounds.py``) beside the sequencing relaxation, per plan.

For each plan: the greedy's money (the cap), the precedence floor, the relaxation's bound and
the team bound, each with the deterministic and wall seconds it took; one markdown row a plan.
Money is the optimiser's objective (a schedule's total less what no search changes).

    PYTHONPATH=src .venv/bin/python benchmarks/team_bound_bench.py --budget 10 \\
        plans/links-to-work.yaml plans/tutorial.yaml plans/birmingham-scale.yaml /tmp/g100/plan.yaml

``--cap N`` replaces the greedy's money by a better known schedule's (e.g. 373361 on the seed
plan: CP-SAT's best at budget 20); the windows, and so both bounds, depend on it.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from transition_planner.plan.load import load_plan
from transition_planner.problem.compile import compile_plan
from transition_planner.solver import greedy
from transition_planner.solver.bounds import least_cost
from transition_planner.solver.relaxation import relaxation_bound
from transition_planner.solver.site_bounds import team_bound


def row(path: Path, budget: float, cap: int | None) -> str:
    problem = compile_plan(load_plan(path).plan).problem
    baseline = greedy(problem)
    assert baseline.objective is not None
    money = cap if cap is not None else baseline.objective
    began = time.perf_counter()
    relaxed, relaxed_det, _ = relaxation_bound(problem, money, budget=budget)
    relaxed_wall = time.perf_counter() - began
    began = time.perf_counter()
    team, team_det, _ = team_bound(problem, money, budget)
    team_wall = time.perf_counter() - began
    floor = least_cost(problem)

    def pounds(v: int | None) -> str:
        return "-" if v is None else f"£{v:,}"

    return (
        f"| {path.name} | {len(problem.activities):,} | {pounds(baseline.objective)} | "
        f"{pounds(money)} | {pounds(floor)} | {pounds(relaxed)} | {relaxed_det:.2f} | "
        f"{relaxed_wall:.1f} | {pounds(team)} | {team_det:.2f} | {team_wall:.1f} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("plans", nargs="+", type=Path)
    parser.add_argument("--budget", type=float, default=10.0)
    parser.add_argument("--cap", type=int, default=None)
    args = parser.parse_args()
    print(
        "| plan | acts | greedy money | cap | precedence floor | relaxation | det-s | wall s "
        "| team bound | det-s | wall s |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for path in args.plans:
        print(row(path, args.budget, args.cap), flush=True)


if __name__ == "__main__":
    main()
