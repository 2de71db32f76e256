"""Re-planning and what-ifs at scale: does a re-plan cost no more than the first plan?

    .venv/bin/python benchmarks/replan_bench.py                  # Birmingham scale, budget 2
    .venv/bin/python benchmarks/replan_bench.py --people 300     # a generated plan
    .venv/bin/python benchmarks/replan_bench.py --compare        # 4 seed scenarios vs 1 plan

Re-plan: the first plan is solved, kept as the baseline, and the steps that start in its first
30% of actions (by start date) are recorded as done or started at their planned dates, as of
the date that splits them; then the plan is re-planned from that date with the baseline, at the
same budget. Printed: wall time of each, total cost, and how many baseline commitments moved
(with nothing changed but time, money should require none).

Compare: the seed plan alone, then ``compare`` with four scenarios (two processes, one CP-SAT
worker each), at the same budget.
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from transition_planner import pipeline  # noqa: E402
from transition_planner.generate import GenerateOptions, generate_plan, write_generated  # noqa: E402
from transition_planner.plan.load import load_plan  # noqa: E402
from transition_planner.schedule.model import Schedule  # noqa: E402

BIRMINGHAM = ROOT / "plans" / "birmingham-scale.yaml"
SEED = ROOT / "plans" / "links-to-work.yaml"
SCENARIOS = {
    "team-short": "- {team: review-team, capacity: 10, from: 2016-04-11, to: 2016-05-08}",
    "no-september-break": "- {lease: electrium-point, drop_break: 2016-09-29}",
    "goscote-late": "- {action: redevelop-goscote, late: 3w}",
    "team-shorter": "- {team: review-team, capacity: 12, from: 2016-03-21, to: 2016-04-30}",
}


def progress_from(schedule: Schedule, share: float, path: Path) -> str:
    """Record the first ``share`` of actions (by start) as done or started; returns as_of."""
    actions = sorted(schedule.actions, key=lambda a: (a.start, a.id))
    as_of = actions[int(len(actions) * share)].start
    with path.open("w", newline="") as handle:
        out = csv.writer(handle, lineterminator="\n")
        out.writerow(["step", "status", "start", "finish", "outcome"])
        out.writerow(["as_of", "", as_of.isoformat(), "", ""])
        for a in actions:
            if a.start >= as_of:
                continue
            status = "done" if a.end < as_of else "started"
            out.writerow([a.id, status, a.start, a.end, a.destination or ""])
    return as_of.isoformat()


def replan(plan: Path, budget: float) -> None:
    options = pipeline.ScheduleOptions(budget=budget)
    loaded = load_plan(plan)
    began = time.perf_counter()
    first = pipeline.make_schedule(loaded, options)
    first_time = time.perf_counter() - began
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "progress.csv"
        as_of = progress_from(first, 0.3, path)
        facts = pipeline.progress_for(loaded, path)
        began = time.perf_counter()
        done = pipeline.replan_schedule(loaded, pipeline.Replan(facts, first), options)
        again = time.perf_counter() - began
    s = done.schedule
    print(f"plan {plan.name}, budget {budget:g}, {len(first.actions)} actions, as_of {as_of}")
    print(f"  {'':<10} {'wall s':>8} {'total':>14} {'services cease':>15}")
    print(
        f"  {'first':<10} {first_time:>8.1f} {first.total_cost:>14,} {first.services_cease!s:>15}"
    )
    print(f"  {'re-plan':<10} {again:>8.1f} {s.total_cost:>14,} {s.services_cease!s:>15}")
    print(
        f"  recorded {s.stats['recorded']}, frozen {s.stats['frozen']}, "
        f"commitments moved {s.stats['commitments_moved']} of {s.stats['commitments']}"
    )


def compare(budget: float) -> None:
    options = pipeline.ScheduleOptions(budget=budget, workers=1)
    began = time.perf_counter()
    pipeline.verified_schedule(load_plan(SEED), pipeline.ScheduleOptions(budget=budget))
    one = time.perf_counter() - began
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for name, change in SCENARIOS.items():
            path = Path(tmp) / f"{name}.yaml"
            path.write_text(f"name: {name}\nchanges:\n  {change}\n")
            files.append(path)
        began = time.perf_counter()
        results = pipeline.compare(SEED, files, None, options, processes=2)
        many = time.perf_counter() - began
    print(
        f"seed plan, budget {budget:g}: one plan {one:.1f} s (2 workers); plan + 4 scenarios "
        f"{many:.1f} s (2 processes x 1 worker): {many / one:.2f} x"
    )
    for r in results:
        print(f"  {r.name:<20} {r.services_cease!s:>12} £{r.total:>12,}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, help="a generated plan of this many people")
    parser.add_argument("--budget", type=float, default=2.0)
    parser.add_argument("--compare", action="store_true")
    args = parser.parse_args()
    if args.compare:
        compare(args.budget)
        return
    if args.people:
        with tempfile.TemporaryDirectory() as tmp:
            options = GenerateOptions(people=args.people, sites=8, staff=args.people // 5)
            written = write_generated(Path(tmp), generate_plan(options))
            replan(next(p for p in written if p.suffix == ".yaml"), args.budget)
        return
    replan(BIRMINGHAM, args.budget)


if __name__ == "__main__":
    main()
