"""Scenarios side by side: the figures of each schedule, one row per scenario."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from transition_planner.plan.steps import StepKind as K
from transition_planner.schedule.model import Schedule
from transition_planner.schedule.text import money


@dataclass(frozen=True)
class Figures:
    """What a board compares between scenarios; ``changes`` says what the scenario changes."""

    name: str
    changes: tuple[str, ...]
    services_cease: date | None
    months_late: int
    slippage: int
    total: int
    lines: dict[str, int]
    people_moved: int
    transition_plans: int
    staff_leaving: int
    trials: int
    status: str
    note: str = ""
    cost_proven: bool = False
    """The cost is proven optimal (all aims, or the cost alone: ``stats["proven"]``)."""
    conflicts: tuple[str, ...] = ()
    """Why there is no schedule, one line each, in the words ``tplan schedule`` uses (the
    conflicting hard constraints, each on its own line); empty when there is one."""

    @property
    def scheduled(self) -> bool:
        """A schedule meets this column's hard constraints (its figures are real)."""
        return self.status != "INFEASIBLE"


def no_schedule(name: str, changes: tuple[str, ...], why: tuple[str, ...]) -> Figures:
    """A scenario with no schedule: no figures, and ``why`` (lines, e.g.
    ``("no schedule meets the hard constraints; these conflict:", "  - ...")``)."""
    return Figures(name, changes, None, 0, 0, 0, {}, 0, 0, 0, 0, "INFEASIBLE", conflicts=tuple(why))


def unscheduled(results: list[Figures]) -> list[str]:
    """The names of the columns with no schedule, in order."""
    return [f.name for f in results if not f.scheduled]


def figures(name: str, changes: tuple[str, ...], schedule: Schedule) -> Figures:
    """The figures of one verified ``schedule`` of the scenario ``name``."""
    kinds = [a.kind for a in schedule.actions]
    return Figures(
        name=name,
        changes=changes,
        services_cease=schedule.services_cease,
        months_late=schedule.slippage_months,
        slippage=schedule.slippage_cost,
        total=schedule.total_cost,
        lines=dict(schedule.cost_breakdown),
        people_moved=kinds.count(K.move),
        transition_plans=kinds.count(K.transition_plan),
        staff_leaving=kinds.count(K.leave),
        trials=sum(a.kind is K.trial and not a.failed for a in schedule.actions),
        status=schedule.status,
        cost_proven=schedule.status == "OPTIMAL" or schedule.stats.get("proven") == "cost",
    )


ROWS: tuple[tuple[str, str], ...] = (
    ("services cease", "services_cease"),
    ("months late", "months_late"),
    ("slippage", "slippage"),
    ("total", "total"),
    ("people moved", "people_moved"),
    ("transition plans", "transition_plans"),
    ("staff leaving", "staff_leaving"),
    ("redeployment trials", "trials"),
)
MONEY_ROWS = {"slippage", "total"}


def table_rows(results: list[Figures]) -> list[tuple[str, list[object]]]:
    """``(label, value per scenario)``: the headline figures, then every cost line used."""
    rows: list[tuple[str, list[object]]] = [
        (label, [getattr(f, attr) for f in results]) for label, attr in ROWS
    ]
    kinds = [k for k in dict.fromkeys(k for f in results for k in f.lines) if k != "slippage"]
    for kind in kinds:
        values: list[object] = [f.lines.get(kind, 0) for f in results]
        if any(values):
            rows.append((f"  {kind}", values))
    return rows


def format_compare(results: list[Figures]) -> str:
    """One column per scenario; money in pounds; then what each scenario changes and, under a
    scenario with no schedule, why: one conflict a line, as ``tplan schedule`` words them."""
    width = max(14, *(len(f.name) + 2 for f in results))
    lines = [f"{'':<22}" + "".join(f"{f.name:>{width}}" for f in results)]
    for label, values in table_rows(results):
        is_money = label.strip() in MONEY_ROWS or label.startswith("  ")
        cells = [
            "no schedule"
            if not f.scheduled
            else money(int(v))
            if is_money and isinstance(v, int)
            else ("-" if v is None else str(v))
            for f, v in zip(results, values, strict=True)
        ]
        lines.append(f"{label:<22}" + "".join(f"{c:>{width}}" for c in cells))
    lines.append("")
    for f in results:
        lines.append(f"{f.name}: " + ("; ".join(f.changes) or "the plan as it stands"))
        if f.note:
            lines.append(f"  {f.note}")
        lines += [f"  {line}" for line in f.conflicts]
    return "\n".join(lines) + "\n"
