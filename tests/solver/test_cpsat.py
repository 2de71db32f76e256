"""CP-SAT on small problems whose optimum is worked out by hand in each test."""

from __future__ import annotations

import pytest
from ortools.sat.python import cp_model

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
    SameChoice,
    StepCost,
)
from transition_planner.solver import Progress, Solution, check, evaluate, greedy, solve
from transition_planner.solver.cpsat import parameters

from . import monthly, programme


def run(problem: Problem, budget: float = 2.0, **kwargs: object) -> Solution:
    solution = solve(problem, budget=budget, **kwargs)  # type: ignore[arg-type]
    assert check(problem, solution.starts, solution.choices) == []
    assert (solution.objective, solution.people_penalty) == evaluate(
        problem, solution.starts, solution.choices
    )
    return solution


def makespan(problem: Problem, sink: str = "sink") -> Problem:
    """Add a zero-length sink after every activity and minimise its start."""
    sink_act = Activity(sink, 0)
    return Problem(
        horizon=problem.horizon,
        activities=(*problem.activities, sink_act),
        precedences=(*problem.precedences, *(Precedence(a.id, sink) for a in problem.activities)),
        resources=problem.resources,
        demands=problem.demands,
        linear_costs=(LinearCost(sink, 1, at="start"),),
    )


def test_precedence_chain_with_lag() -> None:
    # A 0-3, one day's lag, B 4-6, C 6-10: C ends on day 10.
    p = Problem(
        horizon=30,
        activities=(Activity("A", 3), Activity("B", 2), Activity("C", 4)),
        precedences=(Precedence("A", "B", lag=1), Precedence("B", "C")),
        linear_costs=(LinearCost("C", 1),),
    )
    s = run(p)
    assert s.status == "OPTIMAL"
    assert s.starts == {"A": 0, "B": 4, "C": 6}
    assert (s.objective, s.bound, s.gap) == (10, 10, 0.0)


def test_a_wall_clock_limit_solves_and_sets_no_deterministic_limit() -> None:
    # the same chain under --time-limit: proven, the same schedule
    p = Problem(
        horizon=30,
        activities=(Activity("A", 3), Activity("B", 2), Activity("C", 4)),
        precedences=(Precedence("A", "B", lag=1), Precedence("B", "C")),
        linear_costs=(LinearCost("C", 1),),
    )
    s = run(p, time_limit=5.0)
    assert s.status == "OPTIMAL"
    assert s.starts == {"A": 0, "B": 4, "C": 6}
    solver = cp_model.CpSolver()
    parameters(solver, workers=2, seed=0, limit=7.0, wall_cap=60.0, wall=True)
    assert solver.parameters.max_time_in_seconds == 7.0
    assert solver.parameters.max_deterministic_time == float("inf")
    parameters(solver := cp_model.CpSolver(), workers=2, seed=0, limit=7.0, wall_cap=60.0)
    assert (solver.parameters.max_deterministic_time, solver.parameters.max_time_in_seconds) == (
        7.0,
        60.0,
    )


def test_max_lag_pulls_the_predecessor_later() -> None:
    # The review starts 42..56 days after the move ends and not before day 70, so the move
    # (5 days) must end on day 14 or later: it starts on day 9, the earliest start that works.
    p = Problem(
        horizon=100,
        activities=(Activity("move", 5), Activity("review", 1, release=70)),
        precedences=(Precedence("move", "review", lag=42, max_lag=56),),
    )
    s = run(p)
    assert s.starts == {"move": 9, "review": 70}
    assert s.status == "OPTIMAL"


def test_capacity_one_sequences_and_tie_break_puts_the_short_one_first() -> None:
    # Makespan 5 either way; the tie-break (sum of starts) prefers B (2 days) first: 0 + 2.
    p = makespan(
        Problem(
            horizon=20,
            activities=(Activity("A", 3), Activity("B", 2)),
            resources=(Resource("R", 1),),
            demands=(Demand("A", "R"), Demand("B", "R")),
        )
    )
    s = run(p)
    assert s.starts == {"A": 2, "B": 0, "sink": 5}
    assert s.objective == 5


def test_capacity_over_time() -> None:
    # No capacity before day 10, 2 from day 10, 1 from day 20. Z (6 days) cannot share a
    # "lane" with X (5) or Y (4) inside days 10..19, X and Y fit one after the other (9 days):
    # makespan 19. Tie-break: Y first (10 + 14 < 10 + 15).
    p = makespan(
        Problem(
            horizon=40,
            activities=(Activity("X", 5), Activity("Y", 4), Activity("Z", 6)),
            resources=(Resource("R", 0, steps=((10, 2), (20, 1))),),
            demands=tuple(Demand(i, "R") for i in "XYZ"),
        )
    )
    s = run(p)
    assert s.objective == 19
    assert s.starts == {"X": 14, "Y": 10, "Z": 10, "sink": 19}


def _movers(penalties: dict[str, int], near: int = 1, far: int = 5) -> Problem:
    return Problem(
        horizon=10,
        activities=tuple(Activity(m, 1) for m in penalties),
        places=(Places("near", near), Places("far", far)),
        choices=tuple(
            Choice(m, (Option("near", places="near"), Option("far", places="far", penalty=w)))
            for m, w in penalties.items()
        ),
    )


def test_places_fill_so_the_second_option_is_chosen() -> None:
    # One place near: it goes to m2, who minds going far most (3); m1 and m3 go far: 1 + 2.
    s = run(_movers({"m1": 1, "m2": 3, "m3": 2}))
    assert s.choices == {"m1": "far", "m2": "near", "m3": "far"}
    assert (s.objective, s.people_penalty) == (0, 3)
    assert s.starts == {"m1": 0, "m2": 0, "m3": 0}


def test_places_capacity_over_time_delays_the_move() -> None:
    # The only destination opens its 1 place on day 20; the move ends then at the earliest.
    p = Problem(
        horizon=40,
        activities=(Activity("m", 2),),
        places=(Places("hub", 0, steps=((20, 1),)),),
        choices=(Choice("m", (Option("hub", places="hub"),)),),
        step_costs=(StepCost("m", ((15, 100), (25, 300))),),
    )
    s = run(p)
    assert s.starts == {"m": 18}
    assert s.objective == 100


def _friends(split_penalty: int | None, far_penalty: int = 1, together: bool = True) -> Problem:
    options = (Option("A", places="A"), Option("B", places="B", penalty=far_penalty))
    return Problem(
        horizon=10,
        activities=(Activity("f1", 1), Activity("f2", 1)),
        places=(Places("A", 1), Places("B", 2)),
        choices=(Choice("f1", options), Choice("f2", options)),
        same_choices=(SameChoice(("f1", "f2"), split_penalty),) if together else (),
    )


def test_same_choice_keeps_a_group_together() -> None:
    # A has one place: apart, one friend goes to A (people 1); together both go to B (2).
    assert run(_friends(None, together=False)).people_penalty == 1
    s = run(_friends(None))
    assert s.choices == {"f1": "B", "f2": "B"}
    assert s.people_penalty == 2


def test_soft_same_choice_splits_only_when_cheaper() -> None:
    # Splitting costs 5: together at B (1 + 1 = 2) is better than apart (1 + 5 = 6).
    assert run(_friends(5)).choices == {"f1": "B", "f2": "B"}
    # B costs 2 each, splitting 1: apart (2 + 1 = 3) beats together (4).
    s = run(_friends(1, far_penalty=2))
    assert sorted(s.choices.values()) == ["A", "B"]
    assert s.people_penalty == 3


def _lease(notice_release: int | None = None) -> Problem:
    # Rent until the exit: £1,000 to the break on day 30, £3,000 to day 90, £6,000 to day 180.
    activities = [Activity("vacate", 40), Activity("exit", 0, allowed_starts=(30, 90, 180))]
    precedences = [Precedence("vacate", "exit")]
    if notice_release is not None:
        activities.append(Activity("notice", 0, release=notice_release))
        precedences.append(Precedence("notice", "exit", lag=60, before_at="start"))
    return Problem(
        horizon=200,
        activities=tuple(activities),
        precedences=tuple(precedences),
        step_costs=(StepCost("exit", ((1, 1000), (31, 3000), (91, 6000)), at="start"),),
    )


def test_allowed_starts_with_a_step_cost() -> None:
    # Vacant on day 40: the break on day 30 is missed, the exit is on day 90.
    s = run(_lease())
    assert s.starts == {"vacate": 0, "exit": 90}
    assert s.objective == 3000


def test_notice_before_a_break_with_a_start_to_start_lag() -> None:
    # Notice cannot be served before day 40 and must precede the break by 60 days: day 100 at
    # the earliest, so the break on day 180; the notice itself is served as early as possible.
    s = run(_lease(notice_release=40))
    assert s.starts == {"vacate": 0, "exit": 180, "notice": 40}
    assert s.objective == 6000


def _closure(team: int) -> Problem:
    # Four 14-day reviews on a team, 14 days' notice, a 1-day move, then the site closes.
    # Day 0 is 1 January 2016: months start on days 0, 31, 60, 91.
    reviews = [Activity(f"r{n}", 14) for n in range(4)]
    moves = [Activity(f"m{n}", 1) for n in range(4)]
    return Problem(
        horizon=120,
        activities=(*reviews, *moves, Activity("close", 0)),
        precedences=(
            *(Precedence(f"r{n}", f"m{n}", lag=14) for n in range(4)),
            *(Precedence(f"m{n}", "close") for n in range(4)),
        ),
        resources=(Resource("team", team),),
        demands=tuple(Demand(r.id, "team") for r in reviews),
        step_costs=(
            StepCost("close", monthly(31, 99_000)),  # due by 31 January; £99k per month begun
            StepCost("close", monthly(0, 14_000)),  # running costs per month begun
        ),
    )


def test_slippage_per_started_month_is_exact() -> None:
    # Team of 2: reviews end on days 14 and 28, moves end on 29 and 43, so the site closes on
    # day 43 (12 February): one month late (£99k) and two months' running costs (£28k).
    s = run(_closure(team=2))
    assert s.starts["close"] == 43
    assert s.objective == 99_000 + 28_000
    assert s.status == "OPTIMAL"
    # Team of 4: everyone moves by day 29 (30 January): no slippage, one month running.
    s = run(_closure(team=4))
    assert s.starts["close"] == 29
    assert s.objective == 14_000


def _redevelopment(slippage: bool) -> Problem:
    # The old centre is available after its 30-day redevelopment; a new one from day 15 but
    # nobody's first choice (penalty 1). Slippage if the move ends on day 20 or later.
    return Problem(
        horizon=60,
        activities=(Activity("redevelop", 30), Activity("m", 1)),
        places=(Places("old", 5), Places("new", 5)),
        choices=(
            Choice(
                "m",
                (
                    Option("old", places="old", after=("redevelop",)),
                    Option("new", places="new", release=15, penalty=1),
                ),
            ),
        ),
        step_costs=(StepCost("m", ((20, 1000),)),) if slippage else (),
    )


def test_lexicographic_money_before_people() -> None:
    s = run(_redevelopment(slippage=True))
    assert (s.choices["m"], s.starts["m"], s.objective, s.people_penalty) == ("new", 15, 0, 1)
    s = run(_redevelopment(slippage=False))
    assert (s.choices["m"], s.starts["m"], s.objective, s.people_penalty) == ("old", 30, 0, 0)


def test_people_penalty_never_trades_money() -> None:
    # a: the cheap option upsets people (5), the dear one costs £100: cheap wins.
    # b: both free, penalties 3 and 1: the people stage picks y.
    p = Problem(
        horizon=5,
        activities=(Activity("a", 1), Activity("b", 1)),
        choices=(
            Choice("a", (Option("cheap", penalty=5), Option("dear", cost=100))),
            Choice("b", (Option("x", penalty=3), Option("y", penalty=1))),
        ),
    )
    s = run(p)
    assert s.choices == {"a": "cheap", "b": "y"}
    assert (s.objective, s.people_penalty) == (0, 6)
    assert s.status == "OPTIMAL"


def test_zero_cost_milestone_sits_at_the_last_predecessor() -> None:
    p = Problem(
        horizon=50,
        activities=(
            Activity("close-a", 1, release=5),
            Activity("close-b", 1, release=9),
            Activity("ceased", 0),
        ),
        precedences=(Precedence("close-a", "ceased"), Precedence("close-b", "ceased")),
    )
    assert run(p).starts == {"close-a": 5, "close-b": 9, "ceased": 10}


def test_optimiser_never_worse_than_greedy() -> None:
    for people in (10, 24):
        p = programme(people)
        baseline = greedy(p)
        s = run(p, budget=1.0)
        assert baseline.objective is not None and s.objective is not None
        assert s.objective <= baseline.objective


def test_same_input_same_schedule() -> None:
    p = programme(30, seed=3)
    first, second = run(p, budget=1.0), run(p, budget=1.0)
    assert first.starts == second.starts
    assert first.choices == second.choices
    assert (first.objective, first.bound) == (second.objective, second.bound)


def test_evaluate_agrees_with_the_solver_objective() -> None:
    reports: list[Progress] = []
    p = _closure(team=2)
    s = run(p, progress=reports.append)
    money = [r for r in reports if r.stage == "money"]
    assert money and money[-1].objective == s.objective == evaluate(p, s.starts, s.choices)[0]
    assert [r.stage for r in reports][-1] == "tidy"


def test_validate_rejects_programming_errors() -> None:
    base = Problem(horizon=10, activities=(Activity("a", 1), Activity("b", 1)))
    base.validate()
    bad = [
        Problem(horizon=10, activities=base.activities, precedences=(Precedence("a", "zz"),)),
        Problem(
            horizon=10,
            activities=base.activities,
            precedences=(Precedence("a", "b"), Precedence("b", "a")),
        ),
        Problem(horizon=10, activities=base.activities, demands=(Demand("a", "team"),)),
        Problem(
            horizon=10,
            activities=base.activities,
            step_costs=(StepCost("a", ((5, 100), (3, 200))),),
        ),
        Problem(
            horizon=10,
            activities=base.activities,
            choices=(Choice("a", (Option("x"), Option("x"))),),
        ),
    ]
    for problem in bad:
        with pytest.raises(ValueError, match=r"invalid problem|precedence cycle"):
            problem.validate()


def test_check_names_each_broken_constraint() -> None:
    p = _lease()
    assert check(p, {"vacate": 0, "exit": 30}, {}) == ["vacate->exit: lag -10 outside [0, None]"]
    assert check(p, {"vacate": 0, "exit": 91}, {}) == ["exit: start 91 not an allowed start"]
