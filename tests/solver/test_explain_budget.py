"""An infeasible plan is explained within the budget, in dates and the plan's names."""

from __future__ import annotations

import time
from typing import Any

import pytest
from click.testing import CliRunner
from ortools.sat.python import cp_model

from tests.conftest import BASE_PLAN, PlanDir
from transition_planner.cli import cli
from transition_planner.problem import Activity, Precedence, Problem
from transition_planner.schedule.build import _dated
from transition_planner.solver import explain
from transition_planner.solver.explain import MAX_SOLVES

LATE_PLACES = BASE_PLAN.replace(
    "close_by: 2016-05-31", "close_by: {date: 2016-05-31, hard: true}"
).replace("    capacity: 10\n", "    capacity: 10\n    available_from: 2017-01-01\n")


def _chain_of_deadlines(n: int) -> Problem:
    """``n`` grouped releases and deadlines, of which two (a0's release, a0's deadline) conflict."""
    acts = [Activity("a0", 5, release=10, deadline=12, release_group="r0", deadline_group="d0")]
    acts += [
        Activity(f"a{i}", 1, release=i, deadline=100 + i, release_group=f"r{i}")
        for i in range(1, n)
    ]
    return Problem(
        horizon=200,
        activities=tuple(acts),
        precedences=tuple(Precedence(f"a{i}", f"a{i + 1}", group=f"p{i}") for i in range(1, n - 1)),
    )


def test_explanation_keeps_to_its_share_of_the_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    solves: list[float] = []
    spent: list[float] = []
    original = cp_model.CpSolver.solve

    def counted(self: Any, model: Any, *args: Any, **kwargs: Any) -> Any:
        solves.append(self.parameters.max_deterministic_time)
        result = original(self, model, *args, **kwargs)
        spent.append(self.deterministic_time)
        return result

    monkeypatch.setattr(cp_model.CpSolver, "solve", counted)
    assert explain(_chain_of_deadlines(60), budget=1.0) == ["d0", "r0"]
    assert len(solves) <= MAX_SOLVES
    assert solves[0] == 0.5
    assert sum(spent) <= 1.0 + 0.5  # CP-SAT may overshoot a limit by a batch


def test_infeasible_plan_is_explained_quickly_at_budget_1(plan_dir: PlanDir) -> None:
    plan_dir.plan(LATE_PLACES)
    began = time.perf_counter()
    result = CliRunner().invoke(cli, ["schedule", "plan.yaml", "--budget", "1"])
    assert time.perf_counter() - began < 30
    assert result.exit_code == 3
    assert result.stderr.splitlines() == [
        "error: no schedule meets the hard constraints; these conflict:",
        "  - new-centre takes people only from 2017-01-01",
        "  - old-centre must close by 2016-05-31 (hard)",
    ]


def test_greedy_failure_speaks_in_dates(plan_dir: PlanDir) -> None:
    plan_dir.plan(LATE_PLACES)
    result = CliRunner().invoke(cli, ["schedule", "plan.yaml", "--solver", "greedy"])
    assert result.exit_code == 3
    # Places open on Sunday 1 January 2017; Monday 2 January is the substitute New Year bank
    # holiday in England and Wales (calendar.region's default), so the first move day is the 3rd.
    assert result.stderr.splitlines() == [
        "error: greedy found no schedule that meets every hard constraint, and did not prove "
        "that none exists (close:old-centre: closes 2017-01-03, after its hard close-by date "
        "2016-05-31); try --solver cpsat, which searches further"
    ]


def test_solver_notes_turned_into_dates() -> None:
    class Day0:
        def date_of(self, day: int) -> Any:
            from datetime import date, timedelta

            return date(2016, 3, 10) + timedelta(days=day)

    note = (
        "close:x: ends 300 after deadline 83; a->b: lag 3 outside [5, None]; "
        "rt: 3 in use on day 40, capacity 2; m: starts 4 before release 10"
    )
    assert _dated(note, Day0()) == (  # type: ignore[arg-type]
        "close:x: last day 2017-01-03 after deadline 2016-05-31; a->b: lag 3 outside [5, None]; "
        "rt: 3 in use on 2016-04-19, capacity 2; m: starts 2016-03-14 before release 2016-03-20"
    )
