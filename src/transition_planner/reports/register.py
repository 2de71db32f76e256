"""The at-risk staff register: one row per post, and a summary per establishment.

Built from the plan and a schedule: the dates come from the schedule's staff steps; pay, notice
and consultation figures are recomputed from the statutory rules on those dates. Staff names
appear here and nowhere else the tool writes.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from transition_planner.plan.models import Plan, Staff, VacancyUse
from transition_planner.plan.steps import StepKind as K, step_id
from transition_planner.rules.employment import (
    cliff_edges,
    notice_period,
    rates,
    termination_dates,
)
from transition_planner.schedule.costing import strain_flagged
from transition_planner.schedule.model import CostLine, Schedule, ScheduledAction
from transition_planner.workforce.chain import (
    HrGroup,
    due_date,
    establishment_of,
    establishment_of_site,
    establishments,
    protected_on,
    redundancy,
    volunteers,
)

VR_ACCEPTED = "VR accepted"
REDEPLOYED = "redeployed"
REDUNDANT = "redundant"
VACANCY_DELETED = "vacancy deleted"
NOT_AT_RISK = "not at risk"


@dataclass(frozen=True)
class PostRow:
    post: str
    name: str
    role: str
    site: str
    grade: str
    status: str
    one_to_one: date | None
    consultation_start: date | None  # this person's establishment's consultation
    consultation_end: date | None
    notice_issued: date | None
    notice: str
    notice_rule: str
    leaving_date: date | None
    redeployed_to: str
    trial_start: date | None
    trial_end: date | None
    # The figures behind the pay, as rules.employment worked them out on the relevant date.
    relevant_date: date | None
    age: int | None
    service_years: int | None  # complete years, before the 20-year limit
    weekly_pay: Decimal | None  # actual gross week's pay
    weekly_pay_cap: Decimal | None  # the ERA s.227 limit in force on the relevant date
    weekly_pay_used: Decimal | None  # capped, or actual under the plan's enhancement
    statutory_weeks: Decimal | None
    weeks_awarded: Decimal | None  # statutory weeks x the enhancement, within its limit
    redundancy_statutory: Decimal | None
    redundancy_total: Decimal | None
    strain_flag: bool
    strain_estimate: Decimal | None
    cliff_edges: str
    # issue 14: the day the notice given expires by law (ERA s.86 or the contract), and, when
    # the leaving date is later (the service closes then), the notice actually given
    notice_end: date | None = None
    notice_given: str = ""
    # relevant_date above is the leaving date, or with notice paid in lieu the day the
    # statutory notice would have ended (ERA s.145(5))
    pay_in_lieu: bool = False
    protected: str = ""
    # a trial recorded failed (kept as history: trial_start to trial_end, the day it failed),
    # e.g. "trial in V1 failed 2016-05-20 (recorded)"; the person is then dismissed
    trial_outcome: str = ""


@dataclass(frozen=True)
class EstablishmentSummary:
    id: str
    posts: int
    at_risk: int
    vr_accepted: int
    redeployed: int
    redundant: int
    vacancies_deleted: int
    staff_pay: int
    redundancy: Decimal
    strain: Decimal
    threshold: str
    consultation_start: date | None
    consultation_end: date | None
    hr1: date | None


@dataclass(frozen=True)
class Register:
    posts: list[PostRow]
    establishments: list[EstablishmentSummary]

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = _jsonable(
            {"posts": self.posts, "establishments": self.establishments}
        )
        return data


def build_register(plan: Plan, schedule: Schedule) -> Register:
    by_id = {a.id: a for a in schedule.actions}
    groups = {g.id: g for g in establishments(plan)}
    rows = [_staff_row(plan, member, by_id, groups) for member in plan.staff]
    rows += [_vacancy_row(plan, v.id, by_id) for v in plan.vacancies if v.use is VacancyUse.delete]
    staff_pay = [line for line in schedule.cost_lines if line.kind == "staff_pay"]
    summaries = [_summary(plan, g, rows, by_id, staff_pay) for g in groups.values()]
    return Register(rows, summaries)


def _staff_row(
    plan: Plan, member: Staff, by_id: dict[str, ScheduledAction], groups: dict[str, HrGroup]
) -> PostRow:
    # the member's own round (an establishment may have several, 90 days apart)
    group = next(
        (g for g in groups.values() if member in g.members),
        groups.get(establishment_of(plan, member)),
    )
    in_chain = group is not None and member in group.members
    cons = by_id.get(step_id(K.consultation, group.id)) if group else None
    one = by_id.get(step_id(K.one_to_one, member.id))
    notice = by_id.get(step_id(K.notice, member.id))
    leave = by_id.get(step_id(K.leave, member.id))
    trial = by_id.get(step_id(K.trial, member.id))
    row: dict[str, Any] = {
        "post": member.id,
        "name": member.name,
        "role": member.role,
        "site": member.site,
        "grade": member.grade or "",
        "status": NOT_AT_RISK,
        "one_to_one": one.start if one else None,
        "consultation_start": cons.start if cons and in_chain else None,
        "consultation_end": cons.end if cons and in_chain else None,
        "notice_issued": None,
        "notice": "",
        "notice_rule": "",
        "leaving_date": None,
        "redeployed_to": "",
        "trial_start": None,
        "trial_end": None,
        "relevant_date": None,
        "age": None,
        "service_years": None,
        "weekly_pay": None,
        "weekly_pay_cap": None,
        "weekly_pay_used": None,
        "statutory_weeks": None,
        "weeks_awarded": None,
        "redundancy_statutory": None,
        "redundancy_total": None,
        "strain_flag": False,
        "strain_estimate": None,
        "cliff_edges": "",
    }
    if trial is not None and not trial.failed:
        row |= {
            "status": REDEPLOYED,
            "redeployed_to": trial.destination or "",
            "trial_start": trial.start,
            "trial_end": trial.end,
        }
    elif notice is not None and leave is not None:
        legal = notice_period(member.start_date, notice.start, member.contractual_notice)
        relevant = termination_dates(
            member.start_date,
            notice.start,
            member.contractual_notice,
            pay_in_lieu=member.pay_in_lieu,
        ).relevant_date
        if not member.pay_in_lieu:
            relevant = leave.start
        pay = redundancy(plan, member, relevant)
        flagged = strain_flagged(member, leave.start)
        edges = cliff_edges(
            member.start_date, member.date_of_birth, leave.start, member.pension_member
        )
        row |= {
            "status": VR_ACCEPTED if volunteers(plan, member) else REDUNDANT,
            "notice_issued": notice.start,
            "notice": _notice_text(legal.rule, legal.statutory_weeks, member),
            "notice_rule": legal.rule,
            "leaving_date": leave.start,
            "relevant_date": pay.statutory.relevant_date,
            "age": pay.statutory.age,
            "service_years": pay.statutory.years,
            "weekly_pay": pay.statutory.weekly_pay,
            "weekly_pay_cap": pay.statutory.cap,
            "weekly_pay_used": pay.weekly_pay_used,
            "statutory_weeks": pay.statutory.weeks,
            "weeks_awarded": pay.weeks,
            "redundancy_statutory": pay.statutory.amount,
            "redundancy_total": pay.total,
            "strain_flag": flagged,
            "strain_estimate": member.strain_estimate if flagged else None,
            "cliff_edges": "; ".join(f"{e.date}: {e.description}" for e in edges),
            "notice_end": legal.end,
            "notice_given": "paid in lieu"
            if member.pay_in_lieu
            else _notice_given(legal.end, leave.start, notice.start),
            "pay_in_lieu": member.pay_in_lieu,
        }
        if trial is not None:
            row |= {
                "trial_start": trial.start,
                "trial_end": trial.end,
                "trial_outcome": f"trial in {trial.destination} failed {trial.end} (recorded)",
            }
    if member.protected is not None and in_chain:
        first = member.protected.leave_start or member.protected.informed_of_pregnancy
        row["protected"] = (
            f"{member.protected.status.replace('_', ' ')} (from {first}): "
            f"{'priority' if protected_on(member, due_date(plan, member)) else 'no priority'} "
            "for suitable vacancies"
        )
    return PostRow(**row)


def _notice_given(legal_end: date, leaving: date, given: date) -> str:
    """What the notice given amounts to when the service closes after the legal notice ends."""
    if leaving <= legal_end:
        return ""
    extra = (leaving - legal_end).days
    return (
        f"{(leaving - given).days} days, to {leaving}: {extra} day{'s' if extra != 1 else ''} "
        f"longer than the legal minimum (ends {legal_end}), as the service closes then"
    )


def _notice_text(rule: str, weeks: int, member: Staff) -> str:
    if rule == "contractual" and member.contractual_notice is not None:
        return f"{member.contractual_notice.describe()} (contract)"
    return f"{weeks} week{'s' if weeks != 1 else ''} (statutory)"


def _vacancy_row(plan: Plan, vacancy_id: str, by_id: dict[str, ScheduledAction]) -> PostRow:
    vacancy = next(v for v in plan.vacancies if v.id == vacancy_id)
    close = by_id.get(step_id(K.close, vacancy.site))
    return PostRow(
        post=vacancy.id,
        name="(vacant)",
        role=vacancy.role,
        site=vacancy.site,
        grade=vacancy.grade or "",
        status=VACANCY_DELETED,
        one_to_one=None,
        consultation_start=None,
        consultation_end=None,
        notice_issued=None,
        notice="",
        notice_rule="",
        leaving_date=close.start if close else None,
        redeployed_to="",
        trial_start=None,
        trial_end=None,
        relevant_date=None,
        age=None,
        service_years=None,
        weekly_pay=None,
        weekly_pay_cap=None,
        weekly_pay_used=None,
        statutory_weeks=None,
        weeks_awarded=None,
        redundancy_statutory=None,
        redundancy_total=None,
        strain_flag=False,
        strain_estimate=None,
        cliff_edges="",
    )


def _summary(
    plan: Plan,
    group: HrGroup,
    rows: list[PostRow],
    by_id: dict[str, ScheduledAction],
    staff_pay: list[CostLine],
) -> EstablishmentSummary:
    ids = {m.id for m in group.members}
    mine = [r for r in rows if r.post in ids]
    deleted = [
        r
        for r in rows
        if r.status == VACANCY_DELETED and establishment_of_site(plan, r.site) == group.id
    ]
    cons = by_id.get(step_id(K.consultation, group.id))
    hr1 = by_id.get(step_id(K.hr1, group.id))
    # Pay to leaving is the schedule's own cost line per person (one costing rule, half up).
    pay = sum(line.amount for line in staff_pay if line.subject in ids)
    n = len(group.members)
    if group.collective:
        threshold = (
            f"{n} proposed dismissals: collective consultation of at least {group.days} days "
            f"and an HR1 before the first notice"
        )
    else:
        lowest = rates().consultation[0][0]
        threshold = f"{n} proposed dismissals, under {lowest}: individual consultation only"
    return EstablishmentSummary(
        id=group.id,
        posts=len(mine) + len(deleted),
        at_risk=n,
        vr_accepted=sum(r.status == VR_ACCEPTED for r in mine),
        redeployed=sum(r.status == REDEPLOYED for r in mine),
        redundant=sum(r.status == REDUNDANT for r in mine),
        vacancies_deleted=len(deleted),
        staff_pay=pay,
        redundancy=sum((r.redundancy_total or Decimal(0) for r in mine), Decimal(0)),
        strain=sum((r.strain_estimate or Decimal(0) for r in mine), Decimal(0)),
        threshold=threshold,
        consultation_start=cons.start if cons else None,
        consultation_end=cons.end if cons else None,
        hr1=hr1.start if hr1 else None,
    )


def _jsonable(value: Any) -> Any:
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if hasattr(value, "__dataclass_fields__"):
        return {k: _jsonable(v) for k, v in asdict(value).items()}
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value
