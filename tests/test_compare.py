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


def test_compare_defaults_to_half_a_schedule_budget_on_one_worker() -> None:
    # compare's own defaults, stated in `tplan compare --help` and its last line
    assert pipeline.COMPARE_BUDGET == pipeline.DEFAULT_BUDGET / 2
    assert pipeline.ScheduleOptions(budget=10, workers=1).limit_in_words() == (
        "--budget 10 deterministic s, --workers 1 (reproducible)"
    )


def test_compare_with_the_plans_schedule_hints_each_scenario(tmp_path: Path) -> None:
    # --schedule: the plan's column is its saved schedule (not solved again, marked as such)
    # and each scenario is what solving the edited plan directly with that hint gives
    loaded = load_plan(SEED)
    plan_schedule = pipeline.verified_schedule(loaded, OPTIONS)
    saved = tmp_path / "schedule.json"
    saved.write_text(plan_schedule.dumps())
    results = pipeline.compare(SEED, SCENARIOS[:1], None, OPTIONS, processes=1, saved=saved)
    assert [r.name for r in results] == ["plan", "team-short"]
    assert results[0].note == f"from {saved}"
    assert results[0].total == plan_schedule.total_cost
    edited, scenario = pipeline.scenario_plan(loaded, SCENARIOS[0])
    direct = pipeline.verified_schedule(edited, OPTIONS, hint=plan_schedule)
    assert results[1] == figures(scenario.name, scenario.changes, direct)


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


def test_a_team_change_ending_before_it_starts_is_located_in_the_scenario(
    tmp_path: Path,
) -> None:
    # It was reported at a key of the edited plan, with no line: "bad.yaml:
    # teams[review-team].availability[1].to: ...", a path the user never wrote.
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "name: bad\n"
        "changes:\n"
        "  - {team: review-team, capacity: 5, from: 2016-05-25, to: 2016-04-01}\n"
    )
    with pytest.raises(PlanError) as caught:
        pipeline.scenario_plan(load_plan(SEED), bad)
    assert [d.render() for d in caught.value.diagnostics] == [
        f"{bad}:3:60: changes[0].to: 2016-04-01 is before 'from' 2016-05-25"
    ]


def test_two_scenarios_of_one_name_are_refused(tmp_path: Path) -> None:
    # They gave two columns headed the same (or headed "plan", like the plan's own column).
    first, second, plan = tmp_path / "a.yaml", tmp_path / "b.yaml", tmp_path / "c.yaml"
    change = "changes:\n  - {team: review-team, capacity: 10, from: 2016-04-25}\n"
    first.write_text("name: short\n" + change)
    second.write_text("name: short\n" + change)
    plan.write_text("name: plan\n" + change)
    with pytest.raises(PlanError) as caught:
        pipeline.compare(SEED, [first, second, plan])
    assert [d.render() for d in caught.value.diagnostics] == [
        f"{second}: name: 'short' is also the name of {first}; give each scenario its own name",
        f"{plan}: name: 'plan' is also the name of the plan's own column; give each scenario "
        "its own name",
    ]


def test_a_person_added_by_a_scenario_is_checked_where_it_is_written(tmp_path: Path) -> None:
    # Reported as "bad.yaml: people.102.needs: ..." and "bad.yaml: people[P900].site: ...":
    # keys of the edited plan with no line, where the user wrote changes[0].person.
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "name: bad\nchanges:\n"
        "  - {person: {id: P900, site: electrium-point, cohort: LD, needs: moderat}}\n"
    )
    with pytest.raises(PlanError) as caught:
        pipeline.scenario_plan(load_plan(SEED), bad)
    assert [d.render() for d in caught.value.diagnostics] == [
        f"{bad}:3:67: changes[0].person.needs: Input should be 'moderate', 'substantial', "
        "'complex' or 'unknown'"
    ]
    bad.write_text(
        "name: bad\nchanges:\n  - {person: {id: P900, site: nowhere, cohort: LD, needs: moderate}}\n"
    )
    with pytest.raises(PlanError) as caught:
        pipeline.scenario_plan(load_plan(SEED), bad)
    assert [d.render() for d in caught.value.diagnostics] == [
        f"{bad}:3:31: people[P900].site: unknown site 'nowhere'"
    ]
