"""A malformed schedule file given to ``tplan verify`` exits 2 with one line naming the bad value."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from click.testing import CliRunner

from tests.conftest import BASE_PLAN, PlanDir
from transition_planner.cli import cli

Edit = Callable[[dict[str, Any]], None]


def _set(path: tuple[str | int, ...], value: Any) -> Edit:
    def edit(data: dict[str, Any]) -> None:
        node: Any = data
        for part in path[:-1]:
            node = node[part]
        node[path[-1]] = value

    return edit


def _drop(path: tuple[str | int, ...]) -> Edit:
    def edit(data: dict[str, Any]) -> None:
        node: Any = data
        for part in path[:-1]:
            node = node[part]
        del node[path[-1]]

    return edit


@pytest.fixture
def scheduled(plan_dir: PlanDir) -> dict[str, Any]:
    plan_dir.plan(BASE_PLAN)
    result = CliRunner().invoke(cli, ["schedule", "plan.yaml", "--solver", "greedy", "--out", "o"])
    assert result.exit_code == 0, result.stderr
    data: dict[str, Any] = json.loads((plan_dir.root / "o" / "schedule.json").read_text())
    return data


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (_set(("bound",), "12"), "$.bound: expected a whole number, got the text '12'"),
        (
            _set(("actions", 3, "start"), "9999-01-01"),
            "$.actions[3].start: dates must be between 2000-01-01 and 2099-12-31, got 9999-01-01",
        ),
        (
            _set(("actions", 3, "destination"), ["new-centre"]),
            "$.actions[3].destination: expected text, got a list",
        ),
        (_drop(("actions", 0, "end")), "$.actions[0]: missing key 'end'"),
        (_drop(("total_cost",)), "$: missing key 'total_cost'"),
        (_set(("sites",), {"id": "x"}), "$.sites: expected a list, got an object"),
        (
            _set(("sites", 0, "months_late"), 1.5),
            "$.sites[0].months_late: expected a whole number, got the number 1.5",
        ),
        (
            _set(("total_cost",), 10**30),
            "$.total_cost: must be between -1000000000000000 and 1000000000000000, got 1000000000000000000000000000000",
        ),
        (_set(("actions", 1), "review"), "$.actions[1]: expected an object, got the text 'review'"),
        (
            _set(("cost_breakdown", "slippage"), None),
            "$.cost_breakdown.slippage: expected a whole number, got null",
        ),
        (
            _set(("actions", 2, "start"), "2016-02-30"),
            "$.actions[2].start: expected an ISO date (YYYY-MM-DD), got the text '2016-02-30'",
        ),
        (_set(("gap",), "0.1"), "$.gap: expected a number, got the text '0.1'"),
        (_set(("critical_chain",), [1]), "$.critical_chain[0]: expected text, got the number 1"),
    ],
)
def test_malformed_value_is_named_by_its_json_path(
    plan_dir: PlanDir, scheduled: dict[str, Any], edit: Edit, expected: str
) -> None:
    edit(scheduled)
    plan_dir.write("bad.json", json.dumps(scheduled))
    result = CliRunner().invoke(cli, ["verify", "plan.yaml", "bad.json"])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"error: bad.json: {expected}"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[1, 2]", "error: bad.json: $: expected an object, got a list"),
        ("not json", "error: bad.json:1:1: invalid JSON: Expecting value"),
        (
            "[" * 100_000,
            "error: bad.json: invalid JSON: maximum recursion depth exceeded while decoding a JSON array from a unicode string",
        ),
    ],
)
def test_not_a_schedule(plan_dir: PlanDir, text: str, expected: str) -> None:
    plan_dir.plan(BASE_PLAN)
    plan_dir.write("bad.json", text)
    result = CliRunner().invoke(cli, ["verify", "plan.yaml", "bad.json"])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [expected]
