"""Property: any small plan that validates schedules with the greedy to a schedule ``verify``
accepts, or is refused with exit 3 and a reason. Never a traceback."""

from __future__ import annotations

import os
import tempfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, event, given, settings, strategies as st

from transition_planner.errors import Infeasible, NoScheduleFound, PlanError
from transition_planner.pipeline import ScheduleOptions, make_schedule
from transition_planner.plan.load import load_plan
from transition_planner.schedule.model import read_schedule
from transition_planner.schedule.verify import verify

EXAMPLES = int(os.environ.get("TPLAN_PROPERTY_EXAMPLES", "300"))


def _day(start: date, draw: st.DrawFn, lo: int, hi: int) -> str:
    return (start + timedelta(days=draw(st.integers(lo, hi)))).isoformat()


@st.composite
def plans(draw: st.DrawFn) -> dict[str, Any]:
    start = draw(st.dates(date(2016, 1, 1), date(2030, 12, 31)))
    n_closing = draw(st.integers(1, 2))
    closing = [f"old{i}" for i in range(n_closing)]
    receiving = [f"new{i}" for i in range(draw(st.integers(0, 2)))]
    sites: list[dict[str, Any]] = []
    for sid in closing:
        site: dict[str, Any] = {"id": sid, "status": "closing"}
        if draw(st.booleans()):
            close = _day(start, draw, 0, 300)
            site["close_by"] = {"date": close, "hard": draw(st.booleans())}
        site["running_cost_per_month"] = draw(st.sampled_from([0, 500, 10**6]))
        sites.append(site)
    for sid in receiving:
        site = {"id": sid, "status": draw(st.sampled_from(["receiving", "redeveloping"]))}
        site["capacity"] = draw(st.integers(0, 6))
        if draw(st.booleans()):
            site["available_from"] = _day(start, draw, -30, 200)
        site["features"] = draw(st.sampled_from([[], ["hoist"]]))
        sites.append(site)
    if draw(st.booleans()):
        sites.append({"id": "stay", "status": "continuing", "capacity": draw(st.integers(0, 3))})
    places = [s["id"] for s in sites if s["status"] != "closing"]
    people = []
    for i in range(draw(st.integers(0, 6))):
        person: dict[str, Any] = {
            "id": f"P{i}",
            "site": draw(st.sampled_from(closing)),
            "cohort": draw(st.sampled_from(["LD", "PD", "OP"])),
            "needs": draw(st.sampled_from(["moderate", "substantial", "complex", "unknown"])),
            "pathway": draw(st.sampled_from(["move", "move", "community", "direct-payment"])),
            "carer": draw(st.booleans()),
            "eligible": draw(st.booleans()) or draw(st.booleans()),
        }
        if places:
            person["preferred"] = draw(st.lists(st.sampled_from(places), max_size=2, unique=True))
        if draw(st.booleans()):
            person["group"] = draw(st.sampled_from(["g1", "g2"]))
        if draw(st.integers(0, 3)) == 0:
            person["requires"] = ["hoist"]
        people.append(person)
    teams = [{"id": "rt", "capacity": draw(st.integers(1, 3))}]
    if draw(st.booleans()):
        teams[0]["availability"] = [
            {"from": _day(start, draw, 0, 30), "to": _day(start, draw, 31, 60), "capacity": 0}
        ]
    actions: list[dict[str, Any]] = []
    for i in range(draw(st.integers(0, 3))):
        action: dict[str, Any] = {"id": f"a{i}", "duration": f"{draw(st.integers(1, 30))}d"}
        refs = [f"a{j}" for j in range(i)] + [f"close:{c}" for c in closing]
        if draw(st.booleans()):
            action["after"] = draw(st.lists(st.sampled_from(refs), max_size=2, unique=True))
        if draw(st.booleans()):
            action["deadline"] = {"date": _day(start, draw, 0, 400), "hard": draw(st.booleans())}
        if draw(st.booleans()):
            action["not_before"] = _day(start, draw, 0, 100)
        actions.append(action)
    leases = []
    if draw(st.booleans()):
        breaks = sorted({_day(start, draw, 10, 700) for _ in range(draw(st.integers(0, 2)))})
        leases.append(
            {
                "site": closing[0],
                "rent_per_month": draw(st.sampled_from([0, 1000, 10**9])),
                "notice_months": draw(st.integers(0, 6)),
                "break_dates": breaks,
                "expiry": _day(start, draw, 701, 1500),
                "dilapidations": {"estimate": 5000, "works": f"{draw(st.integers(0, 4))}w"},
            }
        )
    staff = []
    if start >= date(2015, 4, 6):
        for i in range(draw(st.integers(0, 3))):
            staff.append(
                {
                    "id": f"S{i}",
                    "name": "A Person",
                    "role": "Support Worker",
                    "site": draw(st.sampled_from(closing)),
                    "weekly_pay": draw(st.sampled_from([200, 450.5, 1500])),
                    "start_date": _day(date(1990, 1, 1), draw, 0, 9000),
                    "date_of_birth": _day(date(1950, 1, 1), draw, 0, 10000),
                    "status": draw(st.sampled_from(["at_risk", "vr_requested", "not_at_risk"])),
                    "pension_member": draw(st.booleans()),
                }
            )
    earliest = draw(st.integers(1, 8))
    return {
        "programme": {
            "name": "Property",
            "organisation": "Test",
            "start": start.isoformat(),
            "target_end": _day(start, draw, 1, 400),
            "savings": {"full_year": draw(st.sampled_from([0, 120000, 10**9]))},
            "calendar": {"weekends": draw(st.booleans())},
        },
        "sites": sites,
        "leases": leases,
        "teams": teams,
        "durations": {
            "move": f"{draw(st.integers(1, 3))}d",
            "post_move_review": {
                "earliest": f"{earliest}w",
                "latest": f"{earliest + draw(st.integers(0, 3))}w",
            },
        },
        "people": people,
        "staff": staff,
        "actions": actions,
    }


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(plans())
def test_a_valid_plan_schedules_and_verifies_or_is_refused_with_a_reason(
    data: dict[str, Any],
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "plan.yaml"
        path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
        try:
            loaded = load_plan(path)
        except PlanError as exc:
            event("refused")
            assert exc.diagnostics
            assert all(d.line is not None for d in exc.diagnostics), exc
            return
        try:
            schedule = make_schedule(loaded, ScheduleOptions(solver="greedy"))
        except (Infeasible, NoScheduleFound) as exc:
            event("exit 3")
            assert exc.exit_code == 3
            assert str(exc).strip()
            assert "day " not in str(exc)
            return
        event("scheduled")
        assert verify(loaded.plan, schedule) == []
        assert verify(loaded.plan, read_schedule(schedule.dumps(), "schedule.json")) == []
