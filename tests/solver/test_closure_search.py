"""The closure search: site orders completed by the greedy, pairs of sites polished by CP-SAT."""

from __future__ import annotations

import dataclasses
from typing import Any

from pytest import MonkeyPatch

import transition_planner.solver as solver_module
from transition_planner.problem import Activity, Demand, Precedence, Problem, Resource, StepCost
from transition_planner.solver import check, closure_search, evaluate, greedy, solve
from transition_planner.solver.closure_search import (
    closure_units,
    evaluations_for,
    guided_keys,
    improve,
    near_misses,
    neighbourhood,
    order_rank,
    polish,
    search_closures,
)
from transition_planner.solver.greedy import attempt


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


def _interleaved() -> Problem:
    """One reviewer; site x has two 10-day reviews, the second at least 5 days after the
    first ends; site y one 10-day review. Each close takes a day and costs £1,000 from day 0;
    x's rises to £41,000 from day 31, y's to £31,000 from day 21 (at the close's start).

    The orders the greedy can be given all do one site's reviews first:
    x first: x1 on days 0-10, x2 15-25 (y does not fit the 5-day gap), y 25-35: x closes on
    day 25 (£1,000), y on 35 (£31,000): £32,000. y first: y 0-10, x1 10-20, x2 25-35: y on
    10 (£1,000), x on 35 (£41,000): £42,000. Urgency alone (every close due by day 0) also
    does x first (x1 is the most urgent; x2 and y tie and x2's id is first). The one schedule
    that meets both steps puts y in x's lag: x1 0-10, y 10-20, x2 20-30, y closing on day 20
    and x on 30: £2,000. The month-step phase finds it: y is 14 days past its step on 21, so
    it is due by day 21 (latest start 10 for its review) and x is held to its month (due by
    day 31: latest starts 20 for x2 and 5 for x1), and by urgency alone the greedy takes x1,
    y, x2.
    """
    return Problem(
        horizon=60,
        activities=(
            Activity("review:x1", 10),
            Activity("review:x2", 10),
            Activity("review:y", 10),
            Activity("close:x", 1),
            Activity("close:y", 1),
        ),
        precedences=(
            Precedence("review:x1", "review:x2", lag=5),
            Precedence("review:x2", "close:x"),
            Precedence("review:y", "close:y"),
        ),
        resources=(Resource("team", 1),),
        demands=tuple(Demand(a, "team") for a in ("review:x1", "review:x2", "review:y")),
        step_costs=(
            StepCost("close:x", ((0, 1_000), (31, 41_000)), at="start"),
            StepCost("close:y", ((0, 1_000), (21, 31_000)), at="start"),
        ),
    )


def test_orders_alone_leave_a_site_past_its_month_step(monkeypatch: MonkeyPatch) -> None:
    p = _interleaved()
    assert greedy(p).objective == 32_000
    monkeypatch.setattr(closure_search, "NEAR_DAYS", 0)  # no near misses: orders only
    found = search_closures(p, 0.0, evaluations=12, incumbent=greedy(p))
    assert found.solution is not None and found.solution.objective == 32_000


def test_the_month_step_phase_makes_a_site_meet_its_step() -> None:
    p = _interleaved()
    assert near_misses(p, greedy(p).starts) == [("close:y", 21, 30_000)]
    found = search_closures(p, 0.0, evaluations=12, incumbent=greedy(p))
    s = found.solution
    assert s is not None
    assert (s.objective, s.status, s.solver) == (2_000, "FEASIBLE", "search")
    assert [s.starts[a] for a in ("review:x1", "review:y", "review:x2")] == [0, 10, 20]
    assert (s.starts["close:y"], s.starts["close:x"]) == (20, 30)
    assert dict(found.due) == {"close:x": 31, "close:y": 21}
    assert found.smith is False
    assert check(p, s.starts, s.choices) == []
    assert evaluate(p, s.starts, s.choices) == (2_000, 0)


def test_the_month_step_phase_is_deterministic_and_keeps_every_constraint() -> None:
    for p in (_interleaved(), _four_sites(), _two_sites()):
        runs = [search_closures(p, 0.0, evaluations=12, seed=5, incumbent=greedy(p)) for _ in "ab"]
        a, b = (r.solution for r in runs)
        assert a is not None and b is not None
        assert (a.starts, a.choices, a.objective) == (b.starts, b.choices, b.objective)
        assert (runs[0].order, runs[0].smith, runs[0].due) == (
            runs[1].order,
            runs[1].smith,
            runs[1].due,
        )
        assert check(p, a.starts, a.choices) == []


def test_a_due_date_leaves_the_plain_greedy_unchanged() -> None:
    p = _interleaved()
    assert attempt(p, None, {})[:4] == attempt(p, None)[:4]
    # y due by day 21, x by 31: by urgency alone x1, y, x2
    starts, _, money, _, faults = attempt(p, None, {"close:y": 21, "close:x": 31})
    assert (money, faults) == (2_000, [])
    assert (starts["review:y"], starts["review:x2"]) == (10, 20)


def test_a_relaxation_s_closure_days_are_the_first_candidates() -> None:
    p = _interleaved()
    # where a relaxation closes them: y on day 20 (due 21, the end of its 1-day close) and x
    # on 30 (due 31); each is also the day before its next cost step (21, 31), so the month
    # candidate is the same as the day one and is not repeated
    guide = {"close:x": 30, "close:y": 20}
    days = (("close:x", 31), ("close:y", 21))
    assert guided_keys(p, closure_units(p), guide) == [
        ((("close:x", "close:y"),), False, days),
        ((("close:y",), ("close:x",)), True, ()),
        ((("close:y",), ("close:x",)), False, days),
    ]
    # one greedy run: unguided it is x first (£32,000); guided, y in x's lag (£2,000)
    plain = search_closures(p, 0.0, evaluations=1, incumbent=greedy(p))
    guided = search_closures(p, 0.0, evaluations=1, incumbent=greedy(p), guide=guide)
    assert plain.solution is not None and plain.solution.objective == 32_000
    assert guided.solution is not None and guided.solution.objective == 2_000
    assert check(p, guided.solution.starts, guided.solution.choices) == []
    assert (guided.evaluations, dict(guided.due)) == (1, dict(days))


def test_a_guide_with_fewer_than_two_closures_adds_nothing() -> None:
    assert guided_keys(_interleaved(), closure_units(_interleaved()), {"close:x": 30}) == []


def test_the_guide_is_solved_only_for_a_plan_with_sites_to_order(monkeypatch: MonkeyPatch) -> None:
    calls: list[int] = []
    real = solver_module.relaxation_bound

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(solver_module, "relaxation_bound", counted)
    # two sites: the relaxation is solved first, for the search's guide; CP-SAT then proves
    assert solve(_two_sites(), budget=2.0).status == "OPTIMAL"
    assert len(calls) == 1
    # one site (or none, as in PSPLIB): nothing to order, so no budget goes to a guide
    one = dataclasses.replace(
        _two_sites(),
        step_costs=(StepCost("close:cheap", ((11, 100), (40, 50_000)), at="start"),),
    )
    one = dataclasses.replace(
        one,
        activities=tuple(a for a in one.activities if a.id != "close:dear"),
        precedences=tuple(p for p in one.precedences if p.after != "close:dear"),
    )
    calls.clear()
    assert solve(one, budget=2.0).status == "OPTIMAL"
    assert calls == []
