"""The closure search: site orders completed by the greedy, pairs of sites polished by CP-SAT."""

from __future__ import annotations

import dataclasses

from pytest import MonkeyPatch

import transition_planner.solver as solver_module
from transition_planner.problem import Activity, Demand, Precedence, Problem, Resource, StepCost
from transition_planner.solver import check, evaluate, greedy, solve
from transition_planner.solver.closure_search import (
    closure_units,
    evaluations_for,
    improve,
    neighbourhood,
    order_rank,
    polish,
    search_closures,
)


def _two_sites() -> Problem:
    """One reviewer. "cheap" (one 10-day review) costs £100 once it closes on day 11 or later
    and £50,000 from day 40; "dear" (two 10-day reviews) costs £10,000 from day 21.

    Both greedy orders do cheap first: it is the more urgent (its first cost bites on day 11)
    and, over a quarter, its cost rises faster per day of review (£50,000 / 10 days against
    £10,000 / 20). That closes cheap on day 10 (£0) and dear on day 30 (£10,000). Dear first
    closes dear on day 20 (£0) and cheap on day 30 (£100): £100 in all.
    """
    return Problem(
        horizon=60,
        activities=(
            Activity("review:c", 10),
            Activity("review:d1", 10),
            Activity("review:d2", 10),
            Activity("close:cheap", 1),
            Activity("close:dear", 1),
        ),
        precedences=(
            Precedence("review:c", "close:cheap"),
            Precedence("review:d1", "close:dear"),
            Precedence("review:d2", "close:dear"),
        ),
        resources=(Resource("team", 1),),
        demands=tuple(Demand(a, "team") for a in ("review:c", "review:d1", "review:d2")),
        step_costs=(
            StepCost("close:cheap", ((11, 100), (40, 50_000)), at="start"),
            StepCost("close:dear", ((21, 10_000),), at="start"),
        ),
    )


def _four_sites() -> Problem:
    """Four sites, one 5-day review each on a team of one, each closing a day after its
    review; site k costs £(k+1) x 1,000 once closed on day 6 or later."""
    sites = ("a", "b", "c", "d")
    return Problem(
        horizon=40,
        activities=tuple(Activity(f"review:{s}", 5) for s in sites)
        + tuple(Activity(f"close:{s}", 1) for s in sites),
        precedences=tuple(Precedence(f"review:{s}", f"close:{s}") for s in sites),
        resources=(Resource("team", 1),),
        demands=tuple(Demand(f"review:{s}", "team") for s in sites),
        step_costs=tuple(
            StepCost(f"close:{s}", ((6, 1_000 * (k + 1)),), at="start") for k, s in enumerate(sites)
        ),
    )


def test_units_are_each_closure_and_what_it_waits_on() -> None:
    units = closure_units(_two_sites())
    assert [(u.close, sorted(u.activities)) for u in units] == [
        ("close:cheap", ["close:cheap", "review:c"]),
        ("close:dear", ["close:dear", "review:d1", "review:d2"]),
    ]


def test_an_order_ranks_its_first_site_highest() -> None:
    units = closure_units(_two_sites())
    ties = dict.fromkeys(_two_sites().by_id, 0.0)
    rank = order_rank(units, (("close:dear",), ("close:cheap",)), ties)
    assert rank == {
        "review:d1": 2.0,
        "review:d2": 2.0,
        "close:dear": 2.0,
        "review:c": 1.0,
        "close:cheap": 1.0,
    }


def test_the_search_closes_the_dear_site_first() -> None:
    p = _two_sites()
    base = greedy(p)
    assert base.objective == 10_000
    assert (base.starts["close:cheap"], base.starts["close:dear"]) == (10, 30)
    found = search_closures(p, 1.0, incumbent=base)
    assert found.solution is not None
    s = found.solution
    assert (s.objective, s.status, s.solver) == (100, "FEASIBLE", "search")
    assert (s.starts["close:dear"], s.starts["close:cheap"]) == (20, 30)
    assert found.order == (("close:dear",), ("close:cheap",))
    assert check(p, s.starts, s.choices) == []
    assert evaluate(p, s.starts, s.choices) == (100, 0)


def test_the_search_is_deterministic() -> None:
    p = _four_sites()
    runs = [search_closures(p, 0.002, seed=3, incumbent=greedy(p)) for _ in range(2)]
    assert runs[0].solution is not None and runs[1].solution is not None
    assert runs[0].solution.starts == runs[1].solution.starts
    assert runs[0].order == runs[1].order


def test_the_budget_sets_the_number_of_greedy_runs() -> None:
    p = _four_sites()  # 8 activities: 20,000 / 8 = 2,500 runs per deterministic second
    assert [evaluations_for(p, b) for b in (0.0, 0.002, 0.004)] == [4, 5, 10]
    for budget, runs in ((0.002, 5), (0.004, 10)):
        assert search_closures(p, budget, incumbent=greedy(p)).evaluations == runs
    # the best order closes the dearest site first: d on day 5 (free), then c, b and a
    # (days 10, 15, 20): £3,000 + £2,000 + £1,000
    best = search_closures(p, 0.004, incumbent=greedy(p)).solution
    assert best is not None and best.objective == 6_000


def test_a_search_with_one_site_has_nothing_to_order() -> None:
    p = Problem(
        horizon=10,
        activities=(Activity("review:x", 2), Activity("close:x", 1)),
        precedences=(Precedence("review:x", "close:x"),),
    )
    base = greedy(p)
    found = search_closures(p, 10.0, incumbent=base)
    assert (found.solution, found.evaluations) == (base, 0)


def test_polish_frees_two_sites_and_pins_the_rest() -> None:
    p = _two_sites()
    base = greedy(p)
    units = closure_units(p)
    assert neighbourhood(p, units, {"close:dear"}) == {"review:d1", "review:d2", "close:dear"}
    # only dear free: cheap's review stays on days 0-10, so dear cannot close before day 30
    alone, _ = polish(p, base, neighbourhood(p, units, {"close:dear"}), limit=2.0)
    assert alone is None
    both, _ = polish(p, base, neighbourhood(p, units, {"close:dear", "close:cheap"}), limit=2.0)
    assert both is not None
    assert (both.objective, both.starts["close:dear"]) == (100, 20)
    assert check(p, both.starts, both.choices) == []


def test_improve_is_never_dearer_than_its_start() -> None:
    p = _four_sites()
    base = greedy(p)
    best, runs, _ = improve(p, base, 0.002, polish_budget=0.0)
    assert runs == 5
    assert best.objective is not None and base.objective is not None
    assert best.objective <= base.objective
    assert check(p, best.starts, best.choices) == []


def test_a_small_plan_gives_cpsat_the_search_s_hint() -> None:
    s = solve(_two_sites(), budget=2.0)
    assert (s.objective, s.status, s.solver) == (100, "OPTIMAL", "cpsat+search")


def test_a_large_plan_takes_the_search_and_claims_no_proof(monkeypatch: MonkeyPatch) -> None:
    # stand-in for a plan too big for CP-SAT's whole-model search
    monkeypatch.setattr(solver_module, "LARGE_MODEL", 3)
    p = _two_sites()
    s = solve(p, budget=2.0)
    assert (s.objective, s.status, s.solver) == (100, "FEASIBLE", "search")
    assert check(p, s.starts, s.choices) == []
    assert s.starts == solve(p, budget=2.0).starts


def test_a_large_re_plan_keeps_cpsat_s_stages(monkeypatch: MonkeyPatch) -> None:
    # a re-plan with commitments (the baseline's close days) must, after money, move as few of
    # them as it can: only CP-SAT's stability stage does that, so the search is not used
    monkeypatch.setattr(solver_module, "LARGE_MODEL", 3)
    p = dataclasses.replace(_two_sites(), targets={"close:cheap": 10, "close:dear": 20})
    s = solve(p, budget=2.0)
    assert (s.objective, s.solver) == (100, "cpsat")
    # dear first is the only £100 order: dear closes on its committed day 20, cheap moves
    assert (s.starts["close:dear"], s.starts["close:cheap"]) == (20, 30)
