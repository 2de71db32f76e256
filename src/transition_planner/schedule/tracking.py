"""What the papers show of progress: each step's status, what was done since the last report
and what slipped against the baseline, and the weeks ahead by owner.

A step's status is ``done`` or ``in progress`` as the progress file records it, else the RAG of
the variance module (against the baseline when there is one, else against deadlines alone).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from transition_planner.plan.models import Plan
from transition_planner.plan.progress import Progress
from transition_planner.plan.steps import StepKind as K, parse_step_id
from transition_planner.schedule.baseline import Baseline
from transition_planner.schedule.model import Schedule
from transition_planner.schedule.variance import DateVariance, Variance, variance
from transition_planner.schedule.week import Week, weeks


@dataclass(frozen=True)
class Tracking:
    """A re-plan's progress, its variance and its weeks. ``variance`` is against the baseline
    when ``baseline`` is set, else the schedule against itself (RAG by deadlines only)."""

    progress: Progress
    variance: Variance
    weeks: list[Week]
    baseline: Baseline | None = None

    @property
    def as_of(self) -> date:
        return self.progress.as_of

    @property
    def since(self) -> date | None:
        """The date of the last report: the baseline's, if any."""
        return self.baseline.saved if self.baseline is not None else None

    def status(self, step: str) -> str:
        """``done``, ``in progress``, else the step's RAG (empty when it has none); a closure's
        is its site row's."""
        recorded = self._recorded(step)
        return recorded or next((d.rag for d in self.variance.dates if d.step_id == step), "")

    def row_status(self, row: DateVariance) -> str:
        """A variance row's status: ``done`` or ``in progress`` as recorded (a site's by its
        closure step), else the row's own RAG."""
        return self._recorded(row.step_id) or row.rag

    def _recorded(self, step: str) -> str:
        recorded = {f.step: f.status for f in self.progress.facts}
        return {"done": "done", "started": "in progress"}.get(recorded.get(step, ""), "")

    def done(self) -> list[str]:
        """The steps recorded done since the last report (all recorded done without one), in
        the order they finished."""
        since = self.since or date.min
        facts = [
            f
            for f in self.progress.facts
            if f.status == "done" and (f.finish or f.start or date.min) >= since
        ]
        return [f.step for f in sorted(facts, key=lambda f: f.finish or f.start or date.min)]

    def started(self) -> list[str]:
        """The steps recorded in progress on the status date."""
        return [f.step for f in self.progress.facts if f.status == "started"]

    @property
    def left(self) -> int:
        """People recorded as having left the programme."""
        return sum(1 for f in self.progress.facts if f.status == "left")

    def slipped(self) -> list[DateVariance]:
        """Sites and milestones later than the baseline and not done (none without one); a
        site is done when its closure is."""
        if self.baseline is None:
            return []
        done = set(self.done())
        return [
            d
            for d in self.variance.dates
            if d.section in ("site", "milestone") and (d.days or 0) > 0 and d.step_id not in done
        ]

    def moved(self, section: str) -> tuple[int, int]:
        """How many person steps (or posts' steps) are later, and how many earlier."""
        rows = [d for d in self.variance.dates if d.section == section and d.days]
        return sum(1 for d in rows if (d.days or 0) > 0), sum(1 for d in rows if (d.days or 0) < 0)


def kind_of(step: str) -> K:
    """A step's kind (a custom action's id has none of its own)."""
    parsed = parse_step_id(step)
    return parsed.kind if parsed is not None else K.custom


def by_kind(steps: list[str]) -> Counter[K]:
    return Counter(kind_of(s) for s in steps)


def tracking(
    plan: Plan, schedule: Schedule, progress: Progress, baseline: Baseline | None = None
) -> Tracking:
    """The tracking of ``schedule``, a re-plan from ``progress`` (against ``baseline``)."""
    if baseline is not None:
        v = variance(plan, baseline.schedule, schedule, baseline.name, baseline.saved)
    else:
        v = variance(plan, schedule, schedule, "none")
    return Tracking(progress, v, weeks(plan, schedule, progress.as_of, progress), baseline)
