"""What `tplan validate` reports about a valid plan: counts by site, cohort, needs and status."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from transition_planner.plan.models import Plan


@dataclass(frozen=True)
class PlanSummary:
    people_by_site: list[tuple[str, int]]
    people_by_cohort: list[tuple[str, int]]
    people_by_needs: list[tuple[str, int]]
    people_by_pathway: list[tuple[str, int]]
    staff_by_status: list[tuple[str, int]]
    vacancies_by_use: list[tuple[str, int]]
    sites: list[tuple[str, str, str]]
    leases: list[tuple[str, str, str]]
    actions: int


def _count(values: list[str]) -> list[tuple[str, int]]:
    return sorted(Counter(values).items())


def summarise(plan: Plan) -> PlanSummary:
    sites = []
    for s in plan.sites:
        detail = []
        if s.capacity is not None:
            detail.append(f"{s.capacity} places")
        if s.close_by is not None:
            detail.append(f"close by {s.close_by.date}{' (hard)' if s.close_by.hard else ''}")
        if s.available_from is not None:
            detail.append(f"from {s.available_from}")
        if s.available_after:
            detail.append("after " + ", ".join(s.available_after))
        sites.append((s.id, s.status.value, "; ".join(detail)))
    leases = []
    for lease in plan.leases:
        breaks = ", ".join(d.isoformat() for d in lease.break_dates) or "none"
        expiry = lease.expiry.isoformat() if lease.expiry else "none"
        leases.append(
            (
                lease.site,
                f"£{lease.rent_per_month:,.0f}/month",
                f"{lease.notice_months} months' notice; breaks {breaks}; expiry {expiry}",
            )
        )
    return PlanSummary(
        people_by_site=_count([p.site for p in plan.people]),
        people_by_cohort=_count([p.cohort.value for p in plan.people]),
        people_by_needs=_count([p.needs.value for p in plan.people]),
        people_by_pathway=_count([p.pathway.value for p in plan.people]),
        staff_by_status=_count([m.status.value for m in plan.staff]),
        vacancies_by_use=_count([v.use.value for v in plan.vacancies]),
        sites=sites,
        leases=leases,
        actions=len(plan.actions),
    )
