"""Commissioning in a schedule, with no solver code: the double-running cost line and the checks
``verify`` makes of each lot's procurement chain, opening and the closures that wait for it.

Every rule is restated from the plan format (``plan/commissioning.py``) and the Procurement Act
2023 as docs/commissioning.md gives it, so a compiler bug shows up here as a fault.
"""

from __future__ import annotations

import itertools
import math
from datetime import date, timedelta
from decimal import Decimal

from transition_planner.plan.calendar import add_months
from transition_planner.plan.commissioning import (
    STANDSTILL_WORKING_DAYS,
    Payer,
    double_running_cost,
    stages,
)
from transition_planner.plan.models import Plan
from transition_planner.plan.money import pounds
from transition_planner.plan.outcomes import Outcome, reviews
from transition_planner.plan.steps import StepKind as K, step_id
from transition_planner.plan.values import Duration
from transition_planner.schedule.model import CostLine, Schedule, ScheduledAction

Problem = tuple[str, str, str]
"""(code, subject, message): a fault in ``verify``'s terms."""


def commissioning_lines(plan: Plan) -> list[CostLine]:
    """The council's double-running costs: each lot's running cost over its funded overlap,
    where the council pays (a provider-funded overlap is not the council's money)."""
    lines = []
    for lot in plan.lots:
        dr = lot.double_running
        if dr is None or dr.paid_by is not Payer.council:
            continue
        amount = double_running_cost(lot)
        if amount:
            lines.append(
                CostLine(
                    "double_running",
                    lot.id,
                    amount,
                    f"{dr.period.describe()} x £{lot.running_cost_per_month:,.0f} a month, "
                    "paid by the council",
                )
            )
    return lines


def outcome_lines(plan: Plan, actions: list[ScheduledAction]) -> list[CostLine]:
    """Each outcome's penalties (a cost) and gainshares (a negative cost) over its reviews, from
    the forecast for the day its service opened in this schedule."""
    opened = {a.subject: a.start for a in actions if a.kind is K.lot_open}
    lines = []
    for outcome in plan.outcomes:
        opens = opened.get(outcome.service) or plan.service_opens(outcome)
        done = reviews(outcome, plan.caseload(outcome), opens)
        short = sum(r.penalty for r in done)
        gain = sum(r.gainshare for r in done)
        below = sum(r.forecast < r.target for r in done)
        above = sum(r.forecast > r.target for r in done)
        lines.append(
            CostLine("outcome_penalty", outcome.id, short, f"below trajectory at {below} review(s)")
        )
        lines.append(
            CostLine(
                "outcome_gainshare", outcome.id, -gain, f"above trajectory at {above} review(s)"
            )
        )
    return lines


def provider_lines(plan: Plan) -> list[CostLine]:
    """Double running a provider funds: shown apart, never in the council's total."""
    return [
        CostLine(
            "double_running",
            lot.id,
            double_running_cost(lot),
            f"{lot.double_running.period.describe()} x £{lot.running_cost_per_month:,.0f} "
            "a month, funded by the provider",
        )
        for lot in plan.lots
        if lot.double_running is not None and lot.double_running.paid_by is Payer.provider
    ]


def expected_lot_steps(plan: Plan) -> list[tuple[str, K, str, int]]:
    """(id, kind, lot, days) of every step the plan's lots generate."""
    out = []
    for lot in plan.lots:
        for stage in stages(lot):
            kind = K(stage.kind)
            out.append((step_id(kind, lot.id), kind, lot.id, stage.days))
        out.append((step_id(K.lot_open, lot.id), K.lot_open, lot.id, 1))
    return out


def working_days(first: date, last: date, holidays: set[date]) -> int:
    """Working days (not Saturday, Sunday or a bank holiday) in ``[first, last]``."""
    n, day = 0, first
    while day <= last:
        n += day.weekday() < 5 and day not in holidays
        day += timedelta(days=1)
    return n


def check_lots(plan: Plan, by_id: dict[str, ScheduledAction]) -> list[Problem]:
    """Each lot's chain in order, the statutory minimums, the standstill in working days, the
    opening day, and every replaced site running through its double running."""
    found: list[Problem] = []
    holidays = set(plan.programme.calendar.holidays)
    for lot in plan.lots:
        chain = [by_id.get(step_id(K(s.kind), lot.id)) for s in stages(lot)]
        opened = by_id.get(step_id(K.lot_open, lot.id))
        if opened is None or any(a is None for a in chain):
            continue  # reported as missing by verify's own check of actions
        steps = [a for a in chain if a is not None]
        proc = lot.procurement
        if proc.not_before and steps[0].start < proc.not_before:
            found.append(
                ("release", steps[0].id, f"starts {steps[0].start}, before {proc.not_before}")
            )
        for stage, a in zip(stages(lot), steps, strict=True):
            if a.days < stage.minimum:
                found.append(
                    (
                        "procurement",
                        a.id,
                        f"lasts {a.days} days; {stage.source} needs {stage.minimum}",
                    )
                )
        for prev, a in itertools.pairwise(steps):
            if a.kind is K.standstill:
                if a.start != prev.start:
                    found.append(
                        (
                            "procurement",
                            a.id,
                            f"starts {a.start}, not with the award notice {prev.start}",
                        )
                    )
                if prev.start.weekday() >= 5 or prev.start in holidays:
                    found.append(
                        ("procurement", prev.id, f"published {prev.start}, not a working day")
                    )
                counted = working_days(a.start, a.end, holidays)
                if counted < STANDSTILL_WORKING_DAYS:
                    found.append(
                        (
                            "procurement",
                            a.id,
                            f"{a.start} to {a.end} holds {counted} working days; the Procurement "
                            f"Act 2023 s.51 needs {STANDSTILL_WORKING_DAYS}",
                        )
                    )
            elif a.start <= prev.end:
                found.append(("order", a.id, f"starts {a.start}, before {prev.id} ends {prev.end}"))
        if opened.start != steps[-1].end + timedelta(days=1):
            found.append(
                (
                    "order",
                    opened.id,
                    f"opens {opened.start}; mobilisation ends {steps[-1].end}, so the first day "
                    f"of service is {steps[-1].end + timedelta(days=1)}",
                )
            )
        overlap = lot.double_running_days()
        for site_id in lot.replaces:
            close = by_id.get(step_id(K.close, site_id))
            if close is None:
                continue
            earliest = opened.start + timedelta(days=max(0, overlap - 1))
            if close.start < earliest:
                why = f"{overlap} days' double running" if overlap else "the lot's opening"
                found.append(
                    (
                        "double_running",
                        close.id,
                        f"closes {close.start}; it must run to {earliest} ({why} from "
                        f"{opened.start})",
                    )
                )
    return found


def _finished_by(
    levels: list[tuple[date, int]], period: Duration, limit: int | None, day: date
) -> int:
    """Starters who have finished by the end of ``day``, restated place by place (not by
    bands of places): place ``i`` is open on a day when the caseload then is more than ``i``
    (``levels``: (first day, caseload), the opening day first); each takes the next starter
    the first open day on or after it frees, a starter taken the day it frees keeping the
    place's calendar of periods, one taken later starting a new one."""
    opens = levels[0][0]
    places = max(n for _, n in levels)

    def next_open(i: int, d: date) -> date | None:
        now = [n for first, n in levels if first <= d]
        if now and now[-1] > i:
            return d
        return next((first for first, n in levels if first > d and n > i), None)

    free = [opens] * places  # the day each place is next free
    anchor = [opens] * places  # the first day of its current calendar of periods
    runs = [0] * places  # starters on that calendar so far
    finished = started = 0
    while limit is None or started < limit:
        found = [(d, i) for i in range(places) if (d := next_open(i, free[i])) is not None]
        if not found:
            break
        begins, n = min(found)
        if begins > day:
            break
        if begins != free[n]:
            anchor[n], runs[n] = begins, 0
        if period.unit == "m":
            ends = add_months(anchor[n], (runs[n] + 1) * period.amount) - timedelta(days=1)
        else:
            ends = begins + timedelta(days=period.days() - 1)
        runs[n] += 1
        started += 1
        finished += ends <= day
        free[n] = ends + timedelta(days=1)
    return finished


def _levels(plan: Plan, outcome: Outcome, opens: date) -> list[tuple[date, int]]:
    """(first day, caseload) from the opening day: the plan's caseload, replaced by any change
    from on or before the opening day, then each later change."""
    levels = [(opens, plan.caseload(outcome))]
    for change in sorted(outcome.caseload_changes, key=lambda c: c.from_):
        if change.from_ <= opens:
            levels[0] = (opens, change.caseload)
        else:
            levels.append((change.from_, change.caseload))
    return levels


def restated_outcomes(
    plan: Plan, actions: list[ScheduledAction]
) -> dict[str, tuple[int, int, date | None]]:
    """Outcome id -> (penalties, gainshares, the day its service opened), restated place by
    place from the schedule's opening day and the contract's payment rule applied review by
    review, without the forecast code the schedule was costed with."""
    opened = {a.subject: a.start for a in actions if a.kind is K.lot_open}
    out: dict[str, tuple[int, int, date | None]] = {}
    for outcome in plan.outcomes:
        opens = opened.get(outcome.service) or plan.service_opens(outcome)
        pay = outcome.payment
        penalties = gains = Decimal(0)
        for point in sorted(outcome.trajectory, key=lambda p: p.date):
            finished = 0
            levels = _levels(plan, outcome, opens) if opens is not None else []
            peak = max((level[1] for level in levels), default=0)
            if peak and point.date >= levels[0][0]:
                finished = _finished_by(
                    levels, outcome.time_to_outcome, outcome.max_starters, point.date
                )
            forecast = math.floor(outcome.success_share * finished)
            p = pay.penalty_per_outcome * max(0, point.target - forecast)
            g = pay.gainshare_per_outcome * max(0, forecast - point.target)
            cap = pay.cap_per_review
            p, g = (p, g) if cap is None else (min(p, cap), min(g, cap))
            if pay.cap_total is not None:
                p, g = min(p, pay.cap_total - penalties), min(g, pay.cap_total - gains)
            penalties, gains = penalties + pounds(p), gains + pounds(g)
        out[outcome.id] = (int(penalties), int(gains), opens)
    return out


def check_outcomes(plan: Plan, schedule: Schedule) -> list[Problem]:
    """The schedule's outcome penalty and gainshare lines against ``restated_outcomes``."""
    found: list[Problem] = []
    got = {(c.kind, c.subject): c.amount for c in schedule.cost_lines}
    for oid, (penalties, gains, opens) in restated_outcomes(plan, schedule.actions).items():
        for kind, want in (("outcome_penalty", penalties), ("outcome_gainshare", -gains)):
            if got.get((kind, oid)) != want:
                found.append(
                    (
                        "outcome",
                        f"{kind}[{oid}]",
                        f"says £{got.get((kind, oid), 0):,}; the forecast from "
                        f"{opens} gives £{want:,}",
                    )
                )
    return found
