"""XLSX workbooks people open: human headers, dates as dates, money as money, text as text,
set up to print; the same bytes for the same rows."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal

# Zip entries carry a time stamp; a fixed one keeps the file identical run to run.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
MONEY_FORMAT = '"£"#,##0'
PENCE_FORMAT = '"£"#,##0.00'
DATE_FORMAT = "d mmm yyyy"
INTEGER_FORMAT = "#,##0"
MAX_WIDTH = 60

CellKind = Literal["text", "date", "money", "pence", "integer", "number"]
NUMBER_FORMATS: dict[str, str] = {
    "date": DATE_FORMAT,
    "money": MONEY_FORMAT,
    "pence": PENCE_FORMAT,
    "integer": INTEGER_FORMAT,
}


@dataclass(frozen=True)
class Column:
    """A column: its header as people read it, and how its cells are shown."""

    header: str
    kind: CellKind = "text"


@dataclass(frozen=True)
class Cell:
    """A value shown its own way, in a column of mixed values (an item/value summary)."""

    value: Any
    kind: CellKind


@dataclass(frozen=True)
class Sheet:
    title: str
    columns: Sequence[Column]
    rows: Sequence[Sequence[Any]]
    # A protective marking (e.g. OFFICIAL-SENSITIVE) printed in the page header and footer.
    marking: str | None = None


def workbook_bytes(sheets: Sequence[Sheet], stamp: date) -> bytes:
    """Each sheet with a bold, frozen, filtered header row that repeats on every printed page,
    landscape and fitted to the page width. Text is always stored as text (a string cell), so a
    name such as ``=HYPERLINK(...)`` is shown, never evaluated (CWE-1236)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    book.remove(book.active)
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    for spec in sheets:
        sheet = book.create_sheet(spec.title)
        for c, column in enumerate(spec.columns, start=1):
            cell = sheet.cell(1, c)
            _put(cell, column.header)
            cell.font = bold
        for r, row in enumerate(spec.rows, start=2):
            for c, (column, value) in enumerate(zip(spec.columns, row, strict=True), start=1):
                kind = column.kind
                if isinstance(value, Cell):
                    value, kind = value.value, value.kind
                elif isinstance(value, date):
                    kind = "date"
                cell = sheet.cell(r, c)
                _put(cell, value)
                if value is not None and kind in NUMBER_FORMATS:
                    cell.number_format = NUMBER_FORMATS[kind]
                elif isinstance(value, str) and len(value) > MAX_WIDTH:
                    # Long text wraps in its column instead of running across the page (which
                    # fit-to-width would then shrink to nothing).
                    cell.alignment = wrap
        for c, column in enumerate(spec.columns, start=1):
            width = max([len(column.header), *(_shown_width(r[c - 1]) for r in spec.rows)])
            letter = sheet.cell(1, c).column_letter
            sheet.column_dimensions[letter].width = min(width + 2, MAX_WIDTH)
        _page_setup(sheet, spec)
    when = datetime(stamp.year, stamp.month, stamp.day)
    book.properties.creator = "transition-planner"
    book.properties.created = when
    book.properties.modified = when
    raw = io.BytesIO()
    book.save(raw)
    return normalise_zip(raw.getvalue())


def _put(cell: Any, value: Any) -> None:
    """Write ``value``: numbers and dates as themselves, anything else as a string cell."""
    if value is None:
        return
    if isinstance(value, bool):
        cell.value = "yes" if value else "no"
    elif isinstance(value, Decimal):
        cell.value = float(value)
        return
    elif isinstance(value, (int, float, date)):
        cell.value = value
        return
    else:
        cell.value = str(value)
    # openpyxl stores a str beginning with "=" as a formula; force it back to a string cell.
    cell.data_type = "s"


def _shown_width(value: Any) -> int:
    if isinstance(value, Cell):
        value = value.value
    if value is None:
        return 0
    if isinstance(value, date):
        return 11
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return len(f"£{value:,.2f}")
    return max((len(line) for line in str(value).splitlines()), default=0)


def _page_setup(sheet: Any, spec: Sheet) -> None:
    last = sheet.cell(1, max(1, len(spec.columns))).column_letter
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{last}{max(1, len(spec.rows) + 1)}"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    if spec.marking:
        sheet.oddHeader.center.text = spec.marking
        sheet.oddFooter.center.text = spec.marking
    sheet.oddFooter.right.text = "Page &P of &N"


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
