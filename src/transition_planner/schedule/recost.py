"""Every cost line recomputed from the documented rules, for ``verify``, with arithmetic of its
own: exact fractions, its own month counting and its own ERA s.162 sum. It does not import
``schedule.costing`` (nor the workforce pay helpers), so a costing bug shows up as a
disagreement instead of being repeated. Only dated figures (the s.227 cap, the LGPS minimum
age, the membership years) are read from ``rules``: they are data, not arithmetic.

The rules, as README and docs/law.md state them (amounts in whole pounds, half up):

- slippage: the programme's monthly cost x started months after ``target_end`` that the last
  closing site closes (``pro_rata``: x 12 / 365 a day late);
- running_costs, rent: the monthly figure x calendar months touched from the programme start
  to the close date or lease exit, both included;
- late_sites, late_actions: cost per month x started months after the date (a close date, an
  action's last day);
- dilapidations: the estimate, for every lease that has one;
- staff_pay: a week's pay / 7 x days from the programme start to the leaving date (included),
  or to the day before a trial starts (not a trial recorded failed: the person leaves later,
  and its days are paid once, to the leaving date);
- redundancy: s.162 weeks (years counted back from the relevant date, at most 20, each 1.5 if
  the person was 41 or over throughout it, 1 if 22, else 0.5; nothing under 2 years, s.155) x
  the week's pay capped under s.227, to the penny; the plan's enhancement multiplies the weeks
  (at most ``max_weeks``, never below the statutory weeks) at actual pay if ``use_actual_pay``;
  the relevant date is the leaving date (s.145(2)), extended by the statutory notice when pay
  is in lieu (s.145(5));
- strain: the fund's estimate (or 0, flagged) for a pension member leaving at or over the LGPS
  minimum age with the qualifying membership (service stands in for membership).
"""

from __future__ import annotations

import calendar
import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

from transition_planner.plan.models import Plan, SiteStatus, Staff, StaffStatus
from transition_planner.plan.steps import StepKind as K
from transition_planner.rules.employment import rates, strain_minimum_age, weekly_pay_cap
from transition_planner.schedule.commissioning import restated_outcomes
from transition_planner.schedule.model import ScheduledAction


@dataclass(frozen=True)
class Recosted:
    """One cost line as the rules give it: the amount and the rule it comes from."""

    kind: str
    subject: str
    amount: int
    rule: str


def half_up(x: Fraction) -> int:
    """Whole pounds, half up (x is never negative here)."""
    return math.floor(x + Fraction(1, 2))


def to_pence(x: Fraction) -> Fraction:
    return Fraction(math.floor(x * 100 + Fraction(1, 2)), 100)


def exact(value: Decimal | int) -> Fraction:
    return Fraction(value)


def month_shift(d: date, months: int) -> date:
    """``d`` moved by whole months, the day clamped to the month's last."""
    index = d.year * 12 + d.month - 1 + months
    year, month = index // 12, index % 12 + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def started_months_after(deadline: date, when: date) -> int:
    """Months begun after ``deadline`` by ``when``: a day late is one."""
    n = 0
    while when > month_shift(deadline, n):
        n += 1
    return n


def calendar_months(first: date, last: date) -> int:
    """Calendar months with a day in ``[first, last]``."""
    if last < first:
        return 0
    return (last.year * 12 + last.month) - (first.year * 12 + first.month) + 1


def anniversaries(earlier: date, later: date) -> int:
    """Anniversaries of ``earlier`` on or before ``later`` (29 February's falls on 1 March)."""
    n = later.year - earlier.year
    return n - 1 if (later.month, later.day) < (earlier.month, earlier.day) else n


def statutory_weeks_notice(start: date, notice_day: date) -> int:
    """ERA s.86(1) weeks for notice given on ``notice_day`` (s.211: both days counted)."""
    day_after = notice_day + timedelta(days=1)
    months = (day_after.year * 12 + day_after.month) - (start.year * 12 + start.month)
    months -= int(day_after.day < start.day)
    if months < 1:
        return 0
    years = anniversaries(start, day_after)
    return 1 if years < 2 else min(years, 12)


def s162_weeks(born: date, relevant: date, years: int) -> Fraction:
    """ERA s.162 weeks for ``years`` complete years ending with ``relevant``."""
    if years < 2:
        return Fraction(0)
    weeks = Fraction(0)
    after = relevant + timedelta(days=1)
    for k in range(1, min(years, 20) + 1):
        try:
            first = after.replace(year=after.year - k)
        except ValueError:
            first = date(after.year - k, 2, 28)
        age = anniversaries(born, first) if first >= born else 0
        weeks += Fraction(3, 2) if age >= 41 else Fraction(1) if age >= 22 else Fraction(1, 2)
    return weeks


def relevant_date(member: Staff, notice_day: date | None, leaving: date) -> date:
    """s.145(2) the leaving date; with pay in lieu, s.145(5) extends it by the statutory notice."""
    if not member.pay_in_lieu or notice_day is None:
        return leaving
    weeks = statutory_weeks_notice(member.start_date, notice_day)
    return max(leaving, notice_day + timedelta(weeks=weeks))


def notice_days(member: Staff, notice_day: date) -> int:
    """Days of notice given on ``notice_day``: the longer of s.86 and the contract (months to
    the corresponding date, or the month's last day)."""
    end = notice_day + timedelta(weeks=statutory_weeks_notice(member.start_date, notice_day))
    contract = member.contractual_notice
    if contract is not None:
        if contract.unit == "m":
            contract_end = month_shift(notice_day, contract.amount)
        else:
            contract_end = notice_day + timedelta(
                days=contract.amount * (7 if contract.unit == "w" else 1)
            )
        end = max(end, contract_end)
    return (end - notice_day).days


def recost(plan: Plan, actions: Iterable[ScheduledAction]) -> list[Recosted]:
    """Every cost line of a schedule with these ``actions``, from the rules above."""
    actions = list(actions)
    closes = {a.subject: a.start for a in actions if a.kind is K.close}
    exits = {a.subject: a.start for a in actions if a.kind is K.lease_exit}
    ends = {a.subject: a.end for a in actions if a.kind is K.custom}
    start = plan.programme.start
    out: list[Recosted] = []
    prog = plan.programme
    closing = [
        closes[s.id] for s in plan.sites if s.status is SiteStatus.closing and s.id in closes
    ]
    # Services cease when the last site closes and every action the plan puts before it is
    # done: the day after its last day (docs/plan-format.md, services_cease).
    closing += [
        ends[a.id] + timedelta(days=1)
        for a in plan.actions
        if closing and "services_cease" in a.before and a.id in ends
    ]
    monthly = exact(prog.monthly_slippage_cost)
    if not closing:
        slip = 0
    elif prog.slippage.pro_rata:
        late_days = max(0, (max(closing) - prog.target_end).days)
        slip = half_up(monthly * 12 / 365 * late_days)
    else:
        slip = half_up(monthly * started_months_after(prog.target_end, max(closing)))
    out.append(Recosted("slippage", "programme", slip, "months late after target_end x monthly"))
    for site in plan.sites:
        if site.id not in closes:
            continue
        if site.running_cost_per_month > 0:
            n = calendar_months(start, closes[site.id])
            cost = half_up(exact(site.running_cost_per_month) * n)
            out.append(Recosted("running_costs", site.id, cost, "months touched to closure"))
        if site.close_by is not None and site.close_by.cost_per_month > 0:
            n = started_months_after(site.close_by.date, closes[site.id])
            cost = half_up(exact(site.close_by.cost_per_month) * n)
            out.append(Recosted("late_sites", site.id, cost, "started months after close_by"))
    for lease in plan.leases:
        if lease.site in exits:
            n = calendar_months(start, exits[lease.site])
            cost = half_up(exact(lease.rent_per_month) * n)
            out.append(Recosted("rent", lease.site, cost, "months touched to the lease exit"))
        if lease.dilapidations.estimate > 0:
            cost = half_up(exact(lease.dilapidations.estimate))
            out.append(Recosted("dilapidations", lease.site, cost, "the estimate"))
    for action in plan.actions:
        deadline = action.deadline
        if deadline is not None and deadline.cost_per_month > 0 and action.id in ends:
            n = started_months_after(deadline.date, ends[action.id])
            cost = half_up(exact(deadline.cost_per_month) * n)
            out.append(Recosted("late_actions", action.id, cost, "started months after deadline"))
    out += _staff(plan, actions)
    out += _commissioning(plan, actions)
    return out


def _commissioning(plan: Plan, actions: list[ScheduledAction]) -> list[Recosted]:
    """Double running the council pays (the lot's monthly cost over the overlap: whole months,
    or 12/365 of a month a day), and each outcome's penalties and gainshares."""
    out: list[Recosted] = []
    for lot in plan.lots:
        dr = lot.double_running
        if dr is None or dr.paid_by.value != "council" or lot.running_cost_per_month <= 0:
            continue
        monthly = exact(lot.running_cost_per_month)
        if dr.period.unit == "m":
            cost = half_up(monthly * dr.period.amount)
        else:
            days = dr.period.amount * (7 if dr.period.unit == "w" else 1)
            cost = half_up(monthly * 12 / 365 * days)
        if cost:
            out.append(Recosted("double_running", lot.id, cost, "the overlap the council funds"))
    for oid, (penalties, gains, _) in restated_outcomes(plan, actions).items():
        out.append(Recosted("outcome_penalty", oid, penalties, "penalty per review, capped"))
        out.append(Recosted("outcome_gainshare", oid, -gains, "gainshare per review, capped"))
    return out


def _staff(plan: Plan, actions: list[ScheduledAction]) -> list[Recosted]:
    leaves = {a.subject: a.start for a in actions if a.kind is K.leave}
    # a trial recorded failed is no new post: its days are paid once, to the leaving date
    trials = {a.subject: a.start for a in actions if a.kind is K.trial and not a.failed}
    notices = {a.subject: a.start for a in actions if a.kind is K.notice}
    start = plan.programme.start
    enh = plan.workforce.enhancement
    out: list[Recosted] = []
    for member in plan.staff:
        if member.status not in (StaffStatus.at_risk, StaffStatus.vr_requested):
            continue
        leaving = leaves.get(member.id)
        until = leaving or trials.get(member.id)
        if until is None:
            continue
        days = max(0, (until - start).days + (1 if leaving is not None else 0))
        notice_day = notices.get(member.id)
        if leaving is not None and member.pay_in_lieu and notice_day is not None:
            days += notice_days(member, notice_day)  # the notice, paid in lieu
        pay = exact(member.weekly_pay)
        out.append(
            Recosted("staff_pay", member.id, half_up(pay * days / 7), "a week's pay / 7 a day")
        )
        if leaving is None:
            continue
        relevant = relevant_date(member, notices.get(member.id), leaving)
        years = anniversaries(member.start_date, relevant + timedelta(days=1))
        weeks = s162_weeks(member.date_of_birth, relevant, years)
        capped = min(pay, exact(weekly_pay_cap(relevant)))
        basis = pay if enh.use_actual_pay else capped
        awarded = max(min(weeks * exact(enh.multiplier), Fraction(enh.max_weeks)), weeks)
        total = to_pence(awarded * basis)
        if total > 0:
            out.append(
                Recosted(
                    "redundancy",
                    member.id,
                    half_up(total),
                    f"ERA s.162 on {relevant}: {float(weeks):g} weeks, x the plan's enhancement",
                )
            )
        age = anniversaries(member.date_of_birth, leaving)
        flagged = (
            member.pension_member
            and anniversaries(member.start_date, leaving + timedelta(days=1))
            >= rates().strain_membership_years
            and age >= strain_minimum_age(leaving)
        )
        if flagged:
            estimate = half_up(exact(member.strain_estimate or Decimal(0)))
            out.append(Recosted("strain", member.id, estimate, "LGPS strain on redundancy"))
    return out
