"""What a schedule says was proven: never more than the search proved."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from tests.data.progress import SIX_PLAN
from transition_planner import pipeline
from transition_planner.plan.load import load_plan
from transition_planner.schedule.compare import figures
from transition_planner.schedule.model import Schedule, read_schedule
from transition_planner.schedule.text import format_schedule, status_in_words
from transition_planner.schedule.verify import verify


def _solved(tmp_path: Path) -> tuple[pipeline.LoadedPlan, Schedule]:
    (tmp_path / "plan.yaml").write_text(SIX_PLAN)
    loaded = load_plan(tmp_path / "plan.yaml")
    return loaded, pipeline.verified_schedule(loaded, pipeline.ScheduleOptions(budget=2))


def test_cost_proven_but_not_the_later_aims(tmp_path: Path) -> None:
    loaded, s = _solved(tmp_path)
    # the cost at its bound, but a later stage (fewest changed commitments) not proven
    replan = dataclasses.replace(
        s,
        status="FEASIBLE",
        bound=s.total_cost,
        gap=0.0,
        stats={**s.stats, "commitments": 12, "commitments_moved": 3},
    )
    marked = pipeline._with_proof(replan)
    assert marked.stats["proven"] == "cost"
    assert status_in_words(marked) == (
        "cost proven optimal; changes to commitments not proven minimal"
    )
    assert (
        format_schedule(marked, 1000)
        .splitlines()[0]
        .startswith(
            "Schedule: cost proven optimal; changes to commitments not proven minimal; solver"
        )
    )
    # in schedule.json, read back the same, and verify still passes
    again = read_schedule(marked.dumps(), "schedule.json")
    assert status_in_words(again) == status_in_words(marked)
    assert verify(loaded.plan, again) == []
    assert figures("plan", (), again).cost_proven
    # a first plan: the later aim is people's preferences
    first = pipeline._with_proof(dataclasses.replace(s, status="FEASIBLE", bound=s.total_cost))
    assert status_in_words(first) == "cost proven optimal; people's preferences not proven best met"


def test_no_more_than_proven(tmp_path: Path) -> None:
    _, s = _solved(tmp_path)
    below = dataclasses.replace(s, status="FEASIBLE", bound=s.total_cost - 1, stats={})
    assert "proven" not in pipeline._with_proof(below).stats
    assert status_in_words(below) == "feasible, not proven optimal"
    assert not figures("plan", (), below).cost_proven
    proven = dataclasses.replace(s, status="OPTIMAL", bound=s.total_cost, stats={})
    assert "proven" not in pipeline._with_proof(proven).stats
    assert status_in_words(proven) == "optimal (proven)"
