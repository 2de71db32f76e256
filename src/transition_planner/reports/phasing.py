"""Phasing and indicators in the papers: savings by financial year, each phase's milestones and
saving against its target, and the success indicators (computed values, or "from progress").

The briefing shows indicators with the usual suppression: a count from 1 to ``below - 1`` reads
"fewer than N", and a percentage of fewer than ``below`` people is not shown.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from reportlab.platypus import KeepTogether, Paragraph, Spacer

from transition_planner.plan.models import Plan
from transition_planner.plan.phasing import fy_label
from transition_planner.reports.blocks import Block, Table
from transition_planner.reports.style import TEXT_WIDTH, day, money, styles, table
from transition_planner.reports.suppress import count
from transition_planner.schedule.model import Schedule
from transition_planner.schedule.phasing import (
    IndicatorValue,
    by_financial_year,
    indicator_values,
    phase_status,
)


def _figure(value: Decimal | None, unit: str) -> str:
    if value is None:
        return "–"
    text = f"{value.normalize():f}" if value == value.to_integral_value() else f"{value}"
    return text + ("%" if unit == "percent" else "")


def phasing_section(plan: Plan, s: Schedule) -> list[Any]:
    """The action plan's savings by year, phases and indicators (nothing if none apply)."""
    st = styles()
    w = TEXT_WIDTH
    out: list[Any] = []
    if plan.phases or plan.lots:
        rows = [
            [fy_label(y.year), money(y.in_year), money(y.full_year)]
            for y in by_financial_year(plan, s)
        ]
        out.append(
            KeepTogether(
                [
                    Paragraph("Savings by financial year", st["h1"]),
                    Paragraph(
                        "Running costs and rent stop the month after a site closes or its lease "
                        "ends; a new lot costs its running cost from the month it opens (after "
                        "any provider-funded double running). Full-year effect: twelve months "
                        "of what has changed by the year's end.",
                        st["small"],
                    ),
                    table(
                        ["Financial year", "In-year saving", "Full-year effect"],
                        rows,
                        [w * 0.3, w * 0.3, w * 0.3],
                        numeric=[1, 2],
                    ),
                ]
            )
        )
    for phase in phase_status(plan, s):
        done = sum(ok for _, _, ok in phase.due)
        target = f" against a target of {money(phase.target)}" if phase.target is not None else ""
        rows = [
            [title, day(end), "by the phase's end" if ok else "late"]
            for title, end, ok in phase.due
        ]
        out += [
            Paragraph(f"{phase.label} ({day(phase.start)} to {day(phase.end)})", st["h2"]),
            Paragraph(
                f"{done} of {len(phase.due)} milestones by the phase's end; net saving in the "
                f"phase {money(phase.saved)}{target}.",
                st["body"],
            ),
        ]
        if rows:
            out.append(table(["Milestone", "Done", ""], rows, [w * 0.6, w * 0.2, w * 0.2]))
    values = indicator_values(plan, s)
    if values:
        rows = [
            [
                v.indicator.name,
                _figure(v.indicator.baseline, v.indicator.unit),
                _figure(v.indicator.target, v.indicator.unit),
                _figure(v.value, v.indicator.unit) if v.indicator.compute else "from progress",
                v.indicator.source or "",
            ]
            for v in values
        ]
        out += [
            Spacer(1, 6),
            Paragraph("Success indicators", st["h1"]),
            table(
                ["Indicator", "Baseline", "Target", "Forecast", "Source"],
                rows,
                [w * 0.4, w * 0.1, w * 0.1, w * 0.14, w * 0.26],
            ),
        ]
    return out


def _published(v: IndicatorValue, below: int) -> str:
    if v.indicator.compute is None:
        return "to be reported from progress"
    if v.indicator.unit == "percent":
        if v.of is None or v.of < below or (v.count is not None and 0 < v.count < below):
            return f"not shown (fewer than {below} people)"
        return _figure(v.value, "percent")
    return count(v.count or 0, below)


def briefing_indicators(plan: Plan, s: Schedule, below: int) -> list[Block]:
    """The briefing's indicator table, small counts suppressed."""
    values = indicator_values(plan, s)
    if not values:
        return []
    rows = [
        [
            v.indicator.name,
            _figure(v.indicator.target, v.indicator.unit),
            _published(v, below),
        ]
        for v in values
    ]
    return [
        Table(
            ["Success indicator", "Target", "Forecast"], rows, [0.55, 0.15, 0.3], row_headers=True
        )
    ]
