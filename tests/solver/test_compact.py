"""Free-floating activities are pulled back to their earliest start, nothing else moves."""

from __future__ import annotations

from transition_planner.problem import Activity, Precedence, Problem, StepCost
from transition_planner.solver import Solution, evaluate
from transition_planner.solver.compact import compact


def solution(starts: dict[str, int]) -> Solution:
    return Solution("FEASIBLE", starts, {}, 0, 0, None, None, 0.0, "test")


PROBLEM = Problem(
    horizon=400,
    activities=(
        Activity("close", 1),
        Activity("handback", 5),
        Activity("window", 3),
        Activity("review", 1),
        Activity("weekday", 1, allowed_starts=(14, 21, 28)),
    ),
    precedences=(
        Precedence("close", "handback", lag=2),
        Precedence("window", "review", lag=0, max_lag=10, before_at="start"),
        Precedence("close", "weekday"),
    ),
    step_costs=(StepCost("close", ((0, 0), (30, 100)), at="start"),),
)


def test_costless_activities_move_to_their_earliest_start() -> None:
    before = solution({"close": 10, "handback": 300, "window": 50, "review": 55, "weekday": 28})
    after = compact(PROBLEM, before)
    # handback: close ends on day 11, plus 2 days' lag. weekday: the first allowed day from 11.
    # close has a cost and window opens a maximum lag, so both stay; review may not move
    # before window's start.
    assert after.starts == {"close": 10, "handback": 13, "window": 50, "review": 50, "weekday": 14}
    assert evaluate(PROBLEM, after.starts, {}) == evaluate(PROBLEM, before.starts, {})
