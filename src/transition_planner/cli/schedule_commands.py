"""Commands that make or check a schedule: schedule, verify, run."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from transition_planner import pipeline
from transition_planner.cli.common import (
    _limit_used,
    _load,
    _monthly,
    _outside,
    _replanned,
    _schedule_now,
    _wrote,
)
from transition_planner.cli.errors import reports_errors
from transition_planner.cli.options import (
    BASELINE_OPT,
    DATE_OPT,
    PLAN_ARG,
    POSTS_OPT,
    PROGRESS_OPT,
    SCHEDULE_ARG,
    STRICT_OPT,
    file_option,
    folder_option,
    solver_options,
)
from transition_planner.exports.atomic import write_files
from transition_planner.pipeline import SolverName
from transition_planner.plan.load import load_plan
from transition_planner.plan.summary import describe
from transition_planner.schedule.text import format_schedule


@click.command()
@PLAN_ARG
@folder_option(
    "--out",
    "out_dir",
    help="Write schedule.json, schedule.csv and schedule.xlsx into this folder.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="table: a summary to read; json: the schedule object on standard output.",
)
@PROGRESS_OPT
@BASELINE_OPT
@file_option(
    "--scenario",
    "scenario_file",
    help="Schedule the plan with this scenario applied (what `compare` solves for it).",
)
@file_option(
    "--hint",
    "hint_file",
    help="Start the search from this schedule.json of the plan (as `compare --schedule` does "
    "for each scenario); the schedule depends on it.",
)
@solver_options
@STRICT_OPT
@reports_errors
def schedule(
    plan: Path,
    out_dir: Path | None,
    fmt: str,
    progress_file: Path | None,
    baseline: str | None,
    scenario_file: Path | None,
    hint_file: Path | None,
    solver: SolverName,
    budget: float,
    strict: bool,
) -> None:
    """Schedule reviews, moves, closures and lease exits, pricing every month of slippage.

    With --progress, re-plan what is left from the progress file's as_of date (verified against
    it); with --baseline too, move as few of the baseline's dates as money allows.

    Exit status 3, naming the constraints that conflict, when no schedule meets the hard
    constraints.

    \b
    Examples:
      tplan schedule plans/links-to-work.yaml
      tplan schedule plans/links-to-work.yaml --out out/ltw --format json --budget 60
      tplan schedule plans/links-to-work.yaml --time-limit 30   # wall clock: not reproducible
      tplan schedule plans/links-to-work.yaml --progress plans/links-to-work-progress.csv \\
          --baseline approved --out out/replan
      tplan schedule plans/links-to-work.yaml \\
          --scenario plans/scenarios/links-to-work-team-short.yaml --budget 10 --workers 1
    """
    loaded = _load(plan, strict)
    hint = pipeline.read_schedule_for(loaded, hint_file) if hint_file is not None else None
    if scenario_file is not None:
        loaded, _ = pipeline.scenario_plan(loaded, scenario_file)
    loaded, result, _ = _schedule_now(loaded, progress_file, baseline, solver, budget, hint=hint)
    files = pipeline.schedule_files(result, loaded.plan)
    written = write_files(out_dir, files) if out_dir else []
    if fmt == "json":
        click.echo(result.dumps(), nl=False)
        return
    click.echo(format_schedule(result, _monthly(loaded)), nl=False)
    _limit_used(solver, budget)
    _replanned(result)
    _wrote(written)


@click.command()
@PLAN_ARG
@SCHEDULE_ARG
@file_option(
    "--progress",
    "progress_file",
    help="Check a re-plan against this progress file too: recorded facts kept, nothing new "
    "before as_of.",
)
@reports_errors
def verify(plan: Path, schedule_file: Path, progress_file: Path | None) -> None:
    """Re-check a schedule against its plan, with no solver code, and recompute its costs.

    Exit status 0 if every rule holds, 4 with each fault listed if not.

    \b
    Examples:
      tplan verify plans/links-to-work.yaml out/links-to-work/schedule.json
      tplan verify plans/links-to-work.yaml out/w15/schedule.json --progress progress.csv
    """
    loaded = load_plan(plan, allow_outside=_outside())
    if progress_file is not None:
        facts = pipeline.progress_for(loaded, progress_file)
        result = pipeline.verify_progress_file(loaded, schedule_file, facts)
        click.echo(
            f"{schedule_file}: OK: {len(result.actions)} actions meet every rule of "
            f"{loaded.display} and keep every fact of {progress_file} as of {facts.as_of}; "
            f"costs recomputed: £{result.total_cost:,}"
        )
        return
    result, same_plan = pipeline.verify_file(loaded, schedule_file)
    if pipeline.replanned_as_of(result):
        click.echo(f"warning: {schedule_file}: {pipeline.replan_hint(result)}", err=True)
    if not same_plan:
        click.echo(
            f"warning: {schedule_file} was made from another version of the plan "
            f"({result.plan_digest}; {loaded.display} is now {loaded.digest})",
            err=True,
        )
    click.echo(
        f"{schedule_file}: OK: {len(result.actions)} actions meet every rule of "
        f"{loaded.display}; costs recomputed: £{result.total_cost:,}"
    )


@click.command()
@PLAN_ARG
@folder_option(
    "--out",
    "out_dir",
    required=True,
    help="Folder for the outputs (created if missing).",
)
@PROGRESS_OPT
@BASELINE_OPT
@solver_options
@DATE_OPT
@POSTS_OPT
@STRICT_OPT
@reports_errors
def run(
    plan: Path,
    out_dir: Path,
    progress_file: Path | None,
    baseline: str | None,
    solver: SolverName,
    budget: float,
    produced: date,
    posts: bool,
    strict: bool,
) -> None:
    """Run the main job on a plan: validate, schedule, verify, and write every output into OUT,
    all from the one verified schedule (a re-plan from as_of with --progress).

    \b
    Examples:
      tplan run plans/links-to-work.yaml --out out/links-to-work
      tplan run plans/links-to-work.yaml --progress plans/links-to-work-progress.csv --out out/w15
    """
    loaded = _load(plan, strict)
    loaded, result, replan = _schedule_now(
        loaded, progress_file, baseline, solver, budget, verified=True
    )
    outputs = pipeline.run_outputs(
        loaded,
        result,
        produced,
        posts=posts,
        previous_ics=out_dir / "milestones.ics",
        replan=replan,
    )
    written = write_files(out_dir, outputs)
    click.echo(describe(loaded))
    click.echo(format_schedule(result, _monthly(loaded)), nl=False)
    _limit_used(solver, budget)
    _replanned(result)
    _wrote(written)
