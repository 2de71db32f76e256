"""Run the CP-SAT scheduler on PSPLIB single-mode instances and compare with the best known.

    .venv/bin/python benchmarks/psplib_bench.py j30 --sample 48 --budget 2
    .venv/bin/python benchmarks/psplib_bench.py all --budget 10 --pyjobshop   # make bench

Each instance is read into the solver-neutral ``Problem`` and solved by ``solver.solve``, the
code the plans use. The sample is spread evenly over the instances sorted by (parameter,
instance), so a sample of 48 from j30 takes one instance per parameter class (0 = all).
``budget`` is CP-SAT deterministic time per instance. With ``--pyjobshop`` (the ``bench``
extra) each instance is also solved by PyJobShop's OR-Tools back-end with the same workers and
a wall-clock time limit equal to our median wall time per instance for that set (so both
spend about the same time), and the ratios of the mean gaps and times are printed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from psplib import SETS, best_known, instance_key, read_sm

from transition_planner.problem import Problem
from transition_planner.solver import solve

DEFAULT_ROOT = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "psplib"


@dataclass
class Tally:
    name: str
    gaps: list[float] = field(default_factory=list)
    times: list[float] = field(default_factory=list)
    optimal: int = 0
    reached: int = 0

    def add(self, makespan: int, best: int | None, proven: bool, wall: float) -> float:
        gap = (makespan - best) / best if best else float("nan")
        if best:
            self.gaps.append(gap)
            self.reached += makespan <= best
        self.optimal += proven
        self.times.append(wall)
        return gap

    def line(self, n: int) -> str:
        return (
            f"{self.name:<9} proven optimal {self.optimal}/{n} ({self.optimal / n:.1%}); "
            f"best known reached {self.reached}/{n}; mean gap {statistics.fmean(self.gaps):.2%}, "
            f"max {max(self.gaps):.2%}; mean time {statistics.fmean(self.times):.2f}s, "
            f"total {sum(self.times):.0f}s"
        )


def sample(files: list[Path], size: int) -> list[Path]:
    files = sorted(files, key=lambda f: instance_key(f.stem))
    if size <= 0 or size >= len(files):
        return files
    return [files[n * len(files) // size] for n in range(size)]


def solve_pyjobshop(problem: Problem, workers: int, time_limit: float) -> tuple[int, bool, float]:
    """The same instance through PyJobShop (OR-Tools back-end): makespan, proven, wall."""
    from pyjobshop import Model

    model = Model()
    resources = {r.id: model.add_renewable(r.capacity, name=r.id) for r in problem.resources}
    tasks = {a.id: model.add_task(name=a.id) for a in problem.activities}
    uses: dict[str, list[tuple[str, int]]] = {a.id: [] for a in problem.activities}
    for d in problem.demands:
        uses[d.activity].append((d.resource, d.amount))
    for a in problem.activities:
        used = uses[a.id] or [(problem.resources[0].id, 0)]
        model.add_mode(
            tasks[a.id], [resources[r] for r, _ in used], a.duration, [k for _, k in used]
        )
    for p in problem.precedences:
        model.add_end_before_start(tasks[p.before], tasks[p.after])
    began = time.perf_counter()
    result = model.solve("ortools", time_limit=time_limit, display=False, num_workers=workers)
    wall = time.perf_counter() - began
    return round(result.objective), result.status.value == "Optimal", wall


def run_set(args: argparse.Namespace, set_name: str) -> tuple[Tally, Tally | None, int]:
    reference = best_known(args.root, set_name)
    size = args.sample if args.sample is not None else (0 if set_name == "j30" else 48)
    files = sample(list((args.root / set_name).glob("*.sm")), size)
    ours = Tally("ours")
    theirs = Tally("pyjobshop") if args.pyjobshop else None
    print(
        f"\n{set_name}: {len(files)} instances, budget {args.budget} det-s, {args.workers} workers"
    )
    print(
        f"{'instance':<10} {'makespan':>8} {'best':>6} {'status':<9} {'gap':>7} {'time':>7}"
        + ("   pyjobshop  gap      time" if theirs else "")
    )
    for path in files:
        problem = read_sm(path)
        solution = solve(problem, budget=args.budget, workers=args.workers, tie_break=False)
        makespan = solution.objective or 0
        best = reference.get(path.stem)
        gap = ours.add(makespan, best, solution.status == "OPTIMAL", solution.wall_time)
        line = (
            f"{path.stem:<10} {makespan:>8} {best or '-':>6} {solution.status:<9} "
            f"{gap:>7.2%} {solution.wall_time:>6.2f}s"
        )
        if theirs is not None:
            limit = args.pyjobshop_limit or max(1.0, solution.wall_time)
            their_span, proven, wall = solve_pyjobshop(problem, args.workers, limit)
            their_gap = theirs.add(their_span, best, proven, wall)
            line += f"   {their_span:>6}{'*' if proven else ' '} {their_gap:>7.2%} {wall:>6.2f}s"
        print(line, flush=True)
        if best and makespan < best and set_name == "j30":
            print(f"  below the proven optimum {best}: a bug", file=sys.stderr)
    return ours, theirs, len(files)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("set", choices=(*SETS, "all"))
    parser.add_argument(
        "--sample", type=int, help="instances per set (0 = all; default all j30, 48 others)"
    )
    parser.add_argument("--budget", type=float, default=10.0, help="deterministic s/instance")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--root", type=Path, default=DEFAULT_ROOT)
    parser.add_argument("--pyjobshop", action="store_true", help="also solve with PyJobShop")
    parser.add_argument(
        "--pyjobshop-limit", type=float, help="PyJobShop wall seconds (default: ours, each)"
    )
    args = parser.parse_args(argv)
    results = [(s, *run_set(args, s)) for s in (SETS if args.set == "all" else (args.set,))]
    print("\nSummary (gap = to the best known makespan; j30's are proven optima)")
    for set_name, ours, theirs, n in results:
        print(f"{set_name} ({n} instances, {args.budget} det-s each):")
        print("  " + ours.line(n))
        if theirs is not None:
            print("  " + theirs.line(n))
            g_ours, g_theirs = statistics.fmean(ours.gaps), statistics.fmean(theirs.gaps)
            ratio = f"{g_ours / g_theirs:.2f}" if g_theirs > 0 else "n/a (PyJobShop gap 0)"
            print(
                f"  ratio ours/PyJobShop: mean gap {ratio} ({g_ours:.2%} vs {g_theirs:.2%}), "
                f"mean time {statistics.fmean(ours.times) / statistics.fmean(theirs.times):.2f}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
