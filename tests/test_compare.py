"""What-ifs side by side on the seed plan: each scenario's figures are those of solving the
edited plan directly, with the same options."""

from __future__ import annotations

from pathlib import Path

import pytest

from transition_planner import pipeline
from transition_planner.errors import PlanError
from transition_planner.plan.load import load_plan
from transition_planner.schedule.compare import figures

PLANS = Path(__file__).resolve().parents[1] / "plans"
SEED = PLANS / "links-to-work.yaml"
SCENARIOS = [
    PLANS / "scenarios" / "links-to-work-team-short.yaml",
    PLANS / "scenarios" / "links-to-work-no-september-break.yaml",
]
OPTIONS = pipeline.ScheduleOptions(budget=0.5, workers=1)


def test_compare_equals_solving_each_edited_plan() -> None:
    results = pipeline.compare(SEED, SCENARIOS, None, OPTIONS, processes=2)
    assert [r.name for r in results] == ["plan", "team-short", "no-september-break"]
    assert results[1].changes == ("team review-team at 10 from 2016-04-25 to 2016-05-22",)
    assert results[2].changes == ("lease at electrium-point: no break on 2016-09-29",)
    loaded = load_plan(SEED)
    assert results[0] == figures("plan", (), pipeline.verified_schedule(loaded, OPTIONS))
    for path, result in zip(SCENARIOS, results[1:], strict=True):
        edited, scenario = pipeline.scenario_plan(loaded, path)
        direct = pipeline.verified_schedule(edited, OPTIONS)
        assert result == figures(scenario.name, scenario.changes, direct)
    # the lost break: the lease runs to the December break, so three more months' rent
    assert results[2].lines["rent"] - results[0].lines["rent"] >= 3 * 9000


def test_scenario_errors_are_located(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "name: bad\n"
        "changes:\n"
        "  - {team: review-tem, capacity: 10, from: 2016-04-11}\n"
        "  - {lease: electrium-point, drop_break: 2016-09-30}\n"
        "  - {site: goscote-greenacres, late: 6w}\n"
    )
    with pytest.raises(PlanError) as caught:
        pipeline.scenario_plan(load_plan(SEED), bad)
    assert [d.render() for d in caught.value.diagnostics] == [
        f"{bad}:3:12: changes[0].team: unknown team 'review-tem' (did you mean 'review-team'?)",
        f"{bad}:4:42: changes[1].drop_break: 2016-09-30 is not a break date of this lease "
        "(2016-09-29, 2016-12-25)",
        f"{bad}:5:38: changes[2].late: goscote-greenacres has no available_from to move; give "
        "available_from",
    ]
