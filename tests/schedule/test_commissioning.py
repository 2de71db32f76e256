"""Commissioning plans whose optimal schedules are worked out by hand: dates and pounds exactly.

The small lot plans are in tests/data/commissioning.py, with the procurement chain derived day by
day. The programme starts Monday 3 March 2025; the plan's bank holidays are Early May (Monday 5 May
2025). Savings of £120,000 a year make slippage £10,000 per started month after 31 March 2025.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.data.commissioning import DOUBLE, HEAD, LOT
from tests.schedule.test_build import schedule_of
from transition_planner.plan.load import load_plan
from transition_planner.schedule.commissioning import provider_lines


def test_lot_opens_when_its_statutory_minimum_procurement_ends(tmp_path: Path) -> None:
    s = schedule_of(tmp_path, HEAD + LOT)
    dates = {a.kind.value: (a.start, a.end) for a in s.actions if a.subject == "new-lot"}
    assert dates == {
        "market_engagement": (date(2025, 3, 3), date(2025, 3, 16)),
        "tender": (date(2025, 3, 17), date(2025, 4, 10)),
        "evaluation": (date(2025, 4, 11), date(2025, 4, 24)),
        "award": (date(2025, 5, 6), date(2025, 5, 6)),
        "standstill": (date(2025, 5, 6), date(2025, 5, 15)),
        "mobilisation": (date(2025, 5, 16), date(2025, 6, 12)),
        "lot_open": (date(2025, 6, 13), date(2025, 6, 13)),
    }
    move = s.action("move:P1")
    assert (move.start, move.destination) == (date(2025, 6, 13), "new-lot")
    assert s.action("close:old").start == date(2025, 6, 13)
    # Running costs March to June 4 x £10,000; 3 started months late (to 30 June) x £10,000.
    assert s.cost_breakdown["running_costs"] == 40_000
    assert s.slippage_cost == 30_000
    assert s.total_cost == 70_000


@pytest.mark.parametrize(
    ("payer", "total", "provider"),
    [
        # Council pays the new lot's 3 months of double running: 3 x £20,000 = £60,000.
        ("council", 190_000, 0),
        ("provider", 130_000, 60_000),
    ],
)
def test_double_running_forbids_the_earlier_closure_and_adds_its_cost(
    tmp_path: Path, payer: str, total: int, provider: int
) -> None:
    s = schedule_of(tmp_path, HEAD + LOT + DOUBLE.format(payer=payer))
    # The lot opens 13 June; 3 months count 90 days, so the old service runs through
    # 13 June + 89 days = Wednesday 10 September 2025 (a working day) and closes then, not on
    # 13 June as without double running.
    assert s.action("lot_open:new-lot").start == date(2025, 6, 13)
    assert s.action("close:old").start == date(2025, 9, 10)
    # Running costs March to September: 7 x £10,000 = £70,000 (was £40,000); slippage 6
    # started months after 31 March (to 30 September) x £10,000 = £60,000 (was £30,000).
    assert s.cost_breakdown["running_costs"] == 70_000
    assert s.slippage_cost == 60_000
    assert s.cost_breakdown["double_running"] == 60_000 - provider
    assert s.total_cost == total
    # The closure alone adds £30,000 running + £30,000 slippage = £60,000 to the £70,000.
    assert s.total_cost - 70_000 == 60_000 + (60_000 - provider)
    path = tmp_path / "plan.yaml"
    lines = provider_lines(load_plan(path).plan)
    assert [line.amount for line in lines] == ([provider] if provider else [])


def test_partnership_route_is_mobilisation_only(tmp_path: Path) -> None:
    text = (HEAD + LOT).replace("route: open", "route: partnership")
    s = schedule_of(tmp_path, text)
    kinds = sorted(a.kind.value for a in s.actions if a.subject == "new-lot")
    assert kinds == ["lot_open", "mobilisation"]
    # Mobilisation 3-30 March; open Monday 31 March; P1 reviewed 3-9 March, 2 weeks' notice.
    assert s.action("lot_open:new-lot").start == date(2025, 3, 31)
    assert s.action("move:P1").start == date(2025, 3, 31)
    assert s.total_cost == 10_000  # March's running cost; closes 31 March, on target


def test_a_close_may_follow_lot_open_in_a_custom_action(tmp_path: Path) -> None:
    text = (
        HEAD
        + LOT.replace("    replaces: [old]\n", "")
        + (
            "actions:\n"
            "  - {id: launch, title: Launch event, duration: 1d, after: [lot_open:new-lot]}\n"
        )
    )
    s = schedule_of(tmp_path, text)
    assert s.action("launch").start == date(2025, 6, 14)


STAY = """\
programme:
  name: Stay
  organisation: Test Council
  start: 2025-03-03
  target_end: 2025-03-31
  savings: {full_year: 120000}
sites:
  - {id: old, status: closing}
  - {id: centre, status: continuing, capacity: 0}
  - {id: b, status: receiving, capacity: 5}
teams:
  - {id: team, capacity: 1}
people:
  - {id: P1, site: old, cohort: LD, needs: moderate}
  - {id: P2, site: centre, cohort: PMLD, needs: complex, pathway: stay}
"""


def test_a_person_who_stays_is_reviewed_not_moved(tmp_path: Path) -> None:
    s = schedule_of(tmp_path, STAY)
    p2 = sorted(a.kind.value for a in s.actions if a.subject == "P2")
    assert p2 == ["review"]
    assert s.action("review:P2").days == 21  # complex needs: 3 weeks
    # P1's review goes first (3-9 March), notice to 23 March, moves Monday 24 March.
    assert s.action("move:P1").start == date(2025, 3, 24)
    assert s.total_cost == 0


AGES = """\
programme:
  name: Ages
  organisation: Test Council
  start: 2025-03-03
  target_end: 2025-06-30
  savings: {full_year: 120000}
cohorts:
  - {id: LD}
  - {id: young-adults, name: Young people 18-25, age: {min: 18, max: 25}}
sites:
  - {id: old, status: closing}
  - {id: transitions, status: receiving, capacity: 1, cohorts: [young-adults]}
  - {id: centre, status: receiving, capacity: 1, cohorts: [LD]}
teams:
  - {id: team, capacity: 2}
people:
  - {id: P1, site: old, cohort: LD, needs: moderate, date_of_birth: 2004-03-04, preferred: [centre]}
  - {id: P2, site: old, cohort: LD, needs: moderate, date_of_birth: 1985-01-01}
"""


def test_an_age_band_is_a_rule(tmp_path: Path) -> None:
    # P1 turns 21 on 4 March 2025: aged 20 on 3 March, in 18-25, so both sites can take P1;
    # P2 (40) only the LD centre, so P1 goes to the transitions service despite preferring the
    # centre (one place each).
    s = schedule_of(tmp_path, AGES)
    assert s.action("move:P1").destination == "transitions"
    assert s.action("move:P2").destination == "centre"
    plan = load_plan(tmp_path / "plan.yaml").plan
    assert plan.cohorts_of(plan.people[0]) == {"LD", "young-adults"}
    assert plan.cohorts_of(plan.people[1]) == {"LD"}


PLANS = Path(__file__).parents[2] / "plans"


@pytest.mark.parametrize("name", ["essex-live", "barnet-commissioning"])
def test_worked_examples_run_end_to_end(tmp_path: Path, name: str) -> None:
    from click.testing import CliRunner

    from transition_planner.cli import cli

    out = tmp_path / name
    result = CliRunner().invoke(
        cli, ["run", str(PLANS / f"{name}.yaml"), "--out", str(out), "--budget", "2"]
    )
    assert result.exit_code == 0, result.output + result.stderr
    assert (out / "action-plan.pdf").stat().st_size > 10_000
    assert (out / "lots.csv").read_bytes().startswith("\ufeffLot,Name,Route,".encode())
    verified = CliRunner().invoke(
        cli, ["verify", str(PLANS / f"{name}.yaml"), str(out / "schedule.json")]
    )
    assert verified.exit_code == 0, verified.output + verified.stderr


def test_verify_catches_a_closure_inside_double_running_and_a_short_standstill(
    tmp_path: Path,
) -> None:
    from dataclasses import replace

    from transition_planner.schedule.verify import verify

    s = schedule_of(tmp_path, HEAD + LOT + DOUBLE.format(payer="council"))
    plan = load_plan(tmp_path / "plan.yaml").plan
    moved = [
        replace(a, start=date(2025, 9, 9), end=date(2025, 9, 9)) if a.id == "close:old" else a
        for a in s.actions
    ]
    # Standstill from Thursday 8 May 2025: 8-9 and 12-16 May hold 7 working days by 17 May.
    short = [
        replace(a, start=date(2025, 5, 8), end=date(2025, 5, 17))
        if a.id in ("standstill:new-lot", "award:new-lot")
        else a
        for a in s.actions
    ]
    short = [replace(a, end=a.start) if a.id == "award:new-lot" else a for a in short]
    codes = {(f.code, f.subject) for f in verify(plan, replace(s, actions=moved))}
    assert ("double_running", "close:old") in codes
    faults = verify(plan, replace(s, actions=short))
    assert [str(f) for f in faults if f.code == "procurement"] == [
        "standstill:new-lot: 2025-05-08 to 2025-05-17 holds 7 working days; the Procurement Act "
        "2023 s.51 needs 8"
    ]
