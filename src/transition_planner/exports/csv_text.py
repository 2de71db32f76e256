"""CSV files that open safely in a spreadsheet: UTF-8 with a byte-order mark (so Excel on
Windows reads £ and accents right), and text that a spreadsheet would take for a formula
neutralised the way OWASP recommends (CWE-1236)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

# A cell starting with one of these is read as a formula (or, for tab and CR, can be made to
# start one after the spreadsheet trims it).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """``=1+2`` -> ``'=1+2``: a leading single quote makes a spreadsheet show it as text."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_cell(value: Any) -> str:
    """Numbers and dates as themselves; yes/no for booleans; any other text neutralised."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float, Decimal)):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    return neutralise(str(value))


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """A header row and rows, every cell through ``csv_cell``, as UTF-8 with a BOM."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([csv_cell(h) for h in header])
    for row in rows:
        writer.writerow([csv_cell(v) for v in row])
    return out.getvalue().encode("utf-8-sig")
