"""One sheet of an XLSX workbook -> rows of cell values, with what a glance at Excel would hide.

The workbook is loaded in openpyxl's normal mode, never read-only mode: read-only mode trusts the
sheet's ``<dimension>`` record, which some writers leave stale (``A1:A1``) so that columns vanish,
and it cannot see merged cells or hidden rows. It is loaded twice when the sheet holds formulas:
once for the formulas, once for the values last saved with them.
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from openpyxl.utils import get_column_letter, range_boundaries

from transition_planner.plan.csv_text import Refusal
from transition_planner.plan.input_files import clip

# What a workbook may unpack to; a 50 MiB zip of repeated rows could otherwise fill memory.
MAX_UNPACKED_BYTES = 400 * 1024 * 1024
MAX_MERGED_CELLS = 100_000
_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\s[^>]*?\bref\s*=\s*[\"']([^\"']+)[\"']")
_CALC = re.compile(rb"<(?:\w+:)?calcPr\b[^>]*>")
_FULL_CALC = re.compile(rb"""\bfullCalcOnLoad\s*=\s*["'](?:1|true)["']""")
_ZERO_PADDED = re.compile(r"^(0{2,})$")
_UNHIDE = "(unhide it, or delete it if it is not part of the plan)"
SAVE_VALUES = "open and save it in Excel (or LibreOffice) so the value is saved"


@dataclass
class CellNote:
    """A problem or warning about one cell or range of the sheet (row, column are 1-based)."""

    line: int
    column: int | None
    message: str
    # The range (top, left, bottom, right) a problem covers (a merge): no cell in it is read.
    covers: tuple[int, int, int, int] | None = None


@dataclass
class Sheet:
    """The cells of the sheet read, by row, and what the reader must report about them."""

    name: str
    rows: list[tuple[int, list[Any]]]
    errors: list[CellNote] = field(default_factory=list)
    warnings: list[CellNote] = field(default_factory=list)


def sheet_ref(sheet: str) -> str:
    """A sheet name as Excel writes it in references: ``staff``, ``'Staff list'``."""
    return sheet if sheet.replace("_", "").isalnum() else "'" + sheet.replace("'", "''") + "'"


def cell_name(sheet: str, row: int, column: int) -> str:
    """``staff!E3``, the name Excel shows for a cell."""
    return f"{sheet_ref(sheet)}!{get_column_letter(column)}{row}"


def read_sheet(data: bytes, key: str, wanted: str | None) -> Sheet:
    """Read the sheet named ``wanted`` (from ``file.xlsx#Sheet``), else the one named like ``key``
    (``people``, ``staff``), else the only sheet; raise Refusal if none of these is clear."""
    from openpyxl import load_workbook

    never_calculated = _check_package(data)
    with warnings.catch_warnings():
        # openpyxl warns about extensions it drops (data validation, conditional formats).
        warnings.simplefilter("ignore")
        book = load_workbook(io.BytesIO(data), data_only=False)
        sheet = _choose(book.worksheets, key, wanted)
        name = sheet.title
        formulas = _formula_cells(sheet)
        values = None
        if formulas:
            values = load_workbook(io.BytesIO(data), data_only=True)[name]
    # Only cells that hold something: a formatted cell at XFD1048576 must not make a grid.
    cells: dict[tuple[int, int], Any] = {
        at: _shown_value(cell.value, cell.number_format)
        for at, cell in sheet._cells.items()
        if cell.value is not None
    }
    result = Sheet(name, [])
    for (r, c), formula in sorted(formulas.items()):
        cached = values.cell(r, c) if values is not None else None
        where = cell_name(name, r, c)
        shown = clip(formula)
        cells.pop((r, c), None)
        if cached is None or cached.value is None or cached.value == "" or never_calculated:
            message = f"{where} holds the formula {shown} with no saved value; {SAVE_VALUES}"
            result.errors.append(CellNote(r, c, message))
        elif cached.data_type == "e":
            message = f"{where}: the formula {shown} gives the error {clip(str(cached.value))}"
            result.errors.append(CellNote(r, c, message))
        else:
            cells[(r, c)] = _shown_value(cached.value, sheet._cells[(r, c)].number_format)
    if sheet.sheet_state != "visible":
        result.warnings.append(
            CellNote(1, None, f"sheet '{clip(name)}' is hidden in Excel; it is read")
        )
    _merged(sheet, name, cells, result)
    _hidden(sheet, cells, result)
    widths: dict[int, int] = {1: 0}
    # Cells with a problem stay in their rows, so that the problem is reported with its record.
    for r, c in [*cells, *((n.line, n.column or 1) for n in result.errors)]:
        widths[r] = max(widths.get(r, 0), c)
    for r, width in sorted(widths.items()):
        row: list[Any] = [None] * width
        for c in range(1, width + 1):
            row[c - 1] = cells.get((r, c))
        result.rows.append((r, row))
    return result


def _check_package(data: bytes) -> bool:
    """Refuse what is no workbook or unpacks too large; say whether it was never calculated.

    Writers that cannot calculate (openpyxl, XlsxWriter) set ``fullCalcOnLoad`` so that Excel
    recalculates on opening; any value they stored with a formula is a placeholder (XlsxWriter
    stores 0). openpyxl reports the flag as set when it is absent, so the XML is read here.
    """
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise Refusal(
            None,
            None,
            "this is an old-format .xls workbook or a password-protected one; save it as "
            ".xlsx without a password (or as CSV UTF-8)",
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            unpacked = sum(info.file_size for info in package.infolist())
            if unpacked > MAX_UNPACKED_BYTES:
                raise Refusal(
                    None,
                    None,
                    f"the workbook unpacks to more than {MAX_UNPACKED_BYTES // 2**20} MiB; "
                    "remove unused sheets or save the list as CSV UTF-8",
                )
            names = package.namelist()
            workbook = package.read("xl/workbook.xml") if "xl/workbook.xml" in names else b""
            for member in names:
                if member.startswith("xl/worksheets/") and member.endswith(".xml"):
                    _check_merges(package.read(member))
    except zipfile.BadZipFile:
        raise Refusal(
            None, None, "not an XLSX workbook (not a zip package); save it from Excel as .xlsx"
        ) from None
    calc = _CALC.search(workbook)
    return bool(calc and _FULL_CALC.search(calc.group()))


def _check_merges(xml: bytes) -> None:
    # openpyxl makes an object for every cell of a merge while loading: a merge of a whole
    # sheet (17 billion cells) would never finish, so large merges are refused first.
    for ref in _MERGE.findall(xml):
        try:
            left, top, right, bottom = range_boundaries(ref.decode("ascii", "replace"))
        except (ValueError, TypeError):
            continue
        if None in (left, top, right, bottom):
            continue
        area = (right - left + 1) * (bottom - top + 1)
        if area > MAX_MERGED_CELLS:
            raise Refusal(
                top,
                left,
                f"cells {clip(ref.decode('ascii', 'replace'))} are merged ({area:,} cells); "
                "unmerge them so that each column has its own value",
            )


def _choose(sheets: list[Any], key: str, wanted: str | None) -> Any:
    names = ", ".join(f"'{clip(s.title)}'" for s in sheets)
    if wanted is not None:
        # Exact, then ignoring spaces around it, then case too: the first match that is unique.
        tiers: list[Callable[[str], str]] = [
            lambda t: t,
            lambda t: t.strip(),
            lambda t: t.strip().casefold(),
        ]
        for norm in tiers:
            found = [s for s in sheets if norm(s.title) == norm(wanted)]
            if len(found) == 1:
                return found[0]
        raise Refusal(None, None, f"no sheet named '{clip(wanted)}'; the workbook has {names}")
    named = [s for s in sheets if s.title.strip().casefold() == key]
    if len(named) == 1:
        return named[0]
    if named:
        listed = ", ".join(f"'{clip(s.title)}'" for s in named)
        raise Refusal(
            None,
            None,
            f"sheets {listed} are all named like '{key}'; give one in the plan as "
            f"{key}: FILE.xlsx#SHEET",
        )
    if len(sheets) == 1:
        return sheets[0]
    raise Refusal(
        None,
        None,
        f"the workbook has sheets {names} and none is named '{key}'; name the sheet '{key}' "
        f"or give it in the plan as {key}: FILE.xlsx#SHEET",
    )


def _formula_cells(sheet: Any) -> dict[tuple[int, int], str]:
    found: dict[tuple[int, int], str] = {}
    for at, cell in sheet._cells.items():
        if cell.data_type == "f":
            value = cell.value
            text = value if isinstance(value, str) else str(getattr(value, "text", "") or "")
            found[at] = text if text.startswith("=") else "=" + text
    return found


def _merged(sheet: Any, name: str, cells: dict[tuple[int, int], Any], result: Sheet) -> None:
    """Merges down one column fill each row with the value (a warning); any other merge in the
    list is an error, since which column or row a value belongs to is a guess."""
    for merged in sorted(sheet.merged_cells.ranges, key=lambda m: (m.min_row, m.min_col)):
        top, left = merged.min_row, merged.min_col
        value = cells.get((top, left))
        ref = f"{sheet_ref(name)}!{merged.coord}"
        if top == 1 or merged.min_col != merged.max_col:
            if top == 1 and merged.max_row == 1 and _title_like(cells):
                continue  # a merged title row: reported as 'the header must be row 1'
            result.errors.append(
                CellNote(
                    top,
                    left,
                    f"cells {ref} are merged across "
                    + ("the header" if top == 1 else "columns")
                    + "; unmerge them so that each column has its own value",
                    (top, left, merged.max_row, merged.max_col),
                )
            )
            continue
        shown = "(empty)" if value is None else f"'{clip(_text(value))}'"
        if value is not None:
            for r in range(top + 1, merged.max_row + 1):
                cells[(r, left)] = value
        result.warnings.append(
            CellNote(
                top,
                left,
                f"cells {ref} are merged; read {shown} for each of rows {top} to {merged.max_row}",
            )
        )


def _title_like(cells: dict[tuple[int, int], Any]) -> bool:
    return sum(r == 1 for r, _ in cells) == 1


def _hidden(sheet: Any, cells: dict[tuple[int, int], Any], result: Sheet) -> None:
    rows = {r for r, _ in cells}
    for r in sorted(rows):
        dims = sheet.row_dimensions.get(r)
        if dims is not None and dims.hidden:
            message = f"row {r} is hidden in Excel; it is read {_UNHIDE}"
            result.warnings.append(CellNote(r, None, message))
    columns = {c for _, c in cells}
    for dims in sheet.column_dimensions.values():
        if not dims.hidden or not dims.min:
            continue
        for c in sorted(columns):
            if dims.min <= c <= (dims.max or dims.min):
                message = f"column {get_column_letter(c)} is hidden in Excel; it is read {_UNHIDE}"
                result.warnings.append(CellNote(1, c, message))


def _shown_value(value: Any, number_format: str) -> Any:
    """A whole number formatted with leading zeros (payroll 004512, format 000000) as shown."""
    zeros = _ZERO_PADDED.match(number_format or "")
    number = isinstance(value, (int, float)) and not isinstance(value, bool)
    if zeros and number and float(value).is_integer() and value >= 0:
        return str(int(value)).zfill(len(zeros.group(1)))
    return value


def _text(value: Any) -> str:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
