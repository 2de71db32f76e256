"""A schedule as the user sees it (dates, not solver days), and its JSON form ``schedule.json``.

Conventions (shared by the compiler, costing and ``verify``):

- ``start`` is an action's first day and ``end`` its last day, inclusive; an action of ``d``
  days has ``end = start + d - 1``. A milestone (``close``, ``lease_notice``, ``lease_exit``)
  has ``start == end``.
- A site's ``closes`` date is its last day of service. Every person leaves a closing site on or
  before it: their move day (the first day at the new place) or the last day of their transition
  plan is on or before the close date.
- A move takes its place at the destination from its ``start`` onwards.
- ``services_cease`` is the latest close date of the closing sites.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, Literal

from transition_planner.errors import InputFileError
from transition_planner.plan.steps import StepKind

Status = Literal["OPTIMAL", "FEASIBLE", "INFEASIBLE", "UNKNOWN"]


@dataclass(frozen=True)
class ScheduledAction:
    id: str
    kind: StepKind
    subject: str
    start: date
    end: date
    resource: str | None = None
    destination: str | None = None
    workstream: str = ""
    title: str = ""

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass(frozen=True)
class SiteOutcome:
    id: str
    closes: date
    close_by: date | None
    months_late: int
    slack_days: int | None


@dataclass(frozen=True)
class LeaseOutcome:
    site: str
    notice_served: date
    notice_by: date
    exit: date
    break_date: date | None
    on_expiry: bool


@dataclass(frozen=True)
class CostLine:
    kind: str
    subject: str
    amount: int
    detail: str


@dataclass
class Schedule:
    status: str
    solver: str
    plan_file: str
    plan_digest: str
    programme_start: date
    target_end: date
    services_cease: date | None
    programme_end: date
    slippage_months: int
    slippage_cost: int
    total_cost: int
    cost_breakdown: dict[str, int]
    cost_lines: list[CostLine]
    bound: int | None
    gap: float | None
    people_penalty: int
    sites: list[SiteOutcome]
    leases: list[LeaseOutcome]
    actions: list[ScheduledAction]
    critical_chain: list[str] = field(default_factory=list)
    stats: dict[str, Any] = field(default_factory=dict)

    def action(self, action_id: str) -> ScheduledAction:
        for a in self.actions:
            if a.id == action_id:
                return a
        raise KeyError(action_id)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        return _dates_to_text(data)  # type: ignore[no-any-return]

    def dumps(self) -> str:
        return json.dumps(self.to_json(), indent=2, ensure_ascii=False) + "\n"


def _dates_to_text(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _dates_to_text(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_dates_to_text(v) for v in value]
    return value


def _date(value: Any, where: str) -> date:
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise InputFileError(f"{where}: expected an ISO date, got {value!r}") from exc


def _opt_date(value: Any, where: str) -> date | None:
    return None if value is None else _date(value, where)


def read_schedule(text: str, display: str) -> Schedule:
    """Parse ``schedule.json``; a malformed file gets an InputFileError naming the key."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputFileError(
            f"{display}:{exc.lineno}:{exc.colno}: invalid JSON: {exc.msg}"
        ) from exc
    if not isinstance(data, dict):
        raise InputFileError(f"{display}: expected a JSON object")
    try:
        actions = [
            ScheduledAction(
                id=a["id"],
                kind=StepKind(a["kind"]),
                subject=a["subject"],
                start=_date(a["start"], f"{display}: actions[{a['id']}].start"),
                end=_date(a["end"], f"{display}: actions[{a['id']}].end"),
                resource=a.get("resource"),
                destination=a.get("destination"),
                workstream=a.get("workstream", ""),
                title=a.get("title", ""),
            )
            for a in data["actions"]
        ]
        sites = [
            SiteOutcome(
                s["id"],
                _date(s["closes"], f"{display}: sites[{s['id']}].closes"),
                _opt_date(s.get("close_by"), f"{display}: sites[{s['id']}].close_by"),
                int(s["months_late"]),
                s.get("slack_days"),
            )
            for s in data["sites"]
        ]
        leases = [
            LeaseOutcome(
                lease["site"],
                _date(lease["notice_served"], f"{display}: leases[{lease['site']}]"),
                _date(lease["notice_by"], f"{display}: leases[{lease['site']}]"),
                _date(lease["exit"], f"{display}: leases[{lease['site']}].exit"),
                _opt_date(lease.get("break_date"), f"{display}: leases[{lease['site']}]"),
                bool(lease.get("on_expiry", False)),
            )
            for lease in data["leases"]
        ]
        return Schedule(
            status=data["status"],
            solver=data.get("solver", ""),
            plan_file=data.get("plan_file", ""),
            plan_digest=data.get("plan_digest", ""),
            programme_start=_date(data["programme_start"], f"{display}: programme_start"),
            target_end=_date(data["target_end"], f"{display}: target_end"),
            services_cease=_opt_date(data.get("services_cease"), f"{display}: services_cease"),
            programme_end=_date(data["programme_end"], f"{display}: programme_end"),
            slippage_months=int(data["slippage_months"]),
            slippage_cost=int(data["slippage_cost"]),
            total_cost=int(data["total_cost"]),
            cost_breakdown={str(k): int(v) for k, v in data["cost_breakdown"].items()},
            cost_lines=[
                CostLine(c["kind"], c["subject"], int(c["amount"]), c.get("detail", ""))
                for c in data.get("cost_lines", [])
            ],
            bound=data.get("bound"),
            gap=data.get("gap"),
            people_penalty=int(data.get("people_penalty", 0)),
            sites=sites,
            leases=leases,
            actions=actions,
            critical_chain=list(data.get("critical_chain", [])),
            stats=dict(data.get("stats", {})),
        )
    except KeyError as exc:
        raise InputFileError(f"{display}: missing key {exc.args[0]!r}") from exc
    except (TypeError, ValueError, AttributeError) as exc:
        raise InputFileError(f"{display}: malformed schedule: {exc}") from exc
