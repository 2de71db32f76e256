"""Savings by financial year, phases and indicators for test_commissioning's lot plan, by hand.

The old site (£10,000 a month) closes Friday 13 June 2025, so its running cost stops after
June: saved from July. The lot (£20,000 a month) opens 13 June 2025: it costs from June.
- 2024/25 (the programme starts 3 March 2025): nothing has changed: £0 and £0.
- 2025/26: saved July to March, 9 x £10,000 = £90,000; the lot June to March, 10 x £20,000 =
  £200,000: in year -£110,000; full-year effect 12 x (£10,000 - £20,000) = -£120,000.
- 2026/27: 12 x -£10,000 = -£120,000, in year and full year.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from tests.schedule.test_build import schedule_of
from tests.schedule.test_commissioning import HEAD, LOT
from transition_planner.plan.load import load_plan
from transition_planner.reports.phasing import _published
from transition_planner.schedule.phasing import (
    YearSaving,
    by_financial_year,
    indicator_values,
    phase_status,
)

TAIL = """\
phases:
  - id: year-1
    name: Year 1
    start: 2025-03-03
    end: 2026-03-31
    milestones: [lot_open:new-lot, close:old]
    saving_target: 50000
indicators:
  - id: moved
    name: People moved to the new lot by 30 June 2025
    compute: {cohort: LD, destination: new-lot}
    by: 2025-06-30
    target: 1
  - id: moved-share
    name: Share of LD clients in the new lot
    unit: percent
    compute: {cohort: LD, destination: new-lot}
    by: 2025-06-30
  - id: choice
    name: People reporting choice and control
    unit: percent
    baseline: 61
    target: 75
    source: Adult social care survey
"""


def test_savings_phases_and_indicators(tmp_path: Path) -> None:
    s = schedule_of(tmp_path, HEAD + LOT + TAIL)
    plan = load_plan(tmp_path / "plan.yaml").plan
    assert by_financial_year(plan, s) == [
        YearSaving(2024, 0, 0),
        YearSaving(2025, -110_000, -120_000),
        YearSaving(2026, -120_000, -120_000),
    ]
    (phase,) = phase_status(plan, s)
    assert [(end.isoformat() if end else None, ok) for _, end, ok in phase.due] == [
        ("2025-06-13", True),
        ("2025-06-13", True),
    ]
    # April 2025 to March 2026 (3 March is not a month's first day): -£110,000.
    assert (phase.saved, phase.target) == (-110_000, 50_000)
    moved, share, choice = indicator_values(plan, s)
    assert (moved.value, moved.count) == (Decimal(1), 1)
    assert (share.value, share.count, share.of) == (Decimal("100.0"), 1, 1)
    assert choice.value is None
    # The briefing: one person is "fewer than 5"; a percentage of one person is not shown.
    assert _published(moved, 5) == "fewer than 5"
    assert _published(share, 5) == "not shown (fewer than 5 people)"
    assert _published(choice, 5) == "to be reported from progress"
