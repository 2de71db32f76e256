"""``verify``'s money and summary checks: every cost line recomputed by ``schedule.recost``,
the summary's dates and totals, the status against bound and gap, and the people penalty
(``schedule.verify``)."""

from __future__ import annotations

from datetime import date

from transition_planner.plan.calendar import months_late
from transition_planner.plan.models import accepts
from transition_planner.plan.steps import (
    StepKind as K,
)
from transition_planner.schedule.recost import recost, started_months_after
from transition_planner.schedule.verify_base import (
    GAP_TOLERANCE,
    GROUP_SPLIT,
    NOT_PREFERRED,
    CheckerBase,
)


class MoneyChecks(CheckerBase):
    def check_summary(self, cease: date | None) -> None:
        s = self.schedule
        if s.status not in ("OPTIMAL", "FEASIBLE"):
            self.fault("status", "schedule", f"status {s.status} is not a schedule")
        closes = {a.subject: a.start for a in s.actions if a.kind is K.close}
        got_sites = {o.id: o for o in s.sites}
        for site in self.plan.sites:
            if site.id not in closes:
                continue
            o = got_sites.get(site.id)
            deadline = site.close_by.date if site.close_by else None
            late = months_late(deadline, closes[site.id]) if deadline else 0
            if o is None or (o.closes, o.close_by, o.months_late) != (
                closes[site.id],
                deadline,
                late,
            ):
                self.fault(
                    "summary",
                    f"sites[{site.id}]",
                    f"should close {closes[site.id]} (close-by {deadline}, {late} months late)",
                )
        if s.services_cease != cease:
            self.fault("summary", "services_cease", f"is {s.services_cease}; actions give {cease}")
        end = max((a.end for a in s.actions), default=self.plan.programme.start)
        if s.programme_end != end:
            self.fault("summary", "programme_end", f"is {s.programme_end}; actions give {end}")
        months = started_months_after(self.plan.programme.target_end, cease) if cease else 0
        cost = next(c.amount for c in recost(self.plan, s.actions) if c.kind == "slippage")
        if (s.slippage_months, s.slippage_cost) != (months, cost):
            self.fault(
                "cost",
                "slippage",
                f"says {s.slippage_months} months £{s.slippage_cost:,}; recomputed {months} "
                f"months £{cost:,}",
            )

    def check_costs(self) -> None:
        s = self.schedule
        lines = recost(self.plan, s.actions)
        got = {(c.kind, c.subject): c.amount for c in s.cost_lines}
        want = {(c.kind, c.subject): c for c in lines}
        for key in sorted(set(got) | set(want)):
            rule = want[key].rule if key in want else "no rule gives this line"
            amount = want[key].amount if key in want else 0
            if got.get(key) != (amount if key in want else None):
                self.fault(
                    "cost",
                    f"{key[0]}[{key[1]}]",
                    f"says £{got.get(key, 0):,}; recomputed £{amount:,} ({rule})",
                )
        kinds: dict[str, int] = {}
        for c in lines:
            kinds[c.kind] = kinds.get(c.kind, 0) + c.amount
        shown = {k: v for k, v in s.cost_breakdown.items() if v}
        if shown != {k: v for k, v in kinds.items() if v}:
            self.fault("cost", "cost_breakdown", "does not match the recomputed cost lines")
        total = sum(c.amount for c in lines)
        if s.total_cost != total:
            self.fault("cost", "total_cost", f"says £{s.total_cost:,}; recomputed £{total:,}")
        if s.bound is not None and s.bound > s.total_cost:
            self.fault("cost", "bound", f"£{s.bound:,} is above the total £{s.total_cost:,}")

    def check_gap_in_pounds(self) -> None:
        """The gap in pounds is the cost minus the bound; the avoidable money the cost minus the
        floor (which no bound is below); the share the one over the other (0 with nothing
        avoidable). Schedules written before these keys existed carry none of them."""
        s = self.schedule
        if s.gap_pounds is not None and (s.bound is None or s.gap_pounds != s.total_cost - s.bound):
            self.fault(
                "status", "gap_pounds", f"is £{s.gap_pounds:,}: not the cost minus the bound"
            )
        if s.floor is None:
            return
        if s.avoidable != s.total_cost - s.floor:
            self.fault("status", "avoidable", f"is {s.avoidable}: not the cost minus the floor")
        if s.floor > s.total_cost or (s.bound is not None and s.floor > s.bound):
            self.fault("status", "floor", f"£{s.floor:,} is above the bound or the cost")
        if s.gap_pounds is None or s.avoidable is None:
            if s.gap_of_avoidable is not None:
                self.fault("status", "gap_of_avoidable", f"is {s.gap_of_avoidable} with no bound")
            return
        share = s.gap_pounds / s.avoidable if s.avoidable > 0 else 0.0
        if s.gap_of_avoidable is None or abs(s.gap_of_avoidable - share) > GAP_TOLERANCE:
            self.fault("status", "gap_of_avoidable", f"is {s.gap_of_avoidable}; it is {share:.6f}")

    def check_status(self) -> None:
        """OPTIMAL only with the bound at the cost; the gap is (total - bound) / total."""
        s = self.schedule
        if s.bound is None:
            if s.gap is not None:
                self.fault("status", "gap", f"is {s.gap} with no bound")
            if s.status == "OPTIMAL":
                self.fault("status", "status", "OPTIMAL is claimed with no proven bound")
            return
        gap = max(0.0, (s.total_cost - s.bound) / max(1, abs(s.total_cost)))
        if s.gap is None or abs(s.gap - gap) > GAP_TOLERANCE:
            self.fault("status", "gap", f"is {s.gap}; the bound £{s.bound:,} gives {gap:.6f}")
        if s.status == "OPTIMAL" and s.bound != s.total_cost:
            self.fault(
                "status",
                "status",
                f"OPTIMAL is claimed but the bound £{s.bound:,} is below the cost "
                f"£{s.total_cost:,} (gap {gap:.2%})",
            )

    def check_people_penalty(self) -> None:
        """The reported people penalty against the groups and preferences it weighs."""
        plan = self.plan
        dest: dict[str, str | None] = {}
        for a in self.schedule.actions:
            if a.kind is K.move:
                dest[a.subject] = a.destination
        penalty = 0
        groups: dict[str, set[str | None]] = {}
        for p in plan.people:
            if not p.needs_place or p.id not in dest:
                continue
            if p.group:
                groups.setdefault(p.group, set()).add(dest[p.id])
            if p.preferred:
                fitting = [
                    sid for sid in p.preferred if sid in self.sites and accepts(self.sites[sid], p)
                ]
                d = dest[p.id]
                penalty += fitting.index(d) if d in fitting else NOT_PREFERRED
        split = {name: len(sites) for name, sites in groups.items() if len(sites) > 1}
        penalty += sum(GROUP_SPLIT * (k - 1) for k in split.values())
        if self.schedule.people_penalty != penalty:
            detail = ", ".join(f"{g} over {k} sites" for g, k in sorted(split.items()))
            self.fault(
                "people",
                "people_penalty",
                f"says {self.schedule.people_penalty}; groups and preferences give {penalty}"
                + (f" ({detail})" if detail else ""),
            )
