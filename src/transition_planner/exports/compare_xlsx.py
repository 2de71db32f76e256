"""compare.xlsx: scenarios side by side, one column each (dates as dates, money as money)."""

from __future__ import annotations

from datetime import date

from transition_planner.exports.workbook import Cell, Column, Sheet, workbook_bytes
from transition_planner.schedule.compare import MONEY_ROWS, Figures, table_rows


def compare_xlsx(results: list[Figures], stamp: date) -> bytes:
    """One sheet: a row per figure, a column per scenario ("no schedule" in a column no
    schedule meets), the changes, then why there is none: a row per line of its conflicts,
    in that scenario's column. Same input, same bytes."""
    columns = [Column("figure"), *(Column(f.name) for f in results)]
    rows: list[list[object]] = []
    for label, values in table_rows(results):
        money = label.strip() in MONEY_ROWS or label.startswith("  ")
        cells = [
            "no schedule"
            if not f.scheduled
            else Cell(v, "money")
            if money and isinstance(v, int)
            else v
            for f, v in zip(results, values, strict=True)
        ]
        rows.append([label.strip(), *cells])
    rows.append(["changes", *("; ".join(f.changes) or "none" for f in results)])
    for i in range(max((len(f.conflicts) for f in results), default=0)):
        why = [f.conflicts[i].strip() if i < len(f.conflicts) else "" for f in results]
        rows.append(["why no schedule" if i == 0 else "", *why])
    return workbook_bytes([Sheet("compare", columns, rows)], stamp)
