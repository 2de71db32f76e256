"""The register as a table to read, JSON, CSV and XLSX (``staff-register.xlsx``)."""

from __future__ import annotations

import json
from dataclasses import astuple, fields
from datetime import date
from decimal import Decimal

from transition_planner.exports.csv_text import csv_bytes
from transition_planner.exports.workbook import CellKind, Column, Sheet, workbook_bytes
from transition_planner.plan.money import format_pounds
from transition_planner.reports.register import EstablishmentSummary, PostRow, Register

# Names, pay and dates of birth behind the figures: HR only.
REGISTER_MARKING = "OFFICIAL-SENSITIVE"

# field -> (header, how shown); every field of PostRow and EstablishmentSummary, in order.
POST_HEADERS: dict[str, tuple[str, CellKind]] = {
    "post": ("Post", "text"),
    "name": ("Name", "text"),
    "role": ("Role", "text"),
    "site": ("Site", "text"),
    "grade": ("Grade", "text"),
    "status": ("Outcome", "text"),
    "one_to_one": ("First 1:1", "date"),
    "consultation_start": ("Consultation starts", "date"),
    "consultation_end": ("Consultation minimum ends", "date"),
    "notice_issued": ("Notice issued", "date"),
    "notice": ("Notice", "text"),
    "notice_rule": ("Notice rule", "text"),
    "leaving_date": ("Leaving date", "date"),
    "redeployed_to": ("Redeployed to", "text"),
    "trial_start": ("Trial starts", "date"),
    "trial_end": ("Trial ends", "date"),
    "relevant_date": ("Relevant date", "date"),
    "age": ("Age at relevant date", "integer"),
    "service_years": ("Complete years' service", "integer"),
    "weekly_pay": ("Week's pay", "pence"),
    "weekly_pay_cap": ("Week's pay cap", "pence"),
    "weekly_pay_used": ("Week's pay used", "pence"),
    "statutory_weeks": ("Statutory weeks", "number"),
    "weeks_awarded": ("Weeks awarded", "number"),
    "redundancy_statutory": ("Statutory redundancy pay", "pence"),
    "redundancy_total": ("Redundancy pay in all", "pence"),
    "strain_flag": ("Pension strain", "text"),
    "strain_estimate": ("Strain estimate", "pence"),
    "cliff_edges": ("Cliff edges", "text"),
    "notice_end": ("Legal notice ends", "date"),
    "notice_given": ("Notice given", "text"),
    "pay_in_lieu": ("Pay in lieu of notice", "text"),
    "protected": ("Redeployment priority", "text"),
    "trial_outcome": ("Trial outcome", "text"),
}
SUMMARY_HEADERS: dict[str, tuple[str, CellKind]] = {
    "id": ("Establishment", "text"),
    "posts": ("Posts", "integer"),
    "at_risk": ("At risk", "integer"),
    "vr_accepted": ("VR accepted", "integer"),
    "redeployed": ("Redeployed", "integer"),
    "redundant": ("Redundant", "integer"),
    "vacancies_deleted": ("Vacancies deleted", "integer"),
    "staff_pay": ("Pay to leaving", "money"),
    "redundancy": ("Redundancy pay", "pence"),
    "strain": ("Pension strain", "pence"),
    "threshold": ("Consultation threshold", "text"),
    "consultation_start": ("Consultation starts", "date"),
    "consultation_end": ("Consultation minimum ends", "date"),
    "hr1": ("HR1 filed", "date"),
}
assert list(POST_HEADERS) == [f.name for f in fields(PostRow)]
assert list(SUMMARY_HEADERS) == [f.name for f in fields(EstablishmentSummary)]
POST_COLUMNS = tuple(Column(h, k) for h, k in POST_HEADERS.values())
SUMMARY_COLUMNS = tuple(Column(h, k) for h, k in SUMMARY_HEADERS.values())


def register_xlsx(register: Register, stamp: date) -> bytes:
    """``staff-register.xlsx``: the posts, then the establishments, marked OFFICIAL-SENSITIVE."""
    return workbook_bytes(
        [
            Sheet(
                "register",
                POST_COLUMNS,
                [astuple(r) for r in register.posts],
                REGISTER_MARKING,
            ),
            Sheet(
                "establishments",
                SUMMARY_COLUMNS,
                [astuple(s) for s in register.establishments],
                REGISTER_MARKING,
            ),
        ],
        stamp,
    )


def register_csv(register: Register) -> bytes:
    """The posts as UTF-8 CSV with a BOM; text that looks like a formula is quoted."""
    return csv_bytes([c.header for c in POST_COLUMNS], [astuple(r) for r in register.posts])


def register_json(register: Register) -> bytes:
    return (json.dumps(register.to_json(), indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _money(value: Decimal | int | None) -> str:
    return "" if value is None else format_pounds(value)


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
        if r.trial_outcome:
            moved = f"none: {r.trial_outcome}"
        lines.append(
            f"  {r.post:<6} {r.name[:22]:<22} {r.status:<15} {_day(r.one_to_one):<10} "
            f"{_day(r.notice_issued):<10} {_day(r.leaving_date):<10} "
            f"{_money(r.redundancy_total):>10}  {strain:<6}  {moved}".rstrip()
        )
        if r.protected:
            # Pregnancy or family-leave protection decides who is offered a vacancy first.
            lines.append(f"  {'':<6} {'':<22} redeployment priority: {r.protected}")
    return "\n".join(lines) + "\n"
