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
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from openpyxl.utils import get_column_letter

from transition_planner.plan.csv_text import Refusal
from transition_planner.plan.input_files import clip

# What a workbook may unpack to; a 50 MiB zip of repeated rows could otherwise fill memory.
MAX_UNPACKED_BYTES = 400 * 1024 * 1024
_CALC = re.compile(rb"<(?:\w+:)?calcPr\b[^>]*>")
_FULL_CALC = re.compile(rb"""\bfullCalcOnLoad\s*=\s*["'](?:1|true)["']""")
_UNHIDE = "(unhide it, or delete it if it is not part of the plan)"
SAVE_VALUES = "open and save it in Excel (or LibreOffice) so the value is saved"


@dataclass
class CellNote:
    """A problem or warning about one cell or range of the sheet (row, column are 1-based)."""

    line: int
    column: int | None
    message: str
    # Other cells the problem covers (the rest of a merge): their values are not read either.
    covers: list[tuple[int, int]] = field(default_factory=list)


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
    max_row, max_col = sheet.max_row, sheet.max_column
    grid: list[list[Any]] = [[None] * max_col for _ in range(max_row)]
    for row in sheet.iter_rows(min_row=1, min_col=1, max_row=max_row, max_col=max_col):
        for cell in row:
            if cell.value is not None and cell.row is not None and cell.column is not None:
                grid[cell.row - 1][cell.column - 1] = cell.value
    result = Sheet(name, [])
    for (r, c), formula in sorted(formulas.items()):
        cached = values.cell(r, c) if values is not None else None
        where = cell_name(name, r, c)
        shown = clip(formula)
        if cached is None or cached.value is None or cached.value == "" or never_calculated:
            result.errors.append(
                CellNote(
                    r, c, f"{where} holds the formula {shown} with no saved value; {SAVE_VALUES}"
                )
            )
            grid[r - 1][c - 1] = None
        elif cached.data_type == "e":
            result.errors.append(
                CellNote(
                    r, c, f"{where}: the formula {shown} gives the error {clip(str(cached.value))}"
                )
            )
            grid[r - 1][c - 1] = None
        else:
            grid[r - 1][c - 1] = cached.value
    if sheet.sheet_state != "visible":
        result.warnings.append(
            CellNote(1, None, f"sheet '{clip(name)}' is hidden in Excel; it is read")
        )
    _merged(sheet, name, grid, result)
    _hidden(sheet, grid, result)
    result.rows = [(i + 1, values_) for i, values_ in enumerate(grid)]
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
            if unpacked <= MAX_UNPACKED_BYTES and "xl/workbook.xml" in package.namelist():
                workbook = package.read("xl/workbook.xml")
            else:
                workbook = b""
    except zipfile.BadZipFile:
        raise Refusal(
            None, None, "not an XLSX workbook (not a zip package); save it from Excel as .xlsx"
        ) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise Refusal(
            None,
            None,
            f"the workbook unpacks to more than {MAX_UNPACKED_BYTES // 2**20} MiB; "
            "remove unused sheets or save the list as CSV UTF-8",
        )
    calc = _CALC.search(workbook)
    return bool(calc and _FULL_CALC.search(calc.group()))


def _choose(sheets: list[Any], key: str, wanted: str | None) -> Any:
    names = ", ".join(f"'{clip(s.title)}'" for s in sheets)
    if wanted is not None:
        exact = [s for s in sheets if s.title == wanted]
        loose = [s for s in sheets if s.title.strip().casefold() == wanted.strip().casefold()]
        if exact or len(loose) == 1:
            return (exact or loose)[0]
        raise Refusal(None, None, f"no sheet named '{clip(wanted)}'; the workbook has {names}")
    named = [s for s in sheets if s.title.strip().casefold() == key]
    if len(named) == 1:
        return named[0]
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
    for row in sheet.iter_rows():
        for cell in row:
            if cell.data_type == "f":
                value = cell.value
                text = value if isinstance(value, str) else str(getattr(value, "text", "") or "")
                found[(cell.row, cell.column)] = text if text.startswith("=") else "=" + text
    return found


def _merged(sheet: Any, name: str, grid: list[list[Any]], result: Sheet) -> None:
    """Merges down one column fill each row with the value (a warning); any other merge in the
    list is an error, since which column or row a value belongs to is a guess."""
    for merged in sorted(sheet.merged_cells.ranges, key=lambda m: (m.min_row, m.min_col)):
        top, left = merged.min_row, merged.min_col
        value = grid[top - 1][left - 1] if top <= len(grid) and left <= len(grid[0]) else None
        ref = f"{sheet_ref(name)}!{merged.coord}"
        if top == 1 or merged.min_col != merged.max_col:
            if top == 1 and merged.max_row == 1 and _title_like(grid):
                continue  # a merged title row: reported as 'the header must be row 1'
            covered = [
                (r, c)
                for r in range(top, merged.max_row + 1)
                for c in range(left, merged.max_col + 1)
                if (r, c) != (top, left)
            ]
            result.errors.append(
                CellNote(
                    top,
                    left,
                    f"cells {ref} are merged across "
                    + ("the header" if top == 1 else "columns")
                    + "; unmerge them so that each column has its own value",
                    covered,
                )
            )
            continue
        shown = "(empty)" if value is None else f"'{clip(_text(value))}'"
        for r in range(top + 1, merged.max_row + 1):
            if r <= len(grid):
                grid[r - 1][left - 1] = value
        result.warnings.append(
            CellNote(
                top,
                left,
                f"cells {ref} are merged; read {shown} for each of rows {top} to {merged.max_row}",
            )
        )


def _title_like(grid: list[list[Any]]) -> bool:
    return bool(grid) and sum(v is not None for v in grid[0]) == 1


def _hidden(sheet: Any, grid: list[list[Any]], result: Sheet) -> None:
    for r, values in enumerate(grid, start=1):
        dims = sheet.row_dimensions.get(r)
        if dims is not None and dims.hidden and any(v is not None for v in values):
            result.warnings.append(
                CellNote(
                    r,
                    None,
                    f"row {r} is hidden in Excel; it is read {_UNHIDE}",
                )
            )
    width = len(grid[0]) if grid else 0
    for dims in sheet.column_dimensions.values():
        if not dims.hidden or not dims.min:
            continue
        for c in range(dims.min, min(dims.max or dims.min, width) + 1):
            if any(row[c - 1] is not None for row in grid):
                result.warnings.append(
                    CellNote(
                        1,
                        c,
                        f"column {get_column_letter(c)} is hidden in Excel; it is read {_UNHIDE}",
                    )
                )


def _text(value: Any) -> str:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
