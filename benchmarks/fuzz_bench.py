"""Fuzz the whole path a plan takes: mutate valid plans, then validate, schedule (greedy), verify.

Each case takes a seed plan (plans/*.yaml and small `tplan generate` plans, people and staff
inlined), applies one to three mutations (type swaps, extreme numbers, dates, durations,
deletions, duplicates, ids swapped), and runs in-process:

    load_plan -> make_schedule(--solver greedy) -> verify, and verify of the JSON read back

with a per-case timeout. It prints how many cases were refused cleanly (exit 2, every problem
located), scheduled and verified, ended with exit 3 (infeasible or no schedule found), ended
with another of the tool's errors, raised a traceback, hung past the timeout, or produced a
schedule its own verify rejects; the first few of each bad kind are listed with their mutation.

    .venv/bin/python benchmarks/fuzz_bench.py --count 2000 --seed 1
"""

from __future__ import annotations

import argparse
import copy
import random
import signal
import sys
import tempfile
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from types import FrameType
from typing import Any

import yaml

from transition_planner.errors import (
    Infeasible,
    NoScheduleFound,
    PlanError,
    TransitionPlannerError,
)
from transition_planner.generate import GenerateOptions, generate_plan, write_generated
from transition_planner.pipeline import ScheduleOptions, make_schedule
from transition_planner.plan.load import load_plan
from transition_planner.schedule.model import read_schedule
from transition_planner.schedule.verify import verify

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ["tutorial.yaml", "links-to-work.yaml"]

NUMBERS: list[Any] = [0, -1, 1, 7, 10**9, 10**9 + 1, 10**12, 2**63, 1e30, 1e-9, 0.5, -0.0]
DATES = ["0001-01-01", "9999-12-31", "2000-01-01", "2099-12-31", "2016-02-30", "1899-12-31"]
DURATIONS = ["0d", "1d", "3650d", "3651d", "120m", "121m", "99999w", "5w", "1m", "-1d", 0, 3650]
OTHERS: list[Any] = [None, True, "", "x", [], {}, ["a", "a"], {"a": 1}, "é" * 300]


class Timeout(Exception):
    pass


@dataclass
class Tally:
    counts: Counter[str] = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=dict)

    def add(self, kind: str, example: str | None = None) -> None:
        self.counts[kind] += 1
        if example is not None:
            self.examples.setdefault(kind, []).append(example)


def seed_plans(work: Path) -> list[dict[str, Any]]:
    """The seed plans as plain data, with people and staff inline."""
    paths = [ROOT / "plans" / name for name in SEEDS]
    for n, (people, sites, staff) in enumerate([(12, 3, 4), (30, 4, 10), (60, 6, 0)]):
        out = work / f"gen{n}"
        options = GenerateOptions(people=people, sites=sites, staff=staff, seed=n, name="plan")
        write_generated(out, generate_plan(options))
        paths.append(out / "plan.yaml")
    plans = []
    for path in paths:
        plan = load_plan(path).plan
        plans.append(plan.model_dump(mode="json", by_alias=True, exclude_none=True))
    return plans


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            out += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            out += _paths(value, (*prefix, i))
    return out


def _parent(data: Any, path: tuple[Any, ...]) -> Any:
    node = data
    for part in path[:-1]:
        node = node[part]
    return node


def mutate(data: dict[str, Any], rng: random.Random) -> str:
    """Change ``data`` in place once; say how."""
    paths = _paths(data)
    # people lists dominate the paths; weigh every section alike
    sections = sorted({p[0] for p in paths})
    section = rng.choice(sections)
    path = rng.choice([p for p in paths if p[0] == section])
    parent = _parent(data, path)
    key = path[-1]
    old = parent[key]
    kind = rng.choice(
        ["type", "number", "date", "duration", "delete", "duplicate", "id", "other"] + ["near"] * 4
    )
    if kind == "near":
        # a plausible edit that often still validates, to reach the scheduler
        if isinstance(old, bool) or old is None:
            value: Any = not old
        elif isinstance(old, (int, float)):
            value = type(old)(old * rng.choice([0, 0.5, 2, 3, 10]) + rng.choice([0, 1]))
        elif isinstance(old, str) and old[:2] in ("19", "20"):
            value = _near_date(old, rng)
        elif isinstance(old, list) and old:
            value = old[:]
            if rng.random() < 0.5:
                value.pop(rng.randrange(len(value)))
            else:
                rng.shuffle(value)
        else:
            value = rng.choice(DURATIONS[:10]) if isinstance(old, str) else old
        parent[key] = value
        return f"{path}: {old!r:.40} ~> {value!r:.40}"
    if kind == "delete":
        del parent[key]
        return f"delete {path}"
    if kind == "duplicate":
        if isinstance(parent, list):
            parent.insert(key, copy.deepcopy(old))
            return f"duplicate {path}"
        if isinstance(old, list) and old:
            old.append(copy.deepcopy(rng.choice(old)))
            return f"duplicate an item of {path}"
        kind = "other"
    if kind == "id":
        ids = [v for p in paths if p[-1] in ("id", "site") for v in [_parent(data, p)[p[-1]]]]
        value = rng.choice(ids) if ids else "x"
    elif kind == "type":
        value = rng.choice([str(old), [old], {"value": old}, 1 if old else 0, None])
    elif kind == "number":
        value = rng.choice(NUMBERS)
    elif kind == "date":
        value = rng.choice(DATES) if rng.random() < 0.5 else _near_date(old, rng)
    elif kind == "duration":
        value = rng.choice(DURATIONS)
    else:
        value = rng.choice(OTHERS)
    parent[key] = value
    return f"{path}: {old!r:.40} -> {value!r:.40}"


def _near_date(old: Any, rng: random.Random) -> str:
    try:
        base = date.fromisoformat(str(old))
    except ValueError:
        base = date(2016, 3, 10)
    try:
        return (base + timedelta(days=rng.randint(-4000, 6000))).isoformat()
    except OverflowError:
        return base.isoformat()


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise Timeout


def run_case(data: dict[str, Any], folder: Path, tally: Tally, how: str, timeout: int) -> None:
    path = folder / "plan.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    signal.alarm(timeout)
    try:
        try:
            loaded = load_plan(path)
        except PlanError as exc:
            unlocated = [d for d in exc.diagnostics if d.line is None]
            if unlocated or not exc.diagnostics:
                tally.add("refused, not located", f"{how}: {unlocated[:1]}")
            else:
                tally.add("refused cleanly (exit 2)")
            return
        try:
            schedule = make_schedule(loaded, ScheduleOptions(solver="greedy"))
        except (Infeasible, NoScheduleFound) as exc:
            if str(exc).strip():
                tally.add("exit 3 with a reason")
            else:
                tally.add("exit 3 without a reason", how)
            return
        faults = verify(loaded.plan, schedule)
        if not faults:
            faults = verify(loaded.plan, read_schedule(schedule.dumps(), "schedule.json"))
        if faults:
            tally.add("own schedule fails verify", f"{how}: {faults[0]}")
        else:
            tally.add("scheduled and verified")
    except Timeout:
        tally.add(f"hang over {timeout} s", how)
    except TransitionPlannerError as exc:
        tally.add(f"other error (exit {exc.exit_code})", f"{how}: {exc}")
    except Exception:
        last = traceback.format_exc().strip().splitlines()
        tally.add("traceback", f"{how}: {last[-1]} ({last[-3].strip()})")
    finally:
        signal.alarm(0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=2000, help="mutated plans to try")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=int, default=10, help="seconds per case")
    parser.add_argument("--show", type=int, default=5, help="examples listed per bad kind")
    args = parser.parse_args()
    signal.signal(signal.SIGALRM, _alarm)
    rng = random.Random(args.seed)
    tally = Tally()
    began = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        seeds = seed_plans(work)
        for n in range(args.count):
            data = copy.deepcopy(rng.choice(seeds))
            times = rng.choice([1, 1, 1, 2, 3])
            how = "; ".join(mutate(data, rng) for _ in range(times))
            run_case(data, work, tally, how, args.timeout)
            if (n + 1) % 100 == 0:
                print(f"  {n + 1} cases, {time.perf_counter() - began:.0f} s", file=sys.stderr)
    wall = time.perf_counter() - began
    print(f"fuzz_bench: {args.count} mutated plans, seed {args.seed}, {wall:.0f} s wall")
    for kind, count in tally.counts.most_common():
        print(f"  {kind:<32} {count:>6}")
    for kind, examples in tally.examples.items():
        print(f"\n{kind} (first {min(args.show, len(examples))} of {len(examples)}):")
        for example in examples[: args.show]:
            print(f"  - {example[:400]}")


if __name__ == "__main__":
    main()
