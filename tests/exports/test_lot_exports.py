"""Lots in the papers: the workbook's lots sheet, lots.csv and the calendar's lot events, cell by
cell on the hand-checked plan of tests/data/commissioning.py (dates derived there)."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from pathlib import Path

import icalendar
from openpyxl import load_workbook

from tests.data.commissioning import DOUBLE, HEAD, LOT
from tests.schedule.test_build import schedule_of
from transition_planner.exports.calendar_ics import milestones_ics, plan_id
from transition_planner.exports.schedule_files import lots_csv, schedule_xlsx
from transition_planner.pipeline import schedule_files
from transition_planner.plan.load import load_plan

HEADER = [
    "Lot",
    "Name",
    "Route",
    "Market engagement starts",
    "Market engagement ends",
    "Tender starts",
    "Tender ends",
    "Evaluation starts",
    "Evaluation ends",
    "Award notice starts",
    "Award notice ends",
    "Standstill starts",
    "Standstill ends",
    "Mobilisation starts",
    "Mobilisation ends",
    "Opens",
    "Capacity",
    "People moving",
    "Double running",
    "Old service runs to",
    "Double running cost",
    "Paid by",
]

# Open procedure at its minimums (tests/data/commissioning.py): engagement 3-16 March 2025,
# tendering 17 March-10 April (25 days), evaluation 11-24 April, award notice Tuesday 6 May,
# standstill 6-15 May (8 working days), mobilisation 16 May-12 June, open Friday 13 June.
# 5 places; P1 moves to it. 3 months' double running count 90 days: the old service runs
# through 13 June + 89 days = 10 September 2025; 3 x £20,000 = £60,000, paid by the council.
STAGES = [
    date(2025, 3, 3),
    date(2025, 3, 16),
    date(2025, 3, 17),
    date(2025, 4, 10),
    date(2025, 4, 11),
    date(2025, 4, 24),
    date(2025, 5, 6),
    date(2025, 5, 6),
    date(2025, 5, 6),
    date(2025, 5, 15),
    date(2025, 5, 16),
    date(2025, 6, 12),
    date(2025, 6, 13),
]
ROW = [
    "new-lot",
    "Supported day opportunities",
    "open",
    *STAGES,
    5,
    1,
    "3 months",
    date(2025, 9, 10),
    60_000,
    "council",
]


def test_lots_sheet_holds_each_stage_the_opening_and_double_running(tmp_path: Path) -> None:
    s = schedule_of(tmp_path, HEAD + LOT + DOUBLE.format(payer="council"))
    plan = load_plan(tmp_path / "plan.yaml").plan
    book = load_workbook(io.BytesIO(schedule_xlsx(s, plan)))
    assert book.sheetnames == [
        "summary",
        "actions",
        "people",
        "sites",
        "leases",
        "lots",
        "staff",
        "costs",
    ]
    rows = [
        [c.date() if isinstance(c, datetime) else c for c in row]
        for row in book["lots"].iter_rows(values_only=True)
    ]
    assert rows == [HEADER, ROW]
    assert book["lots"]["U2"].number_format == '"£"#,##0'  # the cost column, as money


def test_lots_csv_is_the_same_table_and_run_writes_it(tmp_path: Path) -> None:
    s = schedule_of(tmp_path, HEAD + LOT + DOUBLE.format(payer="provider"))
    plan = load_plan(tmp_path / "plan.yaml").plan
    data = lots_csv(s, plan)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    want = [str(v) for v in ROW[:-1]] + ["provider"]
    assert rows == [HEADER, want]
    assert "lots.csv" in schedule_files(s, plan)


def test_a_partnership_lot_has_only_mobilisation_and_no_double_running(tmp_path: Path) -> None:
    text = (HEAD + LOT).replace("route: open", "route: partnership")
    s = schedule_of(tmp_path, text)
    plan = load_plan(tmp_path / "plan.yaml").plan
    rows = list(csv.reader(io.StringIO(lots_csv(s, plan).decode("utf-8-sig"))))
    # Mobilisation 4 weeks, 3-30 March; open Monday 31 March (test_commissioning derives it).
    assert rows[1] == (
        ["new-lot", "Supported day opportunities", "partnership"]
        + [""] * 10
        + ["2025-03-03", "2025-03-30", "2025-03-31", "5", "1", "", "", "", ""]
    )


def test_plans_without_lots_have_no_lots_sheet_or_file(tmp_path: Path) -> None:
    text = HEAD.replace(", preferred: [new-lot]", "").replace(
        "sites:\n", "sites:\n  - {id: b, status: receiving, capacity: 5}\n"
    )
    s = schedule_of(tmp_path, text)
    plan = load_plan(tmp_path / "plan.yaml").plan
    assert "lots.csv" not in schedule_files(s, plan)
    assert "lots" not in load_workbook(io.BytesIO(schedule_xlsx(s, plan))).sheetnames


def test_calendar_has_award_standstill_end_and_opening_with_the_plan_uid(tmp_path: Path) -> None:
    s = schedule_of(tmp_path, HEAD + LOT)
    plan = load_plan(tmp_path / "plan.yaml").plan
    ident = plan_id(plan)
    assert ident.startswith("commissioning-")
    cal = icalendar.Calendar.from_ical(milestones_ics(plan, s, date(2025, 3, 3)))
    events = {
        str(e["UID"]): (e["DTSTART"].dt, str(e["SUMMARY"]))
        for e in cal.walk("VEVENT")
        if "new-lot" in str(e["UID"])
    }
    assert events == {
        f"award:new-lot/{ident}@transition-planner": (
            date(2025, 5, 6),
            "Contract award notice: Supported day opportunities",
        ),
        f"standstill:new-lot:end/{ident}@transition-planner": (
            date(2025, 5, 15),
            "Standstill ends: Supported day opportunities",
        ),
        f"lot_open:new-lot/{ident}@transition-planner": (
            date(2025, 6, 13),
            "Opens: Supported day opportunities",
        ),
    }
