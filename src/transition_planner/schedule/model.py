"""A schedule as the user sees it (dates, not solver days), and its JSON form ``schedule.json``.

Conventions (shared by the compiler, costing and ``verify``):

- ``start`` is an action's first day and ``end`` its last day, inclusive; an action of ``d``
  days has ``end = start + d - 1``. A milestone (``close``, ``lease_notice``, ``lease_exit``)
  has ``start == end``.
- A site's ``closes`` date is its last day of service. Every person leaves a closing site on or
  before it: their move day (the first day at the new place) or the last day of their transition
  plan is on or before the close date.
- A move takes its place at the destination from its ``start`` onwards.
- ``services_cease`` is the latest close date of the closing sites, or the day after the last
  custom action with ``before: [services_cease]`` ends, if that is later.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, Literal, NoReturn

from transition_planner.errors import InputFileError
from transition_planner.plan.steps import FAILED, StepKind
from transition_planner.plan.values import EARLIEST_DATE, LATEST_DATE

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
    outcome: str | None = None
    """A recorded outcome the step is kept for as history: ``"failed"`` on a trial recorded
    failed (``start`` its first day, ``end`` the day it failed); None on every other step,
    and then left out of ``schedule.json``."""

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def failed(self) -> bool:
        """A trial recorded failed: history, not a redeployment (notice runs from its end)."""
        return self.outcome == FAILED


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
    # the gap told in pounds: ``floor`` is the precedence floor (every step at its earliest,
    # every choice at its cheapest) plus the costs no schedule changes; ``avoidable`` the cost
    # above it; ``gap_pounds`` cost minus bound; ``gap_of_avoidable`` gap_pounds / avoidable
    floor: int | None
    avoidable: int | None
    gap_pounds: int | None
    gap_of_avoidable: float | None
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
        for action in data["actions"]:
            if action["outcome"] is None:
                del action["outcome"]  # only a recorded outcome is written
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


# The range of any one figure in a schedule file: pounds and days, well inside 64 bits.
MAX_FIGURE = 10**15


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text {value!r}" if len(value) <= 40 else "a long text"
    return "a list" if isinstance(value, list) else "an object"


class _Reader:
    """Typed access to the parsed JSON; a wrong value is an InputFileError naming its path."""

    def __init__(self, display: str):
        self.display = display

    def fail(self, path: str, message: str) -> NoReturn:
        raise InputFileError(f"{self.display}: {path}: {message}")

    def obj(self, value: Any, path: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.fail(path, f"expected an object, got {_kind(value)}")
        return value

    def items(self, value: Any, path: str) -> list[tuple[str, Any]]:
        if not isinstance(value, list):
            self.fail(path, f"expected a list, got {_kind(value)}")
        return [(f"{path}[{i}]", item) for i, item in enumerate(value)]

    def key(self, data: dict[str, Any], key: str, path: str) -> Any:
        if key not in data:
            self.fail(path, f"missing key '{key}'")
        return data[key]

    def text(self, value: Any, path: str) -> str:
        if not isinstance(value, str):
            self.fail(path, f"expected text, got {_kind(value)}")
        return value

    def kind(self, value: Any, path: str) -> StepKind:
        text = self.text(value, path)
        try:
            return StepKind(text)
        except ValueError:
            self.fail(path, f"unknown step kind {text!r}")

    def opt_text(self, value: Any, path: str) -> str | None:
        return None if value is None else self.text(value, path)

    def whole(self, value: Any, path: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(path, f"expected a whole number, got {_kind(value)}")
        if abs(value) > MAX_FIGURE:
            self.fail(path, f"must be between -{MAX_FIGURE} and {MAX_FIGURE}, got {value}")
        return value

    def opt_whole(self, value: Any, path: str) -> int | None:
        return None if value is None else self.whole(value, path)

    def opt_number(self, value: Any, path: str) -> float | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.fail(path, f"expected a number, got {_kind(value)}")
        if not abs(value) <= MAX_FIGURE:  # also NaN
            self.fail(path, f"must be between -{MAX_FIGURE} and {MAX_FIGURE}, got {value}")
        return float(value)

    def flag(self, value: Any, path: str) -> bool:
        if not isinstance(value, bool):
            self.fail(path, f"expected true or false, got {_kind(value)}")
        return value

    def day(self, value: Any, path: str) -> date:
        text = self.text(value, path)
        try:
            day = date.fromisoformat(text)
        except ValueError:
            self.fail(path, f"expected an ISO date (YYYY-MM-DD), got {_kind(value)}")
        if not EARLIEST_DATE <= day <= LATEST_DATE:
            self.fail(path, f"dates must be between {EARLIEST_DATE} and {LATEST_DATE}, got {day}")
        return day

    def opt_date(self, value: Any, path: str) -> date | None:
        return None if value is None else self.day(value, path)


def read_schedule(text: str, display: str) -> Schedule:
    """Parse ``schedule.json``; a malformed file gets an InputFileError naming the JSON path of
    the bad value, e.g. ``schedule.json: $.actions[3].destination: expected text, got a list``.
    """
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputFileError(
            f"{display}:{exc.lineno}:{exc.colno}: invalid JSON: {exc.msg}"
        ) from exc
    except (RecursionError, ValueError) as exc:
        raise InputFileError(f"{display}: invalid JSON: {exc}") from exc
    r = _Reader(display)
    data = r.obj(raw, "$")

    def at(record: dict[str, Any], key: str, path: str) -> tuple[Any, str]:
        return r.key(record, key, path), f"{path}.{key}"

    def opt(record: dict[str, Any], key: str, path: str, default: Any = None) -> tuple[Any, str]:
        return record.get(key, default), f"{path}.{key}"

    actions = []
    for path, item in r.items(*at(data, "actions", "$")):
        a = r.obj(item, path)
        actions.append(
            ScheduledAction(
                id=r.text(*at(a, "id", path)),
                kind=r.kind(*at(a, "kind", path)),
                subject=r.text(*at(a, "subject", path)),
                start=r.day(*at(a, "start", path)),
                end=r.day(*at(a, "end", path)),
                resource=r.opt_text(*opt(a, "resource", path)),
                destination=r.opt_text(*opt(a, "destination", path)),
                workstream=r.text(*opt(a, "workstream", path, "")),
                title=r.text(*opt(a, "title", path, "")),
                outcome=r.opt_text(*opt(a, "outcome", path)),
            )
        )
    sites = []
    for path, item in r.items(*at(data, "sites", "$")):
        s = r.obj(item, path)
        sites.append(
            SiteOutcome(
                r.text(*at(s, "id", path)),
                r.day(*at(s, "closes", path)),
                r.opt_date(*opt(s, "close_by", path)),
                r.whole(*at(s, "months_late", path)),
                r.opt_whole(*opt(s, "slack_days", path)),
            )
        )
    leases = []
    for path, item in r.items(*at(data, "leases", "$")):
        lease = r.obj(item, path)
        leases.append(
            LeaseOutcome(
                r.text(*at(lease, "site", path)),
                r.day(*at(lease, "notice_served", path)),
                r.day(*at(lease, "notice_by", path)),
                r.day(*at(lease, "exit", path)),
                r.opt_date(*opt(lease, "break_date", path)),
                r.flag(*opt(lease, "on_expiry", path, False)),
            )
        )
    lines = []
    for path, item in r.items(*opt(data, "cost_lines", "$", [])):
        c = r.obj(item, path)
        lines.append(
            CostLine(
                r.text(*at(c, "kind", path)),
                r.text(*at(c, "subject", path)),
                r.whole(*at(c, "amount", path)),
                r.text(*opt(c, "detail", path, "")),
            )
        )
    breakdown_path = "$.cost_breakdown"
    breakdown = r.obj(r.key(data, "cost_breakdown", "$"), breakdown_path)
    return Schedule(
        status=r.text(*at(data, "status", "$")),
        solver=r.text(*opt(data, "solver", "$", "")),
        plan_file=r.text(*opt(data, "plan_file", "$", "")),
        plan_digest=r.text(*opt(data, "plan_digest", "$", "")),
        programme_start=r.day(*at(data, "programme_start", "$")),
        target_end=r.day(*at(data, "target_end", "$")),
        services_cease=r.opt_date(*opt(data, "services_cease", "$")),
        programme_end=r.day(*at(data, "programme_end", "$")),
        slippage_months=r.whole(*at(data, "slippage_months", "$")),
        slippage_cost=r.whole(*at(data, "slippage_cost", "$")),
        total_cost=r.whole(*at(data, "total_cost", "$")),
        cost_breakdown={k: r.whole(v, f"{breakdown_path}.{k}") for k, v in breakdown.items()},
        cost_lines=lines,
        bound=r.opt_whole(*opt(data, "bound", "$")),
        gap=r.opt_number(*opt(data, "gap", "$")),
        floor=r.opt_whole(*opt(data, "floor", "$")),
        avoidable=r.opt_whole(*opt(data, "avoidable", "$")),
        gap_pounds=r.opt_whole(*opt(data, "gap_pounds", "$")),
        gap_of_avoidable=r.opt_number(*opt(data, "gap_of_avoidable", "$")),
        people_penalty=r.whole(*opt(data, "people_penalty", "$", 0)),
        sites=sites,
        leases=leases,
        actions=actions,
        critical_chain=[
            r.text(v, path) for path, v in r.items(*opt(data, "critical_chain", "$", []))
        ],
        stats=r.obj(*opt(data, "stats", "$", {})),
    )
