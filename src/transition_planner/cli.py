"""The `tplan` command line: a thin layer; each command is a few lines over one library call."""

from __future__ import annotations

import functools
import io
import json
import os
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import click

from transition_planner import __version__, pipeline
from transition_planner.errors import (
    Diagnostic,
    NoScheduleFound,
    OptionsError,
    PlanError,
    TransitionPlannerError,
    VerificationFailed,
)
from transition_planner.exports.atomic import write_files
from transition_planner.generate import GenerateOptions, generate_plan, write_generated
from transition_planner.pipeline import DEFAULT_BUDGET, ScheduleOptions, SolverName
from transition_planner.plan.load import LoadedPlan, load_plan
from transition_planner.plan.schema import plan_json_schema
from transition_planner.plan.summary import describe
from transition_planner.reports.register_files import (
    format_register,
    register_csv,
    register_json,
    register_xlsx,
)
from transition_planner.schedule.compare import format_compare
from transition_planner.schedule.model import Schedule
from transition_planner.schedule.text import format_schedule
from transition_planner.schedule.variance import format_variance
from transition_planner.solver import Progress

F = TypeVar("F", bound=Callable[..., Any])


def file_option(
    *decls: str, help: str, required: bool = False, multiple: bool = False
) -> Callable[[F], F]:
    """An option naming a file (``decls``: its flags, then the parameter name): every command's
    file options take the same kind of value."""
    return click.option(
        *decls,
        type=click.Path(dir_okay=False, path_type=Path),
        required=required,
        multiple=multiple,
        help=help,
    )


def folder_option(*decls: str, help: str, required: bool = False) -> Callable[[F], F]:
    """An option naming a folder to write into (created if missing)."""
    return click.option(
        *decls, type=click.Path(file_okay=False, path_type=Path), required=required, help=help
    )


ALLOW_OUTSIDE_OPT = click.option(
    "--allow-outside",
    is_flag=True,
    expose_value=False,
    callback=lambda ctx, _param, value: ctx.meta.__setitem__("allow_outside", value),
    help="Read people and staff files from outside the plan's folder too.",
)


def PLAN_ARG(func: F) -> F:
    """The plan argument and --allow-outside, which governs the files the plan names."""
    return ALLOW_OUTSIDE_OPT(
        click.argument("plan", type=click.Path(dir_okay=False, path_type=Path))(func)
    )


SCHEDULE_ARG = click.argument(
    "schedule_file", metavar="SCHEDULE.json", type=click.Path(dir_okay=False, path_type=Path)
)
STRICT_OPT = click.option("--strict", is_flag=True, help="Treat warnings as errors (exit 2).")
POSTS_OPT = click.option(
    "--posts/--no-posts",
    default=True,
    show_default=True,
    help="Per-post rows (marked OFFICIAL-SENSITIVE) in the action plan and schedule files; "
    "--no-posts leaves them out of papers to circulate. The HR register always has them.",
)
DATE_OPT = click.option(
    "--date",
    "produced",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=lambda: date.today().isoformat(),
    show_default="today",
    callback=lambda _ctx, _param, value: value.date(),
    help="The date the reports say they were produced (YYYY-MM-DD); fix it to compare runs.",
)


def reports_errors(func: F) -> F:
    """Turn the library's errors into messages and exit codes, in one place."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except PlanError as exc:
            _print_diagnostics(exc.warnings)
            _print_diagnostics(exc.diagnostics)
            count = len(exc.diagnostics)
            click.echo(
                f"{count} problem{'s' if count != 1 else ''} found; nothing was written.", err=True
            )
            sys.exit(exc.exit_code)
        except VerificationFailed as exc:
            for fault in exc.faults:
                click.echo(fault, err=True)
            click.echo(f"{len(exc.faults)} fault(s) found.", err=True)
            sys.exit(exc.exit_code)
        except NoScheduleFound as exc:
            click.echo(f"error: {exc}; {REMEDIES[exc.remedy]}", err=True)
            sys.exit(exc.exit_code)
        except OptionsError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(exc.exit_code)
        except TransitionPlannerError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(exc.exit_code)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except KeyboardInterrupt:
            click.echo("interrupted; nothing more was written", err=True)
            sys.exit(130)
        except BrokenPipeError:
            # the reader stopped (`tplan week ... | head`): not a fault; files were written whole
            _stdout_to_devnull()
            sys.exit(1)
        except Exception as exc:
            if _debug():
                raise
            click.echo(
                f"error: unexpected {type(exc).__name__}: {_one_line(exc)} "
                "(a fault in tplan, not in your files; run with --debug for the traceback "
                "and report it)",
                err=True,
            )
            sys.exit(1)

    return wrapper  # type: ignore[return-value]


def _stdout_to_devnull() -> None:
    """Point standard output at /dev/null, so that flushing it at exit does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):
        pass


REMEDIES = {
    "optimiser": "try --solver cpsat, which searches further",
    "budget": "try a larger --budget",
}


def _debug() -> bool:
    ctx = click.get_current_context(silent=True)
    return bool(ctx and ctx.find_root().params.get("debug"))


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text[:200] + ("…" if len(text) > 200 else "")


def pdf_options(default: str) -> Callable[[F], F]:
    """-o/--output, the solver options, --date and --strict, shared by the PDF commands."""

    def apply(func: F) -> F:
        func = STRICT_OPT(func)
        func = DATE_OPT(func)
        func = solver_options(func)
        return click.option(
            "-o",
            "--output",
            type=click.Path(dir_okay=False, path_type=Path),
            default=Path(default),
            show_default=True,
            help="Where to write the paper (.pdf; the briefing also .docx).",
        )(func)

    return apply


def _print_diagnostics(diagnostics: list[Diagnostic]) -> None:
    for d in diagnostics:
        click.echo(d.render() + (" (--strict)" if d.strict else ""), err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tplan")
@click.option("--debug", is_flag=True, help="Show the traceback of an unexpected error.")
def cli(debug: bool) -> None:
    """Plan the closure and redesign of public services.

    \b
    Start with:
      tplan init my-plan            # a starter plan to edit
      tplan validate my-plan/plan.yaml
      tplan run plans/links-to-work.yaml --out out/links-to-work
    """


@cli.command()
@PLAN_ARG
@STRICT_OPT
@reports_errors
def validate(plan: Path, strict: bool) -> None:
    """Check a plan and its people and staff files; summarise it if valid.

    Every problem is reported at once as FILE:LINE:COL: KEY.PATH: MESSAGE. Exit status 0 when
    valid, 2 when not.

    \b
    Example:
      tplan validate plans/links-to-work.yaml
    """
    loaded = _load(plan, strict)
    click.echo(describe(loaded))


@cli.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@reports_errors
def init(directory: Path) -> None:
    """Write a small commented starter plan (plan.yaml and people.csv) into DIRECTORY.

    Existing files are never overwritten.

    \b
    Example:
      tplan init my-closure && tplan validate my-closure/plan.yaml
    """
    pipeline.write_starter_plan(directory)
    click.echo(f"Wrote {directory / 'plan.yaml'} and {directory / 'people.csv'}.")
    click.echo(f"Next: tplan validate {directory / 'plan.yaml'}")


@cli.command()
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the schema to this file instead of standard output.",
)
@reports_errors
def schema(output: Path | None) -> None:
    """Print the plan format's JSON Schema, for editors to complete and check plan files.

    \b
    Example (VS Code YAML extension: add a modeline to the plan):
      tplan schema -o plan.schema.json
      # yaml-language-server: $schema=plan.schema.json
    """
    text = json.dumps(plan_json_schema(), indent=2, sort_keys=True) + "\n"
    if output is None:
        click.echo(text, nl=False)
    else:
        write_files(
            output.parent if str(output.parent) else Path("."), {output.name: text.encode()}
        )
        click.echo(f"Wrote {output}")


@cli.command()
@click.option(
    "--people",
    type=click.IntRange(min=1),
    default=300,
    show_default=True,
    help="Service users to move (needs mixed like Birmingham's day centres).",
)
@click.option(
    "--sites",
    type=click.IntRange(min=2),
    default=8,
    show_default=True,
    help="Sites in all, closing and receiving.",
)
@click.option(
    "--staff",
    type=click.IntRange(min=0),
    default=60,
    show_default=True,
    help="Staff at the closing sites.",
)
@click.option("--seed", type=int, default=0, show_default=True, help="Same seed, same files.")
@click.option("--name", default="plan", show_default=True, help="Stem of the file names.")
@folder_option(
    "-o",
    "--out",
    "out_dir",
    required=True,
    help="Folder to write into (created if missing; existing files are never overwritten).",
)
@reports_errors
def generate(people: int, sites: int, staff: int, seed: int, name: str, out_dir: Path) -> None:
    """Write a realistic, valid plan of any size (invented figures) into OUT, for benchmarks.

    Writes NAME.yaml, NAME-people.csv and NAME-staff.csv; never overwrites a file. The same
    options and seed give the same files.

    \b
    Example:
      tplan generate --people 1540 --sites 11 --staff 240 --seed 1 -o out/big
    """
    options = GenerateOptions(people=people, sites=sites, staff=staff, seed=seed, name=name)
    for path in write_generated(out_dir, generate_plan(options)):
        click.echo(f"Wrote {path}")


def _keep_time_limit(ctx: click.Context, _param: click.Parameter, value: float | None) -> None:
    ctx.meta["time_limit"] = value


def _keep_workers(ctx: click.Context, _param: click.Parameter, value: int | None) -> None:
    ctx.meta["workers"] = value


def solver_options_for(budget: float, workers: int = 2) -> Callable[[F], F]:
    """--solver, --budget (default ``budget``), --workers (default ``workers``) and
    --time-limit; the last two are kept in the context, where ``_options`` reads them."""

    def apply(func: F) -> F:
        func = click.option(
            "--time-limit",
            type=click.FloatRange(min=0.1),
            default=None,
            expose_value=False,
            callback=_keep_time_limit,
            help="Search for this many seconds of wall clock instead of --budget. NOT "
            "reproducible: the schedule depends on the machine and its load.",
        )(func)
        func = click.option(
            "--workers",
            type=click.IntRange(min=1),
            default=workers,
            show_default=True,
            expose_value=False,
            callback=_keep_workers,
            help="CP-SAT search threads per solve. The schedule depends on it: the same "
            "--budget and --workers give the same schedule.",
        )(func)
        func = click.option(
            "--budget",
            type=click.FloatRange(min=0.1),
            default=budget,
            show_default=True,
            help="Search effort in deterministic seconds: the same budget gives the same "
            "schedule (the default limit; --time-limit replaces it).",
        )(func)
        return click.option(
            "--solver",
            type=click.Choice(["cpsat", "greedy"]),
            default="cpsat",
            show_default=True,
            help="cpsat optimises; greedy is the fast baseline it starts from (no search).",
        )(func)

    return apply


solver_options = solver_options_for(DEFAULT_BUDGET)


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


PROGRESS_OPT = file_option(
    "--progress",
    "progress_file",
    help="Re-plan from this progress file's as_of date (default: the plan's "
    "tracking.progress): recorded facts kept, nothing new before as_of.",
)
BASELINE_OPT = click.option(
    "--baseline",
    help="With --progress: keep this saved baseline's dates where money allows (those inside "
    "tracking.freeze of as_of are kept fixed).",
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


SCHEDULE_OPT = file_option(
    "--schedule",
    "saved",
    help="Use this schedule.json (written by run or schedule for the same plan) instead of "
    "solving again, so every paper follows the one schedule.",
)


@cli.command()
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


@cli.command()
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


@cli.command()
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


def PAPER_SOURCE(func: F) -> F:
    """--schedule, --progress and --baseline: what a paper is made from (``_papers_schedule``)."""
    return SCHEDULE_OPT(PROGRESS_OPT(BASELINE_OPT(func)))


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


@cli.command()
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


@cli.command()
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


@cli.command()
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


@cli.group()
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


@cli.command()
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


@cli.command()
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


@cli.command()
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


def _wrote(paths: list[Path]) -> None:
    for path in paths:
        click.echo(f"Wrote {path}")


def _monthly(loaded: LoadedPlan) -> int:
    return int(loaded.plan.programme.monthly_slippage_cost)


def main() -> None:
    cli(prog_name="tplan")
