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
from transition_planner.plan.money import pounds
from transition_planner.rules.collective import DatedProposal, group_proposals
from transition_planner.rules.employment import (
    EnhancedRedundancyPay,
    collective_consultation,
    enhanced_redundancy_pay,
    notice_length_steps,
    notice_period,
    rates,
)
from transition_planner.rules.family import FamilyDates, has_redeployment_priority

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
    establishment: str = ""  # the site (or programme) whose round this is; "" means ``id``

    @property
    def where(self) -> str:
        """The establishment: a site id, or ``programme``."""
        return self.establishment or self.id


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
    """Each round of proposed dismissals with staff in the chain, establishment by
    establishment in the order the plan first names them.

    Volunteers and people later redeployed count: they are proposed dismissals all the same.
    Proposals are counted over 90 days (TULRCA s.188(1), ``rules.collective``), dated by when
    each post is due to go (``due_date``): each 90 days holding 20 or more is a collective
    round, consulted on separately; the proposals left (never 20 in 90 days) form one group
    with individual consultation. The earliest group keeps the establishment's id; later ones
    add ``-2``, ``-3`` (``HrGroup.establishment`` names the establishment).
    """
    groups: dict[str, list[Staff]] = {}
    for member in in_chain(plan):
        groups.setdefault(establishment_of(plan, member), []).append(member)
    result = []
    for eid, members in groups.items():
        proposals = [DatedProposal(m.id, eid, due_date(plan, m)) for m in members]
        rounds = sorted(group_proposals(proposals), key=lambda r: r.first_dismissal)
        # each collective round on its own; the rest (never 20 in 90 days) together, with
        # individual consultation, which does not depend on how they are counted
        parts: list[tuple[date, tuple[Staff, ...], int, bool]] = []
        rest = [r for r in rounds if r.consultation is None]
        for found in rounds:
            if found.consultation is None:
                continue
            chosen = {p.id for p in found.proposals}
            in_round = tuple(m for m in members if m.id in chosen)
            parts.append((found.first_dismissal, in_round, found.consultation.days, True))
        if rest:
            chosen = {p.id for r in rest for p in r.proposals}
            in_rest = tuple(m for m in members if m.id in chosen)
            days, collective = consultation_days(plan, len(in_rest))
            parts.append((min(r.first_dismissal for r in rest), in_rest, days, collective))
        parts.sort(key=lambda part: part[0])
        for n, (_, in_round, days, collective) in enumerate(parts):
            gid = eid if n == 0 else f"{eid}-{n + 1}"
            result.append(HrGroup(gid, in_round, days, collective, eid))
    return result


def one_to_ones_per_day(plan: Plan) -> int:
    return max(1, plan.workforce.one_to_one_per_week // 5)


def monthly_pay(member: Staff) -> Decimal:
    return member.weekly_pay * 52 / 12


def days_paid(programme_start: date, until: date, *, leaves: bool) -> int:
    """Days of pay in the post at risk from the programme start (that day counted): to the
    leaving date inclusive (the last day of employment, ERA s.145(2)), or to the day before a
    new post starts (a trial's first day is paid in the new post). Never negative."""
    return max(0, (until - programme_start).days + (1 if leaves else 0))


def pay_for_days(member: Staff, days: int) -> int:
    """Pounds (half up, ``plan.money``) of ``days`` of pay: a week's pay a seventh a day."""
    return pounds(member.weekly_pay * days / 7)


def daily_pay_fraction(member: Staff) -> tuple[int, int]:
    """The week's pay per day as a fraction ``(numerator, denominator)`` of pounds, exact."""
    top, bottom = member.weekly_pay.as_integer_ratio()
    return top, 7 * bottom


def notice_steps(plan: Plan, member: Staff, latest: date) -> tuple[date, list[tuple[date, int]]]:
    """(first day, ``[(first notice day, days), ...]``): the law's notice length (the longer
    of ERA s.86 and the contract, months by the corresponding date) for notice given on each
    day from the programme start (or the member's start) to ``latest`` and a month beyond, so
    a notice end on or before the end of notice given on ``latest`` is covered."""
    first = max(plan.programme.start, member.start_date)
    last = max(latest, first) + timedelta(days=31)
    return first, notice_length_steps(member.start_date, first, last, member.contractual_notice)


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
    seekers: list[tuple[bool, Decimal, Staff, date]] = []
    for s in in_chain(plan):
        if s.id in matches or volunteers(plan, s):
            continue
        due = due_date(plan, s)
        seekers.append((not protected_on(s, due), redundancy(plan, s, when).total, s, due + window))
    # protected staff (pregnancy, family leave) are offered a suitable post before anyone else
    seekers.sort(key=lambda t: (t[0], -t[1], t[2].id))
    placed: set[str] = set()
    for v in open_posts:
        for _, _, s, latest in seekers:
            if s.id in placed or not suitable(s, v):
                continue
            if v.available_from is None or v.available_from <= latest:
                matches[s.id] = v.id
                placed.add(s.id)
                break
    return dict(sorted(matches.items()))


def due_date(plan: Plan, member: Staff) -> date:
    """When the member's post is due to go: their site's close-by date, else the target end."""
    site = plan.site(member.site)
    return site.close_by.date if site.close_by is not None else plan.programme.target_end


def protected_on(member: Staff, day: date) -> bool:
    """Whether ``member`` has priority for suitable vacancies on ``day`` (pregnancy, maternity,
    adoption or shared parental leave, from 6 April 2024: ``rules.family``)."""
    p = member.protected
    if p is None:
        return False
    dates = FamilyDates(
        informed_of_pregnancy=p.informed_of_pregnancy,
        expected_week=p.expected_week,
        birth=p.birth,
        pregnancy_ended=p.pregnancy_ended,
        leave_start=p.leave_start,
        leave_end=p.leave_end,
        placement=p.placement,
        spl_consecutive_weeks=p.spl_consecutive_weeks,
    )
    return has_redeployment_priority(p.status, dates, day)


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
