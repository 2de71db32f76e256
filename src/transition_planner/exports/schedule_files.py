"""schedule.json, schedule.csv and schedule.xlsx, the same bytes for the same schedule."""

from __future__ import annotations

import csv
import io
from typing import Any

from transition_planner.exports.workbook import normalise_zip
from transition_planner.schedule.model import Schedule

ACTION_COLUMNS = (
    "id",
    "kind",
    "subject",
    "start",
    "end",
    "days",
    "resource",
    "destination",
    "workstream",
    "title",
)
# Zip entries carry a time stamp; a fixed one keeps the XLSX identical run to run.
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def action_rows(schedule: Schedule) -> list[list[Any]]:
    return [
        [
            a.id,
            a.kind,
            a.subject,
            a.start,
            a.end,
            a.days,
            a.resource or "",
            a.destination or "",
            a.workstream,
            a.title,
        ]
        for a in schedule.actions
    ]


def schedule_json(schedule: Schedule) -> bytes:
    return schedule.dumps().encode("utf-8")


def schedule_csv(schedule: Schedule) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(ACTION_COLUMNS)
    for row in action_rows(schedule):
        writer.writerow([v.isoformat() if hasattr(v, "isoformat") else v for v in row])
    return out.getvalue().encode("utf-8")


def schedule_xlsx(schedule: Schedule) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    summary = book.active
    summary.title = "summary"
    for key, value in (
        ("status", schedule.status),
        ("solver", schedule.solver),
        ("plan", f"{schedule.plan_file} ({schedule.plan_digest})"),
        ("target end", schedule.target_end),
        ("services cease", schedule.services_cease),
        ("programme end", schedule.programme_end),
        ("months late", schedule.slippage_months),
        ("slippage cost", schedule.slippage_cost),
        ("total cost", schedule.total_cost),
        ("bound", schedule.bound),
        ("gap", schedule.gap),
    ):
        summary.append([key, value])
    _money(summary, "B", (8, 9, 10))
    _dates(summary, "B", (4, 5, 6))
    actions = book.create_sheet("actions")
    actions.append(list(ACTION_COLUMNS))
    for row in action_rows(schedule):
        actions.append(row)
    for row in actions.iter_rows(min_row=2, min_col=4, max_col=5):
        for cell in row:
            cell.number_format = "yyyy-mm-dd"
    sites = book.create_sheet("sites")
    sites.append(["id", "closes", "close_by", "months_late", "slack_days"])
    for s in schedule.sites:
        sites.append([s.id, s.closes, s.close_by, s.months_late, s.slack_days])
    leases = book.create_sheet("leases")
    leases.append(["site", "notice_served", "notice_by", "exit", "break_date", "on_expiry"])
    for lease in schedule.leases:
        leases.append(
            [
                lease.site,
                lease.notice_served,
                lease.notice_by,
                lease.exit,
                lease.break_date,
                lease.on_expiry,
            ]
        )
    costs = book.create_sheet("costs")
    costs.append(["kind", "subject", "amount", "detail"])
    for line in schedule.cost_lines:
        costs.append([line.kind, line.subject, line.amount, line.detail])
    for row in costs.iter_rows(min_row=2, min_col=3, max_col=3):
        for cell in row:
            cell.number_format = '"£"#,##0'
    for sheet in (sites, leases):
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                if hasattr(cell.value, "isoformat"):
                    cell.number_format = "yyyy-mm-dd"
    book.properties.creator = "transition-planner"
    stamp = _fixed_datetime(schedule)
    book.properties.created = stamp
    book.properties.modified = stamp
    raw = io.BytesIO()
    book.save(raw)
    return _normalise_zip(raw.getvalue())


def _fixed_datetime(schedule: Schedule) -> Any:
    from datetime import datetime

    return datetime(
        schedule.programme_start.year, schedule.programme_start.month, schedule.programme_start.day
    )


def _money(sheet: Any, column: str, rows: tuple[int, ...]) -> None:
    for r in rows:
        sheet[f"{column}{r}"].number_format = '"£"#,##0'


def _dates(sheet: Any, column: str, rows: tuple[int, ...]) -> None:
    for r in rows:
        sheet[f"{column}{r}"].number_format = "yyyy-mm-dd"


def _normalise_zip(data: bytes) -> bytes:
    return normalise_zip(data)
