"""The greedy serial scheduler: feasible where it can be, honest where it cannot."""

from __future__ import annotations

from transition_planner.problem import (
    Activity,
    Choice,
    Demand,
    Option,
    Places,
    Precedence,
    Problem,
    Resource,
    SameChoice,
    StepCost,
)
from transition_planner.solver import check, evaluate, greedy

from . import programme


def test_earliest_deadline_first_not_id_order() -> None:
    # "x" must end by day 5, "a" has no deadline: x goes first although "a" sorts first.
    p = Problem(
        horizon=20,
        activities=(Activity("a", 5), Activity("x", 5, deadline=5)),
        resources=(Resource("R", 1),),
        demands=(Demand("a", "R"), Demand("x", "R")),
    )
    s = greedy(p)
    assert s.status == "FEASIBLE"
    assert s.starts == {"x": 0, "a": 5}


def test_capacity_over_time_and_precedence() -> None:
    p = Problem(
        horizon=40,
        activities=(Activity("X", 5), Activity("Y", 4), Activity("Z", 6), Activity("W", 2)),
        precedences=(Precedence("X", "W", lag=3),),
        resources=(Resource("R", 0, steps=((10, 2), (20, 1))),),
        demands=tuple(Demand(i, "R") for i in "XYZ"),
    )
    s = greedy(p)
    assert s.status == "FEASIBLE"
    assert check(p, s.starts, s.choices) == []
    assert s.starts["W"] >= s.starts["X"] + 8


def test_broken_deadline_is_reported_not_hidden() -> None:
    # Two 5-day jobs on one team, both due by day 5: one of them is late.
    p = Problem(
        horizon=20,
        activities=(Activity("a", 5, deadline=5), Activity("b", 5, deadline=5)),
        resources=(Resource("R", 1),),
        demands=(Demand("a", "R"), Demand("b", "R")),
    )
    s = greedy(p)
    assert s.status == "UNKNOWN"
    assert s.notes == ("b: ends 10 after deadline 5",)


def test_preferred_option_until_it_is_full() -> None:
    options = (Option("near", places="near"), Option("far", places="far", penalty=1))
    p = Problem(
        horizon=10,
        activities=(Activity("m1", 1), Activity("m2", 1)),
        places=(Places("near", 1), Places("far", 5)),
        choices=(Choice("m1", options), Choice("m2", options)),
    )
    s = greedy(p)
    assert s.status == "FEASIBLE"
    assert s.choices == {"m1": "near", "m2": "far"}
    assert (s.objective, s.people_penalty) == (0, 1)


def test_a_hard_group_goes_where_all_of_it_fits() -> None:
    # A has 2 places, the group has 3 members: all go to B although A is everyone's first.
    options = (Option("A", places="A"), Option("B", places="B", penalty=1))
    members = ("g1", "g2", "g3")
    p = Problem(
        horizon=10,
        activities=tuple(Activity(m, 1) for m in members),
        places=(Places("A", 2), Places("B", 5)),
        choices=tuple(Choice(m, options) for m in members),
        same_choices=(SameChoice(members),),
    )
    s = greedy(p)
    assert s.status == "FEASIBLE"
    assert s.choices == dict.fromkeys(members, "B")


def test_option_on_time_beats_the_preferred_late_one() -> None:
    # Slippage from day 20: the old centre (after a 30-day redevelopment) would be late, the new
    # one (from day 15) is on time.
    p = Problem(
        horizon=60,
        activities=(Activity("redevelop", 30), Activity("m", 1)),
        choices=(Choice("m", (Option("old", after=("redevelop",)), Option("new", release=15))),),
        step_costs=(StepCost("m", ((20, 1000),)),),
    )
    s = greedy(p)
    assert (s.choices, s.starts["m"], s.objective) == ({"m": "new"}, 15, 0)


def test_allowed_starts() -> None:
    p = Problem(
        horizon=200,
        activities=(Activity("vacate", 40), Activity("exit", 0, allowed_starts=(30, 90, 180))),
        precedences=(Precedence("vacate", "exit"),),
    )
    s = greedy(p)
    assert s.starts == {"vacate": 0, "exit": 90}
    assert s.status == "FEASIBLE"


def test_programme_is_feasible_and_costed() -> None:
    p = programme(40)
    s = greedy(p)
    assert s.status == "FEASIBLE", s.notes
    assert (s.objective, s.people_penalty) == evaluate(p, s.starts, s.choices)
    assert greedy(p).starts == s.starts


def test_a_choice_with_no_option_left_is_reported() -> None:
    p = Problem(
        horizon=10,
        activities=(Activity("m", 1), Activity("close", 0)),
        precedences=(Precedence("m", "close"),),
        choices=(Choice("m", ()),),
    )
    s = greedy(p)
    assert s.status == "UNKNOWN"
    assert s.starts == {"m": 0, "close": 1}
    assert s.notes == ("m: no valid option chosen (None)",)
    assert s.objective is None
