"""The `tplan` command line: a thin layer; each command is a few lines over one library call."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import click

from transition_planner import __version__
from transition_planner.errors import Diagnostic, PlanError, TransitionPlannerError
from transition_planner.exports.atomic import write_files
from transition_planner.plan.load import LoadedPlan, load_plan
from transition_planner.plan.schema import plan_json_schema
from transition_planner.plan.summary import PlanSummary, summarise

F = TypeVar("F", bound=Callable[..., Any])

PLAN_ARG = click.argument("plan", type=click.Path(dir_okay=False, path_type=Path))
STRICT_OPT = click.option("--strict", is_flag=True, help="Treat warnings as errors (exit 2).")


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
            click.echo(f"{count} problem{'s' if count != 1 else ''} found; nothing was written.",
                       err=True)
            sys.exit(exc.exit_code)
        except TransitionPlannerError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(exc.exit_code)

    return wrapper  # type: ignore[return-value]


def _print_diagnostics(diagnostics: list[Diagnostic]) -> None:
    for d in diagnostics:
        click.echo(d.render(), err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tplan")
def cli() -> None:
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
    loaded = load_plan(plan, strict=strict)
    _print_diagnostics(loaded.warnings)
    click.echo(format_summary(loaded, summarise(loaded.plan)))


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
    templates = resources.files("transition_planner") / "templates"
    files = {"plan.yaml": "starter.yaml", "people.csv": "people.csv"}
    clashes = [name for name in files if (directory / name).exists()]
    if clashes:
        click.echo(f"error: {directory / clashes[0]} already exists; nothing was written "
                   "(choose an empty folder)", err=True)
        sys.exit(1)
    write_files(directory, {name: (templates / src).read_bytes() for name, src in files.items()})
    click.echo(f"Wrote {directory / 'plan.yaml'} and {directory / 'people.csv'}.")
    click.echo(f"Next: tplan validate {directory / 'plan.yaml'}")


@cli.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the schema to this file instead of standard output.")
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
        write_files(output.parent if str(output.parent) else Path("."),
                    {output.name: text.encode()})
        click.echo(f"Wrote {output}")


@cli.command()
@PLAN_ARG
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              required=True, help="Folder for the outputs (created if missing).")
@STRICT_OPT
@reports_errors
def run(plan: Path, out_dir: Path, strict: bool) -> None:
    """Run the main job on a plan: validate it and write every output into OUT.

    \b
    Example:
      tplan run plans/links-to-work.yaml --out out/links-to-work
    """
    loaded = load_plan(plan, strict=strict)
    _print_diagnostics(loaded.warnings)
    text = format_summary(loaded, summarise(loaded.plan))
    written = write_files(out_dir, {"plan-summary.txt": text.encode()})
    click.echo(text)
    for path in written:
        click.echo(f"Wrote {path}")


def format_summary(loaded: LoadedPlan, summary: PlanSummary) -> str:
    prog = loaded.plan.programme
    lines = [
        f"{loaded.display}: valid (plan {loaded.digest})",
        f"Programme: {prog.name} ({prog.organisation}), {prog.start} to {prog.target_end}",
        f"Saving: £{prog.savings.full_year:,.0f} a year; each month late costs "
        f"£{prog.monthly_slippage_cost:,.0f}",
        "",
        f"Sites ({len(summary.sites)}):",
        *[f"  {sid:<28} {status:<13} {detail}".rstrip() for sid, status, detail in summary.sites],
    ]
    if summary.leases:
        lines += ["", f"Leases ({len(summary.leases)}):"]
        lines += [f"  {site:<28} {rent:<16} {terms}" for site, rent, terms in summary.leases]
    total = sum(n for _, n in summary.people_by_site)
    lines += ["", f"People ({total}):"]
    for title, table in (("by site", summary.people_by_site), ("by cohort",
                         summary.people_by_cohort), ("by needs", summary.people_by_needs),
                         ("by pathway", summary.people_by_pathway)):
        lines.append(f"  {title:<11} " + ", ".join(f"{k} {n}" for k, n in table))
    staff = sum(n for _, n in summary.staff_by_status)
    lines += ["", f"Staff ({staff}): " + (", ".join(f"{k} {n}" for k, n in
                                                     summary.staff_by_status) or "none")]
    if summary.vacancies_by_use:
        vac = sum(n for _, n in summary.vacancies_by_use)
        lines.append(f"Vacancies ({vac}): "
                     + ", ".join(f"{k} {n}" for k, n in summary.vacancies_by_use))
    lines.append(f"Custom actions: {summary.actions}")
    return "\n".join(lines) + "\n"


def main() -> None:
    cli(prog_name="tplan")
