"""status.html: one self-contained page (no server, no scripts, no links out) to open from a
file share: this week's work by owner, milestones with RAG, and a Gantt with the baseline behind.

Everything is in the file: the styles inline and the Gantt as inline SVG. Person steps appear
by pseudonym only (as in the action plan); no names.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from html import escape

from transition_planner.plan.models import Plan
from transition_planner.plan.steps import (
    MILESTONE_KINDS,
    REVIEW_TEAM_KINDS,
    StepKind as K,
)
from transition_planner.schedule.model import Schedule, ScheduledAction
from transition_planner.schedule.tracking import Tracking
from transition_planner.schedule.week import Week

RAG_COLOURS = {
    "green": "#2e7d32",
    "amber": "#f9a825",
    "red": "#c62828",
    "done": "#555",
    "in progress": "#1565c0",
    "": "#777",
}
WIDTH = 900
ROW = 18
LABEL = 260

STYLE = """
body{font-family:"DejaVu Sans",Arial,sans-serif;margin:1.5em;color:#222}
h1{font-size:1.4em}h2{font-size:1.15em;margin-top:1.6em}
table{border-collapse:collapse;margin:.4em 0}
td,th{border:1px solid #ccc;padding:2px 8px;font-size:.9em;text-align:left}
th{background:#eee}.rag{color:#fff;font-weight:bold;text-align:center}
.owner{background:#f5f5f5;font-weight:bold}
"""


@dataclass(frozen=True)
class Bar:
    label: str
    start: date
    end: date
    base_start: date | None = None
    base_end: date | None = None


def status_html(plan: Plan, schedule: Schedule, tracking: Tracking) -> str:
    """The page for ``schedule``, a re-plan as ``tracking`` follows it: its weeks, and each
    site and milestone with the status every paper gives (``Tracking.row_status``: done or in
    progress as recorded, else RAG against the baseline if there is one, else the deadlines)."""
    as_of, variance = tracking.as_of, tracking.variance
    baseline = tracking.baseline.schedule if tracking.baseline is not None else None
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{escape(plan.programme.name)}: status at {as_of}</title>",
        f"<style>{STYLE}</style></head><body>",
        f"<h1>{escape(plan.programme.name)}: status at {as_of:%d %B %Y}</h1>",
        "<p>"
        f'Services cease: <b id="services-cease">{schedule.services_cease or "n/a"}</b> '
        f'(target {schedule.target_end}); total cost <b id="total">£{schedule.total_cost:,}</b>'
        + (f"; baseline {escape(variance.baseline_name)}" if baseline is not None else "")
        + "</p>",
        _milestones(tracking),
        *(_week(w, n) for n, w in enumerate(tracking.weeks)),
        "<h2>Gantt</h2>",
        _gantt(_bars(plan, schedule, baseline), as_of),
        "</body></html>",
    ]
    return "\n".join(parts) + "\n"


def _milestones(t: Tracking) -> str:
    rows = [
        "<h2>Milestones</h2>",
        '<table id="milestones"><tr><th>milestone</th><th>baseline</th><th>now</th>'
        "<th>days</th><th>deadline</th><th>status</th></tr>",
    ]
    v = t.variance
    # a closure is its site's row (the variance has no milestone row for it)
    for r in [*v.section("site"), *v.section("milestone")]:
        label = f"close {r.id}" if r.section == "site" else r.id
        days = "" if r.days is None else f"{r.days:+d}" if r.days else "0"
        status = t.row_status(r)
        rows.append(
            f'<tr class="milestone" data-id="{escape(label)}" data-rag="{r.rag}" '
            f'data-status="{status}">'
            f"<td>{escape(label)}</td><td>{r.baseline or ''}</td><td>{r.current or ''}</td>"
            f"<td>{days}</td><td>{r.deadline or ''}</td>"
            f'<td class="rag" style="background:{RAG_COLOURS[status]}">{status or "-"}</td></tr>'
        )
    rows.append("</table>")
    return "\n".join(rows)


def _week(week: Week, n: int) -> str:
    title = "This week" if n == 0 else ("Next week" if n == 1 else "The week after")
    rows = [
        f"<h2>{title}: {week.first} to {week.last}</h2>",
        f'<table class="week" data-week="{week.first}"><tr><th>step</th><th>status</th>'
        "<th>start</th><th>end</th></tr>",
    ]
    for owner, items in week.owners.items():
        rows.append(f'<tr class="owner"><td colspan="4">{escape(owner)} ({len(items)})</td></tr>')
        for item in items:
            a = item.action
            what = a.title if a.kind is K.custom and a.title else a.id
            rows.append(
                f'<tr class="step" data-id="{escape(a.id)}"><td>{escape(what)}</td>'
                f"<td>{item.status}</td><td>{a.start}</td><td>{a.end}</td></tr>"
            )
    if not week.owners:
        rows.append('<tr><td colspan="4">nothing scheduled</td></tr>')
    rows.append("</table>")
    return "\n".join(rows)


def _bars(plan: Plan, schedule: Schedule, baseline: Schedule | None) -> list[Bar]:
    """Custom actions and milestones one bar each; each team's reviews as one span."""
    then = {a.id: a for a in baseline.actions} if baseline is not None else {}

    def span(actions: list[ScheduledAction]) -> tuple[date, date] | None:
        if not actions:
            return None
        return min(a.start for a in actions), max(a.end for a in actions)

    bars: list[Bar] = []
    for team in plan.teams:
        now = span(
            [a for a in schedule.actions if a.kind in REVIEW_TEAM_KINDS and a.resource == team.id]
        )
        was = span(
            [a for a in then.values() if a.kind in REVIEW_TEAM_KINDS and a.resource == team.id]
        )
        if now is not None:
            bars.append(Bar(f"{team.name or team.id}: reviews", *now, *(was or (None, None))))
    for a in schedule.actions:
        if a.kind is K.custom or a.kind in MILESTONE_KINDS:
            b = then.get(a.id)
            label = a.title if a.kind is K.custom and a.title else a.id
            bars.append(Bar(label, a.start, a.end, b.start if b else None, b.end if b else None))
    return bars


def _gantt(bars: list[Bar], as_of: date) -> str:
    if not bars:
        return "<p>nothing scheduled</p>"
    dates = [d for b in bars for d in (b.start, b.end, b.base_start, b.base_end) if d]
    first, last = min([*dates, as_of]), max([*dates, as_of])
    span = max(1, (last - first).days + 1)

    def x(day: date) -> float:
        return LABEL + (day - first).days * WIDTH / span

    height = ROW * len(bars) + 30
    out = [
        f'<svg id="gantt" xmlns="http://www.w3.org/2000/svg" width="{LABEL + WIDTH + 10}" '
        f'height="{height}" font-size="11">'
    ]
    for n, b in enumerate(bars):
        y = 20 + n * ROW
        label = b.label if len(b.label) <= 40 else b.label[:39] + "…"
        out.append(f'<text x="2" y="{y + 12}">{escape(label)}</text>')
        if b.base_start and b.base_end:
            w = max(2.0, x(b.base_end) - x(b.base_start) + WIDTH / span)
            out.append(
                f'<rect class="baseline" x="{x(b.base_start):.1f}" y="{y + 1}" width="{w:.1f}" '
                f'height="{ROW - 2}" fill="#ccc"/>'
            )
        w = max(2.0, x(b.end) - x(b.start) + WIDTH / span)
        out.append(
            f'<rect class="bar" x="{x(b.start):.1f}" y="{y + 5}" width="{w:.1f}" '
            f'height="{ROW - 10}" fill="#1565c0"><title>{escape(b.label)}: {b.start} to '
            f"{b.end}</title></rect>"
        )
    out.append(
        f'<line id="as-of" x1="{x(as_of):.1f}" y1="10" x2="{x(as_of):.1f}" y2="{height}" '
        'stroke="#c62828" stroke-dasharray="4 2"/>'
        f'<text x="{x(as_of) + 3:.1f}" y="10" fill="#c62828">{as_of}</text>'
    )
    out.append("</svg>")
    return "\n".join(out)
