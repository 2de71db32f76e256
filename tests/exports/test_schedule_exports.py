"""schedule.xlsx round-trips the actions; milestones.ics is a calendar that apps import."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import icalendar
import pandas as pd

from transition_planner.exports.calendar_ics import milestones_ics
from transition_planner.exports.schedule_files import schedule_xlsx
from transition_planner.plan.load import load_plan
from transition_planner.schedule.build import ScheduleOptions, make_schedule

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


def test_ics_parses_and_holds_the_milestones() -> None:
    loaded = load_plan(EXAMPLE)
    s = make_schedule(loaded, ScheduleOptions(solver="greedy"))
    data = milestones_ics(loaded.plan, s)
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    assert data.endswith(b"END:VCALENDAR\r\n")
    events = {
        str(e["UID"]): (str(e["SUMMARY"]), e["DTSTART"].dt)
        for e in icalendar.Calendar.from_ical(data).walk("VEVENT")
    }
    close = s.action("close:electrium-point").start
    assert events["close:electrium-point@transition-planner"] == ("Close Electrium Point", close)
    assert events["hr1:electrium-point@transition-planner"] == (
        "File HR1: Electrium Point",
        date(2016, 3, 10),
    )
    assert events["deadline:target_end@transition-planner"][1] == date(2016, 5, 31)
    lease = s.leases[0]
    assert events["lease_exit:electrium-point@transition-planner"][1] == lease.exit
    assert milestones_ics(loaded.plan, s) == data


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
    for sheet in book:
        assert all(c.font.b for c in sheet[1])
        assert sheet.print_title_rows == "$1:$1"
        for row in sheet.iter_rows(values_only=True):
            assert not any(isinstance(v, str) and str(EXAMPLE.parent) in v for v in row)
    actions = book["actions"]
    header = [c.value for c in actions[1]]
    assert header == [
        "Step", "Kind", "Subject", "Starts", "Ends", "Days", "Team", "Destination",
        "Workstream", "Title", "Owner",
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
