"""Solve a ``Problem``: CP-SAT (default) or the greedy baseline. No OR-Tools type leaves here."""

from __future__ import annotations

import time
from dataclasses import replace
from typing import Literal

from transition_planner.errors import InfeasibilityReason, Infeasible
from transition_planner.problem import Problem
from transition_planner.problem.solution import (
    Progress,
    ProgressHook,
    Solution,
    Stage,
    Status,
    check,
    evaluate,
    relative_gap,
    with_bound,
)
from transition_planner.solver.bounds import least_cost
from transition_planner.solver.closure_search import closure_units, improve, search_closures
from transition_planner.solver.compact import compact
from transition_planner.solver.cpsat import LARGE_MODEL, solve_cpsat
from transition_planner.solver.explain import explain
from transition_planner.solver.greedy import greedy
from transition_planner.solver.relaxation import relaxation_bound
from transition_planner.solver.site_bounds import team_bound

# the share of the budget the sequencing relaxation may use on a large plan (before CP-SAT),
# and on a smaller plan whose schedule CP-SAT did not prove optimal (after it, on top)
RELAXATION_SHARE = 0.5
CHECK_SHARE = 0.1
# on a large plan CP-SAT's whole-model search returns the hint unchanged (the model is too big
# to improve in any budget a user would wait for): the closure search gets the budget instead,
# and CP-SAT polishes pairs of sites with this share of it
POLISH_SHARE = 0.25
# on a smaller plan a short closure search (this share of the budget's greedy runs) may hand
# CP-SAT a cheaper hint; CP-SAT then searches the whole model as before
HINT_SEARCH_SHARE = 0.25
# the sequencing relaxation solved first on a smaller plan, for its closure days (the search's
# guide): at most this share of the budget (0.001 det-s on the seed plan, 0.24 on 100 people)
GUIDE_SHARE = 0.05

__all__ = [
    "Progress",
    "ProgressHook",
    "Solution",
    "Stage",
    "Status",
    "check",
    "evaluate",
    "explain",
    "greedy",
    "solve",
]


def solve(
    problem: Problem,
    solver: Literal["cpsat", "greedy"] = "cpsat",
    budget: float = 10.0,
    workers: int = 2,
    progress: ProgressHook | None = None,
    *,
    seed: int = 0,
    tie_break: bool = True,
    hint: tuple[dict[str, int], dict[str, str]] | None = None,
    time_limit: float | None = None,
) -> Solution:
    """Schedule ``problem``; ``budget`` is in deterministic seconds (same input, same output).

    ``time_limit`` (wall-clock seconds for the searches, replacing ``budget``) trades that
    reproducibility for a predictable wait: the schedule then depends on the machine and its
    load. The greedy and the compiler are not counted in it.

    ``hint`` (start days and choices, e.g. a baseline's) replaces the greedy schedule as the
    starting point when it keeps every hard constraint and costs no more.

    The greedy schedule is always computed. On a plan of more than ``cpsat.LARGE_MODEL``
    activities the closure search (``closure_search.improve``: site orders completed by the
    greedy, then CP-SAT on pairs of sites with the rest pinned) replaces CP-SAT's whole-model
    search, which cannot improve such a model in the budget; solver "search" (or "greedy" if
    nothing cheaper was found), guided by the closure days of the team bound's relaxation. On
    a smaller plan a short closure search, guided by the sequencing relaxation's closure days
    (GUIDE_SHARE of the budget), may give CP-SAT a cheaper hint than the greedy's (solver
    "cpsat+search"); CP-SAT then searches the whole
    model with the hint as upper bound, and may prove optimality. The reported bound is the
    better of CP-SAT's and, on a large plan, the teams' (``site_bounds.team_bound``: whole
    work per team and the sequencing relaxation, RELAXATION_SHARE of the budget), on a small
    unproven one the sequencing relaxation's (``relaxation.relaxation_bound``, CHECK_SHARE).
    A re-plan with commitments to keep (``Problem.targets``) takes CP-SAT's path at any size,
    so that after money it moves as few of them as it can.
    Raises ``Infeasible`` with the smallest conflicting set of constraint groups found when
    CP-SAT proves that no schedule exists. An UNKNOWN solution carries the greedy schedule and
    the hard constraints it breaks in ``notes``.
    """
    problem.validate()
    baseline = greedy(problem)
    if hint is not None and not check(problem, *hint):
        money, people = evaluate(problem, *hint)
        if not baseline.feasible or baseline.objective is None or money <= baseline.objective:
            baseline = Solution(
                "FEASIBLE", dict(hint[0]), dict(hint[1]), money, people, None, None, 0.0, "hint"
            )
    if solver == "greedy":
        return baseline
    wall = time_limit is not None
    if time_limit is not None:
        budget = time_limit
    floor, spent, guide = None, 0.0, None
    large = len(problem.activities) > LARGE_MODEL
    if large and baseline.feasible and baseline.objective:
        # CP-SAT's own bound on a large plan is the precedence bound; the teams' is not
        floor, spent, guide = team_bound(
            problem,
            baseline.objective,
            budget=RELAXATION_SHARE * budget,
            workers=workers,
            seed=seed,
            wall=wall,
        )
    # a re-plan with commitments keeps CP-SAT's stages: after money, as few moved as possible
    searched = large and not problem.targets
    if searched and baseline.feasible and baseline.objective:
        began = time.perf_counter()
        # deterministic: the greedy runs follow the whole budget; wall: what is left of it
        search = max(budget - spent - POLISH_SHARE * budget, 0.1 * budget) if wall else budget
        best, _runs, _gains = improve(
            problem,
            baseline,
            search,
            polish_budget=POLISH_SHARE * budget,
            seed=seed,
            workers=workers,
            wall=wall,
            guide=guide,
        )
        solution = replace(best, status="FEASIBLE", wall_time=time.perf_counter() - began)
        improved = best.objective is not None and best.objective < baseline.objective
        solution = replace(solution, solver="search" if improved else "greedy")
        if progress and solution.objective is not None:
            known = max(floor or 0, least_cost(problem))
            gap = relative_gap(solution.objective, known)
            progress(Progress("money", solution.wall_time, solution.objective, known, gap))
    else:
        hint_from = baseline
        if (
            HINT_SEARCH_SHARE > 0
            and baseline.feasible
            and baseline.objective
            and not problem.targets
        ):
            guide = None
            if len(closure_units(problem)) >= 2:
                # the relaxation's closure days guide the search (cheap on a plan this size);
                # a plan closing fewer than two sites (PSPLIB's) has no order to search
                relaxed = relaxation_bound(
                    problem,
                    baseline.objective,
                    budget=GUIDE_SHARE * budget,
                    workers=workers,
                    seed=seed,
                    wall=wall,
                )
                spent, guide = spent + relaxed.spent, relaxed.guide
            found = search_closures(
                problem,
                HINT_SEARCH_SHARE * budget,
                seed=seed,
                incumbent=baseline,
                wall=wall,
                guide=guide,
            )
            # only a strictly cheaper hint: an equal one would change CP-SAT's path for nothing
            if found.solution is not None and (found.solution.objective or 0) < baseline.objective:
                hint_from = found.solution
        solution = solve_cpsat(
            problem,
            budget=max(budget - spent, 0.1 * budget),
            workers=workers,
            seed=seed,
            hint=hint_from,
            progress=progress,
            tie_break=tie_break,
            wall=wall,
        )
        if hint_from is not baseline and solution.feasible:
            solution = replace(solution, solver="cpsat+search")
    if not large and solution.status == "FEASIBLE" and solution.objective:
        # unproven on a small plan: the relaxation is cheap there and often proves more
        floor = relaxation_bound(
            problem,
            solution.objective,
            budget=CHECK_SHARE * budget,
            workers=workers,
            seed=seed,
            wall=wall,
        ).bound
    if solution.feasible:
        # on the largest plans neither search may prove anything in the budget
        solution = with_bound(solution, max(floor or 0, least_cost(problem)))
    if solution.feasible:
        return compact(problem, solution)
    # an UNKNOWN may still be provably infeasible: the explanation model often proves it faster
    groups = explain(problem, budget=budget, seed=seed, wall=wall)
    if groups is None and solution.status == "UNKNOWN":
        return solution
    if groups is None:
        raise Infeasible([InfeasibilityReason("", "the conflict could not be narrowed down")])
    if not groups:
        raise Infeasible([InfeasibilityReason("", "constraints without a label conflict")])
    raise Infeasible([InfeasibilityReason(g, problem.describe(g)) for g in groups])
