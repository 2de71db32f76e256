"""The plan generator: valid, deterministic plans of the requested size and needs mix."""

from __future__ import annotations

import csv
import io
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from transition_planner.cli import cli
from transition_planner.errors import OutputError
from transition_planner.generate import (
    NEEDS_MIX,
    GenerateOptions,
    apportion,
    generate_plan,
    write_generated,
)
from transition_planner.plan.load import load_plan


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize(("people", "sites", "staff"), [(1, 2, 0), (60, 3, 12), (700, 12, 90)])
def test_generated_plans_load_without_errors_or_warnings(
    tmp_path: Path, people: int, sites: int, staff: int
) -> None:
    generated = generate_plan(GenerateOptions(people=people, sites=sites, staff=staff, seed=3))
    write_generated(tmp_path, generated)
    loaded = load_plan(tmp_path / generated.plan_file, strict=True)
    plan = loaded.plan
    assert loaded.warnings == []
    assert (len(plan.people), len(plan.sites), len(plan.staff)) == (people, sites, staff)


def test_same_seed_same_files_other_seed_other_files() -> None:
    options = GenerateOptions(people=200, sites=6, staff=30, seed=7)
    assert generate_plan(options) == generate_plan(options)
    other = generate_plan(GenerateOptions(people=200, sites=6, staff=30, seed=8))
    assert other.files["plan-people.csv"] != generate_plan(options).files["plan-people.csv"]


def test_needs_follow_birmingham_mix() -> None:
    generated = generate_plan(GenerateOptions(people=1540, sites=11, staff=10, seed=1))
    needs = Counter(r["needs"] for r in rows(generated.files["plan-people.csv"]))
    assert dict(needs) == apportion(1540, NEEDS_MIX)
    # 10 : 111 : 473 : 48, to the nearest person
    assert (needs["moderate"], needs["substantial"], needs["complex"], needs["unknown"]) == (
        24,
        266,
        1135,
        115,
    )


def test_apportion_is_exact() -> None:
    assert apportion(642, NEEDS_MIX) == dict(NEEDS_MIX)
    assert sum(apportion(17, NEEDS_MIX).values()) == 17


def test_plan_has_the_parts_of_a_closure(tmp_path: Path) -> None:
    generated = generate_plan(GenerateOptions(people=400, sites=10, staff=50, seed=2))
    write_generated(tmp_path, generated)
    plan = load_plan(tmp_path / generated.plan_file).plan
    statuses = Counter(s.status.value for s in plan.sites)
    assert statuses["closing"] == 6 and statuses["closing"] + statuses["receiving"] < 10
    assert plan.leases and all(lease.break_dates for lease in plan.leases)
    assert any(p.group for p in plan.people) and any(p.carer for p in plan.people)
    assert any(v.use.value == "redeploy" for v in plan.vacancies)
    assert any(s.available_after for s in plan.sites)


def test_never_overwrites(tmp_path: Path) -> None:
    generated = generate_plan(GenerateOptions(people=5, sites=2, staff=1))
    (tmp_path / "plan.yaml").write_text("mine", encoding="utf-8")
    with pytest.raises(OutputError, match=r"plan\.yaml already exists"):
        write_generated(tmp_path, generated)
    assert (tmp_path / "plan.yaml").read_text(encoding="utf-8") == "mine"
    assert not (tmp_path / "plan-people.csv").exists()


def test_cli_generate(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "big"
    args = ["generate", "--people", "120", "--sites", "5", "--staff", "20", "--seed", "4"]
    result = runner.invoke(cli, [*args, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "Wrote" in result.output
    assert len(load_plan(out / "plan.yaml").plan.people) == 120
    again = runner.invoke(cli, [*args, "-o", str(out)])
    assert again.exit_code != 0
    assert "already exist" in again.output
    help_text = runner.invoke(cli, ["generate", "--help"]).output
    assert "Example" in help_text
