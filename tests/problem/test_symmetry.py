"""Interchangeable bundles: found only where trading them changes nothing, and safe to order."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from tests.data.plans import moderate, plan_text
from tests.solver import programme
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
    SameChoice,
    Symmetry,
)
from transition_planner.problem.compile import compile_plan
from transition_planner.solver import check, evaluate, solve


def _three(review_days: tuple[int, int, int] = (5, 5, 3), **extra: tuple[object, ...]) -> Problem:
    """One reviewer; three people each reviewed then moved to the hub (2 places) or, at a
    people penalty of 5, far away; the site closes after the last move at £10 a day."""
    people = ("p0", "p1", "p2")
    options = (Option("hub", places="hub"), Option("far", places="far", penalty=5))
    problem = Problem(
        horizon=60,
        activities=(
            *(Activity(f"review-{p}", d) for p, d in zip(people, review_days, strict=True)),
            *(Activity(f"move-{p}", 1) for p in people),
            Activity("close", 0),
        ),
        precedences=(
            *(Precedence(f"review-{p}", f"move-{p}") for p in people),
            *(Precedence(f"move-{p}", "close") for p in people),
        ),
        resources=(Resource("reviewer", 1),),
        demands=tuple(Demand(f"review-{p}", "reviewer") for p in people),
        places=(Places("hub", 2), Places("far", 5)),
        choices=tuple(Choice(f"move-{p}", options) for p in people),
        linear_costs=(LinearCost("close", 10, "start"),),
        bundles=tuple((f"review-{p}", f"move-{p}") for p in people),
    )
    return replace(problem, **extra)


def test_identical_people_form_one_class() -> None:
    assert Symmetry(_three()).classes == [[("review-p0", "move-p0"), ("review-p1", "move-p1")]]
    three = Symmetry(_three((4, 4, 4)))
    assert len(three.classes) == 1 and len(three.classes[0]) == 3
    assert three.leader_pairs() == [("review-p0", "review-p1"), ("review-p1", "review-p2")]


@pytest.mark.parametrize(
    "extra",
    [
        # someone waits for p0's review only
        {"activities": (Activity("call", 1),), "precedences": (Precedence("review-p0", "call"),)},
        # p0 and p1 are friends who should go to the same place
        {"same_choices": (SameChoice(("move-p0", "move-p1"), penalty=20),)},
        # p1's review waits for p0's move: trading them would reverse the order
        {"precedences": (Precedence("move-p0", "review-p1"),)},
        # p0's review is longer
        {"activities": (Activity("review-p0", 6),)},
    ],
)
def test_anything_that_tells_two_people_apart_breaks_the_class(
    extra: dict[str, tuple[object, ...]],
) -> None:
    base = _three()
    merged: dict[str, tuple[object, ...]] = {}
    for key, records in extra.items():
        kept = getattr(base, key)
        if key == "activities":
            replaced = {a.id for a in records}  # type: ignore[attr-defined]
            kept = tuple(a for a in kept if a.id not in replaced)
        merged[key] = (*kept, *records)
    assert Symmetry(replace(base, **merged)).classes == []  # type: ignore[arg-type]


def test_canonical_trades_starts_and_choices_together() -> None:
    problem = _three()
    # p1 reviewed first and goes far; p0 second, to the hub; p2 last
    starts = {"review-p1": 0, "move-p1": 5, "review-p0": 5, "move-p0": 10, "review-p2": 10}
    starts |= {"move-p2": 13, "close": 14}
    choices = {"move-p0": "hub", "move-p1": "far", "move-p2": "hub"}
    traded, traded_choices = Symmetry(problem).canonical(starts, choices)
    assert traded["review-p0"] == 0 and traded["move-p0"] == 5
    assert traded["review-p1"] == 5 and traded["move-p1"] == 10
    assert traded_choices == {"move-p0": "far", "move-p1": "hub", "move-p2": "hub"}
    assert check(problem, traded, traded_choices) == []
    assert (
        evaluate(problem, traded, traded_choices) == evaluate(problem, starts, choices) == (140, 5)
    )


def test_ordered_people_keep_the_optimum_by_hand() -> None:
    # Reviews one at a time end on day 13 whatever the order; the last move ends on 14 (£140);
    # one of the three must go far (people 5).
    problem = _three()
    solution = solve(problem, budget=2.0)
    assert (solution.status, solution.objective, solution.people_penalty) == ("OPTIMAL", 140, 5)
    assert solution.starts["review-p0"] <= solution.starts["review-p1"]


def _alike(people: int, seed: int) -> Problem:
    """``tests.solver.programme`` with one order of preference per site and one friendship
    group kept, so that people differ only by site and review length."""
    problem = programme(people, seed)
    choices = []
    for c in problem.choices:
        order = ("hub-a", "hub-b", "hub-c") if int(c.activity[-3:]) % 2 else ("hub-c", "hub-a")
        options = sorted(c.options, key=lambda o: order.index(o.key) if o.key in order else 9)
        choices.append(
            replace(c, options=tuple(replace(o, penalty=n) for n, o in enumerate(options)))
        )
    return replace(problem, choices=tuple(choices), same_choices=problem.same_choices[:1])


@pytest.mark.parametrize(("people", "seed"), [(9, 1), (9, 2), (12, 3)])
def test_ordering_never_changes_the_proven_optimum(people: int, seed: int) -> None:
    problem = _alike(people, seed)
    bundles = tuple((f"review-{n:03d}", f"move-{n:03d}") for n in range(people))
    ordered = replace(problem, bundles=bundles)
    assert Symmetry(ordered).classes, "the case should have interchangeable people"
    free, fixed = solve(problem, budget=5.0), solve(ordered, budget=5.0)
    assert free.status == fixed.status == "OPTIMAL"
    assert (fixed.objective, fixed.people_penalty) == (free.objective, free.people_penalty)


def test_the_compiler_offers_each_person_and_groups_split_classes(tmp_path: Path) -> None:
    people = moderate(3)
    people += ["id: P4, site: old, cohort: LD, needs: complex"]
    people += [f"id: F{i}, site: old, cohort: LD, needs: moderate, group: pals" for i in (1, 2)]
    path = tmp_path / "plan.yaml"
    path.write_text(plan_text(people), encoding="utf-8")
    problem = compile_plan(load_plan(path).plan).problem
    assert ("review:P4", "move:P4", "post_move_review:P4") in problem.bundles
    assert len(problem.bundles) == 6
    assert Symmetry(problem).classes == [
        [(f"review:P{i}", f"move:P{i}", f"post_move_review:P{i}") for i in (1, 2, 3)]
    ]
