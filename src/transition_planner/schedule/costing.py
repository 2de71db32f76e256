"""Money recomputed from a schedule's dates and the plan, line by line, with no solver code.

The compiler builds the solver's step costs from the same functions, so a solver objective that
disagrees with ``total`` here is a bug that tests catch.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from decimal import Decimal

from transition_planner.plan.calendar import months_late, months_touched
from transition_planner.plan.models import Plan, SiteStatus, Staff
from transition_planner.plan.money import format_pounds, pounds, pro_rata_daily
from transition_planner.plan.steps import SERVICES_CEASE, StepKind as K
from transition_planner.rules.employment import (
    complete_years,
    notice_period,
    pension_strain_flag,
    termination_dates,
)
from transition_planner.schedule.commissioning import commissioning_lines, outcome_lines
from transition_planner.schedule.model import CostLine, ScheduledAction
from transition_planner.workforce.chain import days_paid, in_chain, pay_for_days, redundancy

COST_KINDS = (
    "slippage",
    "running_costs",
    "rent",
    "late_sites",
    "late_actions",
    "dilapidations",
    "staff_pay",
    "redundancy",
    "strain",
    "double_running",
)


def slippage_cost(plan: Plan, cease: date | None) -> tuple[int, int, str]:
    """(months late, cost, detail) of services ceasing on ``cease`` against the target end."""
    prog = plan.programme
    if cease is None:
        return 0, 0, "no closing sites"
    months = months_late(prog.target_end, cease)
    monthly = prog.monthly_slippage_cost
    if prog.slippage.pro_rata:
        days = max(0, (cease - prog.target_end).days)
        cost = pounds(pro_rata_daily(monthly) * days)
        return months, cost, f"{days} days late x {format_pounds(monthly)} a month pro rata"
    return months, pounds(monthly * months), f"{months} month(s) late x {format_pounds(monthly)}"


def running_cost(plan: Plan, monthly: Decimal, close: date) -> tuple[int, int]:
    months = months_touched(plan.programme.start, close)
    return months, pounds(monthly * months)


def rent_cost(plan: Plan, monthly: Decimal, exit_day: date) -> tuple[int, int]:
    months = months_touched(plan.programme.start, exit_day)
    return months, pounds(monthly * months)


def late_cost(deadline: date, cost_per_month: Decimal, when: date) -> tuple[int, int]:
    months = months_late(deadline, when)
    return months, pounds(cost_per_month * months)


def services_cease(
    plan: Plan, closes: dict[str, date], ends: dict[str, date] | None = None
) -> date | None:
    """The day services cease: the last closing site's close date, or, when a custom action
    must come ``before: [services_cease]``, the day after the last such action ends if that is
    later (services have not ceased while work the plan puts before it is still going on).
    None without closing sites. ``ends``: custom action id -> its last day."""
    closing = [
        closes[s.id] for s in plan.sites if s.status is SiteStatus.closing and s.id in closes
    ]
    if not closing:
        return None
    ends = ends or {}
    before = [
        ends[a.id] + timedelta(days=1)
        for a in plan.actions
        if SERVICES_CEASE in a.before and a.id in ends
    ]
    return max([*closing, *before])


def cost_lines(plan: Plan, actions: Iterable[ScheduledAction]) -> list[CostLine]:
    """Every cost of the schedule, in a fixed order."""
    closes: dict[str, date] = {}
    exits: dict[str, date] = {}
    ends: dict[str, date] = {}
    actions = list(actions)
    for a in actions:
        if a.kind is K.close:
            closes[a.subject] = a.start
        elif a.kind is K.lease_exit:
            exits[a.subject] = a.start
        elif a.kind is K.custom:
            ends[a.subject] = a.end
    lines: list[CostLine] = []
    months, cost, detail = slippage_cost(plan, services_cease(plan, closes, ends))
    lines.append(CostLine("slippage", "programme", cost, detail))
    for site in plan.sites:
        if site.id not in closes:
            continue
        if site.running_cost_per_month > 0:
            months, cost = running_cost(plan, site.running_cost_per_month, closes[site.id])
            lines.append(
                CostLine(
                    "running_costs",
                    site.id,
                    cost,
                    f"{months} month(s) x {format_pounds(site.running_cost_per_month)}",
                )
            )
        if site.close_by is not None and site.close_by.cost_per_month > 0:
            months, cost = late_cost(
                site.close_by.date, site.close_by.cost_per_month, closes[site.id]
            )
            lines.append(
                CostLine(
                    "late_sites", site.id, cost, f"{months} month(s) after {site.close_by.date}"
                )
            )
    for lease in plan.leases:
        if lease.site in exits:
            months, cost = rent_cost(plan, lease.rent_per_month, exits[lease.site])
            lines.append(
                CostLine(
                    "rent",
                    lease.site,
                    cost,
                    f"{months} month(s) x {format_pounds(lease.rent_per_month)} "
                    f"to {exits[lease.site]}",
                )
            )
        if lease.dilapidations.estimate > 0:
            lines.append(
                CostLine(
                    "dilapidations", lease.site, pounds(lease.dilapidations.estimate), "estimate"
                )
            )
    for action in plan.actions:
        deadline = action.deadline
        if deadline is not None and deadline.cost_per_month > 0 and action.id in ends:
            months, cost = late_cost(deadline.date, deadline.cost_per_month, ends[action.id])
            lines.append(
                CostLine(
                    "late_actions", action.id, cost, f"{months} month(s) after {deadline.date}"
                )
            )
    lines += commissioning_lines(plan) + outcome_lines(plan, actions)
    return lines + staff_lines(plan, actions)


def staff_lines(plan: Plan, actions: list[ScheduledAction]) -> list[CostLine]:
    """Pay of each post at risk until its holder leaves (or starts a new post), by the day
    (``days_paid``, ``pay_for_days``); redundancy pay (statutory plus the plan's enhancement)
    and pension strain on the leaving date."""
    leaves = {a.subject: a.start for a in actions if a.kind is K.leave}
    # a trial recorded failed is no new post: its days are paid once, to the leaving date
    trials = {a.subject: a.start for a in actions if a.kind is K.trial and not a.failed}
    notices = {a.subject: a.start for a in actions if a.kind is K.notice}
    lines: list[CostLine] = []
    for member in in_chain(plan):
        until = leaves.get(member.id) or trials.get(member.id)
        if until is None:
            continue
        leaving = member.id in leaves
        days = days_paid(plan.programme.start, until, leaves=leaving)
        why = "leaves" if leaving else "starts a new post"
        relevant = until
        notice_day = notices.get(member.id)
        if leaving and member.pay_in_lieu and notice_day is not None:
            # the notice is paid, not worked: its days on top (ERA s.86(3)), and the relevant
            # date for redundancy pay extended by the statutory notice (s.145(5))
            ends = termination_dates(
                member.start_date, notice_day, member.contractual_notice, pay_in_lieu=True
            )
            in_lieu = notice_period(member.start_date, notice_day, member.contractual_notice)
            days += in_lieu.days
            why = f"notice of {in_lieu.days} days paid in lieu; leaves"
            relevant = ends.relevant_date
        cost = pay_for_days(member, days)
        lines.append(
            CostLine(
                "staff_pay",
                member.id,
                cost,
                f"{days} days x £{member.weekly_pay:,.2f} a week / 7; {why} {until}",
            )
        )
        if member.id not in leaves:
            continue
        exit_pay = redundancy(plan, member, relevant)
        if exit_pay.total > 0:
            lines.append(
                CostLine(
                    "redundancy",
                    member.id,
                    pounds(exit_pay.total),
                    f"statutory £{exit_pay.statutory.amount:,.2f} + enhancement "
                    f"£{exit_pay.enhancement:,.2f}",
                )
            )
        if strain_flagged(member, until):
            estimate = member.strain_estimate
            detail = "fund estimate" if estimate is not None else "flagged: ask the fund"
            lines.append(CostLine("strain", member.id, pounds(estimate or Decimal(0)), detail))
    return lines


def strain_flagged(member: Staff, leaving: date) -> bool:
    # The plan holds no separate membership record; service stands in for membership years.
    years = complete_years(member.start_date, leaving)
    return pension_strain_flag(member.date_of_birth, leaving, member.pension_member, years)


def breakdown(lines: Iterable[CostLine]) -> dict[str, int]:
    totals = dict.fromkeys(COST_KINDS, 0)
    for line in lines:
        totals[line.kind] = totals.get(line.kind, 0) + line.amount
    return totals
