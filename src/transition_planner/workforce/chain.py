"""Facts about the HR chain that follow from the plan alone, before any dates are chosen.

Who is in the chain (staff at risk or asking for VR), which establishment each belongs to, how
long consultation must run there, which at-risk people are matched to redeploy vacancies, and
the notice length the scheduler plans for. The scheduler picks the dates; ``verify`` re-checks
them against the statutory rules themselves, not against these planning figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from transition_planner.plan.models import (
    Establishment,
    Plan,
    Staff,
    StaffStatus,
    VacancyUse,
    suitable as suitable,  # its home; verify reads it here
)
from transition_planner.rules.employment import (
    EnhancedRedundancyPay,
    collective_consultation,
    enhanced_redundancy_pay,
    notice_period,
    rates,
)

IN_CHAIN = frozenset({StaffStatus.at_risk, StaffStatus.vr_requested})
PROGRAMME = "programme"
NOTICE_WINDOW = timedelta(days=60)


@dataclass(frozen=True)
class HrGroup:
    """Staff whose proposed dismissals are counted together for collective consultation."""

    id: str
    members: tuple[Staff, ...]
    days: int
    collective: bool


def in_chain(plan: Plan) -> list[Staff]:
    return [s for s in plan.staff if s.status in IN_CHAIN]


def volunteers(plan: Plan, member: Staff) -> bool:
    """A VR request the plan accepts: the person leaves with redundancy pay, not redeployed."""
    return member.status is StaffStatus.vr_requested and plan.workforce.accept_vr


def establishment_of(plan: Plan, member: Staff) -> str:
    return establishment_of_site(plan, member.site)


def establishment_of_site(plan: Plan, site: str) -> str:
    return site if plan.workforce.establishment is Establishment.site else PROGRAMME


def consultation_days(plan: Plan, dismissals: int) -> tuple[int, bool]:
    """(minimum days, collective?) for ``dismissals`` proposed at one establishment."""
    rule = collective_consultation(dismissals, plan.programme.start)
    if rule is None:
        return plan.workforce.individual_consultation.days(), False
    return rule.days, True


def establishments(plan: Plan) -> list[HrGroup]:
    """Each establishment with staff in the chain, in the order the plan first names them.

    Volunteers and people later redeployed count: they are proposed dismissals all the same.
    """
    groups: dict[str, list[Staff]] = {}
    for member in in_chain(plan):
        groups.setdefault(establishment_of(plan, member), []).append(member)
    result = []
    for gid, members in groups.items():
        days, collective = consultation_days(plan, len(members))
        result.append(HrGroup(gid, tuple(members), days, collective))
    return result


def one_to_ones_per_day(plan: Plan) -> int:
    return max(1, plan.workforce.one_to_one_per_week // 5)


def monthly_pay(member: Staff) -> Decimal:
    return member.weekly_pay * 52 / 12


def redundancy(plan: Plan, member: Staff, leaving: date) -> EnhancedRedundancyPay:
    """Redundancy pay on ``leaving`` under the plan's enhancement policy."""
    enh = plan.workforce.enhancement
    return enhanced_redundancy_pay(
        member.start_date,
        member.date_of_birth,
        leaving,
        member.weekly_pay,
        multiplier=enh.multiplier,
        use_actual_pay=enh.use_actual_pay,
        max_weeks=enh.max_weeks,
    )


def match_redeployments(plan: Plan) -> dict[str, str]:
    """staff id -> vacancy id: agreed matches first; then each open post, the latest to open
    first, goes to the suitable person whose redundancy would cost most. No vacancy goes to two
    people.

    A post that opens more than 4 weeks after the person's service is due to close is no
    offer. Posts opening later suit fewer people, so filling them first keeps the most matches,
    and taking the dearest redundancy each time avoids the most pay (for one role and grade
    this greedy choice is optimal); it runs in time linear in posts x people.
    """
    matches = {s.id: s.redeploy_to for s in in_chain(plan) if s.redeploy_to is not None}
    taken = set(matches.values())
    open_posts = [v for v in plan.vacancies if v.use is VacancyUse.redeploy and v.id not in taken]
    open_posts.sort(key=lambda v: (v.available_from or date.min, v.id), reverse=True)
    when = plan.programme.target_end
    window = timedelta(weeks=rates().sae_window_weeks)
    seekers: list[tuple[Decimal, Staff, date]] = []
    for s in in_chain(plan):
        if s.id in matches or volunteers(plan, s):
            continue
        site = plan.site(s.site)
        due = site.close_by.date if site.close_by is not None else when
        seekers.append((redundancy(plan, s, when).total, s, due + window))
    seekers.sort(key=lambda t: (-t[0], t[1].id))
    placed: set[str] = set()
    for v in open_posts:
        for _, s, latest in seekers:
            if s.id in placed or not suitable(s, v):
                continue
            if v.available_from is None or v.available_from <= latest:
                matches[s.id] = v.id
                placed.add(s.id)
                break
    return dict(sorted(matches.items()))


def notice_window(plan: Plan, group: HrGroup) -> tuple[date, date]:
    """The days notice is planned to be given in: from the end of consultation (if it starts
    with the programme), for ``NOTICE_WINDOW`` plus the weeks the 1:1 meetings take at their
    daily rate. Notice given later is never needed (leaving dates wait for closures, not
    notices) and would risk a longer statutory minimum."""
    earliest = plan.programme.start + timedelta(days=group.days)
    working_days = -(-len(group.members) // one_to_ones_per_day(plan))
    meetings = timedelta(weeks=-(-working_days // 5) + 1)
    return earliest, earliest + NOTICE_WINDOW + meetings


def planned_notice_days(member: Staff, earliest: date, latest: date) -> int:
    """The notice to plan for: the longest legal minimum (statutory or contractual) for notice
    given on any day of the window, so it is never short whichever day is chosen.

    Statutory notice only grows with service, so the window's last day gives its longest;
    a contract in months is longest from some day in the window, so those days are tried.
    """
    last = max(latest, member.start_date)
    days = max(1, notice_period(member.start_date, last).days)
    contract = member.contractual_notice
    if contract is None:
        return days
    if contract.unit != "m":
        return max(days, contract.days())
    day = max(earliest, member.start_date)
    while day <= last:
        days = max(days, (contract.add_to(day) - day).days)
        day += timedelta(days=1)
    return days
