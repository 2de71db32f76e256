"""Pinned work taken off capacity: the same constraints, in a form a list scheduler keeps."""

from __future__ import annotations

from transition_planner.problem.model import Activity, Demand, Problem, Resource
from transition_planner.problem.progress import _pinned_into_capacity, _subtract
from transition_planner.solver import greedy


def test_subtract_steps() -> None:
    # capacity 2, down to 1 from day 10; a use of 1 on days 5..11 (to 12, exclusive)
    assert _subtract(2, ((10, 1),), 30, [(5, 12, 1)]) == (2, ((5, 1), (10, 0), (12, 1)))
    assert _subtract(1, (), 30, [(0, 3, 2)]) is None  # history beyond the limit: kept as is
    assert _subtract(3, (), 30, []) == (3, ())


def test_greedy_cannot_hand_a_pinned_slot_to_new_work() -> None:
    # one team place; "old" is pinned to days 0..9 (recorded, started); "new" is urgent. As a
    # demand, the greedy may place "new" first on day 0 and then fail to fit "old"; taken off
    # the capacity, "new" can only start on day 10.
    problem = Problem(
        horizon=40,
        activities=(
            Activity("old", 10, allowed_starts=(0,)),
            Activity("new", 5, deadline=20),
        ),
        resources=(Resource("team", 1),),
        demands=(Demand("old", "team"), Demand("new", "team")),
    )
    pinned = _pinned_into_capacity(problem)
    assert pinned.resources == (Resource("team", 0, ((10, 1),)),)
    assert pinned.demands == (Demand("new", "team"),)
    solution = greedy(pinned)
    assert solution.feasible
    assert solution.starts == {"old": 0, "new": 10}
