"""Workbooks: dates as dates, money as money, and no clock in the bytes."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path

from openpyxl import load_workbook

from transition_planner.exports.workbook import Sheet, workbook_bytes


def test_workbook_types_and_fixed_metadata() -> None:
    data = workbook_bytes(
        [Sheet("costs", ["when", "amount"], [[date(2016, 5, 31), 99000.5]], frozenset({"amount"}))],
        date(2016, 3, 10),
    )
    core = zipfile.ZipFile(io.BytesIO(data)).read("docProps/core.xml").decode()
    # openpyxl stamps 'modified' with the time of saving; it must not reach the file.
    assert "<dcterms:modified" in core
    assert core.count("2016-03-10T00:00:00Z") == 2
    assert {i.date_time for i in zipfile.ZipFile(io.BytesIO(data)).infolist()} == {
        (1980, 1, 1, 0, 0, 0)
    }
    sheet = load_workbook(io.BytesIO(data))["costs"]
    assert sheet["A2"].value.date() == date(2016, 5, 31)
    assert sheet["A2"].number_format == "yyyy-mm-dd"
    assert sheet["B2"].number_format == '"£"#,##0.00'


def test_outputs_get_the_usual_permissions(tmp_path: Path) -> None:
    import os

    from transition_planner.exports.atomic import write_files

    mask = os.umask(0o022)
    try:
        (path,) = write_files(tmp_path / "out", {"a.txt": b"x"})
    finally:
        os.umask(mask)
    assert path.stat().st_mode & 0o777 == 0o644
