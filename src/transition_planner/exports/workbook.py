"""XLSX workbooks with dates as dates and money as money, the same bytes for the same rows."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

# Zip entries carry a time stamp; a fixed one keeps the file identical run to run.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
MONEY_FORMAT = '"£"#,##0.00'
DATE_FORMAT = "yyyy-mm-dd"


@dataclass(frozen=True)
class Sheet:
    title: str
    columns: Sequence[str]
    rows: Sequence[Sequence[Any]]
    money: frozenset[str] = field(default_factory=frozenset)


def workbook_bytes(sheets: Sequence[Sheet], stamp: date) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for spec in sheets:
        sheet = book.create_sheet(spec.title)
        sheet.append(list(spec.columns))
        money_cols = {i for i, c in enumerate(spec.columns) if c in spec.money}
        for row in spec.rows:
            sheet.append(list(row))
        for cells in sheet.iter_rows(min_row=2):
            for i, cell in enumerate(cells):
                if i in money_cols:
                    cell.number_format = MONEY_FORMAT
                elif isinstance(cell.value, (date, datetime)):
                    cell.number_format = DATE_FORMAT
        for i, name in enumerate(spec.columns):
            width = max([len(str(name)), *(len(str(r[i])) for r in spec.rows if r[i] is not None)])
            sheet.column_dimensions[sheet.cell(1, i + 1).column_letter].width = min(width + 2, 60)
        sheet.freeze_panes = "A2"
    when = datetime(stamp.year, stamp.month, stamp.day)
    book.properties.creator = "transition-planner"
    book.properties.created = when
    book.properties.modified = when
    raw = io.BytesIO()
    book.save(raw)
    return normalise_zip(raw.getvalue())


def normalise_zip(data: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()
