"""Time every phase of the pipeline on generated plans from 100 to 20,000 people.

    .venv/bin/python benchmarks/scale_bench.py                 # every size (make bench)
    .venv/bin/python benchmarks/scale_bench.py --quick         # 100 and 1,000 (make bench-quick)
    .venv/bin/python benchmarks/scale_bench.py --sizes 1540    # one size

Each size runs in a fresh process, so the peak memory (``resource.getrusage``, max RSS) is that
size's own. Phases: load and validate, compile, greedy, solve (time to the first feasible
schedule and to the end), decode, verify, report PDF. The 1,540-person row is
``plans/birmingham-scale.yaml``; the others are generated with ``tplan generate`` options and a
fixed seed. ``budget`` is the CP-SAT budget in deterministic seconds.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BIRMINGHAM = ROOT / "plans" / "birmingham-scale.yaml"
# people -> (sites, staff, budget in deterministic seconds)
SIZES: dict[int, tuple[int, int, float]] = {
    100: (4, 15, 5.0),
    1000: (9, 150, 5.0),
    1540: (11, 240, 5.0),
    5000: (40, 750, 5.0),
    20000: (150, 3000, 5.0),
}
QUICK = (100, 1000)


def _report_pdf(loaded: Any, schedule: Any) -> tuple[str, float | None]:
    """Both PDFs (action plan with the staff register, briefing note): seconds for the two."""
    from datetime import date

    from transition_planner.reports.action_plan import action_plan_pdf
    from transition_planner.reports.briefing import briefing_pdf
    from transition_planner.reports.register import build_register

    began = time.perf_counter()
    register = build_register(loaded.plan, schedule)
    action_plan_pdf(loaded.plan, schedule, date(2026, 1, 1), register)
    briefing_pdf(loaded.plan, schedule, date(2026, 1, 1))
    return "action plan + briefing", time.perf_counter() - began


def one(
    people: int, budget: float, plan_path: Path | None, sites: int, staff: int
) -> dict[str, Any]:
    """Run every phase on one plan in this process; figures as a dict."""
    from transition_planner.generate import GenerateOptions, generate_plan, write_generated
    from transition_planner.plan.load import load_plan
    from transition_planner.problem.compile import compile_plan
    from transition_planner.schedule.build import decode
    from transition_planner.schedule.verify import verify
    from transition_planner.solver import Progress, solve

    row: dict[str, Any] = {"people": people}
    if plan_path is None:
        out = Path(tempfile.mkdtemp(prefix=f"tplan-bench-{people}-"))
        options = GenerateOptions(people=people, sites=sites, staff=staff, seed=1)
        began = time.perf_counter()
        write_generated(out, generate_plan(options))
        row["generate"] = time.perf_counter() - began
        plan_path = out / "plan.yaml"
    began = time.perf_counter()
    loaded = load_plan(plan_path)
    row["load"] = time.perf_counter() - began
    row["sites"], row["staff"] = len(loaded.plan.sites), len(loaded.plan.staff)
    began = time.perf_counter()
    compiled = compile_plan(loaded.plan)
    row["compile"] = time.perf_counter() - began
    problem = compiled.problem
    row["activities"] = len(problem.activities)
    row["options"] = sum(len(c.options) for c in problem.choices)
    began = time.perf_counter()
    baseline = solve(problem, solver="greedy")
    row["greedy"] = time.perf_counter() - began
    row["greedy_cost"] = baseline.objective
    first: list[float] = []

    def hook(p: Progress) -> None:
        if p.stage == "money" and not first:
            first.append(time.perf_counter() - began)

    began = time.perf_counter()
    solution = solve(problem, budget=budget, workers=2, progress=hook)
    row["solve"] = time.perf_counter() - began
    row["first_feasible"] = first[0] if first else None
    row["status"] = solution.status
    row["cost"], row["bound"], row["gap"] = solution.objective, solution.bound, solution.gap
    began = time.perf_counter()
    schedule = decode(loaded, compiled, solution)
    row["decode"] = time.perf_counter() - began
    began = time.perf_counter()
    faults = verify(loaded.plan, schedule)
    row["verify"] = time.perf_counter() - began
    row["faults"] = len(faults)
    row["pdf_name"], row["pdf"] = _report_pdf(loaded, schedule)
    row["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return row


def _fmt(value: Any, spec: str = ".1f") -> str:
    if value is None:
        return "n/a"
    if isinstance(value, float):
        return format(value, spec)
    return str(value)


def print_table(rows: list[dict[str, Any]]) -> None:
    cols = [
        ("people", "people", "d"),
        ("activities", "acts", "d"),
        ("load", "load s", ".2f"),
        ("compile", "compile s", ".2f"),
        ("greedy", "greedy s", ".2f"),
        ("first_feasible", "1st feas s", ".1f"),
        ("solve", "solve s", ".1f"),
        ("decode", "decode s", ".2f"),
        ("verify", "verify s", ".2f"),
        ("pdf", "pdf s", ".2f"),
        ("peak_mb", "peak MB", ".0f"),
    ]
    print(" ".join(f"{h:>10}" for _, h, _ in cols))
    for r in rows:
        print(" ".join(f"{_fmt(r.get(k), spec) if k in r else '-':>10}" for k, _, spec in cols))
    print()
    print(
        f"{'people':>8} {'status':>9} {'cost':>12} {'bound':>12} {'gap':>7} "
        f"{'greedy':>12} {'opt/greedy':>10} {'faults':>6}"
    )
    for r in rows:
        if "cost" not in r:
            continue
        ratio = r["cost"] / r["greedy_cost"] if r.get("greedy_cost") else None
        gap = f"{r['gap']:.2%}" if r.get("gap") is not None else "n/a"
        print(
            f"{r['people']:>8} {r['status']:>9} {r['cost']:>12,} {_fmt(r['bound']):>12} "
            f"{gap:>7} {_fmt(r['greedy_cost']):>12} {_fmt(ratio, '.4f'):>10} {r['faults']:>6}"
        )
    print()
    print("Growth per person (microseconds per person; flat = linear):")
    print(f"{'people':>8} " + " ".join(f"{k:>9}" for k in ("load", "compile", "decode", "verify")))
    for r in rows:
        if "load" in r:
            per = [1e6 * r[k] / r["people"] for k in ("load", "compile", "decode", "verify")]
            print(f"{r['people']:>8} " + " ".join(f"{v:>9.0f}" for v in per))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", help="people counts (default: all)")
    parser.add_argument("--quick", action="store_true", help="100 and 1,000 people only")
    parser.add_argument("--budget", type=float, help="override the deterministic budget")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--timeout", type=float, default=1200, help="seconds per size")
    args = parser.parse_args(argv)
    if args.one is not None:
        sites, staff, budget = SIZES.get(args.one, (max(2, args.one // 130), args.one // 7, 5.0))
        plan = BIRMINGHAM if args.one == 1540 and BIRMINGHAM.exists() else None
        row = one(args.one, args.budget or budget, plan, sites, staff)
        print(json.dumps(row))
        return 0
    sizes = args.sizes or (list(QUICK) if args.quick else list(SIZES))
    rows: list[dict[str, Any]] = []
    for n in sizes:
        cmd = [sys.executable, __file__, "--one", str(n)]
        if args.budget:
            cmd += ["--budget", str(args.budget)]
        began = time.perf_counter()
        try:
            done = subprocess.run(
                cmd, capture_output=True, text=True, timeout=args.timeout, check=False
            )
        except subprocess.TimeoutExpired:
            print(f"{n} people: over {args.timeout:.0f} s, stopped", flush=True)
            rows.append({"people": n})
            continue
        lines = [x for x in done.stdout.splitlines() if x.startswith("{")]
        if done.returncode != 0 or not lines:
            print(f"{n} people: failed\n{done.stderr[-2000:]}", flush=True)
            rows.append({"people": n})
            continue
        row = json.loads(lines[-1])
        row["total"] = time.perf_counter() - began
        rows.append(row)
        print(f"{n} people done in {row['total']:.0f} s: {json.dumps(row)}", flush=True)
    print()
    print_table(rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
