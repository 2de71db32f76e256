"""Plan -> Problem, the HR chain: consultation, HR1, VR window, 1:1s, notice, leaving, trials.

Per establishment: consultation from its start for the statutory minimum (30 or 45 days at 20 or
100 proposed dismissals, else the plan's individual consultation), the HR1 filed the day it
starts, the VR window open from the same day, and a 1:1 for each person from its start, on
working days, a few a day, before that person's notice or trial. After consultation, people
matched to a vacancy start a 4-week trial within 4 weeks of their service closing; everyone
else gets notice, its length the law's from the day it is given (the longer of ERA s.86 and
the contract, months by the corresponding date: a step function of the notice day), and
leaves on the day it ends or the day the service closes, whichever is later (a tight
activity). Pay until leaving or the trial is costed by the day (a week's pay a seventh a
day, half up to the pound, as ``schedule.costing``); redundancy pay and pension strain are
never seen by the solver, so it cannot move a dismissal to avoid them (they are added to the
total at the dates chosen).
"""

from __future__ import annotations

from transition_planner.plan.models import SiteStatus, Staff
from transition_planner.plan.steps import (
    STAFFING,
    ResourceKind,
    StepKind as K,
    resource_id,
    step_id,
)
from transition_planner.plan.values import Duration
from transition_planner.problem.builder import ProblemBuilder
from transition_planner.problem.model import Demand, LinearCost, Precedence, Resource
from transition_planner.rules.employment import notice_end, rates
from transition_planner.workforce.chain import (
    HrGroup,
    daily_pay_fraction,
    establishments,
    match_redeployments,
    notice_steps,
    notice_window,
    one_to_ones_per_day,
)


def add_staffing(c: ProblemBuilder) -> None:
    groups = establishments(c.plan)
    if not groups:
        return
    matches = match_redeployments(c.plan)
    for group in groups:
        consultation = _consultation(c, group)
        for member in group.members:
            _one_to_one(c, group, member, consultation)
            if member.id in matches:
                _trial(c, member, matches[member.id], consultation, group.days)
            else:
                _notice_and_leave(c, group, member, consultation)


def _consultation(c: ProblemBuilder, group: HrGroup) -> str:
    plan = c.plan
    label = group.where if group.where == "programme" else plan.site(group.where).label
    n = len(group.members)
    kind = "collective" if group.collective else "individual"
    cons = c.add(
        K.consultation,
        group.id,
        group.days,
        workstream=STAFFING,
        title=f"{kind} consultation, {label} ({n} proposed dismissals, {group.days} days)",
    )
    if group.collective:
        hr1 = c.add(
            K.hr1,
            group.id,
            1,
            workstream=STAFFING,
            title=f"HR1 to the Redundancy Payments Service ({label})",
            allowed_starts=c.move_days,
        )
        c.precedences.append(_same_day(hr1, cons))
    vr = c.add(
        K.vr_window,
        group.id,
        plan.workforce.vr_window.days(),
        workstream=STAFFING,
        title=f"call for voluntary redundancy ({label})",
    )
    c.precedences.append(_same_day(cons, vr))
    rid = resource_id(ResourceKind.hr, group.id)
    per_day = one_to_ones_per_day(plan)
    c.resources.append(Resource(rid, per_day, group=rid))
    c.groups[rid] = f"1:1 meetings at {label}: {n} people, at most {per_day} a working day"
    return cons


def _same_day(first: str, then: str) -> Precedence:
    return Precedence(first, then, lag=0, max_lag=0, before_at="start", after_at="start")


def _one_to_one(c: ProblemBuilder, group: HrGroup, member: Staff, consultation: str) -> None:
    rid = resource_id(ResourceKind.hr, group.id)
    one = c.add(
        K.one_to_one,
        member.id,
        1,
        resource=rid,
        workstream=STAFFING,
        title="1:1 meeting",
        allowed_starts=c.move_days,
    )
    c.demands.append(Demand(one, rid))
    # From the start of consultation; if there are too many to fit in its minimum period,
    # consultation simply runs on for those still to meet (their notice waits for their 1:1).
    c.precedences.append(Precedence(consultation, one, before_at="start", after_at="start"))


def _closing_site(c: ProblemBuilder, member: Staff) -> str | None:
    site = c.plan.site(member.site)
    return step_id(K.close, site.id) if site.status is SiteStatus.closing else None


def _trial(
    c: ProblemBuilder, member: Staff, vacancy_id: str, consultation: str, consultation_days: int
) -> None:
    vacancy = next(v for v in c.plan.vacancies if v.id == vacancy_id)
    weeks = rates().trial_period_weeks
    release = max(0, c.day(vacancy.available_from)) if vacancy.available_from else 0
    trial = c.add(
        K.trial,
        member.id,
        7 * weeks,
        workstream=STAFFING,
        title=f"{weeks}-week trial as {vacancy.role} ({vacancy_id})",
        release=release,
        destination=vacancy_id,
    )
    c.precedences.append(Precedence(consultation, trial))
    c.precedences.append(Precedence(step_id(K.one_to_one, member.id), trial))
    close = _closing_site(c, member)
    if close is not None:
        # The new job starts after the old one ends with the service, within 4 weeks of it.
        window = 7 * rates().sae_window_weeks
        c.precedences.append(
            Precedence(close, trial, before_at="start", after_at="start", lag=1, max_lag=window)
        )
        # Implied by the two above and consultation before the trial, but stated so a forward
        # pass (greedy) closes late enough for the trial to start in the window.
        c.raise_release(close, max(release, consultation_days) - window)
    c.linear.append(_pay(member, trial, leaves=False))


def _notice_and_leave(c: ProblemBuilder, group: HrGroup, member: Staff, consultation: str) -> None:
    if member.pay_in_lieu:
        _paid_in_lieu(c, group, member, consultation)
        return
    _, latest = notice_window(c.plan, group)
    _, steps = notice_steps(c.plan, member, latest)
    lengths = tuple((c.day(d), days) for d, days in steps)
    window = step_id(K.notice, member.id)
    c.groups[window] = f"notice to {member.id} is planned to be given by {latest}"
    contract = member.contractual_notice
    notice = c.add(
        K.notice,
        member.id,
        max(days for _, days in lengths),
        workstream=STAFFING,
        title=f"notice (statutory{_contract_text(contract)})",
        allowed_starts=c.move_days,
        # ends never fall as the notice day grows, so this is notice given by ``latest``
        deadline=c.day(notice_end(member.start_date, latest, contract)),
        deadline_group=window,
        duration_steps=lengths,
    )
    c.precedences.append(Precedence(consultation, notice))
    c.precedences.append(Precedence(step_id(K.one_to_one, member.id), notice))
    c.precedences.append(Precedence(step_id(K.vr_window, group.id), notice))
    if group.collective:
        c.precedences.append(Precedence(step_id(K.hr1, group.id), notice))
    leave = c.add(K.leave, member.id, 1, workstream=STAFFING, title="leaving date", tight=True)
    c.precedences.append(Precedence(notice, leave))
    close = _closing_site(c, member)
    if close is not None:
        c.precedences.append(Precedence(close, leave, before_at="start", after_at="start"))
    c.linear.append(_pay(member, leave, leaves=True))


def _paid_in_lieu(c: ProblemBuilder, group: HrGroup, member: Staff, consultation: str) -> None:
    """Notice paid in lieu (ERA s.86(3)): employment ends the day notice is given
    (s.145(2)(b)), so notice is given when the service closes (or later, once consultation
    allows) and the leaving date is that day. The notice pay itself is added to the person's
    pay line by ``schedule.costing`` and is not weighed by the solver (it hardly moves)."""
    notice = c.add(
        K.notice,
        member.id,
        1,
        workstream=STAFFING,
        title="notice (paid in lieu)",
        allowed_starts=c.move_days,
    )
    c.precedences.append(Precedence(consultation, notice))
    c.precedences.append(Precedence(step_id(K.one_to_one, member.id), notice))
    c.precedences.append(Precedence(step_id(K.vr_window, group.id), notice))
    if group.collective:
        c.precedences.append(Precedence(step_id(K.hr1, group.id), notice))
    close = _closing_site(c, member)
    if close is not None:
        c.precedences.append(Precedence(close, notice, before_at="start", after_at="start"))
    leave = c.add(K.leave, member.id, 1, workstream=STAFFING, title="leaving date", tight=True)
    c.precedences.append(Precedence(notice, leave, before_at="start", after_at="start"))
    c.linear.append(_pay(member, leave, leaves=True))


def _contract_text(contract: Duration | None) -> str:
    return "" if contract is None else f" or {contract.amount}{contract.unit} contractual"


def _pay(member: Staff, activity: str, *, leaves: bool) -> LinearCost:
    """Pay from day 0 to the activity's start day (included when the person leaves that day;
    a new post's first day is not the old post's): ``days_paid`` and ``pay_for_days``."""
    top, bottom = daily_pay_fraction(member)
    return LinearCost(activity, top, at="start", offset=top if leaves else 0, divisor=bottom)
