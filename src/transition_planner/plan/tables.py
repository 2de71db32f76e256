"""People and staff lists in CSV or XLSX files beside the plan: read with row numbers, written back.

A list cell (requires, preferred) holds values separated by ';'. Booleans read yes/no, true/false,
y/n or 1/0. An empty cell means the field's default.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from transition_planner.errors import Diagnostic, OutputError
from transition_planner.plan.models import Person, Staff
from transition_planner.plan.source import Location, SourceMap
from transition_planner.plan.values import Duration
from transition_planner.suggest import did_you_mean

MAX_TABLE_BYTES = 50 * 1024 * 1024
LIST_SEPARATOR = ";"
_TRUE = {"yes", "y", "true", "1"}
_FALSE = {"no", "n", "false", "0"}


def _columns(model: type[BaseModel]) -> list[str]:
    return list(model.model_fields)


def _required(model: type[BaseModel]) -> list[str]:
    return [name for name, f in model.model_fields.items() if f.is_required()]


PEOPLE_COLUMNS = _columns(Person)
STAFF_COLUMNS = _columns(Staff)
_LIST_FIELDS = {"requires", "preferred"}
_BOOL_FIELDS = {"carer", "eligible", "pension_member"}


def _cell_value(column: str, raw: Any) -> Any:
    """Turn a cell into what the model expects; leave odd values for validation to report."""
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, (int, float, date)) and not isinstance(raw, bool):
        return raw
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


def _read_rows(path: Path, display: str) -> tuple[list[str], list[tuple[int, list[Any]]]]:
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        from openpyxl import load_workbook

        book = load_workbook(path, read_only=True, data_only=True)
        try:
            sheet = book.worksheets[0]
            rows = [(i, list(r)) for i, r in enumerate(sheet.iter_rows(values_only=True), start=1)]
        finally:
            book.close()
    else:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            rows = [(reader_line, row) for reader_line, row in _csv_rows(handle)]
    if not rows:
        return [], []
    header = ["" if c is None else str(c).strip() for c in rows[0][1]]
    return header, rows[1:]


def _csv_rows(handle: io.TextIOBase) -> list[tuple[int, list[Any]]]:
    reader = csv.reader(handle)
    out: list[tuple[int, list[Any]]] = []
    start = 1
    for row in reader:
        out.append((start, list(row)))
        start = reader.line_num + 1
    return out


def read_table(
    path: Path, display: str, key: str, source: SourceMap
) -> tuple[list[dict[str, Any]], list[Diagnostic]]:
    """Read a people or staff file into records for validation, mapping each cell to its row.

    ``key`` is the plan key (``people`` or ``staff``); problems name the file and row.
    """
    model: type[BaseModel] = Person if key == "people" else Staff
    known = _columns(model)
    problems: list[Diagnostic] = []

    def problem(line: int | None, col: int | None, path_: str, msg: str) -> None:
        problems.append(Diagnostic(display, line, col, path_, msg))

    if not path.exists():
        problem(None, None, key, "file not found")
        return [], problems
    if path.stat().st_size > MAX_TABLE_BYTES:
        problem(None, None, key, f"file is larger than {MAX_TABLE_BYTES // 2**20} MiB")
        return [], problems
    if path.suffix.lower() not in {".csv", ".xlsx", ".xlsm"}:
        problem(None, None, key, "expected a .csv or .xlsx file")
        return [], problems
    try:
        header, rows = _read_rows(path, display)
    except (OSError, UnicodeDecodeError, ValueError, KeyError) as exc:
        problem(None, None, key, f"cannot read the file: {exc}")
        return [], problems
    except Exception as exc:  # openpyxl raises zipfile and XML errors for corrupt files
        problem(None, None, key, f"cannot read the file as a spreadsheet: {exc}")
        return [], problems
    if not header:
        problem(1, None, key, f"the file is empty; expected a header row with {', '.join(known)}")
        return [], problems
    missing = [c for c in _required(model) if c not in header]
    if missing:
        problem(1, None, key, f"missing column(s): {', '.join(missing)}")
    for i, name in enumerate(header):
        if name and name not in known:
            problem(1, i + 1, key, f"unknown column '{name}'{did_you_mean(name, known)}")
        elif name and header.index(name) != i:
            problem(1, i + 1, key, f"column '{name}' appears twice")
    if missing:
        return [], problems
    records: list[dict[str, Any]] = []
    for line, row in rows:
        if all(c is None or str(c).strip() == "" for c in row):
            continue
        index = len(records)
        source.add((key, index), Location(display, line, 1))
        record: dict[str, Any] = {}
        for col, name in enumerate(header):
            if not name or name not in known or col >= len(row):
                continue
            raw = row[col]
            if raw is None or (isinstance(raw, str) and raw.strip() == ""):
                continue
            record[name] = _cell_value(name, raw)
            source.add((key, index, name), Location(display, line, col + 1))
        if len(row) > len(header) and any(str(c).strip() for c in row[len(header) :] if c):
            problem(line, len(header) + 1, f"{key}[{index}]", "more cells than header columns")
        records.append(record)
    return records, problems


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


def write_table(records: Sequence[BaseModel], path: Path, model: type[BaseModel]) -> None:
    """Write people or staff to CSV or XLSX, whole or not at all (temp file, then rename)."""
    columns = _columns(model)
    rows = [[_export(getattr(r, c)) for c in columns] for r in records]
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        if path.suffix.lower() == ".xlsx":
            from openpyxl import Workbook

            book = Workbook()
            sheet = book.active
            sheet.title = "people" if model is Person else "staff"
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
