"""The `tplan` command line: a thin layer; each command is a few lines over one library call.

The commands live in modules by what they work on (``plan_commands``, ``schedule_commands``,
``paper_commands``, ``weekly_commands``); the options they share in ``options``, the library's
errors turned into messages once in ``errors``. This module holds the group and ``main``.
"""

from __future__ import annotations

import click

from transition_planner import __version__
from transition_planner.cli.paper_commands import brief, report, staff
from transition_planner.cli.plan_commands import generate, init, schema, validate
from transition_planner.cli.schedule_commands import run, schedule, verify
from transition_planner.cli.weekly_commands import baseline, compare, variance, week

__all__ = ["cli", "main"]


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


for _command in (
    validate,
    init,
    schema,
    generate,
    schedule,
    verify,
    run,
    report,
    brief,
    staff,
    baseline,
    variance,
    compare,
    week,
):
    cli.add_command(_command)


def main() -> None:
    cli(prog_name="tplan")
