"""Infeasibility explanations name exactly the smallest set of conflicting groups."""

from __future__ import annotations

import pytest

from transition_planner.errors import Infeasible
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
)
from transition_planner.solver import explain, solve


def _team_versus_deadline() -> Problem:
    # Three 10-day reviews on a team of one take 30 days; the site must close by day 25.
    # The lease break and r0's earliest start are grouped too but play no part.
    reviews = [Activity("r0", 10, release=2, release_group="r0-from")]
    reviews += [Activity(f"r{n}", 10) for n in (1, 2)]
    return Problem(
        horizon=100,
        activities=(
            *reviews,
            Activity("close", 0, deadline=25, deadline_group="close-by"),
            Activity("exit", 0, allowed_starts=(40, 80), starts_group="break"),
        ),
        precedences=(
            *(Precedence(r.id, "close") for r in reviews),
            Precedence("close", "exit", group="exit-after-close"),
        ),
        resources=(Resource("team", 1, group="team"),),
        demands=tuple(Demand(r.id, "team") for r in reviews),
        groups={
            "close-by": "North must close by 26 January",
            "team": "the review team does 1 review at a time: 30 days of reviews",
        },
    )


def test_capacity_against_a_deadline() -> None:
    p = _team_versus_deadline()
    assert p.used_groups() == ["break", "close-by", "exit-after-close", "r0-from", "team"]
    assert explain(p) == ["close-by", "team"]


def test_solve_raises_with_the_callers_words() -> None:
    with pytest.raises(Infeasible, match="no schedule meets the hard constraints") as caught:
        solve(_team_versus_deadline(), budget=1.0)
    assert [(r.group, r.explanation) for r in caught.value.reasons] == [
        ("close-by", "North must close by 26 January"),
        ("team", "the review team does 1 review at a time: 30 days of reviews"),
    ]


def test_release_against_deadline() -> None:
    p = Problem(
        horizon=50,
        activities=(
            Activity("a", 5, release=10, deadline=12, release_group="from", deadline_group="by"),
        ),
    )
    assert explain(p) == ["by", "from"]


def test_three_groups_needed_for_a_conflict() -> None:
    # The move cannot start before day 10 (ends 11), the review comes 42-56 days after it, and
    # the review must end by day 50: every one of the three is needed for the conflict.
    p = Problem(
        horizon=100,
        activities=(
            Activity("move", 1, release=10, release_group="move-from"),
            Activity("review", 1, deadline=50, deadline_group="review-by"),
        ),
        precedences=(Precedence("move", "review", 42, 56, group="review-window"),),
    )
    assert explain(p) == ["move-from", "review-by", "review-window"]


def test_places_alone() -> None:
    p = Problem(
        horizon=10,
        activities=tuple(Activity(f"m{n}", 1) for n in range(3)),
        places=(Places("hub", 2, group="hub-places"), Places("spare", 9, group="spare")),
        choices=tuple(Choice(f"m{n}", (Option("hub", places="hub"),)) for n in range(3)),
    )
    assert explain(p) == ["hub-places"]


def test_friends_and_both_destinations() -> None:
    options = (Option("A", places="A"), Option("B", places="B"))
    p = Problem(
        horizon=10,
        activities=(Activity("f1", 1), Activity("f2", 1)),
        places=(Places("A", 1, group="A-places"), Places("B", 1, group="B-places")),
        choices=(Choice("f1", options), Choice("f2", options)),
        same_choices=(SameChoice(("f1", "f2"), group="friends"),),
    )
    assert explain(p) == ["A-places", "B-places", "friends"]


def test_ungrouped_conflict() -> None:
    p = Problem(horizon=3, activities=(Activity("a", 5),))
    assert explain(p) == []
    with pytest.raises(Infeasible, match="constraints without a label conflict") as caught:
        solve(p, budget=1.0)
    assert len(caught.value.reasons) == 1
