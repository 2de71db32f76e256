"""What `tplan validate` reports about a valid plan: counts by site, cohort, needs and status."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from transition_planner.plan.load import LoadedPlan
from transition_planner.plan.models import Plan
from transition_planner.plan.money import format_pounds


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
                f"{format_pounds(lease.rent_per_month)}/month",
                f"{lease.notice_months} months' notice; breaks {breaks}; expiry {expiry}",
            )
        )
    return PlanSummary(
        people_by_site=_count([p.site for p in plan.people]),
        people_by_cohort=_count([p.cohort for p in plan.people]),
        people_by_needs=_count([p.needs.value for p in plan.people]),
        people_by_pathway=_count([p.pathway.value for p in plan.people]),
        staff_by_status=_count([m.status.value for m in plan.staff]),
        vacancies_by_use=_count([v.use.value for v in plan.vacancies]),
        sites=sites,
        leases=leases,
        actions=len(plan.actions),
    )


def describe(loaded: LoadedPlan) -> str:
    """The text ``tplan validate`` prints and ``run`` saves as ``plan-summary.txt``."""
    summary = summarise(loaded.plan)
    prog = loaded.plan.programme
    lines = [
        f"{loaded.display}: valid (plan {loaded.digest})",
        # How each people/staff file was read: "people: people.csv (Windows-1252)".
        *[f"{key}: {how}" for key, how in loaded.inputs.items()],
        f"Programme: {prog.name} ({prog.organisation}), {prog.start} to {prog.target_end}",
        f"Saving: {format_pounds(prog.savings.full_year)} a year; each month late costs "
        f"{format_pounds(prog.monthly_slippage_cost)}",
        "",
        f"Sites ({len(summary.sites)}):",
        *[f"  {sid:<28} {status:<13} {detail}".rstrip() for sid, status, detail in summary.sites],
    ]
    if summary.leases:
        lines += ["", f"Leases ({len(summary.leases)}):"]
        lines += [f"  {site:<28} {rent:<16} {terms}" for site, rent, terms in summary.leases]
    total = sum(n for _, n in summary.people_by_site)
    lines += ["", f"People ({total}):"]
    for title, table in (
        ("by site", summary.people_by_site),
        ("by cohort", summary.people_by_cohort),
        ("by needs", summary.people_by_needs),
        ("by pathway", summary.people_by_pathway),
    ):
        lines.append(f"  {title:<11} " + ", ".join(f"{k} {n}" for k, n in table))
    if loaded.plan.carers:
        lines.append(
            f"  carers      {len(loaded.plan.carers)} with their own records (in the counts above)"
        )
    staff = sum(n for _, n in summary.staff_by_status)
    lines += [
        "",
        f"Staff ({staff}): "
        + (", ".join(f"{k} {n}" for k, n in summary.staff_by_status) or "none"),
    ]
    if summary.vacancies_by_use:
        vac = sum(n for _, n in summary.vacancies_by_use)
        lines.append(
            f"Vacancies ({vac}): " + ", ".join(f"{k} {n}" for k, n in summary.vacancies_by_use)
        )
    lines.append(f"Custom actions: {summary.actions}")
    return "\n".join(lines) + "\n"
