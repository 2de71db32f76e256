"""Per-person cost of load, compile and verify from 1,000 to 20,000 people (no CP-SAT).

Each size is generated like ``scale_bench.py`` does (same sites, staff and seed), then loaded,
compiled and verified on the greedy schedule, each phase timed best of ``--repeat`` in one
process, so the figures isolate growth in people from the solver's budget and from noise::

    .venv/bin/python benchmarks/linear_bench.py --sizes 1000 5000 20000

Flat microseconds per person means linear. Optional ``--no-gc`` turns Python's garbage
collector off, to see how much of any rise is the collector's.
"""

from __future__ import annotations

import argparse
import gc
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from scale_bench import SIZES

T = TypeVar("T")


def best(run: Callable[[], T], repeat: int) -> tuple[float, T]:
    """The fastest of ``repeat`` runs, and the last result."""
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - began)
    return min(times), result


def one(people: int, repeat: int) -> dict[str, float]:
    from transition_planner.generate import GenerateOptions, generate_plan, write_generated
    from transition_planner.plan.load import load_plan
    from transition_planner.problem.compile import compile_plan
    from transition_planner.schedule.build import decode
    from transition_planner.schedule.verify import verify
    from transition_planner.solver import solve

    sites, staff, _ = SIZES.get(people, (max(2, people // 130), people // 7, 5.0))
    out = Path(tempfile.mkdtemp(prefix=f"tplan-linear-{people}-"))
    write_generated(out, generate_plan(GenerateOptions(people, sites, staff, seed=1)))
    load_s, loaded = best(lambda: load_plan(out / "plan.yaml"), repeat)
    compile_s, compiled = best(lambda: compile_plan(loaded.plan), repeat)
    schedule = decode(loaded, compiled, solve(compiled.problem, solver="greedy"))
    verify_s, faults = best(lambda: verify(loaded.plan, schedule), repeat)
    if faults:
        raise SystemExit(f"{people} people: the greedy schedule has {len(faults)} faults")
    return {"sites": sites, "load": load_s, "compile": compile_s, "verify": verify_s}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 5000, 20000])
    parser.add_argument("--repeat", type=int, default=3, help="runs per phase (best is kept)")
    parser.add_argument("--no-gc", action="store_true", help="garbage collector off")
    args = parser.parse_args(argv)
    if args.no_gc:
        gc.disable()
    print(f"{'people':>8} {'sites':>6}  " + "  ".join(f"{k:>16}" for k in PHASES))
    for n in args.sizes:
        row = one(n, args.repeat)
        cells = [f"{row[k]:7.2f} s {1e6 * row[k] / n:4.0f} µs" for k in PHASES]
        print(f"{n:>8} {row['sites']:>6.0f}  " + "  ".join(f"{c:>16}" for c in cells), flush=True)
    return 0


PHASES = ("load", "compile", "verify")

if __name__ == "__main__":
    raise SystemExit(main())
