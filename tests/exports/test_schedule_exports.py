"""schedule.xlsx round-trips the actions; milestones.ics is a calendar that apps import."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import icalendar
import pandas as pd

from transition_planner.exports.calendar_ics import milestones_ics
from transition_planner.exports.schedule_files import schedule_xlsx
from transition_planner.pipeline import ScheduleOptions, make_schedule
from transition_planner.plan.load import load_plan

EXAMPLE = Path(__file__).parents[2] / "plans" / "links-to-work.yaml"


def test_xlsx_sheets_round_trip_the_actions_without_names() -> None:
    loaded = load_plan(EXAMPLE)
    s = make_schedule(loaded, ScheduleOptions(solver="greedy"))
    data = schedule_xlsx(s, loaded.plan)
    book = pd.read_excel(io.BytesIO(data), sheet_name=None)
    assert list(book) == ["summary", "actions", "people", "sites", "leases", "staff", "costs"]
    actions = book["actions"]
    assert list(actions["id"]) == [a.id for a in s.actions]
    assert [d.date() for d in actions["start"]] == [a.start for a in s.actions]
    assert [d.date() for d in actions["end"]] == [a.end for a in s.actions]
    assert len(book["people"]) == 102 and len(book["staff"]) == 44
    assert "name" not in book["staff"].columns
    text = data.decode("latin-1")
    assert not [m.name for m in loaded.plan.staff if m.name in text]
    assert int(book["costs"]["amount"].sum()) == s.total_cost
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
