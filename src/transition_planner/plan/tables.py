"""People, staff and carers lists in CSV or XLSX files beside the plan: read with row numbers,
written back.

A list cell (requires, preferred) holds values separated by ';'. Booleans read yes/no, true/false,
y/n or 1/0. An empty cell means the field's default. A spreadsheet number in any column but an
amount is read as the text it shows (payroll number 100231, grade 10), so XLSX and CSV agree.
"""

from __future__ import annotations

import csv
import os
import re
import tempfile
import typing
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from transition_planner.errors import Diagnostic, OutputError
from transition_planner.plan.csv_text import Refusal, csv_rows, decode, other_separator
from transition_planner.plan.input_files import InputRefused, clip, read_input
from transition_planner.plan.models import Carer, Person, Protected, Staff
from transition_planner.plan.source import Location, PathKey, SourceMap
from transition_planner.plan.values import Duration
from transition_planner.plan.xlsx_sheet import Sheet, read_sheet
from transition_planner.suggest import did_you_mean

MAX_TABLE_BYTES = 50 * 1024 * 1024
LIST_SEPARATOR = ";"
_XLSX = {".xlsx", ".xlsm"}
_TRUE = {"yes", "y", "true", "1"}
_FALSE = {"no", "n", "false", "0"}


def _columns(model: type[BaseModel]) -> list[str]:
    return list(model.model_fields)


def _required(model: type[BaseModel]) -> list[str]:
    return [name for name, f in model.model_fields.items() if f.is_required()]


PEOPLE_COLUMNS = _columns(Person)
STAFF_COLUMNS = _columns(Staff)
CARER_COLUMNS = _columns(Carer)
# the plan key that may name a file -> the record each row is
TABLE_MODELS: dict[str, type[BaseModel]] = {"people": Person, "staff": Staff, "carers": Carer}
# A staff table cannot nest the ``protected`` record: its ``protected`` column holds the status,
# and each of the record's dates has a column of its own, ``protected_<key>``.
PROTECTED_PREFIX = "protected_"
PROTECTED_COLUMNS = [PROTECTED_PREFIX + name for name in _columns(Protected) if name != "status"]
_LIST_FIELDS = {"requires", "preferred"}
_BOOL_FIELDS = {"carer", "eligible", "pension_member"}


def _kind_fields(model: type[BaseModel], kind: type) -> set[str]:
    def is_kind(tp: Any) -> bool:
        if tp is kind:
            return True
        if typing.get_origin(tp) is typing.Annotated:
            return is_kind(typing.get_args(tp)[0])
        return any(is_kind(a) for a in typing.get_args(tp) if typing.get_origin(tp) is not list)

    return {name for name, f in model.model_fields.items() if is_kind(f.annotation)}


# Spreadsheet numbers are kept as numbers only where the model wants an amount; elsewhere
# (ids, payroll numbers, grade, group) they are the text the cell shows, as in a CSV file.
_NUMBER_FIELDS = _kind_fields(Person, Decimal) | _kind_fields(Staff, Decimal)
_DATE_FIELDS = (
    _kind_fields(Person, date)
    | _kind_fields(Staff, date)
    | {PROTECTED_PREFIX + name for name in _kind_fields(Protected, date)}
)
# Validation reads a number as seconds since 1970 for a date (86400 -> 1970-01-02).
_NUMBER = re.compile(r"^[+-]?\d+(\.\d*)?$")


def _number_text(value: int | float) -> str:
    """100231 -> '100231', 10.0 -> '10', 10.5 -> '10.5': what the cell shows by default."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return repr(value) if isinstance(value, float) else str(value)


def _cell_value(column: str, raw: Any) -> Any:
    """Turn a cell into what the model expects; leave odd values for validation to report."""
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, (date, bool)):
        return raw
    if isinstance(raw, (int, float)):
        if column in _NUMBER_FIELDS:
            return raw
        raw = _number_text(raw)
    text = str(raw).strip()
    if column in _LIST_FIELDS:
        return [part.strip() for part in text.split(LIST_SEPARATOR) if part.strip()]
    if column in _BOOL_FIELDS:
        low = text.lower()
        if low in _TRUE:
            return True
        if low in _FALSE:
            return False
    return text


@dataclass
class TableRead:
    """A people, staff or carers file read: records for validation, what is wrong, how it was
    read."""

    records: list[dict[str, Any]] = field(default_factory=list)
    errors: list[Diagnostic] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)
    # e.g. "people.csv (Windows-1252)" or "staff.xlsx, sheet 'staff'", for the summary.
    description: str | None = None
    # The bytes parsed, so that the plan's digest covers exactly what was read.
    data: bytes | None = None
    # Cells already reported here, whose validation errors would only repeat the problem.
    reported: set[PathKey] = field(default_factory=set)


def split_sheet(name: str) -> tuple[str, str | None]:
    """``staff.xlsx#Staff list`` -> (``staff.xlsx``, ``Staff list``); other names unchanged."""
    file, sep, sheet = name.rpartition("#")
    if sep and Path(file).suffix.lower() in _XLSX:
        return file, sheet
    return name, None


def read_table(
    path: Path, display: str, key: str, source: SourceMap, *, sheet: str | None = None
) -> TableRead:
    """Read a people, staff or carers file into records for validation, each cell mapped to its
    row.

    ``key`` is the plan key (a key of ``TABLE_MODELS``); problems name the file and row. CSV is
    read as UTF-8, UTF-16 or Windows-1252 (see csv_text); XLSX from the sheet ``sheet``, else
    the one named ``key``, else the only one (see xlsx_sheet).
    """
    model = TABLE_MODELS[key]
    known = _columns(model) + (PROTECTED_COLUMNS if model is Staff else [])
    out = TableRead()

    def problem(line: int | None, col: int | None, path_: str, msg: str) -> None:
        out.errors.append(Diagnostic(display, line, col, path_, msg))

    def refused(msg: str) -> None:
        # A file that cannot be read at all is located at the plan's key that names it.
        where = source.find((key,))
        out.errors.append(
            Diagnostic(where.file, where.line, where.column, key, f"{display}: {msg}")
        )

    suffix = path.suffix.lower()
    if suffix not in {".csv", *_XLSX}:
        refused("expected a .csv or .xlsx file")
        return out
    try:
        out.data = read_input(path, MAX_TABLE_BYTES).data
    except InputRefused as exc:
        refused(exc.message)
        return out
    xlsx: Sheet | None = None
    try:
        if suffix in _XLSX:
            xlsx = read_sheet(out.data, key, sheet)
            rows = xlsx.rows
            out.description = f"{display}, sheet '{clip(xlsx.name)}'"
        else:
            text, encoding = decode(out.data)
            rows = csv_rows(text)
            out.description = f"{display} ({encoding})"
    except Refusal as exc:
        problem(exc.line, exc.column, key, exc.message)
        return out
    except Exception as exc:  # openpyxl raises zipfile, XML and key errors for corrupt files
        problem(None, None, key, f"cannot read the file as a spreadsheet: {clip(str(exc), 60)}")
        return out
    cell_errors: dict[tuple[int, int | None], str] = {}
    covered: list[tuple[int, int, int, int]] = []  # merges already reported
    if xlsx is not None:
        for note in xlsx.warnings:
            out.warnings.append(
                Diagnostic(display, note.line, note.column, key, note.message, "warning")
            )
        for note in xlsx.errors:
            cell_errors[(note.line, note.column)] = note.message
            if note.covers is not None:
                covered.append(note.covers)
    if not rows or all(_blank(row) for _, row in rows):
        problem(1, None, key, f"the file is empty; expected a header row with {', '.join(known)}")
        return out
    refusal = header_problem(rows, known, xlsx is not None)
    if refusal is not None:
        problem(refusal.line, refusal.column, key, refusal.message)
        return out
    header = ["" if c is None else _text(c).strip() for c in rows[0][1]]
    missing = [c for c in _required(model) if c not in header]
    if missing:
        problem(1, None, key, f"missing column(s): {', '.join(missing)}")
    for i, name in enumerate(header):
        if name and name not in known:
            problem(1, i + 1, key, f"unknown column '{clip(name)}'{did_you_mean(name, known)}")
        elif name and header.index(name) != i:
            problem(1, i + 1, key, f"column '{name}' appears twice")
    for (line, col), message in sorted(
        cell_errors.items(), key=lambda item: (item[0][0], item[0][1] or 0)
    ):
        if line == 1 and message:
            problem(line, col, key, message)
    if missing:
        return out
    for line, row in rows[1:]:
        if _blank(row):
            for col in range(1, len(row) + 1):
                if cell_errors.get((line, col)):
                    problem(line, col, key, cell_errors[(line, col)])
            continue
        index = len(out.records)
        source.add((key, index), Location(display, line, 1))
        record: dict[str, Any] = {}
        flagged: list[tuple[int, str, str]] = []
        for col, raw in enumerate(row):
            name = header[col] if col < len(header) else ""
            cell_error = cell_errors.get((line, col + 1))
            if cell_error is None and any(
                top <= line <= bottom and left <= col + 1 <= right
                for top, left, bottom, right in covered
            ):
                cell_error = ""  # inside a merge reported at its first cell
            if cell_error is not None:
                flagged.append((col + 1, name, cell_error))
                if name in known:
                    out.reported.add((key, index, name))
                continue
            if raw is None or (isinstance(raw, str) and raw.strip() == ""):
                continue
            if not name:
                if col < len(header):
                    problem(
                        line,
                        col + 1,
                        f"{key}[{index}]",
                        "a value in a column with no name in row 1",
                    )
                continue
            if name not in known:
                continue
            value = _cell_value(name, raw)
            if name in _DATE_FIELDS and isinstance(value, str) and _NUMBER.match(value):
                message = (
                    f"expected an ISO date (YYYY-MM-DD), got the number {clip(value)}; "
                    "in Excel, format the cell as a date"
                )
                flagged.append((col + 1, name, message))
                out.reported.add((key, index, name))
                continue
            record[name] = value
            source.add((key, index, name), Location(display, line, col + 1))
        label = record.get("id")
        label = label if isinstance(label, str) and label else index
        if model is Staff:
            lost = _nest_protected(record, source, (key, index), out.reported)
            if lost is not None:
                problem(
                    source.find((key, index, lost)).line,
                    source.find((key, index, lost)).column,
                    f"{key}[{label}].{lost}",
                    f"a {lost} date with no protected status; give the status in the "
                    "'protected' column (pregnant, maternity_leave, adoption_leave or "
                    "shared_parental_leave), or clear this cell",
                )
        for col, name, message in flagged:
            if not message:
                continue
            where = f"{key}[{label}]" + (f".{name}" if name in known else "")
            problem(line, col, where, message)
        if len(row) > len(header) and any(
            str(c).strip() for c in row[len(header) :] if c is not None
        ):
            problem(line, len(header) + 1, f"{key}[{index}]", "more cells than header columns")
        out.records.append(record)
    return out


def _nest_protected(
    record: dict[str, Any], source: SourceMap, at: PathKey, reported: set[PathKey]
) -> str | None:
    """Fold the ``protected_<key>`` cells into ``record["protected"]`` (the status cell) so
    that they validate, and are located, as the YAML ``protected: {status, <key>: ...}``.
    The first such column given without a status is returned (nothing is folded then)."""
    given = [name for name in PROTECTED_COLUMNS if name in record]
    if any((*at, name) in reported for name in PROTECTED_COLUMNS):
        # a date cell already refused: the record's own checks would only repeat it
        reported.add((*at, "protected"))
    if "protected" not in record:
        for name in given:
            del record[name]
        if (*at, "protected") in reported:
            return None
        return given[0] if given else None
    nested: dict[str, Any] = {"status": record["protected"]}
    status_at = source.find((*at, "protected"))
    source.add((*at, "protected", "status"), status_at)
    for name in given:
        field_name = name.removeprefix(PROTECTED_PREFIX)
        nested[field_name] = record.pop(name)
        source.add((*at, "protected", field_name), source.find((*at, name)))
    record["protected"] = nested
    return None


_HEADER_SEARCH_ROWS = 20


def _blank(row: list[Any]) -> bool:
    return all(c is None or str(c).strip() == "" for c in row)


def _text(value: Any) -> str:
    return (
        _number_text(value)
        if isinstance(value, (int, float)) and not isinstance(value, bool)
        else str(value)
    )


def _looks_like_header(row: list[Any], known: list[str]) -> bool:
    names = {_text(c).strip() for c in row if c is not None}
    return len(names & set(known)) >= 2


def header_problem(
    rows: list[tuple[int, list[Any]]], known: list[str], xlsx: bool
) -> Refusal | None:
    """Why row 1 is not the header, when it plainly is not: another separator, rows above."""
    for line, row in rows[:_HEADER_SEARCH_ROWS]:
        separator = other_separator(row, known)
        if separator is None:
            continue
        if xlsx:
            return Refusal(
                line,
                1,
                f"the column names are all in one cell, separated by {separator}; split them "
                "into columns (Excel: Data > Text to Columns)",
            )
        return Refusal(
            line,
            None,
            f"this file is separated by {separator}, not commas (as Excel saves CSV where "
            "decimals are written 782,50); save it with commas, as CSV UTF-8, or as .xlsx",
        )
    first_line, first = rows[0]
    if _looks_like_header(first, known):
        return None
    found = next(
        (line for line, row in rows[1:_HEADER_SEARCH_ROWS] if _looks_like_header(row, known)), None
    )
    if _blank(first):
        what = f"row {first_line} is empty"
    else:
        title = next(_text(c).strip() for c in first if c is not None and str(c).strip())
        what = f"row {first_line} holds '{clip(title)}', not column names"
    if found is None:
        if _blank(first):
            return Refusal(first_line, None, f"{what}; the header (column names) must be row 1")
        return None
    return Refusal(
        first_line,
        None,
        f"{what}; the header must be row 1; found what looks like the header on row {found} "
        "(delete the rows above it)",
    )


def _export(value: Any) -> Any:
    if isinstance(value, list):
        return LIST_SEPARATOR.join(str(_export(v)) for v in value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, Duration):
        return str(value)
    return value


def _table_value(record: BaseModel, column: str) -> Any:
    """A record's cell: the protected record is spread over its status and date columns."""
    if column == "protected" or column.startswith(PROTECTED_PREFIX):
        protected = getattr(record, "protected", None)
        if protected is None:
            return None
        if column == "protected":
            return protected.status
        value = getattr(protected, column.removeprefix(PROTECTED_PREFIX))
        return None if value in (None, 0) else value
    return getattr(record, column)


def write_table(records: Sequence[BaseModel], path: Path, model: type[BaseModel]) -> None:
    """Write people, staff or carers to CSV or XLSX, whole or not at all (temp file, then
    rename)."""
    columns = _columns(model)
    if model is Staff and any(getattr(r, "protected", None) for r in records):
        columns += PROTECTED_COLUMNS
    rows = [[_export(_table_value(r, c)) for c in columns] for r in records]
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        if path.suffix.lower() == ".xlsx":
            from openpyxl import Workbook

            book = Workbook()
            sheet = book.active
            sheet.title = next(key for key, kind in TABLE_MODELS.items() if kind is model)
            sheet.append(columns)
            for row in rows:
                sheet.append([None if v is None or v == "" else v for v in row])
            book.save(tmp)
        else:
            with tmp.open("w", newline="", encoding="utf-8") as handle:
                writer = csv.writer(handle, lineterminator="\n")
                writer.writerow(columns)
                for row in rows:
                    writer.writerow(["" if v is None else v for v in row])
        tmp.replace(path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise OutputError(f"{path}: cannot write: {exc.strerror}") from exc
