"""Run the CP-SAT scheduler on PSPLIB single-mode instances and compare with the best known.

    PYTHONPATH=src python benchmarks/psplib_bench.py j30 --sample 48 --budget 2

The sample is spread evenly over the instances sorted by (parameter, instance), so a sample of
48 from j30 takes one instance per parameter class. ``budget`` is CP-SAT deterministic time.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

from transition_planner.problem.psplib import SETS, best_known, instance_key, read_sm
from transition_planner.solver import solve

DEFAULT_ROOT = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "psplib"


def sample(files: list[Path], size: int) -> list[Path]:
    files = sorted(files, key=lambda f: instance_key(f.stem))
    if size <= 0 or size >= len(files):
        return files
    return [files[n * len(files) // size] for n in range(size)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("set", choices=SETS)
    parser.add_argument("--sample", type=int, default=48, help="instances (0 = all)")
    parser.add_argument("--budget", type=float, default=2.0, help="deterministic s/instance")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--root", type=Path, default=DEFAULT_ROOT)
    args = parser.parse_args(argv)

    reference = best_known(args.root, args.set)
    files = sample(list((args.root / args.set).glob("*.sm")), args.sample)
    print(f"{'instance':<10} {'makespan':>8} {'best':>6} {'status':<9} {'gap':>7} {'time':>7}")
    gaps: list[float] = []
    times: list[float] = []
    optimal = reached = 0
    for path in files:
        problem = read_sm(path)
        solution = solve(problem, budget=args.budget, workers=args.workers, tie_break=False)
        makespan = solution.objective or 0
        best = reference.get(path.stem)
        gap = (makespan - best) / best if best else float("nan")
        if best:
            gaps.append(gap)
            reached += makespan <= best
        optimal += solution.status == "OPTIMAL"
        times.append(solution.wall_time)
        print(
            f"{path.stem:<10} {makespan:>8} {best or '-':>6} {solution.status:<9} "
            f"{gap:>7.2%} {solution.wall_time:>6.2f}s",
            flush=True,
        )
        if best and makespan < best and args.set == "j30":
            print(f"  below the proven optimum {best}: a bug", file=sys.stderr)
    n = len(files)
    print(
        f"\n{args.set}: {n} instances, budget {args.budget} det-s, {args.workers} workers\n"
        f"proven optimal {optimal}/{n} ({optimal / n:.1%}); best known reached {reached}/{n}; "
        f"mean gap to best known {statistics.fmean(gaps):.2%}, max {max(gaps):.2%}; "
        f"median time {statistics.median(times):.2f}s, total {sum(times):.1f}s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
