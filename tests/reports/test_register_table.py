"""The register for the terminal (`tplan staff`): a protected member's redeployment priority."""

from __future__ import annotations

from click.testing import CliRunner

from tests.conftest import PlanDir
from tests.plan.test_protected_columns import CELLS, _csv
from tests.plan.test_table_inputs import staff_plan
from transition_planner.cli import cli


def test_the_table_shows_a_protected_members_priority_under_the_post(plan_dir: PlanDir) -> None:
    # S1 is on maternity leave from 20 January 2025; the plan runs in 2016, before the
    # protection exists (6 April 2024), so the line says she has no priority. S2 has no line.
    plan_dir.write("staff.csv", _csv(CELLS))
    staff_plan(plan_dir)
    result = CliRunner().invoke(cli, ["staff", "plan.yaml", "--solver", "greedy"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    (at,) = [i for i, line in enumerate(lines) if line.startswith("  S1 ")]
    assert lines[at + 1] == (
        f"  {'':<6} {'':<22} redeployment priority: maternity leave (from 2025-01-20): "
        "no priority for suitable vacancies"
    )
    assert lines[at + 2].startswith("  S2 ")
