"""The HR chain scheduled with the closures, on small plans worked out by hand."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from tests.data.plans import STAFF_PLAN as PLAN
from transition_planner.pipeline import ScheduleOptions, make_schedule
from transition_planner.plan.load import LoadedPlan, load_plan
from transition_planner.reports.register import build_register
from transition_planner.schedule.model import Schedule
from transition_planner.schedule.verify import verify


def scheduled(tmp_path: Path, text: str, solver: str = "cpsat") -> tuple[LoadedPlan, Schedule]:
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    loaded = load_plan(path)
    schedule = make_schedule(loaded, ScheduleOptions(solver=solver, budget=5))  # type: ignore[arg-type]
    assert verify(loaded.plan, schedule) == []
    return loaded, schedule


@pytest.mark.parametrize("solver", ["cpsat", "greedy"])
def test_hr_chain_dates_and_costs_by_hand(tmp_path: Path, solver: str) -> None:
    _, s = scheduled(tmp_path, PLAN, solver)
    day = {a.id: (a.start, a.end) for a in s.actions}
    assert day["consultation:old"] == (date(2016, 3, 1), date(2016, 3, 14))
    assert day["vr_window:old"] == (date(2016, 3, 1), date(2016, 3, 14))
    assert "hr1:old" not in day
    assert all(
        date(2016, 3, 1) <= day[f"one_to_one:S{i}"][0] <= date(2016, 3, 14) for i in (1, 2, 3)
    )
    if solver == "cpsat":
        assert s.status == "OPTIMAL"
        assert day["close:old"][0] == date(2016, 4, 11)
        assert day["trial:S1"] == (date(2016, 5, 9), date(2016, 6, 5))
        assert day["leave:S2"][0] == date(2016, 4, 11)
        assert day["notice:S3"][0] == date(2016, 3, 15)
        assert day["leave:S3"][0] == date(2016, 6, 7)
        assert s.action("trial:S1").destination == "V1"
        lines = {(c.kind, c.subject): c.amount for c in s.cost_lines}
        # by the day, hand-derived in tests/data/plans.py
        assert lines[("staff_pay", "S1")] == 6_900
        assert lines[("staff_pay", "S2")] == 2_100
        assert lines[("staff_pay", "S3")] == 7_071
        assert lines[("redundancy", "S3")] == 11_496
        assert lines[("strain", "S3")] == 25_000
        assert ("redundancy", "S2") not in lines
        assert s.total_cost == 6_900 + 2_100 + 7_071 + 11_496 + 25_000


def test_register_rows_and_summary(tmp_path: Path) -> None:
    loaded, s = scheduled(tmp_path, PLAN)
    register = build_register(loaded.plan, s)
    rows = {r.post: r for r in register.posts}
    assert [r.post for r in register.posts] == ["S1", "S2", "S3", "V2"]
    assert (rows["S1"].status, rows["S1"].redeployed_to, rows["S1"].trial_end) == (
        "redeployed",
        "V1",
        date(2016, 6, 5),
    )
    s2 = rows["S2"]
    assert (s2.status, s2.notice, s2.leaving_date, s2.redundancy_total) == (
        "redundant",
        "1 week (statutory)",
        date(2016, 4, 11),
        Decimal("0.00"),
    )
    s3 = rows["S3"]
    assert (s3.status, s3.notice_issued, s3.notice, s3.leaving_date) == (
        "VR accepted",
        date(2016, 3, 15),
        "12 weeks (statutory)",
        date(2016, 6, 7),
    )
    assert (s3.redundancy_statutory, s3.strain_flag, s3.strain_estimate) == (
        Decimal("11496.00"),
        True,
        Decimal("25000"),
    )
    # The figures behind S3's pay (born 10 May 1958, started 3 April 2000, leaves 7 June
    # 2016): 58 and 16 complete years, so 16 x 1.5 = 24 weeks at the £479 cap, not £500.
    assert (
        s3.relevant_date,
        s3.age,
        s3.service_years,
        s3.weekly_pay,
        s3.weekly_pay_cap,
        s3.weekly_pay_used,
        s3.statutory_weeks,
        s3.weeks_awarded,
    ) == (
        date(2016, 6, 7),
        58,
        16,
        Decimal(500),
        Decimal(479),
        Decimal(479),
        Decimal(24),
        Decimal(24),
    )
    assert (s3.consultation_start, s3.consultation_end) == (date(2016, 3, 1), date(2016, 3, 14))
    assert (rows["S1"].trial_start, rows["S1"].age) == (date(2016, 5, 9), None)
    assert (rows["V2"].status, rows["V2"].leaving_date) == ("vacancy deleted", date(2016, 4, 11))
    (summary,) = register.establishments
    assert (
        summary.posts,
        summary.at_risk,
        summary.vr_accepted,
        summary.redeployed,
        summary.redundant,
        summary.vacancies_deleted,
    ) == (4, 3, 1, 1, 1, 1)
    assert summary.threshold == "3 proposed dismissals, under 20: individual consultation only"
    assert summary.hr1 is None


def collective_plan(n: int) -> str:
    head, _, _ = PLAN.partition("staff:\n")
    rows = "".join(
        f"  - {{id: C{i:02d}, name: Person {i}, role: Support Worker, site: old, weekly_pay: 400,"
        f" start_date: 2005-09-05, date_of_birth: 1970-01-01}}\n"
        for i in range(n)
    )
    return head + "staff:\n" + rows


def test_twenty_dismissals_need_30_days_and_an_hr1_before_any_notice(tmp_path: Path) -> None:
    loaded, s = scheduled(tmp_path, collective_plan(20), "greedy")
    day = {a.id: (a.start, a.end) for a in s.actions}
    assert day["hr1:old"][0] == day["consultation:old"][0] == date(2016, 3, 1)
    assert day["consultation:old"][1] == date(2016, 3, 30)
    notices = [a.start for a in s.actions if a.kind == "notice"]
    assert len(notices) == 20 and min(notices) == date(2016, 3, 31)
    # At most 10 // 5 = 2 meetings a working day: 20 meetings fill 10 working days.
    meetings = sorted(a.start for a in s.actions if a.kind == "one_to_one")
    assert max(meetings.count(d) for d in meetings) == 2
    (summary,) = build_register(loaded.plan, s).establishments
    assert summary.threshold.startswith(
        "20 proposed dismissals: collective consultation of at least 30 days"
    )


def test_nineteen_dismissals_need_only_individual_consultation(tmp_path: Path) -> None:
    _, s = scheduled(tmp_path, collective_plan(19), "greedy")
    assert "hr1:old" not in {a.id for a in s.actions}
    assert s.action("consultation:old").days == 14


def test_tampered_hr_dates_are_caught(tmp_path: Path) -> None:
    from dataclasses import replace

    loaded, s = scheduled(tmp_path, PLAN)
    early = replace(
        s,
        actions=[
            replace(a, start=date(2016, 3, 8), end=date(2016, 3, 8) + (a.end - a.start))
            if a.id == "notice:S3"
            else a
            for a in s.actions
        ],
    )
    assert {(f.code, f.subject) for f in verify(loaded.plan, early)} >= {("order", "notice:S3")}
    short = replace(
        s,
        actions=[
            replace(a, start=date(2016, 5, 31), end=date(2016, 5, 31)) if a.id == "leave:S3" else a
            for a in s.actions
        ],
    )
    # 12 weeks' statutory notice from 15 March 2016 ends 7 June (tests/data/plans.py); the
    # centre closes 11 April, so she leaves on 7 June exactly
    faults = [str(f) for f in verify(loaded.plan, short) if f.code == "leaving"]
    assert faults == [
        "leave:S3: leaves 2016-05-31; the rule gives 2016-06-07, the later of the notice end "
        "2016-06-07 and the closure 2016-04-11"
    ]
    stolen = replace(
        s, actions=[replace(a, destination="V2") if a.id == "trial:S1" else a for a in s.actions]
    )
    assert ("staff", "trial:S1") in {(f.code, f.subject) for f in verify(loaded.plan, stolen)}


def test_register_workbook_shows_the_figures_behind_the_pay(tmp_path: Path) -> None:
    import io

    from openpyxl import load_workbook

    from transition_planner.reports.register_files import register_csv, register_xlsx

    loaded, s = scheduled(tmp_path, PLAN)
    register = build_register(loaded.plan, s)
    sheet = load_workbook(io.BytesIO(register_xlsx(register, date(2016, 3, 1))))["register"]
    header = [c.value for c in sheet[1]]
    row = {h: c for h, c in zip(header, sheet[4], strict=True)}  # S3
    assert row["Post"].value == "S3"
    assert row["Age at relevant date"].value == 58
    assert row["Complete years' service"].value == 16
    assert (row["Week's pay"].value, row["Week's pay"].number_format) == (500, '"£"#,##0.00')
    assert row["Week's pay cap"].value == 479
    assert row["Week's pay used"].value == 479
    assert (row["Statutory weeks"].value, row["Weeks awarded"].value) == (24, 24)
    assert row["Statutory redundancy pay"].value == 11496
    assert row["Consultation starts"].value.date() == date(2016, 3, 1)
    assert row["Consultation starts"].number_format == "d mmm yyyy"
    assert row["Pension strain"].value == "yes"
    s1 = {h: c.value for h, c in zip(header, sheet[2], strict=True)}
    assert s1["Trial starts"].date() == date(2016, 5, 9)
    assert sheet.oddHeader.center.text == "OFFICIAL-SENSITIVE"
    text = register_csv(register).decode("utf-8-sig").splitlines()
    assert text[0].startswith("Post,Name,Role,Site,Grade,Outcome,First 1:1,Consultation starts,")
    assert text[3].startswith("S3,Cat Example,Day Centre Officer,old,G6,VR accepted,")
