"""The HR chain as problem activities (problem/staffing.py, through compile_plan).

Law (docs/law.md): TULRCA 1992 s.188 - 20 to 99 proposed redundancy dismissals at one
establishment need 30 days' collective consultation, 100 or more need 45, and every proposed
dismissal counts, volunteers included; s.193 - the HR1 goes to the Secretary of State before the
first dismissal and at the start of consultation here (the same day). ERA 1996 s.138 - a
redeployed employee's trial period is 4 weeks, starting within 4 weeks of the old job ending.
Day 0 is Tuesday 1 March 2016. In the Problem an activity of d days starting on day s ends
(exclusively) on s + d; ``Precedence(a, b)`` is finish-to-start, b starting no earlier than a ends.
The notice step's duration is deliberately not asserted here (its rule is being changed).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.data.plans import STAFF_PLAN
from transition_planner.plan.load import load_plan
from transition_planner.plan.models import Plan
from transition_planner.plan.steps import ResourceKind, StepKind as K, resource_id, step_id
from transition_planner.problem.compile import compile_plan
from transition_planner.problem.model import Demand, Precedence, Problem, Resource

CONS = step_id(K.consultation, "old")
HR1 = step_id(K.hr1, "old")
VR = step_id(K.vr_window, "old")


def staff(
    n: int, *, site: str = "old", status: str = "at_risk", first: int = 1
) -> list[dict[str, Any]]:
    return [
        {
            "id": f"S{i:03d}",
            "name": f"Person {i}",
            "role": "Support Worker",
            "site": site,
            "weekly_pay": 400,
            "start_date": "2010-01-04",
            "date_of_birth": "1980-06-01",
            "status": status,
        }
        for i in range(first, first + n)
    ]


def problem_of(members: list[dict[str, Any]], **sections: Any) -> Problem:
    data: dict[str, Any] = {
        "programme": {
            "name": "Staffing",
            "organisation": "Test Council",
            "start": "2016-03-01",
            "target_end": "2016-05-31",
            "savings": {"full_year": 1_200_000},
        },
        "sites": [
            {"id": "old", "status": "closing"},
            {"id": "old2", "status": "closing"},
            {"id": "b", "status": "receiving", "capacity": 10},
        ],
        "staff": members,
    }
    data.update(sections)
    return compile_plan(Plan.model_validate(data)).problem


def same_day(first: str, then: str) -> Precedence:
    return Precedence(first, then, lag=0, max_lag=0, before_at="start", after_at="start")


def between(problem: Problem, before: str, after: str) -> list[Precedence]:
    return [p for p in problem.precedences if p.before == before and p.after == after]


def ids_of(problem: Problem, kind: K) -> list[str]:
    return [a.id for a in problem.activities if a.meta is not None and a.meta.kind is kind]


@pytest.mark.parametrize(
    ("members", "days", "collective"),
    [
        # Under 20: individual consultation only, the plan's default of 2 weeks.
        (staff(19), 14, False),
        (staff(20), 30, True),
        # 19 at risk and one asking for voluntary redundancy: 20 proposed dismissals.
        (staff(19) + staff(1, status="vr_requested", first=20), 30, True),
        # Someone not at risk is no proposed dismissal: still 19.
        (staff(19) + staff(1, status="not_at_risk", first=20), 14, False),
        (staff(99), 30, True),
        (staff(100), 45, True),
        (staff(99) + staff(1, status="vr_requested", first=100), 45, True),
    ],
    ids=["19", "20", "19+1vr", "19+1not", "99", "100", "99+1vr"],
)
def test_consultation_length_by_proposed_dismissals(
    members: list[dict[str, Any]], days: int, collective: bool
) -> None:
    problem = problem_of(members)
    cons = problem.by_id[CONS]
    assert cons.duration == days
    in_chain = sum(m["status"] != "not_at_risk" for m in members)
    kind = "collective" if collective else "individual"
    assert cons.meta is not None
    assert (
        cons.meta.title == f"{kind} consultation, old ({in_chain} proposed dismissals, {days} days)"
    )
    # The HR1 exists only where collective consultation does.
    assert (HR1 in problem.by_id) is collective


def test_volunteers_count_even_when_vr_is_not_accepted() -> None:
    # accept_vr: false keeps volunteers at risk; they are proposed dismissals either way.
    members = staff(19) + staff(1, status="vr_requested", first=20)
    problem = problem_of(members, workforce={"accept_vr": False})
    assert problem.by_id[CONS].duration == 30


def test_individual_consultation_takes_the_plan_length() -> None:
    problem = problem_of(staff(5), workforce={"individual_consultation": "3w"})
    assert problem.by_id[CONS].duration == 21
    assert HR1 not in problem.by_id


def test_hr1_is_filed_the_day_consultation_starts() -> None:
    problem = problem_of(staff(20))
    hr1 = problem.by_id[HR1]
    assert hr1.duration == 1
    # On a working day: day 4 is Saturday 5 March, day 5 Sunday 6 March.
    assert hr1.allowed_starts is not None
    assert hr1.allowed_starts[:5] == (0, 1, 2, 3, 6)
    assert between(problem, HR1, CONS) == [same_day(HR1, CONS)]
    # Every notice waits for the HR1 (and so for the start of consultation).
    for i in range(1, 21):
        notice = step_id(K.notice, f"S{i:03d}")
        assert between(problem, HR1, notice) == [Precedence(HR1, notice)]


def test_no_hr1_precedence_on_notice_for_individual_consultation() -> None:
    problem = problem_of(staff(3))
    assert [p for p in problem.precedences if p.before.startswith("hr1:")] == []


@pytest.mark.parametrize(("window", "days"), [(None, 14), ("3w", 21), ("10d", 10)])
def test_vr_window_opens_the_day_consultation_starts(window: str | None, days: int) -> None:
    workforce = {} if window is None else {"vr_window": window}
    problem = problem_of(staff(3), workforce=workforce)
    assert problem.by_id[VR].duration == days
    assert between(problem, CONS, VR) == [same_day(CONS, VR)]
    # Notice waits for the window to close (finish-to-start).
    assert between(problem, VR, "notice:S001") == [Precedence(VR, "notice:S001")]


@pytest.mark.parametrize(("per_week", "per_day"), [(10, 2), (12, 2), (3, 1), (25, 5)])
def test_one_to_one_per_person_from_the_start_of_consultation(per_week: int, per_day: int) -> None:
    # Two people at risk and one not: exactly two 1:1s, one each, a day long, each holding one
    # of hr:old's slots (per_week // 5 a working day, at least 1).
    members = staff(2) + staff(1, status="not_at_risk", first=3)
    problem = problem_of(members, workforce={"one_to_one_per_week": per_week})
    assert ids_of(problem, K.one_to_one) == ["one_to_one:S001", "one_to_one:S002"]
    hr = resource_id(ResourceKind.hr, "old")
    assert [r for r in problem.resources if r.id == hr] == [Resource(hr, per_day, group=hr)]
    for one in ("one_to_one:S001", "one_to_one:S002"):
        assert problem.by_id[one].duration == 1
        assert [d for d in problem.demands if d.activity == one] == [Demand(one, hr)]
        assert between(problem, CONS, one) == [
            Precedence(CONS, one, before_at="start", after_at="start")
        ]
    # The member not at risk has no step at all.
    assert not [a for a in problem.activities if a.id.endswith(":S003")]


def test_notice_after_consultation_and_the_1_to_1_and_leaving_after_both_notice_and_closure() -> (
    None
):
    problem = problem_of(staff(1))
    notice, leave = "notice:S001", "leave:S001"
    assert between(problem, CONS, notice) == [Precedence(CONS, notice)]
    assert between(problem, "one_to_one:S001", notice) == [Precedence("one_to_one:S001", notice)]
    assert between(problem, notice, leave) == [Precedence(notice, leave)]
    # Leaving no earlier than the service closes: the leaving day starts on or after the close.
    assert between(problem, "close:old", leave) == [
        Precedence("close:old", leave, before_at="start", after_at="start")
    ]
    assert problem.by_id[leave].duration == 1


def test_establishment_per_site_or_programme() -> None:
    # 10 at each of two closing centres: per site, two individual consultations; counted across
    # the programme, 20 proposed dismissals and one collective consultation with an HR1.
    members = staff(10) + staff(10, site="old2", first=11)
    by_site = problem_of(members)
    assert ids_of(by_site, K.consultation) == ["consultation:old", "consultation:old2"]
    assert [by_site.by_id[i].duration for i in ids_of(by_site, K.consultation)] == [14, 14]
    assert ids_of(by_site, K.hr1) == []
    whole = problem_of(members, workforce={"establishment": "programme"})
    assert ids_of(whole, K.consultation) == ["consultation:programme"]
    assert whole.by_id["consultation:programme"].duration == 30
    assert ids_of(whole, K.hr1) == ["hr1:programme"]
    assert ids_of(whole, K.vr_window) == ["vr_window:programme"]
    # Everyone's 1:1 uses the programme's slots; each leaves after their own site closes.
    assert {d.resource for d in whole.demands if d.activity.startswith("one_to_one:")} == {
        "hr:programme"
    }
    assert between(whole, "close:old2", "leave:S011") == [
        Precedence("close:old2", "leave:S011", before_at="start", after_at="start")
    ]


def test_trial_of_4_weeks_within_4_weeks_after_the_closure(tmp_path: Path) -> None:
    # STAFF_PLAN (tests/data/plans.py): S1 matches vacancy V1, open from Monday 9 May 2016,
    # day 69. S2 and S3 get notice. Three at risk: individual consultation.
    path = tmp_path / "plan.yaml"
    path.write_text(STAFF_PLAN, encoding="utf-8")
    problem = compile_plan(load_plan(path).plan).problem
    trial = problem.by_id["trial:S1"]
    assert trial.duration == 28  # 4 weeks (ERA s.138(3))
    assert trial.release == 69
    assert trial.meta is not None
    assert trial.meta.destination == "V1"
    # It starts the day after the last day of service at the earliest (close is that last
    # day) and no more than 28 days after it (ERA s.138(1): within 4 weeks).
    assert between(problem, "close:old", "trial:S1") == [
        Precedence("close:old", "trial:S1", lag=1, max_lag=28, before_at="start", after_at="start")
    ]
    assert between(problem, CONS, "trial:S1") == [Precedence(CONS, "trial:S1")]
    assert between(problem, "one_to_one:S1", "trial:S1") == [
        Precedence("one_to_one:S1", "trial:S1")
    ]
    # A trial instead of notice: no notice or leaving date for S1; both for S2 and S3.
    assert "notice:S1" not in problem.by_id
    assert "leave:S1" not in problem.by_id
    assert ids_of(problem, K.notice) == ["notice:S2", "notice:S3"]
    assert ids_of(problem, K.leave) == ["leave:S2", "leave:S3"]
    # The trial can start on day 69 at the latest 28 days after the close: the centre cannot
    # usefully close before day 69 - 28 = 41, Monday 11 April (P1's one review, 7 days, would
    # allow day 7).
    assert problem.by_id["close:old"].release == 41


def test_every_person_in_the_chain_has_one_1_to_1_before_their_notice_or_trial(
    tmp_path: Path,
) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(STAFF_PLAN, encoding="utf-8")
    problem = compile_plan(load_plan(path).plan).problem
    assert ids_of(problem, K.one_to_one) == ["one_to_one:S1", "one_to_one:S2", "one_to_one:S3"]
    for member, nxt in (("S1", "trial:S1"), ("S2", "notice:S2"), ("S3", "notice:S3")):
        one = step_id(K.one_to_one, member)
        assert between(problem, one, nxt) == [Precedence(one, nxt)]
