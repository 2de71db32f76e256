"""The optimiser table of issue 18: the greedy, the tool and its bound, plan by plan.

    .venv/bin/python benchmarks/optimiser_table.py                  # 100, 300, 1540, 1000, 5000
    .venv/bin/python benchmarks/optimiser_table.py --quick          # 100 and 1540
    .venv/bin/python benchmarks/optimiser_table.py --sizes 1000 --budget 20

Prints a Markdown table on stdout (progress on stderr). Per plan: the greedy's cost, the
tool's cost at the budget (``solver.solve``, deterministic seconds; the default budget is the
CLI's) with its wall seconds, its bound, the gap in pounds and percent, the gap as a share of
the avoidable money (cost above the precedence floor ``bounds.least_cost``), and the ratio of
the tool's cost to the greedy's. 1540 is ``plans/birmingham-scale.yaml``; the others are
generated with ``tplan generate --seed 1`` and the sites and staff in ``SIZES``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIRMINGHAM = ROOT / "plans" / "birmingham-scale.yaml"
# people -> (sites, staff) for ``tplan generate`` (1540: the Birmingham-scale plan)
SIZES: dict[int, tuple[int, int]] = {
    100: (6, 30),
    300: (6, 30),
    1540: (11, 240),
    1000: (9, 150),
    5000: (40, 750),
}
QUICK = (100, 1540)


def _plan(people: int) -> Path:
    from transition_planner.generate import GenerateOptions, generate_plan, write_generated

    if people == 1540:
        return BIRMINGHAM
    sites, staff = SIZES[people]
    out = Path(tempfile.mkdtemp(prefix=f"tplan-optimiser-{people}-"))
    write_generated(
        out, generate_plan(GenerateOptions(people=people, sites=sites, staff=staff, seed=1))
    )
    return out / "plan.yaml"


def row(people: int, budget: float, workers: int) -> str:
    """One Markdown table row for the plan of ``people`` people."""
    from transition_planner.plan.load import load_plan
    from transition_planner.problem.compile import compile_plan
    from transition_planner.solver import greedy, solve
    from transition_planner.solver.bounds import least_cost

    path = _plan(people)
    problem = compile_plan(load_plan(path).plan).problem
    base = greedy(problem)
    began = time.perf_counter()
    found = solve(problem, budget=budget, workers=workers)
    wall = time.perf_counter() - began
    floor = least_cost(problem)
    name = "birmingham-scale" if people == 1540 else f"generated {people}"
    if base.objective is None or found.objective is None:
        return f"| {name} | {len(problem.activities):,} | no schedule | | | | | | |"
    bound = found.bound if found.bound is not None else floor
    gap = found.objective - bound
    avoidable = found.objective - floor
    share = f"{gap / avoidable:.1%}" if avoidable > 0 else "-"
    return (
        f"| {name} | {len(problem.activities):,} | £{base.objective:,} | £{found.objective:,} "
        f"({found.solver}, {found.status.lower()}) | {wall:.0f} | £{bound:,} | "
        f"£{gap:,} ({gap / max(found.objective, 1):.1%}) | {share} | "
        f"{found.objective / base.objective:.3f} |"
    )


def main() -> None:
    from transition_planner.pipeline import DEFAULT_BUDGET

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", help=f"people, of {sorted(SIZES)}")
    parser.add_argument("--quick", action="store_true", help=f"only {QUICK}")
    parser.add_argument("--budget", type=float, default=DEFAULT_BUDGET)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    sizes = args.sizes or (list(QUICK) if args.quick else list(SIZES))
    print(f"budget {args.budget:g} deterministic s, {args.workers} workers\n")
    print(
        "| plan | activities | greedy | tool (solver, status) | wall s | bound | gap £ (%) "
        "| gap / avoidable | tool / greedy |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for people in sizes:
        if people not in SIZES:
            parser.error(f"unknown size {people}: one of {sorted(SIZES)}")
        print(f"running {people} people ...", file=sys.stderr, flush=True)
        print(row(people, args.budget, args.workers), flush=True)


if __name__ == "__main__":
    main()
