"""Checking a re-plan against its progress file, with no solver or compiler code.

A re-plan keeps every recorded fact: each step recorded done or started keeps its actual dates,
each recorded destination is the one scheduled, nobody who left is scheduled, and nothing that
was not recorded starts before ``as_of``. The plan's own rules are checked by ``verify`` on the
plan as it now stands; a rule broken only by recorded history is a warning in the progress
file, so its faults are not repeated here.
"""

from __future__ import annotations

from transition_planner.plan.models import Plan
from transition_planner.plan.progress import REVIEW_OUTCOMES, Progress, apply_to_plan
from transition_planner.plan.steps import FAILED, StepKind as K, parse_step_id, step_id
from transition_planner.schedule.model import Schedule
from transition_planner.schedule.verify import Fault, verify


def check_progress(schedule: Schedule, progress: Progress) -> list[Fault]:
    """Every recorded fact the schedule does not keep."""
    faults: list[Fault] = []
    by_id = {a.id: a for a in schedule.actions}
    recorded = set()
    failed = failed_trials(progress)
    for f in progress.timed():
        recorded.add(f.step)
        if f.step in failed:
            notice = by_id.get(failed[f.step][0])
            recorded.add(failed[f.step][0])
            if notice is None or notice.start != f.finish:
                faults.append(
                    Fault("progress", f.step, f"failed {f.finish}: notice must run from that day")
                )
            trial = by_id.get(f.step)
            if trial is None or (trial.start, trial.end, trial.outcome) != (
                f.start,
                f.finish,
                FAILED,
            ):
                shown = (
                    "not scheduled"
                    if trial is None
                    else f"scheduled {trial.start} to {trial.end}"
                    + ("" if trial.failed else ", not marked failed")
                )
                faults.append(
                    Fault(
                        "progress",
                        f.step,
                        f"recorded failed {f.start} to {f.finish}, kept as history; {shown}",
                    )
                )
            continue
        a = by_id.get(f.step)
        finish = f.expected_finish(progress.as_of)
        if a is None:
            faults.append(Fault("progress", f.step, f"recorded {f.status} but not scheduled"))
        elif a.start != f.start or (a.end != finish and a.days > 0):
            faults.append(
                Fault(
                    "progress",
                    f.step,
                    f"recorded {f.status} {f.start} to {finish}; scheduled {a.start} to {a.end}",
                )
            )
    for f in progress.facts:
        ref = parse_step_id(f.step)
        if ref is None or ref.kind not in (K.review, K.move) or not f.outcome:
            continue
        if f.outcome in REVIEW_OUTCOMES:
            continue
        move = by_id.get(step_id(K.move, ref.subject))
        if move is not None and move.destination != f.outcome:
            faults.append(
                Fault(
                    "progress",
                    move.id,
                    f"recorded destination {f.outcome}; scheduled {move.destination}",
                )
            )
    left = progress.left()
    for a in schedule.actions:
        if a.subject in left and parse_step_id(a.id) is not None:
            faults.append(Fault("progress", a.id, f"{a.subject} left the programme"))
        if a.id not in recorded and a.start < progress.as_of:
            faults.append(
                Fault(
                    "progress",
                    a.id,
                    f"starts {a.start}, before the status date {progress.as_of}, and is not "
                    "recorded",
                )
            )
    return faults


def failed_trials(progress: Progress) -> dict[str, tuple[str, str]]:
    """``trial:S`` -> ``(notice:S, leave:S)`` for each trial recorded failed: the trial stays
    as history (its start to the day it failed, marked failed) and the person is back on
    notice from the day it failed, then leaves (the notice and the leaving date are checked
    against the law by ``verify``, which reads the mark)."""
    out: dict[str, tuple[str, str]] = {}
    for f in progress.timed():
        ref = parse_step_id(f.step)
        if ref is not None and ref.kind is K.trial and f.outcome == FAILED:
            out[f.step] = (step_id(K.notice, ref.subject), step_id(K.leave, ref.subject))
    return out


def verify_replan(plan: Plan, schedule: Schedule, progress: Progress) -> list[Fault]:
    """``verify`` on the plan as it now stands, less faults on recorded history, plus every
    recorded fact the schedule does not keep."""
    recorded = {f.step for f in progress.timed()}
    # a leaving date follows the notice as recorded (its expected end), not the law's length
    recorded |= {
        step_id(K.leave, ref.subject)
        for step in recorded
        if (ref := parse_step_id(step)) is not None and ref.kind is K.notice
    }
    # after a failed trial the notice (from the day it failed) and the leaving date are
    # planned, not recorded: verify checks them against the law like any other
    history = recorded | {notice for notice, _ in failed_trials(progress).values()}
    current = apply_to_plan(plan, progress)
    faults = [f for f in verify(current, schedule, history) if f.subject not in recorded]
    return faults + check_progress(schedule, progress)
