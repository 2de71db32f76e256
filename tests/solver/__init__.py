"""Shared builders for solver tests."""

from __future__ import annotations

import random
from datetime import date

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

DAY0 = date(2016, 1, 1)
MONTH_STARTS = tuple(
    (date(2016 + m // 12, m % 12 + 1, 1) - DAY0).days for m in range(60)
)  # 0, 31, 60 (2016 is a leap year), 91, ...


def monthly(first_day: int, per_month: int) -> tuple[tuple[int, int], ...]:
    """Steps costing ``per_month`` for each calendar month started on or after ``first_day``."""
    days = [d for d in MONTH_STARTS if first_day <= d]
    return tuple((d, per_month * (n + 1)) for n, d in enumerate(days))


def programme(people: int, seed: int = 1, horizon: int = 365) -> Problem:
    """A closure programme in miniature: reviews on a team, moves to places, closures, a lease."""
    rng = random.Random(seed)
    sites = ("north", "south")
    activities = [Activity("redevelop", 30)]
    precedences: list[Precedence] = []
    demands: list[Demand] = []
    choices: list[Choice] = []
    same: list[SameChoice] = []
    movers: dict[str, list[str]] = {s: [] for s in sites}
    group: list[str] = []
    for n in range(people):
        review, move = f"review-{n:03d}", f"move-{n:03d}"
        activities += [Activity(review, rng.choice((7, 14, 21))), Activity(move, 1)]
        demands.append(Demand(review, "team"))
        precedences.append(Precedence(review, move, lag=14))
        prefs = rng.sample(["hub-a", "hub-b", "hub-c"], 3)
        options = tuple(
            Option(
                key,
                places=key,
                release=40 if key == "hub-b" else 0,
                after=("redevelop",) if key == "hub-c" else (),
                penalty=rank,
            )
            for rank, key in enumerate(prefs)
        )
        choices.append(Choice(move, options))
        movers[sites[n % 2]].append(move)
        group.append(move)
        if len(group) == 3 or rng.random() < 0.5:
            if len(group) > 1:
                same.append(SameChoice(tuple(group)))
            group = []
    step_costs = []
    for site in sites:
        close = f"close-{site}"
        activities.append(Activity(close, 0))
        precedences += [Precedence(m, close) for m in movers[site]]
        step_costs.append(StepCost(close, monthly(59, 99_000)))
        step_costs.append(StepCost(close, monthly(0, 14_000)))
    activities.append(Activity("lease-exit", 0, allowed_starts=tuple(range(90, horizon, 91))))
    precedences.append(Precedence("close-north", "lease-exit"))
    step_costs.append(StepCost("lease-exit", ((1, 27_000), (91, 54_000), (182, 81_000)), "start"))
    capacity = people // 3 + 2
    return Problem(
        horizon=horizon,
        activities=tuple(activities),
        precedences=tuple(precedences),
        resources=(Resource("team", 2, steps=((14, 3),)),),
        demands=tuple(demands),
        places=tuple(Places(h, capacity) for h in ("hub-a", "hub-b", "hub-c")),
        choices=tuple(choices),
        same_choices=tuple(same),
        step_costs=tuple(step_costs),
        name=f"programme-{people}-{seed}",
    )
