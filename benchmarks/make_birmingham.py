"""Re-create ``plans/birmingham-scale.yaml`` (+ its CSVs) with the plan generator.

    .venv/bin/python benchmarks/make_birmingham.py            # refuses to overwrite
    .venv/bin/python benchmarks/make_birmingham.py --force

Birmingham's figures (the issue's source): 1,540 people in day services across 9 sites and 2
gardening projects; 678 of them in council-run centres, with 10 moderate, 111 substantial,
473 complex and 48 unknown needs. Everything else in the plan is ILLUSTRATIVE.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from transition_planner.generate import GenerateOptions, generate_plan, write_generated

PLANS = Path(__file__).resolve().parents[1] / "plans"
OPTIONS = GenerateOptions(
    people=1540,
    sites=11,
    staff=240,
    seed=1,
    name="birmingham-scale",
    title="Birmingham-scale day services redesign (illustrative)",
)
HEADER = """\
# Birmingham scale: a plan the size of Birmingham's day services (plan format version 1).
#
# From the source: 1,540 people in day services across 9 sites and 2 gardening projects (11
# sites here); 678 of them in council-run centres, with 10 moderate, 111 substantial, 473
# complex and 48 unknown needs. The generator applies that needs mix to all 1,540 people.
# ILLUSTRATIVE (invented): which sites close and which receive, every name, capacity, date,
# cost, lease, team size, person and staff record (240 staff), made by `tplan generate`.
# Re-create it: .venv/bin/python benchmarks/make_birmingham.py --force
#
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--force", action="store_true", help="replace the existing files")
    args = parser.parse_args()
    generated = generate_plan(OPTIONS)
    text = generated.files[generated.plan_file]
    body = text[text.index("version:") :]
    generated.files[generated.plan_file] = HEADER + body
    if args.force:
        for name in generated.files:
            (PLANS / name).unlink(missing_ok=True)
    for path in write_generated(PLANS, generated):
        print(f"Wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
