"""Options and arguments shared by several commands: one definition, one help text."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import click

from transition_planner.pipeline import DEFAULT_BUDGET

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


SCHEDULE_OPT = file_option(
    "--schedule",
    "saved",
    help="Use this schedule.json (written by run or schedule for the same plan) instead of "
    "solving again, so every paper follows the one schedule.",
)


def PAPER_SOURCE(func: F) -> F:
    """--schedule, --progress and --baseline: what a paper is made from (``_papers_schedule``)."""
    return SCHEDULE_OPT(PROGRESS_OPT(BASELINE_OPT(func)))
