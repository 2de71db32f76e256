"""Commands on a plan itself: validate, init, schema, generate."""

from __future__ import annotations

import json
from pathlib import Path

import click

from transition_planner import pipeline
from transition_planner.cli.common import _load
from transition_planner.cli.errors import reports_errors
from transition_planner.cli.options import PLAN_ARG, STRICT_OPT, folder_option
from transition_planner.exports.atomic import write_files
from transition_planner.generate import GenerateOptions, generate_plan, write_generated
from transition_planner.plan.schema import plan_json_schema
from transition_planner.plan.summary import describe


@click.command()
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


@click.command()
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


@click.command()
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


@click.command()
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
