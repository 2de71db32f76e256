"""What several commands do alike: load a plan, solve or read a schedule, say what was written."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from transition_planner import pipeline
from transition_planner.cli.errors import _print_diagnostics
from transition_planner.errors import (
    OptionsError,
)
from transition_planner.pipeline import ScheduleOptions, SolverName
from transition_planner.plan.load import LoadedPlan, load_plan
from transition_planner.schedule.model import Schedule
from transition_planner.solver import Progress


class _ProgressLine:
    """Best cost, bound and gap on one stderr line while solving, only when it is a terminal."""

    def __init__(self) -> None:
        self.active = sys.stderr.isatty()
        self.shown = False

    def __call__(self, p: Progress) -> None:
        if not self.active or p.stage != "money":
            return
        click.echo(
            f"\r  {p.elapsed:6.1f}s  best £{p.objective:,}  bound £{p.bound:,}  gap {p.gap:.1%}   ",
            nl=False,
            err=True,
        )
        self.shown = True

    def close(self) -> None:
        if self.shown:
            click.echo("", err=True)


def _outside() -> bool:
    return bool(click.get_current_context().meta.get("allow_outside"))


def _load(plan: Path, strict: bool) -> LoadedPlan:
    loaded = load_plan(plan, strict=strict, allow_outside=_outside())
    _print_diagnostics(loaded.warnings)
    return loaded


def _options(solver: SolverName, budget: float) -> ScheduleOptions:
    """The search options, with --workers and --time-limit as the command was given them."""
    meta = click.get_current_context().meta
    workers = meta.get("workers") or 2
    return ScheduleOptions(
        solver=solver, budget=budget, workers=workers, time_limit=meta.get("time_limit")
    )


def _schedule(
    loaded: LoadedPlan,
    solver: SolverName,
    budget: float,
    *,
    verified: bool = False,
    hint: Schedule | None = None,
) -> Schedule:
    progress = _ProgressLine()
    options = _options(solver, budget)
    make = pipeline.verified_schedule if verified else pipeline.make_schedule
    try:
        return make(loaded, options, progress, hint)
    finally:
        progress.close()


def _schedule_or_saved(
    loaded: LoadedPlan, saved: Path | None, solver: SolverName, budget: float
) -> Schedule:
    """The saved schedule of this plan if one is given; else a new one (and say so)."""
    if saved is not None:
        return pipeline.read_schedule_for(loaded, saved)
    _say_scheduling(loaded, solver, budget)
    return _schedule(loaded, solver, budget)


def _say_scheduling(loaded: LoadedPlan, solver: SolverName, budget: float) -> None:
    limit = _options(solver, budget).time_limit
    how = f"--budget {budget:g}" if limit is None else f"--time-limit {limit:g}, not reproducible"
    click.echo(
        f"No --schedule given: scheduling {loaded.display} now (--solver {solver}, {how}); give "
        "--schedule OUT/schedule.json to use the schedule `tplan run` wrote.",
        err=True,
    )


def _schedule_now(
    loaded: LoadedPlan,
    progress_file: Path | None,
    baseline: str | None,
    solver: SolverName,
    budget: float,
    *,
    verified: bool = False,
    hint: Schedule | None = None,
) -> tuple[LoadedPlan, Schedule, pipeline.Replan | None]:
    """A new schedule of the plan, or a re-plan when a progress file is given or named (then
    with the plan as it now stands: people who left, decisions made), and what it kept."""
    replan = pipeline.replan_for(loaded, progress_file, baseline)
    if replan is None:
        return loaded, _schedule(loaded, solver, budget, verified=verified, hint=hint), None
    if hint is not None:
        raise OptionsError("--hint is for a new schedule; a re-plan starts from its --baseline")
    line = _ProgressLine()
    try:
        done = pipeline.replan_schedule(loaded, replan, _options(solver, budget), line)
    finally:
        line.close()
    _print_diagnostics(done.warnings)
    return pipeline.current_plan(loaded, replan.progress), done.schedule, replan


def _limit_used(solver: SolverName, budget: float) -> None:
    """One line saying which search limit was used."""
    click.echo(f"Search limit: {_options(solver, budget).limit_in_words()}")


def _replanned(result: Schedule) -> None:
    """One line on what a re-plan kept, when the schedule is one."""
    stats = result.stats
    if "as_of" not in stats:
        return
    line = f"Re-planned from {stats['as_of']}: {stats['recorded']} recorded steps kept"
    if "commitments" in stats:
        line += (
            f"; {stats['frozen']} baseline dates frozen, {stats['commitments_moved']} of "
            f"{stats['commitments']} baseline commitments moved"
        )
    click.echo(line)


def _papers_schedule(
    loaded: LoadedPlan,
    saved: Path | None,
    progress_file: Path | None,
    baseline: str | None,
    solver: SolverName,
    budget: float,
) -> tuple[LoadedPlan, Schedule, pipeline.Replan | None]:
    """What a paper is made from: the saved schedule or a new one; with a progress file (given
    or named in the plan), a re-plan, checked against it, and what it kept."""
    replan = pipeline.replan_for(loaded, progress_file, baseline)
    if replan is None:
        return loaded, _schedule_or_saved(loaded, saved, solver, budget), None
    if saved is not None:
        current, result = pipeline.saved_replan(loaded, saved, replan)
        return current, result, replan
    _say_scheduling(loaded, solver, budget)
    return _schedule_now(loaded, progress_file, baseline, solver, budget)


def _wrote(paths: list[Path]) -> None:
    for path in paths:
        click.echo(f"Wrote {path}")


def _monthly(loaded: LoadedPlan) -> int:
    return int(loaded.plan.programme.monthly_slippage_cost)
