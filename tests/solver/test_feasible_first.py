"""When the greedy cannot place a plan, CP-SAT still searches for a schedule (issue 14, item 4)."""

from __future__ import annotations

from pathlib import Path

import pytest

import transition_planner.solver as solver_pkg
from transition_planner.pipeline import ScheduleOptions, make_schedule
from transition_planner.plan.load import load_plan
from transition_planner.problem import Problem
from transition_planner.problem.compile import compile_plan
from transition_planner.schedule.verify import verify
from transition_planner.solver import Solution, check, solve

STAFF = "\n".join(
    f"  - {{id: S{i}, name: Person {i}, role: Officer, site: old, grade: G6, weekly_pay: 500,"
    f" start_date: 2010-01-04, date_of_birth: 1980-06-01}}"
    for i in range(1, 21)
)
VACANCIES = "\n".join(
    f"  - {{id: V{i}, role: Officer, grade: G6, site: b, use: redeploy}}" for i in range(1, 6)
)
# 20 at risk at one centre (30 days' collective consultation, TULRCA s.188), 5 matched to
# redeploy posts, and nobody to move out, so the centre could close on day 1. A trial starts
# after consultation (day 30 at the earliest) and within 4 weeks of the closure (ERA s.138):
# the centre must close on day 2 or later.
EARLY = f"""\
programme:
  name: Early
  organisation: Test Council
  start: 2016-03-01
  target_end: 2016-03-18
  savings: {{full_year: 1200000}}
sites:
  - {{id: old, status: closing, close_by: 2016-03-18}}
  - {{id: home, status: continuing}}
  - {{id: b, status: receiving, capacity: 10}}
teams:
  - {{id: team, capacity: 2}}
people:
  - {{id: P1, site: home, cohort: LD, needs: moderate}}
staff:
{STAFF}
vacancies:
{VACANCIES}
"""


def early_problem(tmp_path: Path) -> Problem:
    path = tmp_path / "plan.yaml"
    path.write_text(EARLY, encoding="utf-8")
    return compile_plan(load_plan(path).plan).problem


@pytest.mark.parametrize("solver", ["greedy", "cpsat"])
def test_early_closure_with_trials_schedules_and_verifies(tmp_path: Path, solver: str) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(EARLY, encoding="utf-8")
    loaded = load_plan(path)
    schedule = make_schedule(loaded, ScheduleOptions(solver=solver, budget=2))  # type: ignore[arg-type]
    assert verify(loaded.plan, schedule) == []
    close = schedule.action("close:old").start
    trials = [a.start for a in schedule.actions if a.kind == "trial"]
    assert len(trials) == 5
    assert all(0 < (t - close).days <= 28 for t in trials)


def test_cpsat_searches_when_the_greedy_gives_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    problem = early_problem(tmp_path)

    def gives_up(p: Problem) -> Solution:
        return Solution("UNKNOWN", {}, {}, None, None, None, None, 0.0, "greedy", ("gave up",))

    monkeypatch.setattr(solver_pkg, "greedy", gives_up)
    found = solve(problem, budget=0.5)
    assert found.feasible
    assert check(problem, found.starts, found.choices) == []
