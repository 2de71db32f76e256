"""Plan -> Problem: the redundant bounds the compiler adds, checked by hand."""

from __future__ import annotations

from pathlib import Path

from tests.data.plans import moderate, plan_text
from transition_planner.plan.load import load_plan
from transition_planner.problem.compile import compile_plan


def test_a_site_cannot_close_before_its_reviews_could_be_done(tmp_path: Path) -> None:
    # 7 moderate reviews of 7 days: 49 team-days. One at a time they end on day 49 at the
    # earliest; two at a time, 49 / 2 rounds up to day 25 (a bound: whole reviews need 28).
    for capacity, release in ((1, 49), (2, 25)):
        path = tmp_path / f"plan{capacity}.yaml"
        path.write_text(plan_text(moderate(7), team_capacity=capacity), encoding="utf-8")
        problem = compile_plan(load_plan(path).plan).problem
        assert problem.by_id["close:old"].release == release
