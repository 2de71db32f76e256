"""What-if scenarios: a small YAML overlay on a plan, never a copy of it.

A scenario file::

    name: team-short
    description: the review team down to 12 for four weeks
    changes:
      - {team: review-team, capacity: 12, from: 2016-04-11, to: 2016-05-08}
      - {site: new-base, late: 6w}          # available_from six weeks later
      - {action: fit-out, late: 6w}         # a custom action takes six weeks longer
      - {lease: electrium-point, drop_break: 2016-09-30}
      - {person: {id: P999, site: bloxwich-satellite, cohort: LD, needs: moderate}}

Each change is checked against the plan (unknown ids with suggestions, located
``file:line:col``); the edited plan is checked as a whole, like any plan.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from transition_planner.errors import Diagnostic, PlanError
from transition_planner.plan.models import Person, Plan
from transition_planner.plan.source import SourceMap, read_yaml
from transition_planner.plan.validate import check_plan
from transition_planner.plan.values import Duration
from transition_planner.suggest import did_you_mean

KINDS = ("team", "site", "action", "lease", "person")
KEYS = {
    "team": {"team", "capacity", "from", "to"},
    "site": {"site", "late", "available_from"},
    "action": {"action", "late"},
    "lease": {"lease", "drop_break"},
    "person": {"person"},
}


@dataclass(frozen=True)
class Scenario:
    """A checked scenario: its name, what it changes (in words) and the edited plan."""

    name: str
    description: str
    changes: tuple[str, ...]
    plan: Plan
    digest: str


def read_scenario(path: Path, plan: Plan, display: str | None = None) -> Scenario:
    """Read a scenario file and apply it to ``plan``.

    Raises:
        PlanError: every problem found, located in the scenario file.
    """
    shown = display or str(path)
    data, source, problems = read_yaml(path, shown)
    if problems:
        raise PlanError(problems)
    if not isinstance(data, dict):
        raise PlanError([Diagnostic(shown, 1, 1, "", "expected a mapping: name, changes")])
    for key in data:
        if key not in ("name", "description", "changes"):
            where = source.find((key, "__key__"))
            hint = did_you_mean(str(key), ("name", "description", "changes"))
            problems.append(
                Diagnostic(shown, where.line, where.column, "", f"unknown key '{key}'{hint}")
            )
    changes = data.get("changes")
    if not isinstance(changes, list) or not changes:
        where = source.find(("changes",))
        raise PlanError(
            [*problems, Diagnostic(shown, where.line, where.column, "changes", "list the changes")]
        )
    plan_data = plan.model_dump(by_alias=True)
    said: list[str] = []
    # where in the scenario each record it adds to the plan was written, for the plan's checks
    added = SourceMap(shown)
    for i, change in enumerate(changes):
        _Change(plan, plan_data, source, shown, i, problems, said, added).apply(change)
    if problems:
        raise PlanError(problems)
    try:
        edited = Plan.model_validate(plan_data)
    except ValidationError as exc:
        raise PlanError(
            [
                Diagnostic(shown, None, None, ".".join(map(str, e["loc"])), e["msg"])
                for e in exc.errors()
            ]
        ) from exc
    errors, _ = check_plan(edited, plan_data, added)
    if errors:
        raise PlanError(errors)
    name = str(data.get("name") or path.stem)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
    return Scenario(name, str(data.get("description") or ""), tuple(said), edited, digest)


class _Change:
    def __init__(
        self,
        plan: Plan,
        data: dict[str, Any],
        source: SourceMap,
        display: str,
        index: int,
        problems: list[Diagnostic],
        said: list[str],
        added: SourceMap,
    ) -> None:
        self.plan, self.data, self.source, self.display = plan, data, source, display
        self.index, self.problems, self.said, self.added = index, problems, said, added

    def error(self, key: str | None, message: str) -> None:
        path: tuple[str | int, ...] = ("changes", self.index) + ((key,) if key else ())
        where = self.source.find(path)
        label = f"changes[{self.index}]" + (f".{key}" if key else "")
        self.problems.append(Diagnostic(self.display, where.line, where.column, label, message))

    def apply(self, change: Any) -> None:
        if not isinstance(change, dict):
            self.error(None, f"expected a mapping with one of: {', '.join(KINDS)}")
            return
        kinds = [k for k in KINDS if k in change]
        if len(kinds) != 1:
            self.error(None, f"name exactly one of: {', '.join(KINDS)}")
            return
        kind = kinds[0]
        for key in change:
            if key not in KEYS[kind]:
                hint = did_you_mean(str(key), KEYS[kind])
                self.error(str(key), f"unknown key '{key}' for a {kind} change{hint}")
        getattr(self, kind)(change)

    def _record(self, section: str, key: str, value: Any, id_key: str = "id") -> Any:
        records = self.data[section]
        for r in records:
            if r[id_key] == value:
                return r
        ids = [str(r[id_key]) for r in records]
        self.error(key, f"unknown {key} '{value}'{did_you_mean(str(value), ids)}")
        return None

    def _date(self, change: dict[str, Any], key: str) -> date | None:
        value = change.get(key)
        if value is None or isinstance(value, date):
            return value
        self.error(key, f"expected an ISO date (YYYY-MM-DD), got {value!r}")
        return None

    def _late(self, change: dict[str, Any]) -> Duration | None:
        try:
            return Duration.parse(change.get("late"))
        except (ValueError, TypeError) as exc:
            self.error("late", f"expected a duration such as 6w: {exc}")
            return None

    def team(self, change: dict[str, Any]) -> None:
        team = self._record("teams", "team", change["team"])
        capacity = change.get("capacity")
        start, end = self._date(change, "from"), self._date(change, "to")
        if not isinstance(capacity, int) or capacity < 0:
            self.error("capacity", f"expected a whole number of reviews at once, got {capacity!r}")
            return
        if start is None:
            self.error("from", "give the date the change starts (from)")
            return
        if end is not None and end < start:
            # caught here, it is located in the scenario, not at a key of the edited plan
            self.error("to", f"{end} is before 'from' {start}")
            return
        if team is None:
            return
        period = {"from": start, "to": end, "capacity": capacity}
        team["availability"] = [*team["availability"], period]
        until = f" to {end}" if end else ""
        self.said.append(f"team {team['id']} at {capacity} from {start}{until}")

    def site(self, change: dict[str, Any]) -> None:
        site = self._record("sites", "site", change["site"])
        if site is None:
            return
        if "available_from" in change:
            new = self._date(change, "available_from")
            if new is not None:
                site["available_from"] = new
                self.said.append(f"{site['id']} takes people from {new}")
            return
        late = self._late(change)
        if late is None:
            return
        if site.get("available_from") is None:
            self.error("late", f"{site['id']} has no available_from to move; give available_from")
            return
        site["available_from"] = site["available_from"] + timedelta(days=late.days())
        self.said.append(f"{site['id']} ready {late} late ({site['available_from']})")

    def action(self, change: dict[str, Any]) -> None:
        action = self._record("actions", "action", change["action"])
        late = self._late(change)
        if action is None or late is None:
            return
        days = Duration.parse(action["duration"]).days() + late.days()
        action["duration"] = f"{days}d"
        self.said.append(f"{action['id']} takes {late} longer")

    def lease(self, change: dict[str, Any]) -> None:
        lease = self._record("leases", "lease", change["lease"], id_key="site")
        drop = self._date(change, "drop_break")
        if lease is None or drop is None:
            return
        if drop not in lease["break_dates"]:
            shown = ", ".join(str(d) for d in lease["break_dates"]) or "none"
            self.error("drop_break", f"{drop} is not a break date of this lease ({shown})")
            return
        lease["break_dates"] = [d for d in lease["break_dates"] if d != drop]
        self.said.append(f"lease at {lease['site']}: no break on {drop}")

    def person(self, change: dict[str, Any]) -> None:
        record = change["person"]
        if not isinstance(record, dict) or "id" not in record:
            self.error("person", "expected a person record with an id, site, cohort and needs")
            return
        if any(p["id"] == record["id"] for p in self.data["people"]):
            self.error("person", f"{record['id']} is in the plan already")
            return
        try:
            Person.model_validate(record)
        except ValidationError as exc:
            # checked here, each problem is located in the scenario at the key the user wrote,
            # not at "people.102.needs" of the edited plan
            for e in exc.errors():
                keys = tuple(str(k) for k in e["loc"])
                where = self.source.find(("changes", self.index, "person", *keys))
                label = f"changes[{self.index}].person" + "".join(f".{k}" for k in keys)
                self.problems.append(
                    Diagnostic(self.display, where.line, where.column, label, e["msg"])
                )
            return
        self.data["people"] = [*self.data["people"], record]
        at = ("changes", self.index, "person")
        index = len(self.data["people"]) - 1
        self.added.add(("people", index), self.source.find(at))
        for key in record:
            self.added.add(("people", index, key), self.source.find((*at, key)))
        self.said.append(f"{record['id']} added at {record.get('site')}")
