"""`compare` with four scenarios of the seed plan against one plan: wall time, ratio, cores.

    .venv/bin/python benchmarks/compare_bench.py                 # the commands' defaults
    .venv/bin/python benchmarks/compare_bench.py --budget 20     # compare at a schedule's budget

One plan is what `tplan schedule plans/links-to-work.yaml` does (budget 20, 2 CP-SAT workers).
Compare is what `tplan compare` does (each solve in its own process, one per core, with
--workers 1 and --budget 10 unless --budget is given): first the plan and four scenarios, then
the four scenarios with the plan's schedule given (`--schedule`: the plan is not solved again
and each scenario starts from its schedule). Printed per run: wall seconds, CPU seconds of this
process and its children, the ratio to one plan, and each column's services cease and total.
Wall figures depend on the machine's load; the CPU seconds less so.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from transition_planner import pipeline  # noqa: E402
from transition_planner.plan.load import load_plan  # noqa: E402
from transition_planner.schedule.compare import Figures  # noqa: E402

SEED = ROOT / "plans" / "links-to-work.yaml"
SCENARIOS = {
    "team-short": "- {team: review-team, capacity: 10, from: 2016-04-25, to: 2016-05-22}",
    "no-september-break": "- {lease: electrium-point, drop_break: 2016-09-29}",
    "goscote-late": "- {action: redevelop-goscote, late: 3w}",
    "team-shorter": "- {team: review-team, capacity: 12, from: 2016-03-21, to: 2016-04-30}",
}
T = TypeVar("T")


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(work: Callable[[], T]) -> tuple[T, float, float]:
    """``work()``, its wall seconds and CPU seconds (children included once they are reaped)."""
    wall, cpu = time.perf_counter(), _cpu()
    result = work()
    return result, time.perf_counter() - wall, _cpu() - cpu


def show(label: str, wall: float, cpu: float, one: float, results: list[Figures]) -> None:
    print(f"{label:<44} {wall:>7.1f} s wall {cpu:>7.1f} s cpu {wall / one:>6.2f} x")
    for r in results:
        print(f"    {r.name:<22} {r.services_cease!s:>12} £{r.total:>11,}  {r.note}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--budget", type=float, default=pipeline.COMPARE_BUDGET)
    args = parser.parse_args()
    cores = os.cpu_count() or 1
    options = pipeline.ScheduleOptions(budget=args.budget, workers=1)
    loaded = load_plan(SEED)
    first, one, one_cpu = timed(lambda: pipeline.verified_schedule(loaded))
    print(
        f"seed plan {SEED.name}: {len(first.actions)} actions; {cores} cores; load "
        f"{os.getloadavg()[0]:.1f} at the start"
    )
    print(
        f"{'one plan (budget 20, 2 workers)':<44} {one:>7.1f} s wall {one_cpu:>7.1f} s cpu"
        f"   £{first.total_cost:,}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for name, change in SCENARIOS.items():
            path = Path(tmp) / f"{name}.yaml"
            path.write_text(f"name: {name}\nchanges:\n  {change}\n")
            files.append(path)
        saved = Path(tmp) / "schedule.json"
        saved.write_text(first.dumps())
        how = f"budget {args.budget:g}, 1 worker, {cores} processes"
        results, wall, cpu = timed(
            lambda: pipeline.compare(SEED, files, None, options, processes=cores)
        )
        show(f"compare: plan + 4 scenarios ({how})", wall, cpu, one, results)
        results, wall, cpu = timed(
            lambda: pipeline.compare(SEED, files, None, options, processes=cores, saved=saved)
        )
        show("compare --schedule: 4 scenarios, hinted", wall, cpu, one, results)
    print(f"load {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
