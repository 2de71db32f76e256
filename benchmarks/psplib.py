"""PSPLIB single-mode RCPSP instances (``.sm``) and their reference makespan tables.

An instance becomes a ``Problem`` with one activity per job (the dummy source and sink
included, ids are the job numbers), finish-to-start precedences, one renewable resource per
``R k`` column, the file's horizon, and a makespan objective: one unit of money per day of the
sink's start.
"""

from __future__ import annotations

import re
from pathlib import Path

from transition_planner.problem.model import (
    Activity,
    Demand,
    LinearCost,
    Precedence,
    Problem,
    Resource,
)

SETS = ("j30", "j60", "j120")
_NAME = re.compile(r"^(j30|j60|j120)(\d+)_(\d+)$")


def read_sm(path: str | Path) -> Problem:
    """Read one single-mode instance file."""
    path = Path(path)
    lines = path.read_text(encoding="latin-1").splitlines()
    horizon = _int_after(lines, "horizon")
    successors = _table(lines, "PRECEDENCE RELATIONS:")
    requests = _table(lines, "REQUESTS/DURATIONS:")
    capacities = _table(lines, "RESOURCEAVAILABILITIES:")[0]
    activities = tuple(Activity(str(row[0]), row[2]) for row in requests)
    precedences = tuple(
        Precedence(str(row[0]), str(succ)) for row in successors for succ in row[3 : 3 + row[2]]
    )
    resources = tuple(Resource(f"R{k + 1}", cap) for k, cap in enumerate(capacities))
    demands = tuple(
        Demand(str(row[0]), f"R{k + 1}", amount)
        for row in requests
        for k, amount in enumerate(row[3:])
        if amount > 0
    )
    if not activities or len(successors) != len(activities):
        raise ValueError(f"{path}: job tables disagree or are empty")
    sink = activities[-1].id
    return Problem(
        horizon=horizon,
        activities=activities,
        precedences=precedences,
        resources=resources,
        demands=demands,
        linear_costs=(LinearCost(sink, 1, at="start"),),
        name=path.stem,
    )


def instance_key(name: str) -> tuple[str, int, int]:
    """``"j3010_3"`` (or a path to it) -> ``("j30", 10, 3)``: set, parameter, instance."""
    match = _NAME.match(Path(name).stem)
    if match is None:
        raise ValueError(f"not a PSPLIB instance name: {name!r}")
    return match[1], int(match[2]), int(match[3])


def read_reference(path: str | Path) -> dict[tuple[int, int], int]:
    """``(parameter, instance) -> makespan`` from ``j30opt.sm`` or a ``jXXhrs.sm`` table."""
    table: dict[tuple[int, int], int] = {}
    for line in Path(path).read_text(encoding="latin-1").splitlines():
        fields = line.split()
        if len(fields) >= 3 and all(f.isdigit() for f in fields[:3]):
            table[int(fields[0]), int(fields[1])] = int(fields[2])
    return table


def best_known(root: str | Path, set_name: str) -> dict[str, int]:
    """Instance stem -> best known makespan (the proven optimum for j30)."""
    if set_name not in SETS:
        raise ValueError(f"unknown PSPLIB set {set_name!r}; expected one of {SETS}")
    table = Path(root) / (f"{set_name}opt.sm" if set_name == "j30" else f"{set_name}hrs.sm")
    return {f"{set_name}{p}_{i}": v for (p, i), v in read_reference(table).items()}


def _int_after(lines: list[str], label: str) -> int:
    for line in lines:
        if line.strip().startswith(label):
            return int(line.split(":")[1].split()[0])
    raise ValueError(f"no {label!r} line")


def _table(lines: list[str], heading: str) -> list[list[int]]:
    """The all-integer rows of the section that starts at ``heading``."""
    at = next((n for n, line in enumerate(lines) if line.strip().startswith(heading)), None)
    if at is None:
        raise ValueError(f"no {heading!r} section")
    rows: list[list[int]] = []
    for line in lines[at + 1 :]:
        if line.startswith("*"):
            break
        fields = line.split()
        if fields and all(f.isdigit() for f in fields):
            rows.append([int(f) for f in fields])
    return rows
