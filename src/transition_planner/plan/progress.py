"""A progress file: what has happened by a status date (``as_of``), one row per step or decision.

A CSV or XLSX file with a header row and the columns ``step, status, start, finish, remaining,
outcome, note`` (only ``step`` and ``status`` are required). Rows:

- ``as_of`` in ``step`` with the status date in ``start`` (exactly one such row; status empty);
- ``done``: ``step`` (a step id such as ``review:P1``, or a custom action id) with its actual
  ``start`` and ``finish``; ``outcome`` may record the review's decision (below);
- ``started``: actual ``start`` and either ``remaining`` (``3d``, ``1w``: from ``as_of``) or the
  expected ``finish``;
- ``decided``: a decision without dates: ``review:P`` or ``move:P`` with ``outcome`` a
  destination site id, ``ineligible`` or ``transition_plan``; ``notice:S`` with ``vr_accepted``
  or ``vr_declined`` (a VR request decided); ``trial:S`` with ``passed`` or ``failed``;
- ``left``: ``step`` is a person's id: they left the programme (moved away, died) on ``start``
  (optional). No reason is recorded; ``note`` is never shown in any paper.

Everything here reads only the plan; checks that need the scheduling problem (unknown step ids,
a step recorded done before what must precede it) are in ``problem.progress``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal

from transition_planner.errors import Diagnostic, PlanError
from transition_planner.plan.csv_text import Refusal, csv_rows, decode
from transition_planner.plan.input_files import InputRefused, read_input
from transition_planner.plan.models import Pathway, Plan, StaffStatus
from transition_planner.plan.source import Location
from transition_planner.plan.steps import StepKind as K, parse_step_id
from transition_planner.plan.tables import MAX_TABLE_BYTES, header_problem
from transition_planner.plan.values import Duration
from transition_planner.plan.xlsx_sheet import read_sheet
from transition_planner.suggest import did_you_mean

Status = Literal["done", "started", "decided", "left"]
STATUSES: tuple[Status, ...] = ("done", "started", "decided", "left")
COLUMNS = ("step", "status", "start", "finish", "remaining", "outcome", "note")
AS_OF = "as_of"
INELIGIBLE = "ineligible"
TRANSITION_PLAN = "transition_plan"
REVIEW_OUTCOMES = (INELIGIBLE, TRANSITION_PLAN)
VR_OUTCOMES = ("vr_accepted", "vr_declined")
TRIAL_OUTCOMES = ("passed", "failed")


@dataclass(frozen=True)
class Fact:
    """One row of a progress file. ``where`` locates each cell (``step`` for the row itself)."""

    step: str
    status: Status
    start: date | None = None
    finish: date | None = None
    remaining: Duration | None = None
    outcome: str | None = None
    where: dict[str, Location] = field(default_factory=dict, hash=False, compare=False)

    def at(self, column: str) -> Location:
        return self.where.get(column) or self.where.get("step") or Location("")

    def expected_finish(self, as_of: date) -> date | None:
        """The last day of the step: recorded, or ``as_of`` plus what remains."""
        if self.finish is not None:
            return self.finish
        if self.remaining is not None:
            return self.remaining.add_to(as_of)
        return None


@dataclass(frozen=True)
class Progress:
    """A checked progress file: the status date and its facts, in file order."""

    as_of: date
    facts: tuple[Fact, ...]
    display: str
    warnings: tuple[Diagnostic, ...] = ()

    def timed(self) -> list[Fact]:
        """Facts that fix a step's dates: done and started."""
        return [f for f in self.facts if f.status in ("done", "started")]

    def left(self) -> set[str]:
        return {f.step for f in self.facts if f.status == "left"}

    def outcome_of(self, step: str) -> Fact | None:
        """The fact recording a decision on ``step`` (the last one, if several)."""
        found = None
        for f in self.facts:
            if f.step == step and f.outcome:
                found = f
        return found

    def diagnostic(self, fact: Fact, column: str, message: str, **kw: Any) -> Diagnostic:
        loc = fact.at(column)
        return Diagnostic(loc.file or self.display, loc.line, loc.column, fact.step, message, **kw)


def read_progress(path: Path, plan: Plan, display: str | None = None) -> Progress:
    """Read and check a progress file against ``plan``.

    Raises:
        PlanError: every problem found, each located ``file:row:col`` (warnings attached).
    """
    shown = display or str(path)
    problems: list[Diagnostic] = []

    def problem(line: int | None, col: int | None, where: str, message: str) -> None:
        problems.append(Diagnostic(shown, line, col, where, message))

    if path.suffix.lower() not in {".csv", ".xlsx", ".xlsm"}:
        raise PlanError([Diagnostic(shown, None, None, "", "expected a .csv or .xlsx file")])
    sheet_warnings: list[Diagnostic] = []
    unread: set[tuple[int, int]] = set()  # cells whose problem is reported: not blank cells
    try:
        data = read_input(path, MAX_TABLE_BYTES).data
        if path.suffix.lower() == ".csv":
            all_rows = csv_rows(decode(data)[0])
        else:
            sheet = read_sheet(data, "progress", None)
            all_rows = sheet.rows
            # what a glance at Excel hides (a formula never calculated, merged or hidden rows)
            # is reported as for the people and staff files, not read as a blank cell
            for note in sheet.errors:
                problem(note.line, note.column, "", note.message)
                unread.add((note.line, note.column or 1))
            sheet_warnings = [
                Diagnostic(shown, n.line, n.column, "", n.message, "warning")
                for n in sheet.warnings
            ]
    except InputRefused as exc:
        raise PlanError([Diagnostic(shown, None, None, "", exc.message)]) from exc
    except Refusal as exc:
        raise PlanError([Diagnostic(shown, exc.line, exc.column, "", exc.message)]) from exc
    except Exception as exc:  # openpyxl raises zipfile and XML errors for corrupt files
        raise PlanError(
            [Diagnostic(shown, None, None, "", f"cannot read the file as a spreadsheet: {exc}")]
        ) from exc
    header = ["" if c is None else str(c).strip() for c in all_rows[0][1]] if all_rows else []
    rows = all_rows[1:]
    if not header:
        raise PlanError(
            [Diagnostic(shown, 1, None, "", f"empty; expected a header row: {', '.join(COLUMNS)}")]
        )
    # a file saved with semicolons, or a title above the header: said once, as for people files
    refusal = header_problem(all_rows, list(COLUMNS), path.suffix.lower() != ".csv")
    if refusal is not None:
        raise PlanError([Diagnostic(shown, refusal.line, refusal.column, "", refusal.message)])
    for i, name in enumerate(header):
        if name and name not in COLUMNS:
            problem(1, i + 1, "", f"unknown column '{name}'{did_you_mean(name, COLUMNS)}")
        elif name and header.index(name) != i:
            # the later column would silently win over the earlier one
            first = header.index(name) + 1
            problem(1, i + 1, "", f"column '{name}' appears twice (first in column {first})")
    missing = [c for c in ("step", "status") if c not in header]
    if missing:
        problem(1, None, "", f"missing column(s): {', '.join(missing)}")
        raise PlanError(problems, sheet_warnings)
    as_of: date | None = None
    as_of_row: int | None = None
    raw_facts: list[tuple[dict[str, Any], dict[str, Location]]] = []
    for line, row in rows:
        cells: dict[str, Any] = {}
        where: dict[str, Location] = {}
        for col, name in enumerate(header):
            if name in COLUMNS and col < len(row):
                value = row[col]
                if (line, col + 1) in unread:
                    where[name] = Location(shown, line, col + 1)
                    continue
                if value is None or (isinstance(value, str) and not value.strip()):
                    continue
                cells[name] = value.strip() if isinstance(value, str) else value
                where[name] = Location(shown, line, col + 1)
        if not cells and not where:
            continue
        where.setdefault("step", Location(shown, line, 1))
        step = str(cells.get("step", ""))
        if step == AS_OF:
            if as_of_row is not None:
                # the first status date stays: checking every row against the second as well
                # would bury this one problem under errors that are not there
                problem(line, 1, AS_OF, f"as_of given twice (first on row {as_of_row})")
                continue
            day = _date(cells.get("start"), where, "start", problem)
            if "start" not in where:
                problem(line, 1, AS_OF, "the status date goes in the start column")
            as_of, as_of_row = day, line
            continue
        raw_facts.append((cells, where))
    if as_of is None and as_of_row is None:
        problem(None, None, AS_OF, "no as_of row: add `as_of,,YYYY-MM-DD` (the status date)")
    facts = [f for cells, where in raw_facts if (f := _fact(cells, where, problem)) is not None]
    if as_of is None:
        raise PlanError(problems, sheet_warnings)
    warnings: list[Diagnostic] = list(sheet_warnings)
    _check(plan, as_of, facts, shown, problems, warnings)
    if problems:
        raise PlanError(problems, warnings)
    return Progress(as_of, tuple(facts), shown, tuple(warnings))


Problem = Any  # the callback type below; kept loose to stay readable
_DAY_NUMBER = re.compile(r"^\d{5}(\.\d+)?$")  # 42471: 11 April 2016 as Excel counts days


def _date(value: Any, where: dict[str, Location], column: str, problem: Problem) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        loc = where[column]
        if (isinstance(value, (int, float)) and not isinstance(value, bool)) or (
            isinstance(value, str) and _DAY_NUMBER.match(value)
        ):
            # a date Excel stores as a day number, in a cell not formatted as a date
            message = (
                f"expected an ISO date (YYYY-MM-DD), got the number {value}; "
                "in Excel, format the cell as a date"
            )
        else:
            message = f"expected an ISO date (YYYY-MM-DD), got {value!r}"
        problem(loc.line, loc.column, column, message)
        return None


def _fact(cells: dict[str, Any], where: dict[str, Location], problem: Problem) -> Fact | None:
    step = str(cells.get("step", ""))
    row = where["step"]
    status = str(cells.get("status", "")).lower()
    if not step:
        problem(row.line, 1, "step", "missing step id")
        return None
    if status not in STATUSES:
        loc = where.get("status", row)
        hint = did_you_mean(status, STATUSES) or f" (expected one of: {', '.join(STATUSES)})"
        problem(loc.line, loc.column, step, f"unknown status {status!r}{hint}")
        return None
    remaining = None
    if "remaining" in cells:
        try:
            remaining = Duration.parse(cells["remaining"])
        except ValueError as exc:
            loc = where["remaining"]
            problem(loc.line, loc.column, step, f"remaining: {exc}")
    outcome = cells.get("outcome")
    return Fact(
        step=step,
        status=status,
        start=_date(cells.get("start"), where, "start", problem),
        finish=_date(cells.get("finish"), where, "finish", problem),
        remaining=remaining,
        outcome=None if outcome is None else str(outcome),
        where=where,
    )


def _check(
    plan: Plan,
    as_of: date,
    facts: list[Fact],
    display: str,
    problems: list[Diagnostic],
    warnings: list[Diagnostic],
) -> None:
    """Checks that need only the plan: dates, statuses and decisions."""

    def err(fact: Fact, column: str, message: str) -> None:
        loc = fact.at(column)
        problems.append(Diagnostic(display, loc.line, loc.column, fact.step, message))

    def warn(fact: Fact, column: str, message: str) -> None:
        loc = fact.at(column)
        warnings.append(Diagnostic(display, loc.line, loc.column, fact.step, message, "warning"))

    people = {p.id: p for p in plan.people}
    staff = {s.id: s for s in plan.staff}
    sites = {s.id for s in plan.sites}
    seen: dict[tuple[str, str], int | None] = {}
    for f in facts:
        key = (f.step, "left" if f.status == "left" else "timed")
        if f.status != "decided" and key in seen:
            err(f, "step", f"recorded twice (first on row {seen[key]})")
        seen[key] = f.at("step").line
        if f.start is not None and f.start > as_of:
            err(f, "start", f"start {f.start} is after as_of {as_of}")
        if f.start is not None and f.start < plan.programme.start:
            warn(f, "start", f"start {f.start} is before the programme start")
        if f.status == "left":
            if f.step in staff:
                # a member of staff leaves through the HR chain, which the plan schedules
                err(
                    f,
                    "status",
                    f"'left' is for people who use the services; {f.step} is staff: record "
                    f"their steps (notice:{f.step}, leave:{f.step}) instead",
                )
            elif f.step not in people:
                err(f, "step", f"unknown person '{f.step}'{did_you_mean(f.step, people)}")
            continue
        if f.status == "done":
            if "start" not in f.where or "finish" not in f.where:
                err(f, "step", "done needs its actual start and finish")
            elif f.finish is not None and f.finish > as_of:
                err(f, "finish", f"finish {f.finish} is after as_of {as_of}")
            if f.remaining is not None:
                err(f, "remaining", "a step done has nothing remaining")
        if f.status == "started":
            if "start" not in f.where:
                err(f, "step", "started needs its actual start")
            if ("finish" in f.where) == ("remaining" in f.where):
                err(f, "step", "started needs either remaining or an expected finish (not both)")
            elif f.finish is not None and f.finish < as_of:
                err(f, "finish", f"expected finish {f.finish} is before as_of: record it done")
        if f.start is not None and f.finish is not None and f.finish < f.start:
            err(f, "finish", f"finish {f.finish} is before start {f.start}")
        if f.status == "decided" and not f.outcome:
            err(f, "step", "decided needs an outcome")
        if f.outcome:
            _check_outcome(plan, f, people, staff, sites, err)


def _check_outcome(
    plan: Plan,
    f: Fact,
    people: dict[str, Any],
    staff: dict[str, Any],
    sites: set[str],
    err: Any,
) -> None:
    ref = parse_step_id(f.step)
    outcome = f.outcome or ""
    if ref is not None and ref.kind in (K.review, K.move) and ref.subject in people:
        person = people[ref.subject]
        if outcome in REVIEW_OUTCOMES:
            return
        if outcome not in sites:
            options = [*sites, *REVIEW_OUTCOMES]
            err(f, "outcome", f"unknown destination '{outcome}'{did_you_mean(outcome, options)}")
            return
        allowed = [s.id for s in plan.destinations_for(person)]
        if not person.needs_place:
            err(f, "outcome", f"contradicts the plan: {person.id} is not moving to a place")
        elif outcome not in allowed:
            err(
                f,
                "outcome",
                f"contradicts the plan: {outcome} cannot take {person.id} "
                f"(it can go to {', '.join(allowed) or 'nowhere'})",
            )
        return
    if ref is not None and ref.kind is K.notice and ref.subject in staff:
        if outcome not in VR_OUTCOMES:
            err(f, "outcome", f"expected {' or '.join(VR_OUTCOMES)}, got {outcome!r}")
        elif staff[ref.subject].status is not StaffStatus.vr_requested:
            err(f, "outcome", f"contradicts the plan: {ref.subject} did not ask for VR")
        elif outcome == "vr_accepted" and not plan.workforce.accept_vr:
            # a VR acceptance is a fact, but the plan says volunteers stay at risk: re-planning
            # would quietly keep this person in the redundancy chain, so the plan must change
            err(
                f,
                "outcome",
                f"contradicts the plan: workforce.accept_vr is false, so {ref.subject} stays "
                "at risk; set workforce.accept_vr: true in the plan (and record vr_declined "
                "for each request refused), or record vr_declined here",
            )
        return
    if ref is not None and ref.kind is K.trial and ref.subject in staff:
        if outcome not in TRIAL_OUTCOMES:
            err(f, "outcome", f"expected {' or '.join(TRIAL_OUTCOMES)}, got {outcome!r}")
        return
    if f.status == "decided":
        err(
            f,
            "outcome",
            "no decision is recorded on this step (only review:, move:, notice:, trial:)",
        )


def apply_to_plan(plan: Plan, progress: Progress) -> Plan:
    """The plan as it now stands: people who left removed; review outcomes (ineligible, a
    transition plan) and VR decisions written into the people and staff records."""
    left = progress.left()
    people = []
    for p in plan.people:
        if p.id in left:
            continue
        for kind in (K.review, K.move):
            fact = progress.outcome_of(f"{kind.value}:{p.id}")
            if fact is not None and fact.outcome == INELIGIBLE:
                p = replace_model(p, eligible=False)
            elif fact is not None and fact.outcome == TRANSITION_PLAN:
                p = replace_model(p, pathway=Pathway.community)
        people.append(p)
    staff = []
    for s in plan.staff:
        fact = progress.outcome_of(f"{K.notice.value}:{s.id}")
        if fact is not None and fact.outcome == "vr_declined":
            s = replace_model(s, status=StaffStatus.at_risk)
        staff.append(s)
    updated: Plan = replace_model(plan, people=people, staff=staff)
    return updated


def replace_model(model: Any, **changes: Any) -> Any:
    """A pydantic record with ``changes`` (already valid values), not re-validated; lookups
    the record cached from its old values are dropped."""
    copy = model.model_copy(update=changes)
    for name in [k for k in copy.__dict__ if k not in type(model).model_fields]:
        del copy.__dict__[name]
    return copy


__all__ = [
    "AS_OF",
    "COLUMNS",
    "Fact",
    "Progress",
    "apply_to_plan",
    "read_progress",
]
