"""The action plan's comparison page (``compare.pdf``): scenarios side by side in one table,
the same figures as ``compare.txt`` and ``compare.xlsx``, then what each scenario changes."""

from __future__ import annotations

from datetime import date
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, Spacer

from transition_planner.reports.style import TEXT_WIDTH, build_pdf, day, money, styles, table
from transition_planner.schedule.compare import MONEY_ROWS, Figures, table_rows

STATUS = {"OPTIMAL": "proven optimal", "FEASIBLE": "not proven optimal"}


def _status(f: Figures) -> str:
    if not f.scheduled:
        return "no schedule"
    if f.status == "FEASIBLE" and f.cost_proven:
        return "cost proven optimal"
    return STATUS.get(f.status, f.status.lower())


def _label(label: str) -> str:
    """A headline figure as it is; a cost line indented, in words (``staff_pay``: staff pay)."""
    if label.startswith("  "):
        return "&nbsp;&nbsp;&nbsp;" + escape(label.strip().replace("_", " "))
    return escape(label)


def _cell(f: Figures, label: str, value: object) -> str:
    if not f.scheduled:
        return "no schedule"
    if value is None:
        return "-"
    if isinstance(value, date):
        return day(value)
    if isinstance(value, int) and (label.strip() in MONEY_ROWS or label.startswith("  ")):
        return money(value)
    return str(value)


def compare_pdf(programme: str, results: list[Figures], produced: date, how: str) -> bytes:
    """One A4 page (more only with many cost lines): a column per scenario, the plan first;
    ``how`` says the search each column had (compare's last line); under a scenario with no
    schedule, its conflicts one a line. Same input, same bytes."""
    st = styles()
    st["why"] = ParagraphStyle("why", parent=st["body"], leftIndent=12)
    st["conflict"] = ParagraphStyle("conflict", parent=st["body"], leftIndent=24)
    rows: list[list[str]] = [
        [_label(label)] + [_cell(f, label, v) for f, v in zip(results, values, strict=True)]
        for label, values in table_rows(results)
    ]
    rows.append(["schedule"] + [_status(f) for f in results])
    label_width = TEXT_WIDTH * 0.28
    width = (TEXT_WIDTH - label_width) / max(1, len(results))
    story: list[Any] = [
        Paragraph(f"{escape(programme)}: what-ifs side by side", st["h1"]),
        Paragraph(
            f"Produced {day(produced)}. Each column is one schedule of the plan with the "
            "scenario's changes applied; money in pounds over the whole programme.",
            st["body"],
        ),
        Spacer(1, 4),
        table(
            ["Figure", *(escape(f.name) for f in results)],
            rows,
            [label_width, *([width] * len(results))],
        ),
        Paragraph("What each scenario changes", st["h2"]),
    ]
    for f in results:
        changes = "; ".join(f.changes) or "the plan as it stands"
        text = f"<b>{escape(f.name)}</b>: {escape(changes)}"
        if f.note:
            text += f" ({escape(f.note)})"
        story.append(Paragraph(text, st["body"]))
        # one conflict a paragraph, as `tplan schedule` lists them, never run together
        story += [
            Paragraph(escape(line.strip()), st["conflict" if line.startswith(" ") else "why"])
            for line in f.conflicts
        ]
    if how:
        story += [Spacer(1, 4), Paragraph(escape(how.strip()), st["small"])]
    footer = f"{programme}: what-ifs side by side, {day(produced)}"
    return build_pdf(story, f"{programme}: what-ifs side by side", footer)
