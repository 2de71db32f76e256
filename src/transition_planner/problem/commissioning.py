"""Plan -> Problem, commissioning: each lot's procurement chain, its opening and double running.

A lot's stages (``plan.commissioning.stages``) run one after another from the procurement's
``not_before``; the award notice is published on a working day from which the 8-working-day
standstill ends within 10 calendar days, and the standstill starts that same day; the contract is
entered into after the standstill and mobilisation runs to the day before ``lot_open:LOT``, the
new service's first day. People move to the lot from that day (the lot is a receiving site
gated on its mobilisation, ``Plan.lot_sites``). Each site the lot ``replaces`` closes no earlier
than the lot opens and, with double running, runs through the last day of the funded overlap.
The lot's running cost over the overlap is a fixed cost: in the council's total when the council
pays, apart (``schedule.costing``) when the provider does.
"""

from __future__ import annotations

from transition_planner.plan.commissioning import (
    STANDSTILL_SPAN_DAYS,
    Lot,
    Payer,
    double_running_cost,
    stages,
    standstill_fits,
)
from transition_planner.plan.outcomes import Outcome, net_payment
from transition_planner.plan.steps import (
    COMMISSIONING,
    GroupKind as G,
    StepKind as K,
    group_id,
    step_id,
)
from transition_planner.problem.builder import ProblemBuilder
from transition_planner.problem.model import Precedence, StepCost

STAGE_TITLES = {
    "market_engagement": "preliminary market engagement",
    "tender": "tendering period",
    "evaluation": "evaluation of tenders",
    "award": "contract award notice",
    "standstill": "standstill (8 working days)",
    "mobilisation": "mobilisation",
}


def add_commissioning(c: ProblemBuilder) -> None:
    """Every lot's procurement chain, its opening day and the closures that wait for it."""
    for lot in c.plan.lots:
        opened = _chain(c, lot)
        _replaced(c, lot, opened)
    for outcome in c.plan.outcomes:
        _outcome(c, outcome)


def _outcome(c: ProblemBuilder, outcome: Outcome) -> None:
    """Penalties less gainshares as a cost of the lot's opening day: opening later can only
    lower the forecast at every review, so the cost never falls with the day. It is measured
    from the earliest day (day 0), the constant difference being the costing's."""
    if not any(lot.id == outcome.service for lot in c.plan.lots):
        return  # a site's service opens on a fixed date: a constant, nothing to choose
    caseload = c.plan.caseload(outcome)
    base = net_payment(outcome, caseload, c.date_of(0))
    steps: list[tuple[int, int]] = []
    last = 0
    for d in range(c.horizon + 1):
        value = net_payment(outcome, caseload, c.date_of(d)) - base
        if value != last:
            steps.append((d, value))
            last = value
    if steps:
        c.costs.append(StepCost(step_id(K.lot_open, outcome.service), tuple(steps), at="start"))


def _chain(c: ProblemBuilder, lot: Lot) -> str:
    holidays = c.plan.programme.calendar.holidays
    proc = lot.procurement
    release = max(0, c.day(proc.not_before)) if proc.not_before else 0
    release_group = group_id(G.not_before, f"procurement:{lot.id}") if release else None
    if release_group:
        c.groups[release_group] = f"the procurement of {lot.label} starts no earlier than " + str(
            proc.not_before
        )
    award_days = (
        tuple(d for d in range(c.horizon) if standstill_fits(c.date_of(d), holidays))
        if proc.standstill
        else c.move_days
    )
    previous: str | None = None
    for n, stage in enumerate(stages(lot)):
        kind = K(stage.kind)
        step = c.add(
            kind,
            lot.id,
            stage.days,
            workstream=COMMISSIONING,
            title=f"{STAGE_TITLES[stage.kind]} ({lot.label})",
            release=release if n == 0 else 0,
            release_group=release_group if n == 0 else None,
            allowed_starts=award_days if kind is K.award else None,
            starts_group=group_id(G.available, f"award:{lot.id}") if kind is K.award else None,
        )
        if previous is None:
            pass
        elif kind is K.standstill:
            # The standstill begins with the day the contract award notice is published.
            c.precedences.append(
                Precedence(previous, step, lag=0, max_lag=0, before_at="start", after_at="start")
            )
        else:
            c.precedences.append(Precedence(previous, step))
        previous = step
    if proc.standstill:
        c.groups[group_id(G.available, f"award:{lot.id}")] = (
            f"the award notice for {lot.label} is published on a working day whose 8-working-day "
            f"standstill ends within {STANDSTILL_SPAN_DAYS} days"
        )
    assert previous is not None  # mobilisation always ends the chain
    opened = c.add(K.lot_open, lot.id, 1, workstream=COMMISSIONING, title=f"{lot.label} opens")
    # The first day of service is the day after mobilisation ends, exactly.
    c.precedences.append(Precedence(previous, opened, lag=0, max_lag=0))
    return opened


def _replaced(c: ProblemBuilder, lot: Lot, opened: str) -> None:
    overlap = lot.double_running_days()
    for site_id in lot.replaces:
        group = group_id(G.order, f"{opened}:{site_id}")
        what = (
            f"runs through {overlap} days of double running from the day {lot.label} opens"
            if overlap
            else f"closes no earlier than {lot.label} opens"
        )
        c.groups[group] = f"{c.plan.site(site_id).label} {what}"
        c.precedences.append(
            Precedence(
                opened,
                step_id(K.close, site_id),
                lag=max(0, overlap - 1),
                before_at="start",
                after_at="start",
                group=group,
            )
        )
    dr = lot.double_running
    if dr is not None and dr.paid_by is Payer.council:
        amount = double_running_cost(lot)
        if amount:
            c.costs.append(StepCost(opened, ((0, amount),), at="start"))
