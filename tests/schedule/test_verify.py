"""The independent verifier: clean schedules pass; every kind of tampering is caught."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta

import pytest

from transition_planner.pipeline import ScheduleOptions, make_schedule
from transition_planner.plan.load import load_plan
from transition_planner.plan.models import Plan
from transition_planner.schedule.model import CostLine, Schedule, ScheduledAction, read_schedule
from transition_planner.schedule.verify import verify

# A plan touching every rule: a carer, a hoist, a community pathway, a redevelopment, a team
# with reduced availability, a bank holiday, a lease with dilapidation works, custom actions
# after a closure and after services cease, a hard close-by date.
PLAN = """\
programme:
  name: Verify
  organisation: Test Council
  start: 2016-03-01
  target_end: 2016-06-30
  savings: {full_year: 1200000}
  calendar: {holidays: [2016-05-02]}
sites:
  - id: old
    status: closing
    close_by: {date: 2016-07-29, hard: true}
    running_cost_per_month: 10000
  - id: hub
    status: redeveloping
    capacity: 3
    available_after: [refit]
    features: [hoist]
  - id: b
    status: receiving
    capacity: 2
leases:
  - site: old
    rent_per_month: 5000
    notice_months: 3
    break_dates: [2016-09-30]
    expiry: 2017-03-31
    dilapidations: {estimate: 20000, works: 4w}
teams:
  - id: team
    capacity: 2
    availability:
      - {from: 2016-03-14, to: 2016-03-27, capacity: 1}
people:
  - {id: P1, site: old, cohort: LD, needs: moderate, carer: true, requires: [hoist]}
  - {id: P2, site: old, cohort: LD, needs: substantial, preferred: [b]}
  - {id: P3, site: old, cohort: LD, needs: moderate, pathway: community}
  - {id: P4, site: old, cohort: LD, needs: complex}
actions:
  - id: refit
    duration: 3w
    not_before: 2016-03-14
  - id: handover
    duration: 1w
    after: [close:old]
    deadline: {date: 2016-08-31, cost_per_month: 1000}
  - id: keys
    duration: 2d
    after: [services_cease]
    deadline: {date: 2016-12-31, hard: true}
"""


@pytest.fixture(scope="module", params=["greedy", "cpsat"])
def case(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Plan, Schedule]:
    path = tmp_path_factory.mktemp("verify") / "plan.yaml"
    path.write_text(PLAN, encoding="utf-8")
    loaded = load_plan(path)
    return loaded.plan, make_schedule(loaded, ScheduleOptions(solver=request.param, budget=5))


def codes(plan: Plan, schedule: Schedule) -> set[tuple[str, str]]:
    return {(f.code, f.subject) for f in verify(plan, schedule)}


def test_a_clean_schedule_passes_and_survives_its_json_form(case: tuple[Plan, Schedule]) -> None:
    plan, schedule = case
    assert verify(plan, schedule) == []
    assert verify(plan, read_schedule(schedule.dumps(), "schedule.json")) == []


def shift(a: ScheduledAction, days: int) -> ScheduledAction:
    return replace(a, start=a.start + timedelta(days=days), end=a.end + timedelta(days=days))


def at(a: ScheduledAction, start: date) -> ScheduledAction:
    return replace(a, start=start, end=start + (a.end - a.start))


def edit(
    s: Schedule, action_id: str, change: Callable[[ScheduledAction], ScheduledAction]
) -> Schedule:
    return replace(s, actions=[change(a) if a.id == action_id else a for a in s.actions])


def next_saturday(d: date) -> date:
    return d + timedelta(days=(5 - d.weekday()) % 7 or 7)


Tamper = Callable[[Schedule], Schedule]

TAMPERS: dict[str, tuple[Tamper, tuple[str, str]]] = {
    "missing review": (
        lambda s: replace(s, actions=[a for a in s.actions if a.id != "review:P2"]),
        ("missing", "review:P2"),
    ),
    "unexpected action": (
        lambda s: replace(s, actions=[*s.actions, replace(s.action("move:P1"), id="move:P9")]),
        ("unexpected", "move:P9"),
    ),
    "duplicate action": (
        lambda s: replace(s, actions=[*s.actions, s.action("close:old")]),
        ("duplicate", "close:old"),
    ),
    "review cut short": (
        lambda s: edit(s, "review:P4", lambda a: replace(a, end=a.end - timedelta(days=3))),
        ("duration", "review:P4"),
    ),
    "review by another team": (
        lambda s: edit(s, "review:P2", lambda a: replace(a, resource="other")),
        ("resource", "review:P2"),
    ),
    "moved before review and notice": (
        lambda s: edit(s, "move:P2", lambda a: at(a, s.action("review:P2").end)),
        ("order", "move:P2"),
    ),
    "moved before carer's assessment": (
        lambda s: edit(s, "carer_assessment:P1", lambda a: at(a, s.action("move:P1").start)),
        ("order", "move:P1"),
    ),
    "post-move review too soon": (
        lambda s: edit(
            s, "post_move_review:P2", lambda a: at(a, s.action("move:P2").start + timedelta(days=7))
        ),
        ("post_move_review", "post_move_review:P2"),
    ),
    "destination lacks a hoist": (
        lambda s: edit(s, "move:P1", lambda a: replace(a, destination="b")),
        ("destination", "move:P1"),
    ),
    "moved into the hub before its refit": (
        lambda s: edit(s, "refit", lambda a: at(a, s.action("move:P1").start)),
        ("order", "move:P1"),
    ),
    "move on a Saturday": (
        lambda s: edit(s, "move:P2", lambda a: at(a, next_saturday(a.start))),
        ("calendar", "move:P2"),
    ),
    "team over capacity": (
        lambda s: replace(
            s,
            actions=[
                at(a, s.action("review:P1").start) if a.kind == "review" else a for a in s.actions
            ],
        ),
        ("capacity", "team:team"),
    ),
    "too many people into b": (
        lambda s: replace(
            s,
            actions=[
                replace(a, destination="b") if a.id in ("move:P2", "move:P4") else a
                for a in s.actions
            ]
            + [replace(s.action("move:P2"), id="move:P5")],
        ),
        ("places", "places:b"),
    ),
    "closed before the last move": (
        lambda s: edit(
            s, "close:old", lambda a: at(a, s.action("move:P4").start - timedelta(days=1))
        ),
        ("order", "close:old"),
    ),
    "closed before a transition plan ends": (
        lambda s: edit(s, "transition_plan:P3", lambda a: at(a, s.action("close:old").start)),
        ("order", "close:old"),
    ),
    "closed after the hard close-by": (
        lambda s: edit(s, "close:old", lambda a: at(a, date(2016, 8, 1))),
        ("deadline", "close:old"),
    ),
    "custom action before its predecessor": (
        lambda s: edit(s, "handover", lambda a: at(a, s.action("close:old").start)),
        ("order", "handover"),
    ),
    "custom action not after services cease": (
        lambda s: edit(s, "keys", lambda a: at(a, s.action("close:old").start)),
        ("order", "keys"),
    ),
    "custom action before its not-before": (
        lambda s: edit(s, "refit", lambda a: at(a, date(2016, 3, 1))),
        ("release", "refit"),
    ),
    "custom action past its hard deadline": (
        lambda s: edit(s, "keys", lambda a: at(a, date(2017, 1, 2))),
        ("deadline", "keys"),
    ),
    "lease exit off a break date": (
        lambda s: edit(s, "lease_exit:old", lambda a: shift(a, 1)),
        ("lease", "lease_exit:old"),
    ),
    "break notice served late": (
        lambda s: edit(s, "lease_notice:old", lambda a: at(a, date(2016, 6, 17))),
        ("notice", "lease_notice:old"),
    ),
    "dilapidations before vacant possession": (
        lambda s: edit(s, "dilapidations:old", lambda a: at(a, s.action("close:old").start)),
        ("order", "dilapidations:old"),
    ),
    "total cost understated": (
        lambda s: replace(s, total_cost=s.total_cost - 1),
        ("cost", "total_cost"),
    ),
    "a cost line changed": (
        lambda s: replace(
            s,
            cost_lines=[
                replace(c, amount=c.amount - 5000) if c.kind == "rent" else c for c in s.cost_lines
            ],
        ),
        ("cost", "rent[old]"),
    ),
    "a cost line dropped": (
        lambda s: replace(s, cost_lines=[c for c in s.cost_lines if c.kind != "dilapidations"]),
        ("cost", "dilapidations[old]"),
    ),
    "a cost line invented": (
        lambda s: replace(s, cost_lines=[*s.cost_lines, CostLine("rent", "hub", 1, "")]),
        ("cost", "rent[hub]"),
    ),
    "slippage misreported": (
        lambda s: replace(s, slippage_months=s.slippage_months + 1),
        ("cost", "slippage"),
    ),
    "services cease misreported": (
        lambda s: replace(s, services_cease=s.target_end),
        ("summary", "services_cease"),
    ),
    "programme end misreported": (
        lambda s: replace(s, programme_end=s.programme_end - timedelta(days=1)),
        ("summary", "programme_end"),
    ),
    "site outcome misreported": (
        lambda s: replace(s, sites=[replace(o, months_late=o.months_late + 1) for o in s.sites]),
        ("summary", "sites[old]"),
    ),
    "lease outcome misreported": (
        lambda s: replace(s, leases=[replace(o, on_expiry=True) for o in s.leases]),
        ("summary", "leases[old]"),
    ),
    "not a schedule": (lambda s: replace(s, status="INFEASIBLE"), ("status", "schedule")),
    "bound above the cost": (
        lambda s: replace(s, bound=s.total_cost + 1),
        ("cost", "bound"),
    ),
}


@pytest.mark.parametrize("name", sorted(TAMPERS))
def test_verify_catches_tampering(case: tuple[Plan, Schedule], name: str) -> None:
    plan, schedule = case
    tamper, expected = TAMPERS[name]
    assert expected in codes(plan, tamper(schedule))


def test_faults_read_as_sentences(case: tuple[Plan, Schedule]) -> None:
    plan, schedule = case
    late = edit(schedule, "lease_notice:old", lambda a: at(a, date(2016, 6, 17)))
    messages = [str(f) for f in verify(plan, late) if f.code == "notice"]
    assert messages == [
        "lease_notice:old: served 2016-06-17; for an exit on 2016-09-30 it must be served by "
        "2016-06-16 (3 months' notice and margin)"
    ]
