"""This week and the next two: the work each owner has in hand or due, from one schedule.

Weeks run Monday to Sunday; the first is the week of the status date. A step is in a week when
it runs on any day of it and is not recorded done. Its owner is the one every paper gives
(``plan.owners``): the custom action's own, the plan's owner for its kind, else the default.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from transition_planner.plan.models import Plan
from transition_planner.plan.owners import owner_of
from transition_planner.plan.progress import Progress
from transition_planner.plan.steps import StepKind as K
from transition_planner.schedule.model import Schedule, ScheduledAction

WEEKS = 3


@dataclass(frozen=True)
class Item:
    action: ScheduledAction
    owner: str
    status: str
    """``in progress`` (recorded started in the progress file), ``continues`` (planned, begun in
    an earlier week) or ``due`` (planned to begin this week)."""


@dataclass
class Week:
    first: date
    last: date
    owners: dict[str, list[Item]] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return sum(len(items) for items in self.owners.values())


def owner(plan: Plan, action: ScheduledAction) -> str:
    """Who does a step (``plan.owners``: the plan's owners, else the defaults by kind)."""
    return owner_of(plan, action.kind, action.id, action.resource)


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def weeks(
    plan: Plan,
    schedule: Schedule,
    as_of: date,
    progress: Progress | None = None,
    count: int = WEEKS,
) -> list[Week]:
    """``count`` weeks from the week of ``as_of``, each owner's steps in start order."""
    done = {f.step for f in progress.facts if f.status == "done"} if progress else set()
    started = {f.step for f in progress.facts if f.status == "started"} if progress else set()
    out: list[Week] = []
    first = monday(as_of)
    for n in range(count):
        week = Week(first + timedelta(days=7 * n), first + timedelta(days=7 * n + 6))
        for a in schedule.actions:
            if a.id in done or a.end < week.first or a.start > week.last:
                continue
            if a.end < as_of:
                continue
            # "in progress" is what the progress file records; planned work is not yet either
            if a.id in started:
                status = "in progress"
            else:
                status = "continues" if a.start < week.first else "due"
            who = owner(plan, a)
            week.owners.setdefault(who, []).append(Item(a, who, status))
        week.owners = dict(sorted(week.owners.items()))
        out.append(week)
    return out


def format_weeks(found: list[Week], as_of: date, source: str = "") -> str:
    """The weeks as the terminal shows them: per week, per owner, each step with its dates."""
    where = f" ({source})" if source else ""
    lines = [f"As of {as_of:%A %d %B %Y}{where}: this week and the next {len(found) - 1}"]
    for week in found:
        lines += ["", f"Week of {week.first} to {week.last}: {week.count} step(s)"]
        for owner, items in week.owners.items():
            lines.append(f"  {owner} ({len(items)})")
            for item in items:
                a = item.action
                when = str(a.start) if a.start == a.end else f"{a.start} to {a.end}"
                title = f"  {a.title}" if a.kind is K.custom and a.title else ""
                lines.append(f"    {item.status:<11}  {a.id:<32} {when}{title}".rstrip())
    return "\n".join(lines) + "\n"
