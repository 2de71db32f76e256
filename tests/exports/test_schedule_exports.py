"""schedule.xlsx round-trips the actions; milestones.ics is a calendar that apps import."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import icalendar
import pandas as pd

from tests.conftest import BASE_PLAN, PlanDir
from transition_planner.exports.calendar_ics import milestones_ics
from transition_planner.exports.schedule_files import schedule_xlsx, week_sheet
from transition_planner.pipeline import ScheduleOptions, make_schedule
from transition_planner.plan.load import load_plan
from transition_planner.plan.steps import StepKind as K
from transition_planner.schedule.model import ScheduledAction
from transition_planner.schedule.week import Item, Week

EXAMPLE = Path(__file__).parents[2] / "plans" / "links-to-work.yaml"


def test_xlsx_sheets_round_trip_the_actions_without_names() -> None:
    loaded = load_plan(EXAMPLE)
    s = make_schedule(loaded, ScheduleOptions(solver="greedy"))
    data = schedule_xlsx(s, loaded.plan)
    book = pd.read_excel(io.BytesIO(data), sheet_name=None)
    assert list(book) == ["summary", "actions", "people", "sites", "leases", "staff", "costs"]
    actions = book["actions"]
    assert list(actions["Step"]) == [a.id for a in s.actions]
    assert [d.date() for d in actions["Starts"]] == [a.start for a in s.actions]
    assert [d.date() for d in actions["Ends"]] == [a.end for a in s.actions]
    assert len(book["people"]) == 102 and len(book["staff"]) == 44
    assert "Name" not in book["staff"].columns
    text = data.decode("latin-1")
    assert not [m.name for m in loaded.plan.staff if m.name in text]
    assert int(book["costs"]["Amount"].sum()) == s.total_cost
    assert schedule_xlsx(s, loaded.plan) == data


def _events(data: bytes) -> dict[str, icalendar.Event]:
    return {str(e["UID"]): e for e in icalendar.Calendar.from_ical(data).walk("VEVENT")}


def test_ics_parses_and_holds_the_milestones() -> None:
    loaded = load_plan(EXAMPLE)
    s = make_schedule(loaded, ScheduleOptions(solver="greedy"))
    data = milestones_ics(loaded.plan, s, date(2016, 3, 1))
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    assert data.endswith(b"END:VCALENDAR\r\n")
    cal = icalendar.Calendar.from_ical(data)
    # RFC 5545 required properties, and PUBLISH for a calendar people import.
    assert (str(cal["VERSION"]), str(cal["PRODID"]), str(cal["METHOD"])) == (
        "2.0",
        "-//transition-planner//milestones//EN",
        "PUBLISH",
    )
    found = cal.walk("VEVENT")
    for e in found:
        assert {"UID", "DTSTAMP", "DTSTART"} <= set(e)
        assert (str(e["TRANSP"]), int(e["SEQUENCE"])) == ("TRANSPARENT", 0)
        assert e["DTSTAMP"].dt == datetime(2016, 3, 1, tzinfo=UTC)
    assert len({str(e["UID"]) for e in found}) == len(found)
    events = {str(e["UID"]).split("/")[0]: (str(e["SUMMARY"]), e["DTSTART"].dt) for e in found}
    assert {str(e["UID"]).split("/")[1] for e in found} == {
        "links-to-work-transition-3a99d3fba1@transition-planner"
    }
    close = s.action("close:electrium-point").start
    assert events["close:electrium-point"] == ("Close Electrium Point", close)
    assert events["hr1:electrium-point"] == ("File HR1: Electrium Point", date(2016, 3, 10))
    assert events["deadline:target_end"][1] == date(2016, 5, 31)
    lease = s.leases[0]
    assert events["lease_exit:electrium-point"][1] == lease.exit
    assert events["deadline:lease_notice:electrium-point"] == (
        "Last safe day to serve break notice: Electrium Point",
        lease.notice_by,
    )
    # 30 days before the first dismissal, and the day before the first notice if sooner.
    ep = {m.id for m in loaded.plan.staff if m.site == "electrium-point"}
    first_leave = min(a.start for a in s.actions if a.kind == "leave" and a.subject in ep)
    first_notice = min(a.start for a in s.actions if a.kind == "notice" and a.subject in ep)
    assert events["deadline:hr1:electrium-point"][1] == min(
        first_leave - timedelta(days=30), first_notice - timedelta(days=1)
    )
    assert milestones_ics(loaded.plan, s, date(2016, 3, 1)) == data


def test_ics_sequence_and_stamp_follow_changes_only() -> None:
    import dataclasses

    loaded = load_plan(EXAMPLE)
    s = make_schedule(loaded, ScheduleOptions(solver="greedy"))
    first = milestones_ics(loaded.plan, s, date(2016, 3, 1))
    # A re-run on another day with the same dates: the same bytes.
    assert milestones_ics(loaded.plan, s, date(2016, 4, 1), first) == first
    # A re-plan that moves one closure: that event alone gets SEQUENCE 1 and a new DTSTAMP.
    i = next(n for n, a in enumerate(s.actions) if a.id == "close:electrium-point")
    moved = s.actions[i].start + timedelta(days=7)
    s.actions[i] = dataclasses.replace(s.actions[i], start=moved, end=moved)
    second = _events(milestones_ics(loaded.plan, s, date(2016, 4, 1), first))
    changed = {uid: e for uid, e in second.items() if int(e["SEQUENCE"]) != 0}
    (uid,) = changed
    assert uid.startswith("close:electrium-point/")
    assert changed[uid]["DTSTART"].dt == moved
    assert changed[uid]["DTSTAMP"].dt == datetime(2016, 4, 1, tzinfo=UTC)
    others = {e["DTSTAMP"].dt for u, e in second.items() if u != uid}
    assert others == {datetime(2016, 3, 1, tzinfo=UTC)}


def test_ics_uids_belong_to_their_plan() -> None:
    loaded = load_plan(EXAMPLE)
    s = make_schedule(loaded, ScheduleOptions(solver="greedy"))
    other_prog = loaded.plan.programme.model_copy(update={"name": "Another closure"})
    other = loaded.plan.model_copy(update={"programme": other_prog})
    mine = set(_events(milestones_ics(loaded.plan, s)))
    theirs = set(_events(milestones_ics(other, s)))
    assert len(mine) == len(theirs) and not mine & theirs


def test_formula_titles_stay_text_in_xlsx_and_are_quoted_in_csv() -> None:
    import dataclasses
    import zipfile

    from openpyxl import load_workbook

    from transition_planner.exports.schedule_files import schedule_csv

    loaded = load_plan(EXAMPLE)
    s = make_schedule(loaded, ScheduleOptions(solver="greedy"))
    evil = '=HYPERLINK("http://example.com","open")'
    s.actions[0] = dataclasses.replace(s.actions[0], title=evil)
    data = schedule_xlsx(s, loaded.plan)
    sheet = load_workbook(io.BytesIO(data))["actions"]
    assert [c.value for c in sheet[1]][9] == "Title"
    assert (sheet["J2"].value, sheet["J2"].data_type) == (evil, "s")
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert not any(b"<f>" in archive.read(n) for n in archive.namelist() if n.endswith(".xml"))
    text = schedule_csv(s, loaded.plan)
    assert text.startswith(b"\xef\xbb\xbfStep,Kind,Subject,Starts,Ends,Days,Team,")
    first = text.decode("utf-8-sig").splitlines()[1]
    assert first.endswith(',"\'=HYPERLINK(""http://example.com"",""open"")",HR')


def test_xlsx_headers_formats_owners_and_no_folder_paths() -> None:
    from openpyxl import load_workbook

    loaded = load_plan(EXAMPLE.resolve())
    s = make_schedule(loaded, ScheduleOptions(solver="greedy"))
    book = load_workbook(io.BytesIO(schedule_xlsx(s, loaded.plan)))
    summary = {r[0].value: r[1] for r in book["summary"].iter_rows(min_row=2)}
    assert summary["Plan"].value == f"links-to-work.yaml ({s.plan_digest})"
    assert summary["Total cost"].number_format == '"£"#,##0'
    assert summary["Target end"].number_format == "d mmm yyyy"
    # the gap told in pounds and the limit searched under (issue 18), beside the total
    assert summary["Search limit"].value == "--solver greedy (no search)"
    assert summary["Gap in pounds"].value is None  # the greedy proves no bound
    floor = summary["Floor (every step at its earliest)"]
    assert (floor.value, floor.number_format) == (s.floor, '"£"#,##0')
    assert summary["Avoidable (cost above the floor)"].value == s.total_cost - (s.floor or 0)
    for sheet in book:
        assert all(c.font.b for c in sheet[1])
        assert sheet.print_title_rows == "$1:$1"
        for row in sheet.iter_rows(values_only=True):
            assert not any(isinstance(v, str) and str(EXAMPLE.parent) in v for v in row)
    actions = book["actions"]
    header = [c.value for c in actions[1]]
    assert header == [
        "Step",
        "Kind",
        "Subject",
        "Starts",
        "Ends",
        "Days",
        "Team",
        "Destination",
        "Workstream",
        "Title",
        "Owner",
    ]
    owners = {r[0]: r[10] for r in actions.iter_rows(min_row=2, values_only=True)}
    assert owners["hr1:electrium-point"] == "HR"
    assert owners["lease_notice:electrium-point"] == "Property lead"
    assert owners["close:electrium-point"] == "Programme manager"
    assert owners["legal-break-check"] == "Legal Services"
    assert all(owners.values())
    review = next(a for a in s.actions if a.kind == "review")
    team = next(t for t in loaded.plan.teams if t.id == review.resource)
    assert owners[review.id] == (team.name or team.id)
    assert book["costs"]["C2"].number_format == '"£"#,##0'
    assert book["staff"].oddHeader.center.text == "OFFICIAL-SENSITIVE"
    assert book["people"].oddHeader.center.text is None


def test_plan_owners_override_the_defaults(plan_dir: PlanDir) -> None:
    from transition_planner.plan.owners import owner_of

    text = BASE_PLAN + "owners:\n  hr1: HR Business Partner\n  close: Head of Service\n"
    loaded = load_plan(plan_dir.plan(text))
    plan = loaded.plan
    assert owner_of(plan, "hr1", "hr1:old-centre") == "HR Business Partner"
    assert owner_of(plan, "close", "close:old-centre") == "Head of Service"
    assert owner_of(plan, "notice", "notice:S001") == "HR"
    assert owner_of(plan, "review", "review:P1", "review-team") == "review-team"
    assert owner_of(plan, "review", "review:P1", None) == "Review team"
    assert owner_of(plan, "move", "move:P1") == "Programme manager"


def test_owners_keys_are_step_kinds(plan_dir: PlanDir) -> None:
    from transition_planner.errors import PlanError

    try:
        load_plan(plan_dir.plan(BASE_PLAN + "owners:\n  hr_one: HR\n"))
    except PlanError as exc:
        (problem,) = exc.diagnostics
        rendered = problem.render()
        assert "plan.yaml:29:11: owners.hr_one: expected one of 'review', " in rendered
        assert rendered.endswith(" or 'leave'; got 'hr_one'")
    else:
        raise AssertionError("an unknown step kind was accepted")


def test_week_sheet_leaves_out_posts_and_marks_them() -> None:
    # Two steps in the week of Monday 11 April: a review and a notice (a post's HR step).
    review = ScheduledAction(
        "review:P1", K.review, "P1", date(2016, 4, 11), date(2016, 4, 24), title="review"
    )
    notice = ScheduledAction(
        "notice:S1", K.notice, "S1", date(2016, 3, 24), date(2016, 4, 20), title="notice"
    )
    week = Week(date(2016, 4, 11), date(2016, 4, 17))
    week.owners = {
        "HR": [Item(notice, "HR", "in progress")],
        "team": [Item(review, "team", "due")],
    }
    full = week_sheet([week])
    assert full.marking == "OFFICIAL-SENSITIVE"
    assert [list(r) for r in full.rows] == [
        [
            date(2016, 4, 11),
            "HR",
            "in progress",
            "notice:S1",
            K.notice,
            date(2016, 3, 24),
            date(2016, 4, 20),
            "notice",
        ],
        [
            date(2016, 4, 11),
            "team",
            "due",
            "review:P1",
            K.review,
            date(2016, 4, 11),
            date(2016, 4, 24),
            "review",
        ],
    ]
    without = week_sheet([week], posts=False)
    assert without.marking is None
    assert [r[3] for r in without.rows] == ["review:P1"]
