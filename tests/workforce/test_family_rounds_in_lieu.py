"""Pay in lieu, protected staff's priority and the 90-day rounds (issue 14, item 6)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

from tests.data.plans import STAFF_PLAN
from transition_planner.pipeline import ScheduleOptions, make_schedule
from transition_planner.plan.load import load_plan
from transition_planner.plan.models import Plan, Staff
from transition_planner.reports.register import build_register
from transition_planner.schedule.verify import verify
from transition_planner.workforce.chain import establishments, match_redeployments

IN_LIEU = STAFF_PLAN.replace(
    "pension_member: true, strain_estimate: 25000}",
    "pension_member: true, strain_estimate: 25000, pay_in_lieu: true}",
)


@pytest.mark.parametrize("solver", ["greedy", "cpsat"])
def test_pay_in_lieu_leaves_on_the_notice_day_with_the_relevant_date_extended(
    tmp_path: Path, solver: str
) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(IN_LIEU, encoding="utf-8")
    loaded = load_plan(path)
    s = make_schedule(loaded, ScheduleOptions(solver=solver, budget=5))  # type: ignore[arg-type]
    assert verify(loaded.plan, s) == []
    # S3's notice is paid in lieu: given the day the centre closes (Monday 11 April 2016, the
    # earliest that lets S1's trial in V1, open 9 May, start within 4 weeks), and she leaves
    # that day (ERA s.145(2)(b)). 16 years' service: 12 weeks' statutory notice, so the
    # relevant date is 11 April + 84 days = 4 July 2016 (s.145(5)).
    close = s.action("close:old").start
    assert close == date(2016, 4, 11)
    assert s.action("notice:S3").start == s.action("leave:S3").start == close
    row = next(r for r in build_register(loaded.plan, s).posts if r.post == "S3")
    assert (row.leaving_date, row.relevant_date, row.pay_in_lieu, row.notice_given) == (
        date(2016, 4, 11),
        date(2016, 7, 4),
        True,
        "paid in lieu",
    )
    lines = {(c.kind, c.subject): c.amount for c in s.cost_lines}
    # pay to 11 April inclusive (42 days) and 84 days' notice in lieu: 126 x 500 / 7 = £9,000
    assert lines[("staff_pay", "S3")] == 9_000
    # every counted year at 1.5 weeks (41+ throughout): 16 x 1.5 = 24 x the £479 cap = £11,496
    assert lines[("redundancy", "S3")] == 11_496


def test_pay_in_lieu_leaving_moved_is_caught(tmp_path: Path) -> None:
    from dataclasses import replace

    path = tmp_path / "plan.yaml"
    path.write_text(IN_LIEU, encoding="utf-8")
    loaded = load_plan(path)
    s = make_schedule(loaded, ScheduleOptions(solver="greedy"))
    worked = replace(
        s,
        actions=[
            replace(a, start=date(2016, 7, 4), end=date(2016, 7, 4)) if a.id == "leave:S3" else a
            for a in s.actions
        ],
    )
    assert ("leaving", "leave:S3") in {(f.code, f.subject) for f in verify(loaded.plan, worked)}


def staff(sid: str, pay: int, **extra: object) -> dict[str, object]:
    return {
        "id": sid,
        "name": f"Person {sid}",
        "role": "Officer",
        "site": "old",
        "grade": "G6",
        "weekly_pay": pay,
        "start_date": "2010-01-04",
        "date_of_birth": "1980-06-01",
        **extra,
    }


def plan_2024(members: list[dict[str, object]], **workforce: object) -> Plan:
    data = yaml.safe_load(STAFF_PLAN)
    data["programme"] |= {"start": "2024-06-03", "target_end": "2024-08-30"}
    data["sites"] = [
        {"id": "old", "status": "closing", "close_by": "2024-08-30"},
        {"id": "late", "status": "closing", "close_by": "2024-12-20"},
        {"id": "b", "status": "receiving", "capacity": 10},
    ]
    data["people"] = [{"id": "P1", "site": "old", "cohort": "LD", "needs": "moderate"}]
    data["staff"] = members
    data["vacancies"] = [
        {"id": "V1", "role": "Officer", "grade": "G6", "site": "b", "use": "redeploy"}
    ]
    data["workforce"] = workforce
    return Plan.model_validate(data)


def test_a_protected_person_is_offered_the_suitable_post_first() -> None:
    # One suitable post, two at risk. Without protection it goes to the dearer redundancy
    # (£700 a week against £500, same service and age). S2 is on maternity leave from
    # 1 May 2024 after a birth on 29 April 2024: protected to 29 October 2025 (SI 2024/264,
    # 18 months after the birth), so on the post's due date (30 August 2024) she comes first.
    plain = plan_2024([staff("S1", 700), staff("S2", 500)])
    assert match_redeployments(plain) == {"S1": "V1"}
    leave = {"status": "maternity_leave", "leave_start": "2024-05-01", "birth": "2024-04-29"}
    protected = plan_2024([staff("S1", 700), staff("S2", 500, protected=leave)])
    assert match_redeployments(protected) == {"S2": "V1"}
    # a pregnancy notified before 6 April 2024 gives no priority (reg 3(2))
    early = {
        "status": "pregnant",
        "informed_of_pregnancy": "2024-03-01",
        "expected_week": "2024-09-01",
    }
    before = plan_2024([staff("S1", 700), staff("S2", 500, protected=early)])
    assert match_redeployments(before) == {"S1": "V1"}


def test_protected_status_needs_its_dates() -> None:
    with pytest.raises(ValidationError, match="maternity_leave needs leave_start"):
        Staff.model_validate(staff("S1", 500, protected={"status": "maternity_leave"}))
    backwards = {
        "status": "shared_parental_leave",
        "leave_start": "2024-07-01",
        "leave_end": "2024-06-01",
    }
    with pytest.raises(ValidationError, match="before leave_start"):
        Staff.model_validate(staff("S1", 500, protected=backwards))


def test_dismissals_more_than_90_days_apart_are_counted_in_separate_rounds() -> None:
    # The whole programme is one establishment. 20 posts go with "old" (30 August 2024) and 10
    # with "late" (20 December 2024, 112 days later): the first 90 days hold 20, a collective
    # round with 30 days' consultation; the 10 later ones are counted separately and, under
    # 20, get individual consultation (TULRCA s.188(1), (3)). All 30 by 30 August: one round.
    members = [staff(f"A{i}", 500) for i in range(20)]
    members += [staff(f"B{i}", 500) | {"site": "late"} for i in range(10)]
    split = establishments(plan_2024(members, establishment="programme"))
    assert [(g.id, len(g.members), g.collective, g.days, g.where) for g in split] == [
        ("programme", 20, True, 30, "programme"),
        ("programme-2", 10, False, 14, "programme"),
    ]
    together = [staff(f"A{i}", 500) for i in range(30)]
    (one,) = establishments(plan_2024(together, establishment="programme"))
    assert (one.id, len(one.members), one.collective, one.days) == ("programme", 30, True, 30)
    # under 20 in all: one group, individual consultation, however far apart
    few = [staff(f"A{i}", 500) for i in range(5)] + [staff("B", 500) | {"site": "late"}]
    (small,) = establishments(plan_2024(few, establishment="programme"))
    assert (small.id, len(small.members), small.collective) == ("programme", 6, False)


def test_a_later_round_schedules_and_verifies(tmp_path: Path) -> None:
    members = [staff(f"A{i}", 500) for i in range(20)]
    members += [staff(f"B{i}", 500) | {"site": "late"} for i in range(3)]
    plan = plan_2024(members, establishment="programme")
    path = tmp_path / "plan.yaml"
    path.write_text(yaml.safe_dump(plan.model_dump(mode="json", exclude_none=True)), "utf-8")
    loaded = load_plan(path)
    s = make_schedule(loaded, ScheduleOptions(solver="greedy"))
    assert verify(loaded.plan, s) == []
    ids = {a.id for a in s.actions}
    assert {"consultation:programme", "hr1:programme", "consultation:programme-2"} <= ids
    assert "hr1:programme-2" not in ids
