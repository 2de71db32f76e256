"""The worked example's workforce, and what the solver may and may not see."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from tests.data.plans import STAFF_PLAN as PLAN
from transition_planner.pipeline import ScheduleOptions, make_schedule
from transition_planner.plan.load import load_plan
from transition_planner.problem.compile import compile_plan
from transition_planner.reports.register import build_register
from transition_planner.schedule.verify import verify

EXAMPLE = Path(__file__).parents[2] / "plans" / "links-to-work.yaml"


def test_worked_example_register() -> None:
    loaded = load_plan(EXAMPLE)
    schedule = make_schedule(loaded, ScheduleOptions(solver="greedy"))
    assert verify(loaded.plan, schedule) == []
    register = build_register(loaded.plan, schedule)
    assert len(register.posts) == 47
    statuses = Counter(r.status for r in register.posts)
    assert statuses == {"redundant": 33, "redeployed": 6, "VR accepted": 5, "vacancy deleted": 3}
    # Each vacancy goes to one person, in the same role and grade.
    moved = [r for r in register.posts if r.status == "redeployed"]
    assert len({r.redeployed_to for r in moved}) == 6
    vacancies = {v.id: v for v in loaded.plan.vacancies}
    assert all(vacancies[r.redeployed_to].role == r.role for r in moved)
    # Electrium Point, with 22 proposed dismissals, is the one establishment over 20.
    collective = [e.id for e in register.establishments if e.hr1 is not None]
    assert collective == ["electrium-point"]
    # Every leaving date is on or after the site closes.
    closes = {s.id: s.closes for s in schedule.sites}
    assert all(
        r.leaving_date >= closes[r.site] for r in register.posts if r.leaving_date is not None
    )


def test_solver_sees_pay_but_never_redundancy_pay_or_strain(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(PLAN, encoding="utf-8")
    plan = load_plan(path).plan
    problem = compile_plan(plan).problem
    s3 = next(m for m in plan.staff if m.id == "S3")
    assert not [c for c in problem.step_costs if c.activity == "leave:S3"]
    (cost,) = [c for c in problem.linear_costs if c.activity == "leave:S3"]
    # Only pay, by the day (tests/data/plans.py): £500 a week; leaving on day 0 (1 March) is one
    # day's pay, £71.43 -> £71; on day 98 (7 June) 99 days, £7,071.43 -> £7,071. A dismissal is
    # never moved to dodge a cap rise or a birthday.
    assert s3.weekly_pay == 500
    assert [cost.cost_at(d) for d in (0, 6, 98)] == [71, 500, 7071]


def test_a_plan_without_staff_says_so(tmp_path: Path) -> None:
    from transition_planner.reports.register_files import format_register

    head, _, _ = PLAN.partition("staff:\n")
    path = tmp_path / "plan.yaml"
    path.write_text(head, encoding="utf-8")
    loaded = load_plan(path)
    schedule = make_schedule(loaded, ScheduleOptions(solver="greedy"))
    assert format_register(build_register(loaded.plan, schedule)) == (
        "No staff or vacant posts in this plan: add `staff:` to build the register.\n"
    )
