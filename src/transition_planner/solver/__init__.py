"""Solve a ``Problem``: CP-SAT (default) or the greedy baseline. No OR-Tools type leaves here."""

from __future__ import annotations

from typing import Literal

from transition_planner.errors import InfeasibilityReason, Infeasible
from transition_planner.problem import Problem
from transition_planner.solver.compact import compact
from transition_planner.solver.cpsat import solve_cpsat
from transition_planner.solver.explain import explain
from transition_planner.solver.greedy import greedy
from transition_planner.solver.solution import (
    Progress,
    ProgressHook,
    Solution,
    Stage,
    Status,
    check,
    evaluate,
)

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
) -> Solution:
    """Schedule ``problem``; ``budget`` is in deterministic seconds (same input, same output).

    The greedy schedule is always computed: it is the hint and the upper bound for CP-SAT.
    Raises ``Infeasible`` with the smallest conflicting set of constraint groups found when
    CP-SAT proves that no schedule exists. An UNKNOWN solution carries the greedy schedule and
    the hard constraints it breaks in ``notes``.
    """
    problem.validate()
    baseline = greedy(problem)
    if solver == "greedy":
        return baseline
    solution = solve_cpsat(
        problem,
        budget=budget,
        workers=workers,
        seed=seed,
        hint=baseline,
        progress=progress,
        tie_break=tie_break,
    )
    if solution.feasible:
        return compact(problem, solution)
    # an UNKNOWN may still be provably infeasible: the explanation model often proves it faster
    groups = explain(problem, budget=budget, seed=seed)
    if groups is None and solution.status == "UNKNOWN":
        return solution
    if groups is None:
        raise Infeasible([InfeasibilityReason("", "the conflict could not be narrowed down")])
    if not groups:
        raise Infeasible([InfeasibilityReason("", "constraints without a label conflict")])
    raise Infeasible([InfeasibilityReason(g, problem.describe(g)) for g in groups])
