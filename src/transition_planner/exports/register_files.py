"""The register as a table to read, JSON, CSV and XLSX (``staff-register.xlsx``)."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import astuple, fields
from datetime import date
from decimal import Decimal
from typing import Any

from transition_planner.exports.workbook import Sheet, workbook_bytes
from transition_planner.reports.register import EstablishmentSummary, PostRow, Register

POST_COLUMNS = tuple(f.name for f in fields(PostRow))
SUMMARY_COLUMNS = tuple(f.name for f in fields(EstablishmentSummary))
POST_MONEY = frozenset({"redundancy_statutory", "redundancy_total", "strain_estimate"})
SUMMARY_MONEY = frozenset({"staff_pay", "redundancy", "strain"})


def _cell(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    return value


def register_xlsx(register: Register, stamp: date) -> bytes:
    return workbook_bytes(
        [
            Sheet(
                "register",
                POST_COLUMNS,
                [[_cell(v) for v in astuple(r)] for r in register.posts],
                POST_MONEY,
            ),
            Sheet(
                "establishments",
                SUMMARY_COLUMNS,
                [[_cell(v) for v in astuple(s)] for s in register.establishments],
                SUMMARY_MONEY,
            ),
        ],
        stamp,
    )


def register_csv(register: Register) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(POST_COLUMNS)
    for row in register.posts:
        writer.writerow(["" if v is None else _text(v) for v in astuple(row)])
    return out.getvalue().encode("utf-8")


def register_json(register: Register) -> bytes:
    return (json.dumps(register.to_json(), indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _money(value: Decimal | int | None) -> str:
    return "" if value is None else f"£{value:,.0f}"


def _day(value: date | None) -> str:
    return "" if value is None else value.isoformat()


def format_register(register: Register) -> str:
    """The register for the terminal: the establishment summaries, then one line per post."""
    if not register.posts:
        return "No staff or vacant posts in this plan: add `staff:` to build the register.\n"
    lines = ["Establishments:"]
    for s in register.establishments:
        lines += [
            f"  {s.id}: {s.posts} posts; {s.at_risk} at risk; {s.vr_accepted} VR accepted; "
            f"{s.redeployed} redeployed; {s.redundant} redundant; "
            f"{s.vacancies_deleted} vacancies deleted",
            f"    {s.threshold}",
            f"    consultation {_day(s.consultation_start)} to {_day(s.consultation_end)}"
            + (f"; HR1 {s.hr1}" if s.hr1 else ""),
            f"    pay to leaving {_money(s.staff_pay)}; redundancy {_money(s.redundancy)}; "
            f"strain {_money(s.strain)}",
        ]
    lines += [
        "",
        f"  {'post':<6} {'name':<22} {'status':<15} {'1:1':<10} {'notice':<10} "
        f"{'leaves':<10} {'redundancy':>10}  strain  redeployed to",
    ]
    for r in register.posts:
        strain = "yes" if r.strain_flag else ""
        moved = f"{r.redeployed_to} (trial to {r.trial_end})" if r.redeployed_to else ""
        lines.append(
            f"  {r.post:<6} {r.name[:22]:<22} {r.status:<15} {_day(r.one_to_one):<10} "
            f"{_day(r.notice_issued):<10} {_day(r.leaving_date):<10} "
            f"{_money(r.redundancy_total):>10}  {strain:<6}  {moved}".rstrip()
        )
    return "\n".join(lines) + "\n"
