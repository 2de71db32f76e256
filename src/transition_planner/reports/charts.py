"""The action plan's drawings: a Gantt chart by workstream, team load by week, places over time.

Drawn with reportlab's graphics primitives, so each is a fixed, deterministic picture.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from transition_planner.reports.style import (
    ACCENT,
    FONT,
    LIGHT,
    TEXT_WIDTH,
    WARN,
    register_fonts,
)

LABEL_WIDTH = 185.0
LABEL_SIZE = 6.5
ROW = 10.0
AXIS = 14.0
PALETTE = {
    "decommissioning and property": colors.HexColor("#8a5a44"),
    "staffing": colors.HexColor("#5b7f3a"),
    "service user transition": colors.HexColor("#1d4e89"),
    "commissioning": colors.HexColor("#7a3b7f"),
}


@dataclass(frozen=True)
class Bar:
    label: str
    start: date
    end: date
    milestone: bool = False


@dataclass(frozen=True)
class Marker:
    label: str
    when: date
    colour: colors.Color = WARN


def fit(label: str, width: float, size: float = LABEL_SIZE) -> str:
    """``label`` shortened with an ellipsis to fit ``width`` points, keeping a trailing count
    such as " (22)" because that is the part a reader needs."""
    register_fonts()
    if stringWidth(label, FONT, size) <= width:
        return label
    head, sep, tail = label.rpartition(" (")
    keep = f" ({tail}" if sep and tail.endswith(")") and tail[:-1].isdigit() else ""
    text = head if keep else label
    while text and stringWidth(f"{text.rstrip(' ,')}…{keep}", FONT, size) > width:
        text = text[:-1]
    return f"{text.rstrip(' ,')}…{keep}"


def _months(first: date, last: date) -> list[date]:
    out = []
    d = date(first.year, first.month, 1)
    while d <= last:
        if d >= first:
            out.append(d)
        d = date(d.year + d.month // 12, d.month % 12 + 1, 1)
    return out


def gantt(
    bars: Sequence[Bar], first: date, last: date, markers: Sequence[Marker], colour: colors.Color
) -> Drawing:
    width = TEXT_WIDTH
    plot = width - LABEL_WIDTH - 4
    span = max(1, (last - first).days + 1)
    height = AXIS + ROW * len(bars) + 4

    def x(d: date) -> float:
        return LABEL_WIDTH + plot * min(max((d - first).days, 0), span) / span

    drawing = Drawing(width, height)
    top = height - AXIS
    months = _months(first, last)
    step = max(1, len(months) // 12)
    # The programme rarely starts on the 1st: label its start too when there is room.
    if not months or x(months[0]) - x(first) > 28:
        drawing.add(
            String(x(first) + 1, top + 3, first.strftime("%-d %b"), fontName=FONT, fontSize=6)
        )
    for n, m in enumerate(months):
        drawing.add(Line(x(m), 0, x(m), top, strokeColor=LIGHT, strokeWidth=0.5))
        if n % step == 0:
            drawing.add(String(x(m) + 1, top + 3, m.strftime("%b %y"), fontName=FONT, fontSize=6))
    for i, bar in enumerate(bars):
        y = top - ROW * (i + 1)
        label = fit(bar.label, LABEL_WIDTH - 4)
        drawing.add(String(0, y + 2.5, label, fontName=FONT, fontSize=LABEL_SIZE))
        if bar.milestone:
            cx = x(bar.start)
            drawing.add(Rect(cx - 2.5, y + 2, 5, 5, fillColor=colour, strokeColor=None))
        else:
            left, right = x(bar.start), x(bar.end + timedelta(days=1))
            drawing.add(
                Rect(
                    left,
                    y + 1.5,
                    max(1.0, right - left),
                    ROW - 3,
                    fillColor=colour,
                    strokeColor=None,
                )
            )
    for mark in markers:
        if first <= mark.when <= last:
            drawing.add(
                Line(
                    x(mark.when),
                    0,
                    x(mark.when),
                    top,
                    strokeColor=mark.colour,
                    strokeWidth=0.8,
                    strokeDashArray=[2, 2],
                )
            )
    return drawing


def bars_chart(
    values: Sequence[float], labels: Sequence[str], limit: float | None, height: float = 110
) -> Drawing:
    """Vertical bars (e.g. reviews in progress, by week) with an optional limit line."""
    width = TEXT_WIDTH
    drawing = Drawing(width, height)
    left, bottom, plot_h = 30.0, 16.0, height - 24
    top_value = max([*values, limit or 0, 1])
    slot = (width - left) / max(1, len(values))
    for tick in _ticks(top_value):
        y = bottom + plot_h * tick / top_value
        drawing.add(Line(left, y, width, y, strokeColor=LIGHT, strokeWidth=0.4))
        drawing.add(String(0, y - 2, f"{tick:g}", fontName=FONT, fontSize=6))
    for i, v in enumerate(values):
        h = plot_h * v / top_value
        drawing.add(
            Rect(
                left + i * slot + slot * 0.1,
                bottom,
                slot * 0.8,
                h,
                fillColor=ACCENT,
                strokeColor=None,
            )
        )
    every = max(1, len(labels) // 10)
    for i, text in enumerate(labels):
        if i % every == 0:
            drawing.add(String(left + i * slot, 4, text, fontName=FONT, fontSize=6))
    if limit is not None:
        y = bottom + plot_h * limit / top_value
        drawing.add(Line(left, y, width, y, strokeColor=WARN, strokeWidth=0.8))
        drawing.add(String(width - 60, y + 2, f"capacity {limit:g}", fontName=FONT, fontSize=6))
    return drawing


def _ticks(top: float) -> list[float]:
    step = 1.0
    for candidate in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000):
        step = candidate
        if top / candidate <= 5:
            break
    return [step * k for k in range(int(top // step) + 1)]
