"""Outcomes over time, derived by hand: the forecast per month, the penalty at each review date
and the gainshare when the caseload rises.

The employment hub opens on the programme start, Tuesday 1 April 2025, with a caseload of 5,
3 months to the outcome and a 50% success share. Starters come in waves of 5, one wave every
3 months; a wave's outcomes fall on its last day (30 June, 30 September, 31 December 2025,
31 March 2026); the forecast is floor(0.5 x finished): 2 (2.5), 5, 7 (7.5), 10.
The trajectory: 10 by month 6 (30 September 2025) and 20 by month 12 (31 March 2026). Payment:
a £1,000 penalty per outcome short, a £500 gainshare per outcome over, at most £8,000 a review.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from tests.conftest import PlanDir
from tests.data.commissioning import HEAD, LOT
from tests.plan.test_errors import problems
from tests.schedule.test_build import schedule_of
from transition_planner.plan.load import load_plan
from transition_planner.plan.outcomes import monthly_forecast, reviews
from transition_planner.schedule.commissioning import restated_outcomes

PLAN = """\
programme:
  name: Outcomes
  organisation: Test Council
  start: 2025-04-01
  target_end: 2025-04-30
  savings: {{full_year: 120000}}
sites:
  - {{id: old, status: closing}}
  - {{id: b, status: receiving, capacity: 5}}
  - {{id: hub, status: receiving, capacity: {capacity}, pathways: [employment],
      available_from: 2025-04-01}}
teams:
  - {{id: team, capacity: 1}}
people:
  - {{id: P1, site: old, cohort: LD, needs: moderate}}
outcomes:
  - id: paid-work
    name: Into paid work
    service: hub
    time_to_outcome: 3m
    success_share: 0.5
    trajectory:
      - {{date: 2025-09-30, target: 10}}
      - {{date: 2026-03-31, target: 20}}
    payment: {{penalty_per_outcome: 1000, gainshare_per_outcome: 500, cap_per_review: 8000}}
"""


def test_forecast_per_month(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(PLAN.format(capacity=5), encoding="utf-8")
    plan = load_plan(path).plan
    outcome = plan.outcomes[0]
    assert plan.caseload(outcome) == 5  # the hub's places
    months = monthly_forecast(outcome, 5, date(2025, 4, 1), 12)
    assert months == [
        (date(2025, 4, 30), 0),
        (date(2025, 5, 31), 0),
        (date(2025, 6, 30), 2),
        (date(2025, 7, 31), 2),
        (date(2025, 8, 31), 2),
        (date(2025, 9, 30), 5),
        (date(2025, 10, 31), 5),
        (date(2025, 11, 30), 5),
        (date(2025, 12, 31), 7),
        (date(2026, 1, 31), 7),
        (date(2026, 2, 28), 7),
        (date(2026, 3, 31), 10),
    ]
    # Penalties: 5 short at month 6 = £5,000; 10 short at month 12 = £10,000, capped £8,000.
    assert [
        (r.forecast, r.penalty, r.gainshare) for r in reviews(outcome, 5, date(2025, 4, 1))
    ] == [
        (5, 5_000, 0),
        (10, 8_000, 0),
    ]


@pytest.mark.parametrize(
    ("capacity", "penalty", "gainshare"),
    [
        (5, 13_000, 0),
        # Caseload 20: waves of 20 give 10 outcomes each: 20 by month 6 (10 over: £5,000) and
        # 40 by month 12 (20 over: £10,000, capped £8,000): £13,000 gainshare.
        (20, 0, 13_000),
    ],
)
def test_penalty_and_gainshare_in_the_schedule(
    tmp_path: Path, capacity: int, penalty: int, gainshare: int
) -> None:
    s = schedule_of(tmp_path, PLAN.format(capacity=capacity))
    lines = {(c.kind, c.subject): c.amount for c in s.cost_lines}
    assert lines[("outcome_penalty", "paid-work")] == penalty
    assert lines[("outcome_gainshare", "paid-work")] == -gainshare
    # P1 reviewed 1-7 April, moves Tuesday 22 April: on target, so the outcomes are the total.
    assert s.total_cost == penalty - gainshare


def test_a_later_lot_opening_costs_its_penalties(tmp_path: Path) -> None:
    # The lot of test_commissioning opens Friday 13 June 2025; waves end 12 September and
    # 12 December 2025, 12 March and 12 June 2026. By 31 December 2025: 10 finished, 5
    # outcomes, 5 short of 10 (£5,000); by 30 June 2026: 20 finished, 10 outcomes, 10 short of
    # 20 (£10,000). The schedule's other costs are test_commissioning's £70,000.
    text = (
        HEAD
        + LOT
        + (
            "outcomes:\n"
            "  - id: paid-work\n"
            "    service: new-lot\n"
            "    caseload: 5\n"
            "    time_to_outcome: 3m\n"
            "    success_share: 0.5\n"
            "    trajectory: [{date: 2025-12-31, target: 10}, {date: 2026-06-30, target: 20}]\n"
            "    payment: {penalty_per_outcome: 1000}\n"
        )
    )
    s = schedule_of(tmp_path, text)
    assert s.action("lot_open:new-lot").start == date(2025, 6, 13)
    assert s.cost_breakdown["outcome_penalty"] == 15_000
    assert s.total_cost == 85_000
    plan = load_plan(tmp_path / "plan.yaml").plan
    assert plan.outcomes[0].success_share == Decimal("0.5")


# The caseload of 5 rises to 20 from Tuesday 1 July 2025: 15 more places open that day and take
# starters at once, on their own 3-month calendar: runs ending 30 September and 31 December
# 2025, 31 March 2026. The first 5 places keep theirs (30 June, 30 September, ...).
RISE = "    caseload_changes: [{from: 2025-07-01, caseload: 20}]\n"


def _with(changes: str) -> str:
    return PLAN.format(capacity=5).replace("    trajectory:\n", changes + "    trajectory:\n")


def test_the_gainshare_when_the_caseload_rises(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(_with(RISE), encoding="utf-8")
    plan = load_plan(path).plan
    outcome = plan.outcomes[0]
    # Finished by month: 5 by 30 June; 5 + 5 + 15 = 25 by 30 September; 15 + 30 = 45 by
    # 31 December; 20 + 45 = 65 by 31 March 2026. Half, rounded down: 2, 12, 22, 32.
    assert [n for _, n in monthly_forecast(outcome, 5, date(2025, 4, 1), 12)] == [
        0, 0, 2, 2, 2, 12, 12, 12, 22, 22, 22, 32
    ]  # fmt: skip
    # Month 6: 12 against 10, 2 over: £1,000. Month 12: 32 against 20, 12 over: £6,000 (under
    # the £8,000 cap). £7,000 of gainshare, where a caseload of 5 throughout paid £13,000 in
    # penalties.
    assert [
        (r.forecast, r.penalty, r.gainshare) for r in reviews(outcome, 5, date(2025, 4, 1))
    ] == [(12, 0, 1_000), (32, 0, 6_000)]
    s = schedule_of(tmp_path, _with(RISE))  # costed, and verify's own restatement agrees
    lines = {(c.kind, c.subject): c.amount for c in s.cost_lines}
    assert lines[("outcome_penalty", "paid-work")] == 0
    assert lines[("outcome_gainshare", "paid-work")] == -7_000
    assert s.total_cost == -7_000
    assert restated_outcomes(plan, s.actions)["paid-work"][:2] == (0, 7_000)


def test_a_fall_closes_places_as_their_starters_finish(tmp_path: Path) -> None:
    # Back to 5 from Saturday 1 November 2025: the 15 added places' starters of 1 October
    # finish on 31 December and no one follows them. Finished: 25 by 30 September; 15 + 30 =
    # 45 by 31 December; 20 + 30 = 50 by 31 March 2026: forecasts 12 and 25, so £1,000 and
    # 5 over x £500 = £2,500: £3,500 of gainshare.
    fall = RISE.replace("20}]", "20}, {from: 2025-11-01, caseload: 5}]")
    s = schedule_of(tmp_path, _with(fall))
    plan = load_plan(tmp_path / "plan.yaml").plan
    assert [r.forecast for r in reviews(plan.outcomes[0], 5, date(2025, 4, 1))] == [12, 25]
    assert s.cost_breakdown["outcome_gainshare"] == -3_500
    assert restated_outcomes(plan, s.actions)["paid-work"][:2] == (0, 3_500)


def test_caseload_changes_out_of_order_are_located(plan_dir: PlanDir) -> None:
    text = _with("    caseload_changes: [{from: 2025-07-01, caseload: 20}, "
                 "{from: 2025-06-01, caseload: 5}]\n")  # fmt: skip
    assert [p for p in problems(plan_dir, text, None) if ": warning: " not in p] == [
        "plan.yaml:22:65: outcomes[paid-work].caseload_changes[1].from: 2025-06-01 is not after "
        "the change before it (2025-07-01); list the changes in date order"
    ]
