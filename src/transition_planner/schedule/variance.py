"""Variance against a baseline: dates and money, per site, milestone, person step and post.

RAG (per site and milestone): red when late against its deadline (a site's ``close_by``, else
the programme's ``target_end``; a custom action's deadline) or later than the baseline; amber
when its slack to the deadline falls under ``tracking.amber_days``; green otherwise. A step with
no deadline is red only when it is later than the baseline.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from transition_planner.plan.models import Plan
from transition_planner.plan.steps import (
    MILESTONE_KINDS,
    PERSON_KINDS,
    SERVICES_CEASE,
    STAFF_KINDS,
    StepKind as K,
    step_id,
)
from transition_planner.schedule.model import Schedule, ScheduledAction
from transition_planner.schedule.text import money

Rag = Literal["green", "amber", "red", ""]
Section = Literal["site", "milestone", "person", "post"]


@dataclass(frozen=True)
class DateVariance:
    """One step in the baseline and now: ``days`` is current minus baseline (late is positive).

    ``step`` is the plan step the row stands for when it is not ``id``: a site's row carries
    its closure (``close:SITE``), which therefore has no milestone row of its own.
    """

    section: Section
    id: str
    baseline: date | None
    current: date | None
    deadline: date | None = None
    rag: Rag = ""
    step: str = ""

    @property
    def step_id(self) -> str:
        """The step id whose recorded status is this row's (a site's: its ``close:`` step)."""
        return self.step or self.id

    @property
    def days(self) -> int | None:
        if self.baseline is None or self.current is None:
            return None
        return (self.current - self.baseline).days


@dataclass(frozen=True)
class MoneyVariance:
    """A cost (a line of the breakdown, or one ``kind:subject`` line) then and now."""

    line: str
    baseline: int
    current: int

    @property
    def change(self) -> int:
        return self.current - self.baseline


@dataclass
class Variance:
    baseline_name: str
    baseline_saved: date | None
    dates: list[DateVariance] = field(default_factory=list)
    money: list[MoneyVariance] = field(default_factory=list)
    lines: list[MoneyVariance] = field(default_factory=list)

    def section(self, section: Section) -> list[DateVariance]:
        return [d for d in self.dates if d.section == section]

    def row(self, step: str) -> DateVariance:
        return next(d for d in self.dates if d.id == step)

    @property
    def total(self) -> MoneyVariance:
        return MoneyVariance(
            "total", sum(m.baseline for m in self.money), sum(m.current for m in self.money)
        )


def rag(current: date | None, baseline: date | None, deadline: date | None, amber: int) -> Rag:
    if current is None:
        return ""
    if (deadline is not None and current > deadline) or (
        baseline is not None and current > baseline
    ):
        return "red"
    if deadline is not None and (deadline - current).days < amber:
        return "amber"
    return "green"


def variance(
    plan: Plan,
    baseline: Schedule,
    current: Schedule,
    name: str = "baseline",
    saved: date | None = None,
) -> Variance:
    """``current`` against ``baseline``: every step's start, and money by cost line."""
    amber = plan.tracking.amber_days
    out = Variance(name, saved)
    then = {a.id: a for a in baseline.actions}
    now = {a.id: a for a in current.actions}
    deadlines = _deadlines(plan)
    for site in current.sites:
        was = next((s.closes for s in baseline.sites if s.id == site.id), None)
        deadline = site.close_by or plan.programme.target_end
        out.dates.append(
            DateVariance(
                "site",
                site.id,
                was,
                site.closes,
                deadline,
                rag(site.closes, was, deadline, amber),
                step_id(K.close, site.id),
            )
        )
    target = plan.programme.target_end
    out.dates.append(
        DateVariance(
            "milestone",
            SERVICES_CEASE,
            baseline.services_cease,
            current.services_cease,
            target,
            rag(current.services_cease, baseline.services_cease, target, amber),
        )
    )
    # a closure is its site's row (``DateVariance.step``), not a milestone as well
    milestones = tuple(k for k in MILESTONE_KINDS if k is not K.close)
    sections: list[tuple[Section, tuple[K, ...]]] = [
        ("milestone", (*milestones, K.custom)),
        ("person", PERSON_KINDS),
        ("post", STAFF_KINDS),
    ]
    for section, kinds in sections:
        ids = sorted(
            {a.id for a in (*then.values(), *now.values()) if a.kind in kinds},
            key=lambda i: (_start(now.get(i)) or _start(then.get(i)) or date.min, i),
        )
        for step in ids:
            b, c = _start(then.get(step)), _start(now.get(step))
            due = deadlines.get(step)
            row_rag: Rag = rag(c, b, due, amber) if section == "milestone" else ""
            out.dates.append(DateVariance(section, step, b, c, due, row_rag))
    for kind in dict.fromkeys([*baseline.cost_breakdown, *current.cost_breakdown]):
        out.money.append(
            MoneyVariance(
                kind, baseline.cost_breakdown.get(kind, 0), current.cost_breakdown.get(kind, 0)
            )
        )
    then_lines = {f"{c.kind}:{c.subject}": c.amount for c in baseline.cost_lines}
    now_lines = {f"{c.kind}:{c.subject}": c.amount for c in current.cost_lines}
    for line in sorted({*then_lines, *now_lines}):
        out.lines.append(MoneyVariance(line, then_lines.get(line, 0), now_lines.get(line, 0)))
    return out


def _start(action: ScheduledAction | None) -> date | None:
    return None if action is None else action.start


def _deadlines(plan: Plan) -> dict[str, date]:
    """The milestones' deadlines (a closure's is its site row's: ``close_by`` or target end)."""
    out: dict[str, date] = {}
    for action in plan.actions:
        if action.deadline is not None:
            out[action.id] = action.deadline.date
    return out


def _days(n: int | None) -> str:
    if n is None:
        return ""
    return f"{n:+d}" if n else "0"


def format_variance(v: Variance, *, all_steps: bool = False) -> str:
    """The variance as the terminal shows it: sites and milestones with RAG, the person steps
    and posts that moved (all with ``all_steps``), and money by cost line."""
    saved = f", saved {v.baseline_saved}" if v.baseline_saved else ""
    lines = [f"Against baseline {v.baseline_name}{saved}"]
    head = f"  {'':<34} {'baseline':<11} {'now':<11} {'days':>5}  "
    titles = {
        "site": "Sites",
        "milestone": "Milestones",
        "person": "Person steps",
        "post": "Posts",
    }
    order: tuple[Section, ...] = ("site", "milestone", "person", "post")
    for section in order:
        rows = v.section(section)
        shown = [r for r in rows if all_steps or section in ("site", "milestone") or r.days != 0]
        if not rows:
            continue
        moved = sum(1 for r in rows if r.days != 0)
        label = titles[section]
        if section in ("person", "post"):
            label += f" ({moved} of {len(rows)} moved)"
        lines += ["", f"{label}:", head + ("RAG" if section in ("site", "milestone") else "")]
        for r in shown:
            lines.append(
                f"  {r.id:<34} {_d(r.baseline):<11} {_d(r.current):<11} {_days(r.days):>5}  "
                f"{r.rag}".rstrip()
            )
    lines += ["", "Money:", f"  {'':<34} {'baseline':>12} {'now':>12} {'change':>12}"]
    for m in [*v.money, v.total]:
        if m.baseline or m.current:
            lines.append(
                f"  {m.line:<34} {money(m.baseline):>12} {money(m.current):>12} "
                f"{_signed(m.change):>12}"
            )
    changed = [m for m in v.lines if m.change]
    if changed:
        lines += ["", "Cost lines that changed:"]
        for m in changed:
            lines.append(
                f"  {m.line:<34} {money(m.baseline):>12} {money(m.current):>12} "
                f"{_signed(m.change):>12}"
            )
    return "\n".join(lines) + "\n"


def _d(day: date | None) -> str:
    return "-" if day is None else day.isoformat()


def _signed(amount: int) -> str:
    if amount == 0:
        return "£0"
    return ("+" if amount > 0 else "-") + f"£{abs(amount):,}"
