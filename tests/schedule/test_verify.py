"""The independent verifier: clean schedules pass; every kind of tampering is caught."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta

import pytest

from tests.data.plans import STAFF_PLAN
from transition_planner.pipeline import ScheduleOptions, make_schedule
from transition_planner.plan.load import load_plan
from transition_planner.plan.models import Plan
from transition_planner.schedule.costing import breakdown, cost_lines
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
  - {id: P3, site: old, cohort: LD, needs: moderate, pathway: community, carer: true}
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
    "gap in pounds misreported": (
        lambda s: replace(s, gap_pounds=(s.gap_pounds or 0) + 1),
        ("status", "gap_pounds"),
    ),
    "avoidable money misreported": (
        lambda s: replace(s, avoidable=(s.avoidable or 0) + 1),
        ("status", "avoidable"),
    ),
    "floor above the bound": (
        lambda s: replace(s, floor=s.total_cost + 1, avoidable=-1),
        ("status", "floor"),
    ),
    "share of the avoidable misreported": (
        lambda s: replace(s, gap_of_avoidable=0.5),
        ("status", "gap_of_avoidable"),
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


def test_a_carers_assessment_on_a_community_pathway_comes_before_the_closure(
    case: tuple[Plan, Schedule],
) -> None:
    # P3 needs no place (community pathway) and has a carer: the assessment, like the
    # transition plan, ends by the service's last day (issue 14, item 2)
    plan, schedule = case
    carer, tp = schedule.action("carer_assessment:P3"), schedule.action("transition_plan:P3")
    close = schedule.action("close:old")
    assert carer.end <= close.start and tp.end <= close.start
    late = edit(schedule, "carer_assessment:P3", lambda a: at(a, close.start + timedelta(days=7)))
    assert ("order", "carer_assessment:P3") in codes(plan, late)


# The staff plan of tests/data/plans.py with S1's match to V1 agreed, and P2 and P3 friends
# who can both go to b or c (P3 would rather go to c).
STAFFED = (
    STAFF_PLAN.replace(
        "start_date: 2010-01-04, date_of_birth: 1980-06-01}",
        "start_date: 2010-01-04, date_of_birth: 1980-06-01, redeploy_to: V1}",
    )
    .replace(
        "  - {id: P1, site: old, cohort: LD, needs: moderate}\n",
        "  - {id: P1, site: old, cohort: LD, needs: moderate}\n"
        "  - {id: P2, site: old, cohort: LD, needs: moderate, group: friends}\n"
        "  - {id: P3, site: old, cohort: LD, needs: moderate, group: friends, preferred: [c]}\n",
    )
    .replace(
        "  - {id: b, status: receiving, capacity: 10}\n",
        "  - {id: b, status: receiving, capacity: 10}\n  - {id: c, status: receiving, capacity: 10}\n",
    )
)


@pytest.fixture(scope="module", params=["greedy", "cpsat"])
def staffed(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Plan, Schedule]:
    path = tmp_path_factory.mktemp("staffed") / "plan.yaml"
    path.write_text(STAFFED, encoding="utf-8")
    loaded = load_plan(path)
    return loaded.plan, make_schedule(loaded, ScheduleOptions(solver=request.param, budget=5))


def costs_kept(plan: Plan, s: Schedule) -> Schedule:
    """The tampered schedule with its cost lines, breakdown and total made consistent again
    by the schedule's own costing, as a careful forger would."""
    lines = cost_lines(plan, s.actions)
    total = sum(c.amount for c in lines)
    return replace(s, cost_lines=lines, cost_breakdown=breakdown(lines), total_cost=total)


def dismiss_s1(plan: Plan, s: Schedule) -> Schedule:
    """S1's agreed trial in V1 replaced by notice and a leaving date copied from S2's."""
    copies = [replace(s.action(f"{k}:S2"), id=f"{k}:S1", subject="S1") for k in ("notice", "leave")]
    actions = [a for a in s.actions if a.id != "trial:S1"] + copies
    return costs_kept(plan, replace(s, actions=actions))


def late_leaving(plan: Plan, s: Schedule) -> Schedule:
    return costs_kept(plan, edit(s, "leave:S2", lambda a: shift(a, 7)))


StaffTamper = Callable[[Plan, Schedule], Schedule]

STAFF_TAMPERS: dict[str, tuple[StaffTamper, tuple[str, str]]] = {
    "agreed redeployment replaced by a dismissal, costs kept consistent": (
        dismiss_s1,
        ("redeploy", "trial:S1"),
    ),
    # S3: 16 years, 12 weeks' statutory notice (tests/data/plans.py): the end moved a week
    "notice end moved": (
        lambda _p, s: edit(s, "notice:S3", lambda a: replace(a, end=a.end + timedelta(days=7))),
        ("notice_end", "notice:S3"),
    ),
    # S2 leaves the day the centre closes (11 April), not a week later
    "leaving a week after the rule's date, costs kept consistent": (
        late_leaving,
        ("leaving", "leave:S2"),
    ),
    "friendship group split, penalty left at 0": (
        lambda _p, s: (
            edit(s, "move:P2", lambda a: replace(a, destination="b"))
            if s.action("move:P3").destination == "c"
            else edit(s, "move:P2", lambda a: replace(a, destination="c"))
        ),
        ("people", "people_penalty"),
    ),
    # both friends moved together to the other site: P3's preference (c) newly met or missed
    "preference changed, penalty left as it was": (
        lambda _p, s: replace(
            s,
            actions=[
                replace(a, destination="b" if s.action("move:P3").destination == "c" else "c")
                if a.id in ("move:P2", "move:P3")
                else a
                for a in s.actions
            ],
        ),
        ("people", "people_penalty"),
    ),
    "OPTIMAL claimed with a 1% gap": (
        lambda _p, s: replace(s, status="OPTIMAL", bound=s.total_cost * 99 // 100, gap=0.01),
        ("status", "status"),
    ),
    "gap misreported": (
        lambda _p, s: replace(s, bound=s.total_cost - 100, gap=0.0),
        ("status", "gap"),
    ),
    "bogus critical-chain id": (
        lambda _p, s: replace(s, critical_chain=[*s.critical_chain, "close:nowhere"]),
        ("critical_chain", "close:nowhere"),
    ),
    "hand-written id that does not name its step": (
        lambda _p, s: replace(
            s,
            actions=[replace(a, id="notice-S2") if a.id == "notice:S2" else a for a in s.actions],
        ),
        ("id", "notice-S2"),
    ),
    # a costing bug repeated in every figure: only arithmetic of verify's own sees it
    "staff pay a day short everywhere": (
        lambda _p, s: replace(
            s,
            cost_lines=[
                replace(c, amount=c.amount - 50)
                if (c.kind, c.subject) == ("staff_pay", "S2")
                else c
                for c in s.cost_lines
            ],
            cost_breakdown={
                k: v - 50 if k == "staff_pay" else v for k, v in s.cost_breakdown.items()
            },
            total_cost=s.total_cost - 50,
        ),
        ("cost", "staff_pay[S2]"),
    ),
}


def test_a_clean_staffed_schedule_passes(staffed: tuple[Plan, Schedule]) -> None:
    plan, schedule = staffed
    assert verify(plan, schedule) == []
    assert schedule.action("trial:S1").destination == "V1"
    # S2 (1 week's statutory notice) leaves when the centre closes; S3 when 12 weeks end
    assert schedule.action("leave:S2").start == schedule.action("close:old").start
    assert schedule.action("leave:S3").start == schedule.action("notice:S3").start + timedelta(
        weeks=12
    )


@pytest.mark.parametrize("name", sorted(STAFF_TAMPERS))
def test_verify_catches_staff_and_status_tampering(
    staffed: tuple[Plan, Schedule], name: str
) -> None:
    plan, schedule = staffed
    tamper, expected = STAFF_TAMPERS[name]
    assert expected in codes(plan, tamper(plan, schedule))


def test_a_cost_fault_names_the_line_both_figures_and_the_rule(
    staffed: tuple[Plan, Schedule],
) -> None:
    plan, schedule = staffed
    tamper, _ = STAFF_TAMPERS["staff pay a day short everywhere"]
    (fault,) = [f for f in verify(plan, tamper(plan, schedule)) if f.subject == "staff_pay[S2]"]
    # S2: £350 a week, paid 1 March to 11 April inclusive, 42 days: £2,100 (tests/data/plans.py)
    assert fault.message == "says £2,050; recomputed £2,100 (a week's pay / 7 a day)"


def test_recost_does_not_use_the_costing_code() -> None:
    import ast
    import inspect

    from transition_planner.schedule import recost, verify as verify_module

    for module in (recost, verify_module):
        tree = ast.parse(inspect.getsource(module))
        imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
        assert "transition_planner.schedule.costing" not in imported
