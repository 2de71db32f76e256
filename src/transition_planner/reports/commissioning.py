"""Commissioning in the papers: each lot's procurement timetable, opening day, places taken and
double running (whose ledger), and the people reviewed where they stay.

The action plan shows it all; the briefing note a paragraph with counts suppressed as elsewhere.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.platypus import KeepTogether, Paragraph, Spacer

from transition_planner.plan.commissioning import Payer, Route, double_running_cost
from transition_planner.plan.models import Plan
from transition_planner.plan.outcomes import Outcome, monthly_forecast, reviews
from transition_planner.plan.steps import StepKind as K, step_id
from transition_planner.reports.blocks import Block, Para
from transition_planner.reports.style import (
    ACCENT,
    FONT,
    LIGHT,
    TEXT_WIDTH,
    WARN,
    day,
    money,
    styles,
    table,
)
from transition_planner.reports.suppress import breakdown, count
from transition_planner.schedule.model import Schedule

ROUTE_TEXT = {
    Route.open: "open procedure",
    Route.competitive_flexible: "competitive flexible procedure",
    Route.direct_award: "direct award",
    Route.partnership: "partnership (no procurement)",
}


def _when(s: Schedule, kind: K, lot: str, end: bool = False) -> str:
    try:
        a = s.action(step_id(kind, lot))
    except KeyError:
        return "–"
    return day(a.end if end else a.start)


def commissioning_section(plan: Plan, s: Schedule) -> list[Any]:
    """The action plan's commissioning pages (nothing when the plan has no lots or stays)."""
    stays = [p for p in plan.people if p.stays]
    if not plan.lots and not stays:
        return []
    st = styles()
    out: list[Any] = [Paragraph("Commissioning", st["h1"])]
    if plan.lots:
        moved = Counter(a.destination for a in s.actions if a.kind is K.move)
        rows = []
        for lot in plan.lots:
            proc = lot.procurement
            route = ROUTE_TEXT[proc.route] + (", light touch" if proc.light_touch else "")
            rows.append(
                [
                    lot.label,
                    route,
                    _when(s, K.tender, lot.id),
                    _when(s, K.award, lot.id),
                    _when(s, K.standstill, lot.id, end=True),
                    _when(s, K.lot_open, lot.id),
                    f"{moved[lot.id]} of {lot.capacity}",
                ]
            )
        w = TEXT_WIDTH
        out += [
            Paragraph(
                "Each lot opens when its procurement ends: tendering periods and the standstill "
                "at least the Procurement Act 2023 minimums (docs/commissioning.md).",
                st["small"],
            ),
            table(
                ["Lot", "Route", "Tender from", "Award", "Standstill to", "Opens", "Moving in"],
                rows,
                [w * 0.2, w * 0.2, w * 0.12, w * 0.12, w * 0.12, w * 0.12, w * 0.12],
            ),
            Spacer(1, 6),
        ]
        out += _double_running(plan, s)
    if stays:
        by_site = Counter(p.site for p in stays)
        out.append(
            Paragraph(
                f"{len(stays)} people stay where they are (reviewed, not moved): "
                + ", ".join(f"{plan.site(k).label} {n}" for k, n in sorted(by_site.items()))
                + ".",
                st["body"],
            )
        )
    return out


def _double_running(plan: Plan, s: Schedule) -> list[Any]:
    rows = []
    for lot in plan.lots:
        dr = lot.double_running
        for site_id in lot.replaces:
            closes = _when(s, K.close, site_id)
            overlap = f"{dr.period.describe()} from {_when(s, K.lot_open, lot.id)}" if dr else "–"
            payer = dr.paid_by.value if dr else "–"
            amount = money(double_running_cost(lot)) if dr else "–"
            rows.append([plan.site(site_id).label, lot.label, overlap, closes, payer, amount])
    if not rows:
        return []
    w = TEXT_WIDTH
    provider = sum(
        double_running_cost(lot)
        for lot in plan.lots
        if lot.double_running and lot.double_running.paid_by is Payer.provider
    )
    note = (
        f" Provider-funded double running ({money(provider)}) is not in the council's total."
        if provider
        else ""
    )
    return [
        KeepTogether(
            [
                Paragraph("Double running", styles()["h2"]),
                Paragraph(
                    "Each service closes no earlier than its replacement opens and runs through "
                    "the funded overlap; the new lot's cost over the overlap falls in the "
                    "payer's ledger." + note,
                    styles()["small"],
                ),
                table(
                    ["Service", "Replaced by", "Overlap", "Closes", "Paid by", "Cost"],
                    rows,
                    [w * 0.2, w * 0.2, w * 0.2, w * 0.14, w * 0.12, w * 0.14],
                    numeric=[5],
                ),
            ]
        )
    ]


def briefing_paragraphs(plan: Plan, s: Schedule, below: int) -> list[Block]:
    """For the panel: lots and opening dates, double running and who pays, people staying;
    counts under ``below`` read "fewer than N"."""
    out: list[Block] = []
    # One breakdown over the lots: with a small cell, every cell is rounded (no subtraction).
    moving = breakdown(
        {
            lot.id: sum(1 for a in s.actions if a.kind is K.move and a.destination == lot.id)
            for lot in plan.lots
        },
        below,
    )
    for lot in plan.lots:
        text = (
            f"{lot.label} ({lot.capacity:,} places, {ROUTE_TEXT[lot.procurement.route]}) is "
            f"forecast to open on {_when(s, K.lot_open, lot.id)}; {moving.cells[lot.id]} people "
            "are planned to move to it."
        )
        if lot.double_running and lot.replaces:
            dr = lot.double_running
            text += (
                f" The services it replaces run alongside it for {dr.period.describe()}, "
                f"funded by the {dr.paid_by.value} ({money(double_running_cost(lot))})."
            )
        out.append(Para(text))
    stays = sum(p.stays for p in plan.people)
    if stays:
        out.append(
            Para(
                f"{_cap(count(stays, below))} people stay in services that continue; each is "
                "reviewed where they are."
            )
        )
    return out


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


# --- outcomes: the forecast against the contract trajectory -----------------------------------


def _opens(plan: Plan, s: Schedule, outcome: Outcome) -> date | None:
    try:
        return s.action(step_id(K.lot_open, outcome.service)).start
    except KeyError:
        return plan.service_opens(outcome)


def trajectory_chart(
    months: list[tuple[date, int]], targets: list[tuple[date, int]], height: float = 120
) -> Drawing:
    """Cumulative forecast by month (bars) with each review's target (a red bar across the
    month it falls in, labelled)."""
    width = TEXT_WIDTH
    drawing = Drawing(width, height)
    left, bottom, plot_h = 30.0, 16.0, height - 26
    top = max([1, *(v for _, v in months), *(t for _, t in targets)])
    slot = (width - left) / max(1, len(months))
    step = next((c for c in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000) if top / c <= 5), 2000)
    tick = 0
    while tick <= top:
        y = bottom + plot_h * tick / top
        drawing.add(Line(left, y, width, y, strokeColor=LIGHT, strokeWidth=0.4))
        drawing.add(String(0, y - 2, f"{tick:,}", fontName=FONT, fontSize=6))
        tick += step
    for i, (end, value) in enumerate(months):
        x = left + i * slot
        drawing.add(
            Rect(
                x + slot * 0.15,
                bottom,
                slot * 0.7,
                plot_h * value / top,
                fillColor=ACCENT,
                strokeColor=None,
            )
        )
        if i % max(1, len(months) // 12) == 0:
            drawing.add(String(x, 4, end.strftime("%b %y"), fontName=FONT, fontSize=6))
    for when, target in targets:
        i = next((n for n, (end, _) in enumerate(months) if when <= end), len(months) - 1)
        x, y = left + i * slot, bottom + plot_h * target / top
        drawing.add(Line(x, y, x + slot, y, strokeColor=WARN, strokeWidth=1.6))
        drawing.add(String(x, y + 3, f"target {target:,}", fontName=FONT, fontSize=6))
    return drawing


def outcomes_section(plan: Plan, s: Schedule) -> list[Any]:
    """Each outcome's forecast by month against its trajectory, and each review's payment."""
    if not plan.outcomes:
        return []
    st = styles()
    out: list[Any] = [Paragraph("Outcomes against the contract trajectory", st["h1"])]
    for outcome in plan.outcomes:
        opens = _opens(plan, s, outcome)
        caseload = plan.caseload(outcome)
        last = max(p.date for p in outcome.trajectory)
        head = Paragraph(
            f"<b>{outcome.label}</b>: {plan.site(outcome.service).label} from {day(opens)}, "
            f"caseload {caseload}, {outcome.time_to_outcome.describe()} to the outcome, "
            f"{outcome.success_share:.0%} of starters reach it.",
            st["body"],
        )
        if opens is None:
            out.append(head)
            continue
        months = (last.year - opens.year) * 12 + last.month - opens.month + 1
        forecast = monthly_forecast(outcome, caseload, opens, max(1, months))
        targets = [(p.date, p.target) for p in outcome.trajectory]
        rows = [
            [day(r.date), f"{r.target:,}", f"{r.forecast:,}", money(r.penalty), money(r.gainshare)]
            for r in reviews(outcome, caseload, opens)
        ]
        w = TEXT_WIDTH
        out += [
            KeepTogether(
                [
                    head,
                    Paragraph(
                        "Cumulative forecast by month of service (bars); red: the target at "
                        "each review.",
                        st["small"],
                    ),
                    trajectory_chart(forecast, targets),
                ]
            ),
            table(
                ["Review", "Target", "Forecast", "Penalty", "Gainshare"],
                rows,
                [w * 0.2, w * 0.15, w * 0.15, w * 0.2, w * 0.2],
                numeric=[1, 2, 3, 4],
            ),
            Spacer(1, 6),
        ]
    return out


def outcome_paragraphs(plan: Plan, s: Schedule) -> list[Block]:
    """For the panel: each outcome's forecast at its last review against the target."""
    out: list[Block] = []
    for outcome in plan.outcomes:
        opens = _opens(plan, s, outcome)
        done = reviews(outcome, plan.caseload(outcome), opens)
        final = done[-1]
        net = sum(r.gainshare - r.penalty for r in done)
        money_text = (
            f"a net gainshare of {money(net)}"
            if net > 0
            else f"net penalties of {money(-net)}"
            if net < 0
            else "no net payment"
        )
        out.append(
            Para(
                f"{outcome.label}: {final.forecast:,} forecast by {day(final.date)} against a "
                f"contract target of {final.target:,}, giving {money_text} over "
                f"{len(done)} review(s)."
            )
        )
    return out
