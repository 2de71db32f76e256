"""The month split (``month_split.py`` beside this script, an experiment) per plan.

For each plan (money = the optimiser's objective, a schedule's total less what no search
changes): the cap (the greedy's money, or ``--cap``), the precedence floor, the sequencing
relaxation's bound, the split with the relaxation at each node and with the team bound at
each node, and with the relaxation at each node and CP-SAT on the whole model at each leaf
(bound, nodes solved, nodes left open, deterministic and wall seconds), and -- on plans
CP-SAT's whole-model path takes (at most ``cpsat.LARGE_MODEL`` activities; the whole-model
leaves too) -- a primal probe: CP-SAT on the whole model with every target held to the band
the relaxation's optimum puts it in (the leaf of the split that holds the relaxation's
optimum). One markdown row a plan.

    PYTHONPATH=src .venv/bin/python benchmarks/month_split_bench.py --budget 10 \\
        /tmp/g100/plan.yaml --cap 483465
    PYTHONPATH=src .venv/bin/python benchmarks/month_split_bench.py --budget 10 \\
        plans/links-to-work.yaml --cap 373361

``--cap`` is one number for every plan given (run one plan at a time to give each its own).
"""

from __future__ import annotations

import argparse
import math
import time
from pathlib import Path

from month_split import month_split_bound, target_bands  # beside this script
from ortools.sat.python import cp_model

from transition_planner.plan.load import load_plan
from transition_planner.problem import Problem
from transition_planner.problem.compile import compile_plan
from transition_planner.solver import greedy
from transition_planner.solver.bounds import latest_starts, least_cost
from transition_planner.solver.cpsat import LARGE_MODEL, Builder, parameters
from transition_planner.solver.relaxation import relaxation_model


def relaxation_part(problem: Problem, cap: int, budget: float) -> str:
    """CP-SAT on the whole model with each target in the band of the relaxation's optimum:
    the money it finds and the bound it proves in that part, and its seconds."""
    relaxed = relaxation_model(problem, cap)
    if relaxed is None:
        return "- | -"
    solver = cp_model.CpSolver()
    parameters(solver, workers=2, seed=0, limit=budget, wall_cap=600, size=len(problem.activities))
    if solver.status_name(solver.solve(relaxed.m)) not in ("OPTIMAL", "FEASIBLE"):
        return "- | -"
    began = time.perf_counter()
    b = Builder(problem, latest=latest_starts(problem, cap))
    money = cp_model.LinearExpr.sum(b.money)
    b.m.add(money <= cap)
    for target, bands in target_bands(problem, cap).items():
        day = int(solver.value(relaxed.start[target]))
        band = next(x for x in bands if x.first <= day <= x.last)
        b.m.add(b.start[target] >= band.first)
        b.m.add(b.start[target] <= band.last)
    b.m.minimize(money)
    part = cp_model.CpSolver()
    parameters(part, workers=2, seed=0, limit=budget, wall_cap=600, size=len(problem.activities))
    status = part.status_name(part.solve(b.m))
    wall = time.perf_counter() - began
    found = f"£{round(part.objective_value):,}" if status in ("OPTIMAL", "FEASIBLE") else status
    proved = math.ceil(part.best_objective_bound - 1e-6)
    return f"{found} (part bound £{proved:,}) | {part.deterministic_time:.2f} / {wall:.0f}"


def row(path: Path, budget: float, cap: int | None, probe: float) -> str:
    problem = compile_plan(load_plan(path).plan).problem
    baseline = greedy(problem)
    assert baseline.objective is not None
    money = cap if cap is not None else baseline.objective
    name = path.name if path.parent.name == "plans" else str(path)
    cells = [name, f"{len(problem.activities):,}"]
    cells += [f"£{money:,}", f"£{least_cost(problem):,}"]
    small = len(problem.activities) <= LARGE_MODEL
    for teams, exact in ((False, False), (True, False), (False, True)):
        if exact and not small:
            cells += ["-", "-", "-"]
            continue
        began = time.perf_counter()
        found = month_split_bound(problem, money, budget=budget, teams=teams, exact=exact)
        wall = time.perf_counter() - began
        if not teams and not exact:
            cells.append(f"£{found.root:,}" if found.root is not None else "-")
        cells += [
            f"£{found.bound:,}" if found.bound is not None else "-",
            f"{found.nodes} / {found.open_nodes}",
            f"{found.spent:.2f} / {wall:.0f}",
        ]
    if small and probe > 0:
        cells.append(relaxation_part(problem, money, probe))
    else:
        cells.append("- | -")
    return "| " + " | ".join(cells) + " |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("plans", type=Path, nargs="+")
    parser.add_argument("--budget", type=float, default=10.0, help="det-s for each split")
    parser.add_argument("--cap", type=int, help="money of a known schedule (default: greedy)")
    parser.add_argument("--probe", type=float, default=5.0, help="det-s for the primal probe")
    args = parser.parse_args()
    print(
        "| plan | acts | cap | precedence floor | relaxation (root) | split, relaxation nodes "
        "| nodes / open | det-s / wall s | split, team nodes | nodes / open | det-s / wall s "
        "| split, relaxation nodes, whole-model leaves | nodes / open | det-s / wall s "
        "| relaxation's bands solved by CP-SAT | det-s / wall s |"
    )
    print("| --- |" + " ---: |" * 15)
    for path in args.plans:
        print(row(path, args.budget, args.cap, args.probe), flush=True)


if __name__ == "__main__":
    main()
