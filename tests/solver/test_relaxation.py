"""The sequencing relaxation: a lower bound CP-SAT's LP misses, never above the optimum."""

from __future__ import annotations

from pathlib import Path

import pytest

import transition_planner.solver as solver_pkg
from transition_planner.generate import GenerateOptions, generate_plan, write_generated
from transition_planner.plan.load import load_plan
from transition_planner.problem import (
    Activity,
    Choice,
    Demand,
    LinearCost,
    Option,
    Places,
    Precedence,
    Problem,
    Resource,
)
from transition_planner.problem.compile import compile_plan
from transition_planner.problem.solution import with_bound
from transition_planner.solver import evaluate, greedy, solve
from transition_planner.solver.bounds import earliest_starts, least_cost
from transition_planner.solver.priority import cost_rates
from transition_planner.solver.relaxation import relaxation_bound, sequencing_jobs

from . import programme


def _two_sites() -> Problem:
    """One reviewer. Site A: two 5-day reviews, £100 a day until it closes. Site B: one 6-day
    review, £10 a day. A first: A closes on day 10, B on 16 (£1,160); B first: 6 and 16
    (£1,660). Without the reviewer's limit both reviews of A run at once (£560)."""
    return Problem(
        horizon=40,
        activities=(
            Activity("a1", 5),
            Activity("a2", 5),
            Activity("b1", 6),
            Activity("close-a", 0),
            Activity("close-b", 0),
        ),
        precedences=(
            Precedence("a1", "close-a"),
            Precedence("a2", "close-a"),
            Precedence("b1", "close-b"),
        ),
        resources=(Resource("reviewer", 1),),
        demands=(Demand("a1", "reviewer"), Demand("a2", "reviewer"), Demand("b1", "reviewer")),
        linear_costs=(
            LinearCost("close-a", 100, "start"),
            LinearCost("close-b", 10, "start"),
        ),
    )


def _precedence_bound(p: Problem) -> int:
    es = earliest_starts(p)
    by_hand = sum(
        lc.per_day * p.time_of(lc.activity, lc.at, es[lc.activity]) for lc in p.linear_costs
    )
    assert least_cost(p) == by_hand
    return by_hand


def test_two_sites_by_hand() -> None:
    p = _two_sites()
    assert _precedence_bound(p) == 560
    bound, spent, _ = relaxation_bound(p, 1660, budget=1.0)
    assert bound == 1160
    assert spent > 0
    optimum = solve(p, budget=2.0)
    assert optimum.status == "OPTIMAL" and optimum.objective == 1160


def test_jobs_are_the_reviewers_work_per_closure() -> None:
    first, jobs = sequencing_jobs(_two_sites())["reviewer"]
    assert first == 0
    assert sorted((j.length, j.waits) for j in jobs) == [
        (6, (("close-b", 0),)),
        (10, (("close-a", 0),)),
    ]


def test_greedy_does_the_dearest_work_per_day_first() -> None:
    # urgency alone takes B's longer review first (£1,660); the cost-rate order takes A's
    p = _two_sites()
    rates = cost_rates(p)
    assert rates["a1"] == rates["a2"] == pytest.approx(100 / 10)
    assert rates["b1"] == pytest.approx(10 / 6)
    s = greedy(p)
    assert s.status == "FEASIBLE"
    assert s.objective == 1160 == evaluate(p, s.starts, s.choices)[0]
    assert s.starts["close-a"] == 10 and s.starts["close-b"] == 16


@pytest.mark.parametrize(("people", "seed"), [(6, n) for n in range(1, 6)] + [(12, 1), (12, 2)])
def test_never_above_the_proven_optimum(people: int, seed: int) -> None:
    p = programme(people, seed)
    optimum = solve(p, budget=3.0)
    assert optimum.status == "OPTIMAL" and optimum.objective is not None
    baseline = greedy(p)
    assert baseline.objective is not None
    bound, _, _ = relaxation_bound(p, baseline.objective, budget=2.0)
    assert bound is not None and bound <= optimum.objective


def test_tighter_than_the_precedence_bound_on_a_programme() -> None:
    # 12 people, one team: the closures wait for the team, which the LP bound cannot see
    p = programme(12, 1)
    es = earliest_starts(p)
    precedence = sum(
        sc.cost_at(p.time_of(sc.activity, sc.at, es[sc.activity])) for sc in p.step_costs
    )
    baseline = greedy(p)
    assert baseline.objective is not None
    bound, _, guide = relaxation_bound(p, baseline.objective, budget=2.0)
    assert precedence == 83_000
    assert bound == 196_000 == solve(p, budget=3.0).objective
    # the relaxation's own schedule comes back as the closure search's guide: a start day
    # for every activity, none before what the precedences allow
    assert guide is not None and set(guide) == {a.id for a in p.activities}
    assert all(guide[a] >= es[a] for a in guide)


def test_solve_reports_the_better_bound_on_large_plans(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(solver_pkg, "LARGE_MODEL", 0)
    s = solve(_two_sites(), budget=2.0)
    assert (s.objective, s.bound, s.gap) == (1160, 1160, 0.0)


def test_with_bound_keeps_the_better_sound_bound() -> None:
    s = greedy(_two_sites())
    assert s.bound is None
    better = with_bound(s, 900)
    assert (better.bound, better.gap) == (900, pytest.approx(260 / 1160))
    assert with_bound(better, 800).bound == 900
    # a "bound" above a schedule's own cost is a bug somewhere: it is not reported
    assert with_bound(better, 2000).bound == 900


def test_places_per_site_hold_back_the_closure() -> None:
    # Two moves; the hub open now has one place, the other opens on day 30. One of them waits,
    # so the site closes on day 31 (£31 at £1 a day); without the count both go now (£1).
    options = (Option("now", places="now-hub"), Option("later", places="later-hub", release=30))
    p = Problem(
        horizon=60,
        activities=(Activity("m1", 1), Activity("m2", 1), Activity("close", 0)),
        precedences=(Precedence("m1", "close"), Precedence("m2", "close")),
        places=(Places("now-hub", 1), Places("later-hub", 5)),
        choices=(Choice("m1", options), Choice("m2", options)),
        linear_costs=(LinearCost("close", 1, "start"),),
    )
    assert _precedence_bound(p) == 1
    bound, _, _ = relaxation_bound(p, 31, budget=1.0)
    assert bound == 31 == solve(p, budget=1.0).objective


def test_unproven_small_plan_gets_the_relaxation_bound(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a generated 100-person plan: the relaxation's bound is never worse than CP-SAT's (with
    # staff pay by the day CP-SAT's own LP now sees the pay, so the two may be equal)
    write_generated(tmp_path, generate_plan(GenerateOptions(people=100, sites=4, staff=15, seed=1)))
    p = compile_plan(load_plan(tmp_path / "plan.yaml").plan).problem
    with_check = solve(p, budget=1.0)
    monkeypatch.setattr(solver_pkg, "CHECK_SHARE", 0.0)
    without = solve(p, budget=1.0)
    assert with_check.status == without.status == "FEASIBLE"
    assert with_check.objective == without.objective
    assert without.bound is not None and with_check.bound is not None
    assert without.bound <= with_check.bound <= with_check.objective
