"""XLSX workbooks with dates as dates and money as money, the same bytes for the same rows."""

from __future__ import annotations

import io
import re
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


_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")
_CREATED = re.compile(rb"<dcterms:created[^>]*>([^<]*)</dcterms:created>")


def normalise_zip(data: bytes) -> bytes:
    """Fixed zip time stamps, and the 'modified' property (openpyxl sets it to now on save)
    set to the 'created' one, so the same workbook gives the same bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml" and (found := _CREATED.search(content)):
                content = _MODIFIED.sub(lambda m: m.group(1) + found.group(1) + m.group(2), content)
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, content)
    return out.getvalue()
