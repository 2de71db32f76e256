"""compare.xlsx: scenarios side by side, one column each (dates as dates, money as money)."""

from __future__ import annotations

from datetime import date

from transition_planner.exports.workbook import Sheet, workbook_bytes
from transition_planner.schedule.compare import MONEY_ROWS, Figures, table_rows


def compare_xlsx(results: list[Figures], stamp: date) -> bytes:
    columns = ["figure", *(f.name for f in results)]
    rows = [[label.strip(), *values] for label, values in table_rows(results)]
    changes: list[list[object]] = [["changes", *("; ".join(f.changes) or "none" for f in results)]]
    money_rows = [r[0] for r in rows if r[0] in MONEY_ROWS or r[0] not in _PLAIN]
    sheets = [
        Sheet("compare", columns, rows + changes),
        Sheet(
            "money",
            ["line", *(f.name for f in results)],
            [r for r in rows if r[0] in money_rows],
            money=frozenset(f.name for f in results),
        ),
    ]
    return workbook_bytes(sheets, stamp)


_PLAIN = {
    "services cease",
    "months late",
    "people moved",
    "transition plans",
    "staff leaving",
    "redeployment trials",
}
