"""compare.xlsx: scenarios side by side, one column each (dates as dates, money as money)."""

from __future__ import annotations

from datetime import date

from transition_planner.exports.workbook import Cell, Column, Sheet, workbook_bytes
from transition_planner.schedule.compare import MONEY_ROWS, Figures, table_rows


def compare_xlsx(results: list[Figures], stamp: date) -> bytes:
    columns = [Column("figure"), *(Column(f.name) for f in results)]
    rows: list[list[object]] = []
    for label, values in table_rows(results):
        money = label.strip() in MONEY_ROWS or label.startswith("  ")
        cells = [
            "no schedule"
            if f.status == "INFEASIBLE"
            else Cell(v, "money")
            if money and isinstance(v, int)
            else v
            for f, v in zip(results, values, strict=True)
        ]
        rows.append([label.strip(), *cells])
    rows.append(["changes", *("; ".join(f.changes) or "none" for f in results)])
    return workbook_bytes([Sheet("compare", columns, rows)], stamp)
