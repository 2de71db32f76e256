"""The month split (benchmarks/month_split.py, an experiment): bands between cost steps, and a
bound that never passes the optimum."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import pytest

from tests.solver import programme
from transition_planner.generate import GenerateOptions, generate_plan, write_generated
from transition_planner.plan.load import load_plan
from transition_planner.problem import Activity, Demand, Precedence, Problem, Resource, StepCost
from transition_planner.problem.compile import compile_plan
from transition_planner.solver import check, evaluate, greedy, solve
from transition_planner.solver.bounds import least_cost
from transition_planner.solver.relaxation import relaxation_bound
from transition_planner.solver.site_bounds import team_bound

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from month_split import (
    Band,
    exact_bound,
    month_split_bound,
    restrict,
    target_bands,
)


def _two_sites() -> Problem:
    """One reviewer, two sites of one 10-day review each. Site a's review cannot start before
    day 5 and its running costs rise by £60 from day 16; site b's by £100 from day 22.

    By hand: a closes by day 15 only if its review runs on days 5-14, and then b's review
    cannot fit before it (days 0-9 overlap), so it runs on days 15-24 and b closes on day 25
    (£100); otherwise a pays £60 and b can close on day 10 (£0). The optimum is £60. Any
    relaxation that lets the reviewer split or move a review (the sequencing relaxation: one
    10-day job per site from day 0; the team floors: a by 15, b by 10, both by 20) puts a on
    15 and b on 20 for £0. Split on a's band: with a due by day 15 its review is pinned to
    days 5-14, and CP-SAT proves b's review cannot fit by day 21 (the part holds no schedule
    within £100); from day 16 a costs £60."""
    return Problem(
        horizon=60,
        activities=(
            Activity("review-a", 10, release=5),
            Activity("review-b", 10),
            Activity("close-a", 1),
            Activity("close-b", 1),
        ),
        precedences=(Precedence("review-a", "close-a"), Precedence("review-b", "close-b")),
        resources=(Resource("team", 1),),
        demands=(Demand("review-a", "team"), Demand("review-b", "team")),
        step_costs=(
            StepCost("close-a", ((16, 60),), at="start"),
            StepCost("close-b", ((22, 100),), at="start"),
        ),
    )


# a known schedule: a's review first, b closes late
DEAR = {"review-a": 5, "close-a": 15, "review-b": 15, "close-b": 25}


def test_bands_are_the_intervals_between_steps() -> None:
    p = _two_sites()
    assert target_bands(p, 100) == {
        "close-a": [Band("close-a", 15, 15), Band("close-a", 16, 59)],
        "close-b": [Band("close-b", 10, 21), Band("close-b", 22, 59)],
    }
    # within £60, b cannot reach its step: a alone has bands
    assert target_bands(p, 60) == {"close-a": [Band("close-a", 15, 15), Band("close-a", 16, 59)]}


def test_restrict_releases_and_dues_the_band() -> None:
    a = restrict(_two_sites(), (Band("close-a", 15, 15),)).by_id["close-a"]
    assert (a.release, a.deadline) == (15, 16)


def test_split_lifts_the_bound_to_the_optimum_by_hand() -> None:
    p = _two_sites()
    assert check(p, DEAR, {}) == []
    assert evaluate(p, DEAR, {})[0] == 100
    assert least_cost(p) == 0
    assert relaxation_bound(p, 100, budget=1.0)[0] == 0
    assert team_bound(p, 100, 1.0)[0] == 0
    # the relaxation alone in each part: the part holding the relaxation's optimum stays at 0
    assert month_split_bound(p, 100, budget=1.0, teams=False).bound == 0
    found = month_split_bound(p, 100, budget=1.0)
    assert (found.bound, found.root, found.open_nodes) == (60, 0, 0)
    # the relaxation at each node and the whole model at each leaf: the part with both early
    # is proved empty
    assert month_split_bound(p, 100, budget=1.0, teams=False, exact=True).bound == 60
    assert (
        exact_bound(p, 100, (Band("close-a", 15, 15), Band("close-b", 10, 21)), budget=1.0)[0]
        == 100
    )
    best = solve(p, budget=1.0)
    assert (best.status, best.objective) == ("OPTIMAL", 60)


def test_no_open_leaf_means_the_cap_is_optimal() -> None:
    # within £60 the only part with a schedule is a late (£60): the bound is the cap
    assert month_split_bound(_two_sites(), 60, budget=1.0).bound == 60


def test_same_budget_same_bound() -> None:
    p = programme(12, 1)
    cap = greedy(p).objective
    assert cap is not None
    first = month_split_bound(p, cap, budget=1.0)
    assert first == month_split_bound(p, cap, budget=1.0)


@pytest.mark.parametrize(("people", "seed"), [(6, n) for n in range(1, 6)] + [(12, 1), (12, 2)])
def test_never_above_the_proven_optimum(people: int, seed: int) -> None:
    p = programme(people, seed)
    optimum = solve(p, budget=3.0)
    assert optimum.status == "OPTIMAL" and optimum.objective is not None
    cap = greedy(p).objective
    assert cap is not None
    for teams in (False, True):
        found = month_split_bound(p, cap, budget=1.0, teams=teams)
        assert found.bound is None or least_cost(p) <= found.bound <= optimum.objective


@pytest.mark.parametrize(
    ("people", "sites", "staff", "seed", "status"),
    [(12, 2, 4, 1, "OPTIMAL"), (12, 3, 6, 4, "OPTIMAL"), (15, 2, 5, 2, "FEASIBLE")],
)
def test_never_above_a_schedule_on_generated_plans(
    people: int, sites: int, staff: int, seed: int, status: str
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        options = GenerateOptions(people=people, sites=sites, staff=staff, seed=seed)
        write_generated(Path(folder), generate_plan(options))
        p = compile_plan(load_plan(Path(folder) / "plan.yaml").plan).problem
    best = solve(p, budget=3.0)
    assert best.status == status and best.objective is not None
    cap = greedy(p).objective
    assert cap is not None
    for teams, exact in ((False, False), (True, False), (False, True)):
        found = month_split_bound(p, cap, budget=1.0, teams=teams, exact=exact)
        # the optimum where CP-SAT proves it, else the best schedule it found
        assert found.bound is not None and least_cost(p) <= found.bound <= best.objective
