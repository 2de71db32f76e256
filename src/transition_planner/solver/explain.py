"""Why a problem has no schedule: the smallest set of constraint groups that conflict.

The CP-SAT model is rebuilt without objective, every grouped constraint enforced by its group's
literal. Solved under the assumption that all literals hold, CP-SAT names a sufficient subset
of them (a core); a deletion filter then drops groups and keeps them only if the rest no longer
conflict: halves of the core first, then quarters, down to single groups, so a core of n groups
with k to blame takes about 2k log n solves rather than n.

The explanation shares the caller's budget: ``budget`` deterministic seconds in all, half for
the first solve and the rest split across the solves of the filter, which stops after
MAX_SOLVES whatever their times (each solve also pays for a presolve that deterministic time
barely counts). A group whose removal was not proven to resolve the conflict within its share
is kept, so the set named always conflicts; it is the smallest only when every solve finished.
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from transition_planner.problem import Problem
from transition_planner.solver.cpsat import Builder, parameters

MAX_SOLVES = 40
MIN_SOLVE_LIMIT = 0.05


def explain(
    problem: Problem, *, budget: float = 10.0, seed: int = 0, wall: bool = False
) -> list[str] | None:
    """The conflicting groups (sorted), ``[]`` if the ungrouped constraints alone conflict,
    or None if no conflict was proven within half of ``budget`` deterministic seconds
    (wall-clock seconds with ``wall``).
    """
    b = Builder(problem, relax=True)
    groups = sorted(b.group_lit)
    by_index = {b.group_lit[g].index: g for g in groups}
    spent = 0.0

    def conflict(active: set[str], limit: float, presolve: bool = False) -> set[str] | None:
        nonlocal spent
        b.m.clear_assumptions()
        b.m.add_assumptions([b.group_lit[g] if g in active else ~b.group_lit[g] for g in groups])
        solver = cp_model.CpSolver()
        parameters(
            solver, workers=1, seed=seed, limit=limit, wall_cap=max(10.0, 20 * limit), wall=wall
        )
        solver.parameters.use_overload_checker_in_cumulative = True
        # Presolve with assumptions must keep every solution: on working-day domains it took
        # seconds of wall time per solve for almost no deterministic time. The first solve
        # keeps it (it may prove what the search cannot); the filter's solves go ten times
        # faster without.
        solver.parameters.cp_model_presolve = presolve
        status = solver.status_name(solver.solve(b.m))
        spent += solver.wall_time if wall else solver.deterministic_time
        if status != "INFEASIBLE":
            return None
        core = {
            by_index[i] for i in solver.sufficient_assumptions_for_infeasibility() if i in by_index
        }
        return core & active

    first = conflict(set(groups), budget / 2, presolve=True)
    if first is None:
        return None
    core = sorted(first)
    solves = 1
    chunk = max(1, len(core) // 2)
    while chunk >= 1 and solves < MAX_SOLVES:
        i = 0
        while i < len(core) and solves < MAX_SOLVES:
            trial = set(core[:i] + core[i + chunk :])
            share = max(MIN_SOLVE_LIMIT, (budget - spent) / max(1, MAX_SOLVES - solves))
            smaller = conflict(trial, min(share, budget))
            solves += 1
            if smaller is None:
                i += chunk
            else:
                i = sum(1 for g in core[:i] if g in smaller)
                core = [g for g in core if g in smaller]
        chunk //= 2
    return core
