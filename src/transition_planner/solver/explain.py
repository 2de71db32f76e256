"""Why a problem has no schedule: the smallest set of constraint groups that conflict.

The CP-SAT model is rebuilt without objective, every grouped constraint enforced by its group's
literal. Solved under the assumption that all literals hold, CP-SAT names a sufficient subset
of them (a core); a deletion filter then drops each group in turn and keeps it only if the rest
no longer conflict. Ungrouped constraints are facts and are never blamed.
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from transition_planner.problem import Problem
from transition_planner.solver.cpsat import Builder, parameters


def explain(problem: Problem, *, budget: float = 10.0, seed: int = 0) -> list[str] | None:
    """The conflicting groups (sorted), ``[]`` if the ungrouped constraints alone conflict,
    or None if no conflict was proven within ``budget`` deterministic seconds per solve.
    """
    b = Builder(problem, relax=True)
    groups = sorted(b.group_lit)
    by_index = {b.group_lit[g].index: g for g in groups}

    def conflict(active: set[str]) -> set[str] | None:
        b.m.clear_assumptions()
        b.m.add_assumptions([b.group_lit[g] if g in active else ~b.group_lit[g] for g in groups])
        solver = cp_model.CpSolver()
        parameters(solver, workers=1, seed=seed, limit=budget, wall_cap=max(60.0, 20 * budget))
        solver.parameters.use_overload_checker_in_cumulative = True
        if solver.status_name(solver.solve(b.m)) != "INFEASIBLE":
            return None
        core = {
            by_index[i] for i in solver.sufficient_assumptions_for_infeasibility() if i in by_index
        }
        return core & active

    core = conflict(set(groups))
    if core is None:
        return None
    for g in sorted(core):
        if g not in core:
            continue
        smaller = conflict(core - {g})
        if smaller is not None:
            core = smaller
    return sorted(core)
