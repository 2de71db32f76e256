"""The schedule summary a programme manager reads in the terminal."""

from __future__ import annotations

from transition_planner.plan.money import format_pounds
from transition_planner.plan.steps import StepKind as K, step_id
from transition_planner.schedule.model import Schedule


def money(amount: int | None) -> str:
    return "n/a" if amount is None else format_pounds(amount)


def status_in_words(schedule: Schedule) -> str:
    """What the search proved, claiming no more: every aim (``optimal (proven)``); the cost
    only (``stats["proven"] == "cost"``: a later aim, such as the fewest changed commitments
    of a re-plan or people's preferences, not proven); or nothing."""
    if schedule.status == "FEASIBLE" and schedule.stats.get("proven") == "cost":
        later = (
            "changes to commitments not proven minimal"
            if "commitments" in schedule.stats
            else "people's preferences not proven best met"
        )
        return f"cost proven optimal; {later}"
    return {
        "OPTIMAL": "optimal (proven)",
        "FEASIBLE": "feasible, not proven optimal",
    }.get(schedule.status, schedule.status.lower())


def format_schedule(schedule: Schedule, monthly_slippage: int) -> str:
    claim = status_in_words(schedule)
    gap = "n/a" if schedule.gap is None else f"{schedule.gap:.1%}"
    lines = [
        f"Schedule: {claim}; solver {schedule.solver}; plan {schedule.plan_digest}",
        f"Services cease: {schedule.services_cease or 'n/a'} (target {schedule.target_end})"
        + (
            f", {schedule.slippage_months} month(s) late"
            if schedule.slippage_months
            else ", on time"
        ),
        f"Programme end:  {schedule.programme_end} (last follow-up step)",
        f"Slippage cost:  {money(schedule.slippage_cost)}; each further month costs "
        f"{money(monthly_slippage)}",
        f"Total cost:     {money(schedule.total_cost)}  (bound {money(schedule.bound)}, gap {gap})",
        *gap_in_pounds(schedule),
        "",
        "Costs:",
        *[
            f"  {kind:<15} {money(amount):>12}"
            for kind, amount in schedule.cost_breakdown.items()
            if amount
        ],
    ]
    if schedule.sites:
        lines += ["", "Closing sites:", f"  {'site':<28} {'closes':<11} {'close by':<11} slack"]
        for s in schedule.sites:
            slack = (
                ""
                if s.slack_days is None
                else (
                    f"{s.slack_days} days"
                    if s.slack_days >= 0
                    else f"{-s.slack_days} days late ({s.months_late} month(s))"
                )
            )
            close_by = s.close_by or ""
            lines.append(f"  {s.id:<28} {s.closes!s:<11} {close_by!s:<11} {slack}".rstrip())
    if schedule.leases:
        lines += ["", "Leases:", f"  {'site':<28} {'notice':<11} {'exit':<11} on"]
        for lease in schedule.leases:
            on = "expiry" if lease.on_expiry else "break date"
            lines.append(f"  {lease.site:<28} {lease.notice_served!s:<11} {lease.exit!s:<11} {on}")
    staff_lines = _staff_lines(schedule)
    if staff_lines:
        lines += ["", *staff_lines]
    if schedule.critical_chain:
        lines += ["", "Critical chain (what sets the date services cease):"]
        chain = schedule.critical_chain
        shown = chain if len(chain) <= 12 else [*chain[:5], "...", *chain[-6:]]
        for step in shown:
            if step == "...":
                lines.append(f"  ... {len(chain) - 11} more ...")
                continue
            a = schedule.action(step)
            lines.append(
                f"  {a.start} to {a.end}  {a.id}" + (f" ({a.resource})" if a.resource else "")
            )
    counts: dict[str, int] = {}
    for a in schedule.actions:
        counts[a.kind] = counts.get(a.kind, 0) + 1
    lines += ["", "Actions: " + ", ".join(f"{k} {n}" for k, n in sorted(counts.items()))]
    return "\n".join(lines) + "\n"


def gap_in_pounds(schedule: Schedule) -> list[str]:
    """The gap in pounds and as a share of the avoidable money (the cost above the precedence
    floor: what the schedule could still save at most); no line when the figures are missing."""
    if schedule.floor is None or schedule.avoidable is None:
        return []
    floor = f"the cost above the floor {money(schedule.floor)}"
    if schedule.gap_pounds is None or schedule.gap_of_avoidable is None:
        return [f"Avoidable:      {money(schedule.avoidable)} ({floor}); no bound proved"]
    return [
        f"Gap in pounds:  {money(schedule.gap_pounds)}, {schedule.gap_of_avoidable:.1%} of the "
        f"{money(schedule.avoidable)} avoidable ({floor})"
    ]


def _staff_lines(schedule: Schedule) -> list[str]:
    leaving = [a.start for a in schedule.actions if a.kind is K.leave]
    trials = [a.end for a in schedule.actions if a.kind is K.trial and not a.failed]
    if not leaving and not trials:
        return []
    lines = [f"Staff at risk: {len(leaving) + len(trials)}"]
    if leaving:
        lines.append(f"  {len(leaving)} leave after notice, the last on {max(leaving)}")
    failed = [a for a in schedule.actions if a.kind is K.trial and a.failed]
    if failed:
        lines.append(f"  {len(failed)} of them after a trial recorded failed")
    if trials:
        lines.append(f"  {len(trials)} redeployed, trials ending by {max(trials)}")
    by_id = {a.id: a for a in schedule.actions}
    for a in schedule.actions:
        if a.kind is K.consultation:
            hr1 = by_id.get(step_id(K.hr1, a.subject))
            filed = f"; HR1 {hr1.start}" if hr1 else ""
            lines.append(f"  consultation {a.subject}: {a.start} to {a.end}{filed}")
    lines.append("  (tplan staff PLAN prints the register)")
    return lines
