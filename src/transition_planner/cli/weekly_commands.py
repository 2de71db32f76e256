"""The weekly loop: baseline save, variance, compare, week."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import click

from transition_planner import pipeline
from transition_planner.cli.common import _load, _options, _schedule_now, _wrote
from transition_planner.cli.errors import reports_errors
from transition_planner.cli.options import (
    DATE_OPT,
    PLAN_ARG,
    PROGRESS_OPT,
    SCHEDULE_ARG,
    STRICT_OPT,
    file_option,
    folder_option,
    solver_options,
    solver_options_for,
)
from transition_planner.errors import (
    OptionsError,
)
from transition_planner.exports.atomic import write_files
from transition_planner.pipeline import ScheduleOptions, SolverName
from transition_planner.plan.load import load_plan
from transition_planner.schedule.compare import format_compare
from transition_planner.schedule.variance import format_variance


@click.group()
def baseline() -> None:
    """Named, dated baselines of a verified schedule, kept in baselines/ beside the plan.

    \b
    Example:
      tplan baseline save plans/links-to-work.yaml out/ltw/schedule.json --name approved
    """


@baseline.command("save")
@PLAN_ARG
@SCHEDULE_ARG
@click.option("--name", required=True, help="The baseline's name, e.g. approved or 2016-04-11.")
@file_option(
    "--progress",
    "progress_file",
    help="The schedule is a re-plan: verify it against this progress file.",
)
@DATE_OPT
@reports_errors
def baseline_save(
    plan: Path, schedule_file: Path, name: str, progress_file: Path | None, produced: date
) -> None:
    """Verify SCHEDULE.json and keep it as the baseline NAME, dated --date (never overwritten).

    \b
    Example:
      tplan baseline save plans/links-to-work.yaml out/ltw/schedule.json --name approved
    """
    loaded = load_plan(plan)
    facts = pipeline.progress_for(loaded, progress_file) if progress_file else None
    path = pipeline.save_baseline(loaded, schedule_file, name, produced, facts)
    click.echo(f"Saved baseline {name} ({produced}): {path}")


@click.command()
@PLAN_ARG
@click.option("--baseline", "name", required=True, help="A saved baseline's name (or file).")
@file_option(
    "--schedule",
    "saved",
    required=True,
    help="The current schedule.json (a re-plan of the same plan).",
)
@click.option("--all", "all_steps", is_flag=True, help="List every person step and post.")
@reports_errors
def variance(plan: Path, name: str, saved: Path, all_steps: bool) -> None:
    """Compare a schedule with a baseline: dates and days of variance per site, milestone,
    person step and post, RAG per site and milestone, and money by cost line.

    \b
    Example:
      tplan variance plans/links-to-work.yaml --baseline approved --schedule out/w15/schedule.json
    """
    loaded = load_plan(plan)
    kept = pipeline.baseline_for(loaded, name)
    result = pipeline.variance_against(loaded, kept, pipeline.read_schedule_for(loaded, saved))
    click.echo(format_variance(result, all_steps=all_steps), nl=False)


@click.command()
@PLAN_ARG
@file_option(
    "--scenario",
    "scenarios",
    multiple=True,
    required=True,
    help="A scenario file (a small YAML overlay on the plan); repeat for several.",
)
@file_option(
    "--progress",
    "progress_file",
    help="Re-plan each from this progress file's as_of date.",
)
@file_option(
    "--schedule",
    "saved",
    help="The plan's own schedule.json (a re-plan with --progress): shown as the plan's "
    "column instead of solving it again and, without --progress, where each scenario's "
    "search starts (--hint).",
)
@folder_option(
    "--out",
    "out_dir",
    help="Write compare.txt, compare.xlsx and compare.pdf into this folder.",
)
@solver_options_for(pipeline.COMPARE_BUDGET, workers=1)
@DATE_OPT
@reports_errors
def compare(
    plan: Path,
    scenarios: tuple[Path, ...],
    progress_file: Path | None,
    saved: Path | None,
    out_dir: Path | None,
    solver: SolverName,
    budget: float,
    produced: date,
) -> None:
    """Solve the plan and each scenario and show them side by side: services cease, months
    late, slippage, total and its lines, staff outcomes, people moved, and what each scenario
    changes.

    Solves run in parallel processes, one per core, each with --workers CP-SAT threads
    (default 1) and --budget deterministic seconds (default 10, half a schedule's: on two
    cores the plan and four scenarios take about twice as long as one schedule, four scenarios
    with --schedule about 1.5 times). Each column is exactly what `tplan schedule PLAN
    --scenario FILE` gives with the same --budget and --workers (and --hint, --progress): the
    last line says which. With --schedule the plan is not solved again and, without
    --progress, each scenario's search starts from the plan's schedule wherever that schedule
    still meets the scenario's constraints.

    A column that no schedule meets (the plan's too) says "no schedule", and the conflicting
    hard constraints are listed under the table, one a line, as `tplan schedule` gives them;
    the other columns are still solved and every --out file written whole, then the exit
    status is 3 (no schedule meets the hard constraints).

    \b
    Examples:
      tplan compare plans/links-to-work.yaml \\
          --scenario plans/scenarios/links-to-work-team-short.yaml --out out/compare
      tplan compare plans/links-to-work.yaml --schedule out/links-to-work/schedule.json \\
          --scenario plans/scenarios/links-to-work-team-short.yaml \\
          --scenario plans/scenarios/links-to-work-no-september-break.yaml
    """
    options = _options(solver, budget)
    processes = os.cpu_count() or 1
    results = pipeline.compare(
        plan, list(scenarios), progress_file, options, processes=processes, saved=saved
    )
    how = _compare_how(plan, options, saved, progress_file)
    click.echo(format_compare(results) + how, nl=False)
    if out_dir is not None:
        _wrote(write_files(out_dir, pipeline.compare_files(plan, results, produced, how)))
    pipeline.check_scheduled(results)


def _compare_how(
    plan: Path, options: ScheduleOptions, saved: Path | None, progress_file: Path | None
) -> str:
    """The command that gives any column's figures on its own."""
    if options.solver == "greedy":
        search = "--solver greedy"
    elif options.time_limit is not None:
        search = f"--time-limit {options.time_limit:g} --workers {options.workers}"
    else:
        search = f"--budget {options.budget:g} --workers {options.workers}"
    extra = f" --progress {progress_file}" if progress_file is not None else ""
    if saved is not None and progress_file is None:
        extra += f" --hint {saved}"
    note = " (wall clock: not reproducible)" if options.time_limit is not None else ""
    return (
        f"Each scenario is what `tplan schedule {plan} --scenario FILE {search}{extra}` "
        f"gives{note}.\n"
    )


@click.command()
@PLAN_ARG
@PROGRESS_OPT
@file_option(
    "--schedule",
    "saved",
    help="The re-plan (schedule.json) to show; without it the plan is re-planned now.",
)
@click.option("--baseline", help="A saved baseline: RAG against it and its bars in the Gantt.")
@file_option(
    "--html",
    "html_file",
    help="Also write the self-contained status page here (e.g. status.html).",
)
@solver_options
@STRICT_OPT
@reports_errors
def week(
    plan: Path,
    progress_file: Path | None,
    saved: Path | None,
    baseline: str | None,
    html_file: Path | None,
    solver: SolverName,
    budget: float,
    strict: bool,
) -> None:
    """This week's and the next two weeks' work by owner, from the progress file's as_of date;
    with --html, a status page with milestones (RAG) and a Gantt over the baseline.

    \b
    Example:
      tplan week plans/links-to-work.yaml --progress plans/links-to-work-progress.csv \\
          --schedule out/w15/schedule.json --html out/w15/status.html
    """
    if html_file is not None and html_file.suffix.lower() not in (".html", ".htm"):
        raise OptionsError(f"{html_file}: the status page is written as .html")
    loaded = _load(plan, strict)
    replan = pipeline.replan_for(loaded, progress_file)
    if replan is None:
        raise OptionsError("give --progress FILE (or tracking.progress in the plan)")
    if saved is not None:
        current, result = pipeline.saved_replan(loaded, saved, replan)
    else:
        current, result, _ = _schedule_now(loaded, progress_file, None, solver, budget)
    kept = pipeline.baseline_for(loaded, baseline) if baseline else None
    view = pipeline.week_view(current, result, replan.progress, kept)
    click.echo(view.text, nl=False)
    if html_file is not None:
        _wrote(write_files(html_file.parent, {html_file.name: view.html.encode("utf-8")}))
