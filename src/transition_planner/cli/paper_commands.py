"""Commands that write the papers from one schedule: report, brief, staff."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from transition_planner import pipeline
from transition_planner.cli.common import _load, _papers_schedule, _schedule_or_saved, _wrote
from transition_planner.cli.errors import reports_errors
from transition_planner.cli.options import (
    PAPER_SOURCE,
    PLAN_ARG,
    POSTS_OPT,
    SCHEDULE_OPT,
    STRICT_OPT,
    folder_option,
    pdf_options,
    solver_options,
)
from transition_planner.errors import (
    OptionsError,
)
from transition_planner.exports.atomic import write_files
from transition_planner.pipeline import SolverName
from transition_planner.reports.register_files import (
    format_register,
    register_csv,
    register_json,
    register_xlsx,
)


@click.command()
@PLAN_ARG
@PAPER_SOURCE
@pdf_options("action-plan.pdf")
@POSTS_OPT
@reports_errors
def report(
    plan: Path,
    saved: Path | None,
    progress_file: Path | None,
    baseline: str | None,
    output: Path,
    solver: SolverName,
    budget: float,
    produced: date,
    strict: bool,
    posts: bool,
) -> None:
    """Write the action-plan PDF for the programme board: key facts, Gantt by workstream,
    milestones, site by site, team load and places, costs, the critical chain, and appendices
    per person (pseudonymous) and per post (no names).

    With --progress (and --baseline) it follows progress as `run` does: a status column, "since
    the last report" and this week's and the next two weeks' work by owner; --schedule is then
    the re-plan, checked against the progress file.

    \b
    Examples:
      tplan report plans/links-to-work.yaml --schedule out/links-to-work/schedule.json
      tplan report plans/links-to-work.yaml -o out/action-plan.pdf
      tplan report plans/links-to-work.yaml --schedule out/w15/schedule.json \\
          --progress plans/links-to-work-progress.csv --baseline approved -o out/w15/board.pdf
    """
    # the suffix keeps a slip of the keyboard (-o plan.yaml) from replacing an input with a PDF
    if output.suffix.lower() != ".pdf":
        raise OptionsError(f"{output}: the action plan is written as .pdf")
    loaded = _load(plan, strict)
    loaded, result, replan = _papers_schedule(
        loaded, saved, progress_file, baseline, solver, budget
    )
    data = pipeline.action_plan(loaded, result, produced, posts=posts, replan=replan)
    _wrote(write_files(output.parent, {output.name: data}))


@click.command()
@PLAN_ARG
@PAPER_SOURCE
@pdf_options("briefing.pdf")
@reports_errors
def brief(
    plan: Path,
    saved: Path | None,
    progress_file: Path | None,
    baseline: str | None,
    output: Path,
    solver: SolverName,
    budget: float,
    produced: date,
    strict: bool,
) -> None:
    """Write the panel briefing note in the usual council order, with no personal data: no
    names or ids, and counts under briefing.suppress_below shown as "fewer than N". A tagged
    PDF, or a Word file to edit when the output ends in .docx.

    With --progress and --baseline, the report section says what has been done and what has
    slipped since the baseline, as `run` writes it.

    \b
    Examples:
      tplan brief plans/links-to-work.yaml --schedule out/links-to-work/schedule.json
      tplan brief plans/links-to-work.yaml -o out/briefing.docx
      tplan brief plans/links-to-work.yaml --schedule out/w15/schedule.json \\
          --progress plans/links-to-work-progress.csv --baseline approved -o out/w15/brief.pdf
    """
    if output.suffix.lower() not in (".pdf", ".docx"):
        raise OptionsError(f"{output}: the briefing is written as .pdf or .docx")
    loaded = _load(plan, strict)
    loaded, result, replan = _papers_schedule(
        loaded, saved, progress_file, baseline, solver, budget
    )
    docx = output.suffix.lower() == ".docx"
    data = pipeline.briefing(loaded, result, produced, docx=docx, replan=replan)
    _wrote(write_files(output.parent, {output.name: data}))


REGISTER_FORMATS = {"table": "txt", "json": "json", "csv": "csv", "xlsx": "xlsx"}


@click.command()
@PLAN_ARG
@SCHEDULE_OPT
@folder_option(
    "--out",
    "out_dir",
    help="Write staff-register.<format> into this folder instead of printing it.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(REGISTER_FORMATS)),
    default="table",
    show_default=True,
    help="table to read; json or csv for other tools; xlsx for HR (needs --out).",
)
@solver_options
@STRICT_OPT
@reports_errors
def staff(
    plan: Path,
    saved: Path | None,
    out_dir: Path | None,
    fmt: str,
    solver: SolverName,
    budget: float,
    strict: bool,
) -> None:
    """The at-risk staff register: one row per post with its 1:1, notice, leaving date,
    redeployment and trial, redundancy pay and pension strain flag; and per establishment the
    collective-consultation threshold, consultation dates and HR1.

    Staff names appear here and in no other output.

    \b
    Examples:
      tplan staff plans/links-to-work.yaml --schedule out/links-to-work/schedule.json
      tplan staff plans/links-to-work.yaml --format xlsx --out out/hr
    """
    if fmt == "xlsx" and out_dir is None:
        raise OptionsError("--format xlsx writes a file: give --out DIR")
    loaded = _load(plan, strict)
    register = pipeline.register_for(loaded.plan, _schedule_or_saved(loaded, saved, solver, budget))
    data = {
        "table": lambda: format_register(register).encode("utf-8"),
        "json": lambda: register_json(register),
        "csv": lambda: register_csv(register),
        "xlsx": lambda: register_xlsx(register, loaded.plan.programme.start),
    }[fmt]()
    if out_dir is None:
        click.echo(data.decode("utf-8-sig"), nl=False)  # no BOM on a terminal
        return
    _wrote(write_files(out_dir, {f"staff-register.{REGISTER_FORMATS[fmt]}": data}))
