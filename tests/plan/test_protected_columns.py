"""Pregnancy and family-leave protection given in a staff file (SI 2024/264), not only in YAML.

A staff table cannot nest the ``protected`` record: its ``protected`` column holds the status and
each date has a column ``protected_<key>``. The same staff must load the same from a CSV file,
an XLSX file (real date cells) and the YAML form, and be refused, located, when incomplete.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from tests.conftest import PlanDir
from tests.plan.test_table_inputs import CSV_TEXT, HEADER, ROWS, errors_of, staff_plan
from transition_planner.plan.load import load_plan
from transition_planner.plan.models import Protected, Staff
from transition_planner.plan.tables import PROTECTED_COLUMNS, write_table

EXTRA = ["protected", "protected_birth", "protected_leave_start"]
# S1 on maternity leave from 20 Jan 2025 after a birth on 15 Jan 2025; S2 not protected
CELLS: list[list[Any]] = [["maternity_leave", "2025-01-15", "2025-01-20"], ["", "", ""]]
MATERNITY = Protected(
    status="maternity_leave", birth=date(2025, 1, 15), leave_start=date(2025, 1, 20)
)


def _csv(rows: list[list[Any]]) -> str:
    lines = [HEADER + EXTRA, *(row + extra for row, extra in zip(ROWS, rows, strict=True))]
    return "".join(",".join(str(c) for c in line) + "\n" for line in lines)


def _staff(plan: Path) -> list[Staff]:
    return load_plan(plan).plan.staff


def test_csv_status_and_date_columns_make_the_protected_record(plan_dir: PlanDir) -> None:
    plan_dir.write("staff.csv", _csv(CELLS))
    staff = _staff(staff_plan(plan_dir))
    assert staff[0].protected == MATERNITY
    assert staff[1].protected is None


def test_xlsx_date_cells_read_the_same(plan_dir: PlanDir) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "staff"
    sheet.append(HEADER + EXTRA)
    sheet.append([*ROWS[0], "maternity_leave", date(2025, 1, 15), date(2025, 1, 20)])
    sheet.append(ROWS[1])
    book.save(plan_dir.root / "staff.xlsx")
    staff = _staff(staff_plan(plan_dir, "staff.xlsx"))
    assert staff[0].protected == MATERNITY
    assert staff[1].protected is None


def test_a_date_without_a_status_is_refused_at_its_cell(plan_dir: PlanDir) -> None:
    plan_dir.write("staff.csv", _csv([["", "2025-01-15", ""], ["", "", ""]]))
    staff_plan(plan_dir)
    assert errors_of() == [
        "staff.csv:2:10: staff[S1].protected_birth: a protected_birth date with no protected "
        "status; give the status in the 'protected' column (pregnant, maternity_leave, "
        "adoption_leave or shared_parental_leave), or clear this cell"
    ]


def test_a_status_missing_its_date_names_the_column(plan_dir: PlanDir) -> None:
    plan_dir.write("staff.csv", _csv([["maternity_leave", "2025-01-15", ""], ["", "", ""]]))
    staff_plan(plan_dir)
    assert errors_of() == [
        "staff.csv:2:9: staff[S1].protected: maternity_leave needs leave_start "
        "(in a staff file: protected_leave_start)"
    ]


def test_a_bad_date_is_located_at_its_own_cell(plan_dir: PlanDir) -> None:
    plan_dir.write(
        "staff.csv", _csv([["maternity_leave", "2025-13-15", "2025-01-20"], ["", "", ""]])
    )
    staff_plan(plan_dir)
    [message] = errors_of()
    assert message.startswith("staff.csv:2:10: staff[S1].protected.birth: ")


def test_an_excel_day_number_is_reported_once(plan_dir: PlanDir) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "staff"
    sheet.append(HEADER + EXTRA)
    # 45672 is 15 Jan 2025 as a day number: a cell not formatted as a date
    sheet.append([*ROWS[0], "maternity_leave", 45672, date(2025, 1, 20)])
    book.save(plan_dir.root / "staff.xlsx")
    staff_plan(plan_dir, "staff.xlsx")
    assert errors_of() == [
        "staff.xlsx:2:10: staff[S1].protected_birth: expected an ISO date (YYYY-MM-DD), got the "
        "number 45672; in Excel, format the cell as a date"
    ]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_protected_staff_round_trip(plan_dir: PlanDir, suffix: str) -> None:
    plan_dir.write("staff.csv", _csv(CELLS))
    original = _staff(staff_plan(plan_dir))
    write_table(original, plan_dir.root / f"staff2{suffix}", Staff)
    again = _staff(staff_plan(plan_dir, f"staff2{suffix}"))
    assert again == original
    assert again[0].protected == MATERNITY


def test_a_file_with_no_protected_staff_gets_no_date_columns(plan_dir: PlanDir) -> None:
    plan_dir.write("staff.csv", CSV_TEXT)
    original = _staff(staff_plan(plan_dir))
    write_table(original, plan_dir.root / "staff2.csv", Staff)
    header = (plan_dir.root / "staff2.csv").read_text().splitlines()[0].split(",")
    assert not set(PROTECTED_COLUMNS) & set(header)
    assert PROTECTED_COLUMNS == [
        "protected_informed_of_pregnancy",
        "protected_expected_week",
        "protected_birth",
        "protected_pregnancy_ended",
        "protected_leave_start",
        "protected_leave_end",
        "protected_placement",
        "protected_spl_consecutive_weeks",
    ]


def test_a_misspelt_status_is_echoed_with_the_nearest(plan_dir: PlanDir) -> None:
    plan_dir.write("staff.csv", _csv([["maternity", "2025-01-15", "2025-01-20"], ["", "", ""]]))
    staff_plan(plan_dir)
    assert errors_of() == [
        "staff.csv:2:9: staff[S1].protected.status: expected one of 'pregnant', "
        "'maternity_leave', 'adoption_leave' or 'shared_parental_leave'; got 'maternity' "
        "(did you mean 'maternity_leave'?)"
    ]
