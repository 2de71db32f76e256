"""Working-day start domains written as whole weeks (``cpsat.Builder._start_var``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ortools.sat.python import cp_model

from transition_planner.plan.load import load_plan
from transition_planner.problem import Activity, Problem
from transition_planner.problem.compile import compile_plan
from transition_planner.solver.cpsat import LARGE_MODEL, Builder, _weekly, parameters

SEED = Path(__file__).parents[2] / "plans" / "links-to-work.yaml"

# Day 0 is a Monday: ten weeks of Monday-Friday starts, less a bank holiday Monday (day 21)
# and a Friday (day 46).
HOLIDAYS = (21, 46)
WEEKDAYS = tuple(d for d in range(70) if d % 7 < 5 and d not in HOLIDAYS)


def _one(allowed: tuple[int, ...]) -> Problem:
    return Problem(horizon=100, activities=(Activity("a", 1, allowed_starts=allowed),))


class _Starts(cp_model.CpSolverSolutionCallback):
    def __init__(self, var: Any) -> None:
        super().__init__()
        self.var, self.seen = var, set[int]()

    def on_solution_callback(self) -> None:
        self.seen.add(self.value(self.var))


def test_weekday_domain_keeps_only_the_holidays_as_holes() -> None:
    # As days: 9 weekend holes (the holidays join a weekend), over the threshold of 8. As
    # weeks: Monday-Friday (run 5 from weekday 0), the span 0-67 less the two holidays.
    as_days = [0, 4, 7, 11, 14, 18, 22, 25, 28, 32, 35, 39, 42, 45, 49, 53, 56, 60, 63, 67]
    assert _weekly(as_days) == (0, 5, [0, 20, 22, 45, 47, 67])
    b = Builder(_one(WEEKDAYS))
    assert list(b.start["a"].domain.flattened_intervals()) == [0, 20, 22, 45, 47, 67]


def test_weekday_starts_are_exactly_the_allowed_days() -> None:
    b = Builder(_one(WEEKDAYS))
    solver = cp_model.CpSolver()
    solver.parameters.enumerate_all_solutions = True
    starts = _Starts(b.start["a"])
    assert solver.status_name(solver.solve(b.m, starts)) == "OPTIMAL"
    assert starts.seen == set(WEEKDAYS)
    # a hint of a start fills in its week and weekday (Wednesday of week 3)
    b.hint({"a": 23}, {})
    solver = cp_model.CpSolver()
    solver.parameters.fix_variables_to_their_hinted_value = True
    assert solver.status_name(solver.solve(b.m)) == "OPTIMAL"
    assert solver.value(b.start["a"]) == 23


def test_domains_that_are_not_one_run_of_weekdays_stay_as_days() -> None:
    # Monday, Wednesday and Thursday: two runs
    assert _weekly([0, 0, 2, 3, 7, 7, 9, 10]) is None
    # the first of each 30-day month falls on every weekday
    assert _weekly([v for d in range(0, 300, 30) for v in (d, d)]) is None
    # a few weekday holes only: left as they are
    b = Builder(_one(tuple(d for d in range(28) if d % 7 < 5)))
    assert list(b.start["a"].domain.flattened_intervals()) == [0, 4, 7, 11, 14, 18, 21, 25]
    assert len(b.m.proto.variables) == 1


def test_large_plans_keep_their_days() -> None:
    # over LARGE_MODEL activities the model stays as it was measured (closure search, bounds)
    fillers = tuple(Activity(f"f{i}", 1) for i in range(LARGE_MODEL))
    problem = Problem(horizon=100, activities=(*_one(WEEKDAYS).activities, *fillers))
    b = Builder(problem)
    assert len(b.start["a"].domain.flattened_intervals()) == 2 * 10
    assert len(b.m.proto.variables) == LARGE_MODEL + 1


def test_seed_plan_without_a_cost_cap_finds_a_schedule_at_once() -> None:
    # 498 activities, most with working-day starts up to day 1,660: as days CP-SAT kept a
    # literal per weekend of each and found no schedule in 10 deterministic seconds; as weeks
    # it finds one in 0.15.
    problem = compile_plan(load_plan(SEED).plan).problem
    b = Builder(problem)
    solver = cp_model.CpSolver()
    parameters(solver, workers=2, seed=0, limit=1.0, wall_cap=60, size=len(problem.activities))
    assert solver.status_name(solver.solve(b.m)) in ("OPTIMAL", "FEASIBLE")
    assert solver.deterministic_time < 1.0
