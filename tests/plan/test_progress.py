"""Reading a progress file: each mistake reported once, located, and nothing misread."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from tests.data.plans import STAFF_PLAN
from tests.data.progress import SIX_PLAN
from transition_planner.errors import PlanError
from transition_planner.plan.load import load_plan
from transition_planner.plan.models import Plan
from transition_planner.plan.progress import read_progress

HEADER = "step,status,start,finish,remaining,outcome,note\n"


@pytest.fixture
def plan(tmp_path: Path) -> Plan:
    path = tmp_path / "plan.yaml"
    path.write_text(SIX_PLAN)
    return load_plan(path).plan


def problems(path: Path, plan: Plan) -> list[str]:
    with pytest.raises(PlanError) as caught:
        read_progress(path, plan, "p.csv" if path.suffix == ".csv" else "p.xlsx")
    return [d.render() for d in caught.value.diagnostics]


def test_as_of_twice_keeps_the_first_date(tmp_path: Path, plan: Plan) -> None:
    # Checked against the second date (18 April), the review expected to finish on 13 April
    # would be reported as well: one mistake must give one problem.
    path = tmp_path / "p.csv"
    path.write_text(
        HEADER + "as_of,,2016-04-11\nas_of,,2016-04-18\nreview:P1,started,2016-04-01,2016-04-13\n"
    )
    assert problems(path, plan) == ["p.csv:3:1: as_of: as_of given twice (first on row 2)"]


def test_unreadable_dates_are_reported_once(tmp_path: Path, plan: Plan) -> None:
    path = tmp_path / "p.csv"
    path.write_text(
        HEADER + "as_of,,11/04/2016\n"
        "review:P1,done,2016-02-30,2016-03-14\n"
        "review:P2,done,42444,2016-03-28\n"
        "review:P3,started,2016-03-31,,3x\n"
    )
    assert problems(path, plan) == [
        "p.csv:2:3: start: expected an ISO date (YYYY-MM-DD), got '11/04/2016'",
        "p.csv:3:3: start: expected an ISO date (YYYY-MM-DD), got '2016-02-30'",
        "p.csv:4:3: start: expected an ISO date (YYYY-MM-DD), got the number 42444; "
        "in Excel, format the cell as a date",
        "p.csv:5:5: review:P3: remaining: expected a duration such as '3d', '2w' or '1m', got '3x'",
    ]


def test_a_column_given_twice_is_refused(tmp_path: Path, plan: Plan) -> None:
    # Read as it was, the empty second 'finish' column silently replaced the first.
    path = tmp_path / "p.csv"
    path.write_text(
        "step,status,start,finish,finish\nas_of,,2016-04-11,,\n"
        "review:P1,done,2016-03-01,2016-03-14,\n"
    )
    assert problems(path, plan) == ["p.csv:1:5: column 'finish' appears twice (first in column 4)"]


def _workbook(path: Path, rows: list[list[object]]) -> Workbook:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "progress"
    for row in rows:
        sheet.append(row)
    return book


def test_xlsx_formula_never_calculated_is_located_not_read_as_blank(
    tmp_path: Path, plan: Plan
) -> None:
    # openpyxl writes a formula with no saved value: it was read as an empty finish ("done
    # needs its actual start and finish"), or, in the as_of row, crashed the check.
    path = tmp_path / "p.xlsx"
    book = _workbook(
        path,
        [
            ["step", "status", "start", "finish"],
            ["as_of", None, date(2016, 4, 11)],
            ["review:P1", "done", date(2016, 3, 1), "=C3+13"],
        ],
    )
    book.save(path)
    assert problems(path, plan) == [
        "p.xlsx:3:4: progress!D3 holds the formula =C3+13 with no saved value; open and save "
        "it in Excel (or LibreOffice) so the value is saved"
    ]


def test_xlsx_hidden_row_is_a_warning(tmp_path: Path, plan: Plan) -> None:
    path = tmp_path / "p.xlsx"
    book = _workbook(
        path,
        [
            ["step", "status", "start", "finish"],
            ["as_of", None, date(2016, 4, 11)],
            ["review:P1", "done", date(2016, 3, 1), date(2016, 3, 14)],
        ],
    )
    book.active.row_dimensions[3].hidden = True  # type: ignore[union-attr]
    book.save(path)
    progress = read_progress(path, plan, "p.xlsx")
    assert progress.as_of == date(2016, 4, 11)
    assert [f.step for f in progress.facts] == ["review:P1"]
    assert [w.render() for w in progress.warnings] == [
        "p.xlsx:3: warning: row 3 is hidden in Excel; it is read (unhide it, or delete it if "
        "it is not part of the plan)"
    ]


def test_semicolons_and_a_title_row_are_named_once(tmp_path: Path, plan: Plan) -> None:
    # Each gave two lines: "missing column(s): step, status" and "unknown column '...'".
    path = tmp_path / "p.csv"
    path.write_text("step;status;start\nas_of;;2016-04-11\n")
    assert problems(path, plan) == [
        "p.csv:1: this file is separated by ';', not commas (as Excel saves CSV where decimals "
        "are written 782,50); save it with commas, as CSV UTF-8, or as .xlsx"
    ]
    path.write_text("Progress at week 15\n" + HEADER + "as_of,,2016-04-11\n")
    assert problems(path, plan) == [
        "p.csv:1: row 1 holds 'Progress at week 15', not column names; the header must be row "
        "1; found what looks like the header on row 2 (delete the rows above it)"
    ]


def test_staff_cannot_be_recorded_as_left(tmp_path: Path) -> None:
    # 'left' is for people who use the services (moved away, died); a member of staff leaves
    # through the HR chain, so the row names the steps to record instead of a "did you mean"
    path = tmp_path / "plan.yaml"
    path.write_text(STAFF_PLAN)
    staffed = load_plan(path).plan
    progress = tmp_path / "p.csv"
    progress.write_text(HEADER + "as_of,,2016-03-07\nS3,left\n")
    assert problems(progress, staffed) == [
        "p.csv:3:2: S3: 'left' is for people who use the services; S3 is staff: record their "
        "steps (notice:S3, leave:S3) instead"
    ]
