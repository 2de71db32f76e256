"""Costing (schedule/costing.py) on tiny hand-built schedules: exact pounds, line by line.

Every plan here starts on Tuesday 1 March 2016 with a target end of 31 May 2016 and a full-year
saving of £1,200,000, so slippage is £100,000 a month. Months are calendar months touched from
1 March (running costs, rent) or started after a deadline by the corresponding-date rule
(slippage, late sites and actions): see tests/plan/test_calendar.py. Staff pay is not tested
here (its rule is being changed).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.data.plans import moderate, plan_text
from transition_planner.pipeline import ScheduleOptions, make_schedule
from transition_planner.plan.load import load_plan
from transition_planner.plan.models import Plan
from transition_planner.plan.steps import StepKind as K, step_id
from transition_planner.problem.compile import compile_plan
from transition_planner.schedule.costing import (
    COST_KINDS,
    breakdown,
    cost_lines,
    services_cease,
    slippage_cost,
)
from transition_planner.schedule.model import CostLine, ScheduledAction
from transition_planner.schedule.verify import verify

START = date(2016, 3, 1)


def plan_of(**sections: Any) -> Plan:
    programme = {
        "name": "Costing",
        "organisation": "Test Council",
        "start": START,
        "target_end": date(2016, 5, 31),
        "savings": {"full_year": 1_200_000},
    }
    programme.update(sections.pop("programme", {}))
    data: dict[str, Any] = {
        "programme": programme,
        "sites": [{"id": "base", "status": "receiving", "capacity": 10}],
    }
    data.update(sections)
    return Plan.model_validate(data)


def milestone(kind: K, subject: str, day: date) -> ScheduledAction:
    return ScheduledAction(step_id(kind, subject), kind, subject, day, day)


def custom(action: str, start: date, end: date) -> ScheduledAction:
    return ScheduledAction(action, K.custom, action, start, end)


# One plan with one of each cost: two closing sites, a lease, two deadlines on actions.
SITES = [
    {
        "id": "hub",
        "status": "closing",
        "running_cost_per_month": 10_000,
        "close_by": {"date": date(2016, 4, 30), "cost_per_month": 5_000},
    },
    {"id": "annex", "status": "closing", "running_cost_per_month": "1235.50"},
    # A receiving site's running costs go on: no close step, no line.
    {"id": "base", "status": "receiving", "capacity": 10, "running_cost_per_month": 999},
]
LEASES = [
    {
        "site": "hub",
        "rent_per_month": 8_000,
        "notice_months": 3,
        "break_dates": [date(2016, 6, 24)],
        "dilapidations": {"estimate": "45000.50"},
    }
]
ACTIONS = [
    {
        "id": "survey",
        "duration": "46d",
        "deadline": {"date": date(2016, 4, 15), "cost_per_month": 2_500},
    },
    {"id": "letters", "duration": "1d", "deadline": date(2016, 4, 15)},  # no cost attached
]
FULL = {"sites": SITES, "leases": LEASES, "actions": ACTIONS}
FULL_SCHEDULE = [
    milestone(K.close, "hub", date(2016, 6, 1)),
    milestone(K.close, "annex", date(2016, 5, 31)),
    milestone(K.lease_exit, "hub", date(2016, 6, 24)),
    custom("survey", date(2016, 4, 1), date(2016, 5, 16)),  # 46 days, 1 April to 16 May
    custom("letters", date(2016, 6, 30), date(2016, 6, 30)),
]


def test_every_line_of_a_small_schedule() -> None:
    lines = cost_lines(plan_of(**FULL), FULL_SCHEDULE)
    assert lines == [
        # Services cease when the last closing site closes: hub, 1 June, a day after the
        # target: one started month late, £100,000.
        CostLine("slippage", "programme", 100_000, "1 month(s) late x £100,000"),
        # hub runs March to June (4 months touched) at £10,000.
        CostLine("running_costs", "hub", 40_000, "4 month(s) x £10,000"),
        # hub's close_by is 30 April: +1 month is 30 May, +2 months 30 June; 1 June is in the
        # second started month late: 2 x £5,000.
        CostLine("late_sites", "hub", 10_000, "2 month(s) after 2016-04-30"),
        # annex runs March to May at £1,235.50: £3,706.50, half up £3,707 (half to even
        # would give £3,706).
        CostLine("running_costs", "annex", 3_707, "3 month(s) x £1,236"),
        # Rent to the lease exit on 24 June: March to June, 4 x £8,000.
        CostLine("rent", "hub", 32_000, "4 month(s) x £8,000 to 2016-06-24"),
        # The dilapidations estimate as it stands, half up: £45,000.50 -> £45,001.
        CostLine("dilapidations", "hub", 45_001, "estimate"),
        # survey's last day is 16 May; 15 April + 1 month = 15 May, so 16 May is into the
        # second started month: 2 x £2,500. letters has a deadline with no cost: no line.
        CostLine("late_actions", "survey", 5_000, "2 month(s) after 2016-04-15"),
    ]
    assert breakdown(lines) == {
        "slippage": 100_000,
        "running_costs": 43_707,
        "rent": 32_000,
        "late_sites": 10_000,
        "late_actions": 5_000,
        "dilapidations": 45_001,
        "staff_pay": 0,
        "redundancy": 0,
        "strain": 0,
        "double_running": 0,
    }
    assert list(breakdown(lines)) == list(COST_KINDS)


def test_details_round_pounds_half_up() -> None:
    plan = plan_of(
        sites=[{"id": "annex", "status": "closing", "running_cost_per_month": "1234.50"}]
    )
    lines = cost_lines(plan, [milestone(K.close, "annex", date(2016, 5, 31))])
    # 3 x £1,234.50 = £3,703.50 -> £3,704; the monthly figure shown, half up, is £1,235.
    assert lines[1] == CostLine("running_costs", "annex", 3_704, "3 month(s) x £1,235")


@pytest.mark.parametrize(
    ("cease", "months", "cost"),
    [
        (date(2016, 5, 20), 0, 0),  # early: nothing
        (date(2016, 5, 31), 0, 0),  # on the target end
        (date(2016, 6, 1), 1, 100_000),  # a day late is a month
        (date(2016, 6, 30), 1, 100_000),  # 31 May + 1 month = 30 June: still one month
        (date(2016, 7, 1), 2, 200_000),  # a month and a day
        (date(2016, 12, 1), 7, 700_000),  # 31 May + 6 months = 30 November
    ],
)
def test_slippage_per_started_month(cease: date, months: int, cost: int) -> None:
    got = slippage_cost(plan_of(), cease)
    assert got == (months, cost, f"{months} month(s) late x £100,000")


@pytest.mark.parametrize(
    ("cease", "months", "cost"),
    [
        (date(2016, 5, 31), 0, 0),
        # £100,000 x 12 / 365 = £3,287.67 a day.
        (date(2016, 6, 1), 1, 3_288),  # 1 day
        (date(2016, 6, 10), 1, 32_877),  # 10 days: £32,876.71
        (date(2016, 6, 30), 1, 98_630),  # 30 days: £98,630.14 (a whole month would be £100k)
        (date(2016, 7, 1), 2, 101_918),  # 31 days: £101,917.81
    ],
)
def test_slippage_pro_rata_by_day(cease: date, months: int, cost: int) -> None:
    plan = plan_of(programme={"slippage": {"pro_rata": True}})
    days = (cease - date(2016, 5, 31)).days
    assert slippage_cost(plan, cease) == (
        months,
        cost,
        f"{days} days late x £100,000 a month pro rata",
    )


def test_slippage_monthly_cost_given_in_the_plan() -> None:
    # slippage.monthly_cost overrides full_year / 12: 2 started months x £99,000.
    plan = plan_of(programme={"slippage": {"monthly_cost": 99_000}})
    assert slippage_cost(plan, date(2016, 7, 1)) == (2, 198_000, "2 month(s) late x £99,000")


def test_slippage_monthly_cost_from_the_full_year_saving() -> None:
    # £1,192,000 a year (the seed case) / 12 = £99,333.33, whole pounds £99,333 a month.
    plan = plan_of(programme={"savings": {"full_year": 1_192_000}})
    assert slippage_cost(plan, date(2016, 6, 1)) == (1, 99_333, "1 month(s) late x £99,333")


def test_slippage_monthly_cost_from_the_full_year_rounds_half_up() -> None:
    plan = plan_of(programme={"savings": {"full_year": 1_000_014}})
    assert slippage_cost(plan, date(2016, 6, 1))[1] == 83_335


def test_no_closing_site_no_slippage() -> None:
    plan = plan_of()
    assert services_cease(plan, {}) is None
    assert slippage_cost(plan, None) == (0, 0, "no closing sites")
    assert cost_lines(plan, []) == [CostLine("slippage", "programme", 0, "no closing sites")]


def test_services_cease_is_the_last_closing_site_to_close() -> None:
    plan = plan_of(
        sites=[
            {"id": "a", "status": "closing"},
            {"id": "b", "status": "closing"},
            {"id": "base", "status": "receiving", "capacity": 10},
        ]
    )
    # A date for the receiving site (which never closes) is ignored, however late.
    closes = {"a": date(2016, 5, 3), "b": date(2016, 6, 14), "base": date(2017, 1, 1)}
    assert services_cease(plan, closes) == date(2016, 6, 14)
    assert services_cease(plan, {"a": date(2016, 5, 3)}) == date(2016, 5, 3)


@pytest.mark.parametrize(
    ("close", "months", "cost"),
    [
        (date(2016, 3, 1), 1, 10_000),  # closing on the first day still touches March
        (date(2016, 3, 31), 1, 10_000),
        (date(2016, 4, 1), 2, 20_000),
        (date(2016, 5, 31), 3, 30_000),
        (date(2017, 2, 28), 12, 120_000),
    ],
)
def test_running_costs_per_calendar_month_touched(close: date, months: int, cost: int) -> None:
    plan = plan_of(sites=[{"id": "hub", "status": "closing", "running_cost_per_month": 10_000}])
    lines = cost_lines(plan, [milestone(K.close, "hub", close)])
    running = [c for c in lines if c.kind == "running_costs"]
    assert running == [CostLine("running_costs", "hub", cost, f"{months} month(s) x £10,000")]


def test_no_running_cost_line_for_a_site_that_costs_nothing_to_run() -> None:
    plan = plan_of(sites=[{"id": "hub", "status": "closing"}])
    lines = cost_lines(plan, [milestone(K.close, "hub", date(2016, 5, 31))])
    assert [c.kind for c in lines] == ["slippage"]


@pytest.mark.parametrize(
    ("exit_day", "months", "cost"),
    [
        (date(2016, 4, 29), 2, 16_000),  # March and April
        (date(2016, 6, 24), 4, 32_000),  # the next break: March to June
    ],
)
def test_rent_to_the_lease_exit(exit_day: date, months: int, cost: int) -> None:
    plan = plan_of(
        sites=[{"id": "hub", "status": "closing"}],
        leases=[
            {
                "site": "hub",
                "rent_per_month": 8_000,
                "notice_months": 1,
                "break_dates": [date(2016, 4, 29), date(2016, 6, 24)],
            }
        ],
    )
    schedule = [
        milestone(K.close, "hub", date(2016, 4, 1)),
        milestone(K.lease_exit, "hub", exit_day),
    ]
    rent = [c for c in cost_lines(plan, schedule) if c.kind == "rent"]
    assert rent == [
        CostLine("rent", "hub", cost, f"{months} month(s) x £8,000 to {exit_day.isoformat()}")
    ]


def test_dilapidations_estimate_even_before_the_lease_exit_is_scheduled() -> None:
    # The estimate is a fixed cost of leaving: it is charged whatever the dates; rent only once
    # there is an exit date to charge it to.
    plan = plan_of(
        sites=[{"id": "hub", "status": "closing"}],
        leases=[
            {
                "site": "hub",
                "rent_per_month": 8_000,
                "notice_months": 1,
                "expiry": date(2016, 12, 31),
                "dilapidations": {"estimate": 30_000, "works": "2w"},
            }
        ],
    )
    lines = cost_lines(plan, [milestone(K.close, "hub", date(2016, 5, 31))])
    assert lines[1:] == [CostLine("dilapidations", "hub", 30_000, "estimate")]


@pytest.mark.parametrize(
    ("close", "months", "cost"),
    [
        (date(2016, 4, 30), 0, 0),  # on the day: a zero line
        (date(2016, 5, 1), 1, 5_000),
        (date(2016, 5, 30), 1, 5_000),  # 30 April + 1 month = 30 May
        (date(2016, 5, 31), 2, 10_000),
    ],
)
def test_late_site_per_started_month_after_close_by(close: date, months: int, cost: int) -> None:
    plan = plan_of(
        sites=[
            {
                "id": "hub",
                "status": "closing",
                "close_by": {"date": date(2016, 4, 30), "cost_per_month": 5_000},
            }
        ]
    )
    late = [c for c in cost_lines(plan, [milestone(K.close, "hub", close)]) if c.kind != "slippage"]
    assert late == [CostLine("late_sites", "hub", cost, f"{months} month(s) after 2016-04-30")]


@pytest.mark.parametrize(
    ("start", "end", "months", "cost"),
    [
        # Lateness is measured on the action's last day, not its first.
        (date(2016, 4, 1), date(2016, 4, 15), 0, 0),
        (date(2016, 4, 10), date(2016, 4, 16), 1, 2_500),
        (date(2016, 4, 1), date(2016, 5, 15), 1, 2_500),  # 15 April + 1 month = 15 May
        (date(2016, 4, 1), date(2016, 5, 16), 2, 5_000),
    ],
)
def test_late_custom_action_by_its_last_day(start: date, end: date, months: int, cost: int) -> None:
    plan = plan_of(actions=ACTIONS)
    lines = cost_lines(plan, [custom("survey", start, end)])
    assert lines[1:] == [
        CostLine("late_actions", "survey", cost, f"{months} month(s) after 2016-04-15")
    ]


def test_the_compiler_prices_the_same_dates_the_same() -> None:
    # The solver's step costs, read at the dates of FULL_SCHEDULE, add up to the costing total
    # less the dilapidations estimate (a constant the solver cannot change).
    plan = plan_of(
        programme={"target_end": date(2016, 5, 31)},
        teams=[{"id": "team", "capacity": 1}],
        **FULL,
    )
    problem = compile_plan(plan).problem
    day = {a.id: (a.start - START).days for a in FULL_SCHEDULE}
    last = {a.id: (a.end - START).days for a in FULL_SCHEDULE}
    day["services_cease"] = (date(2016, 6, 1) - START).days
    solver_total = 0
    for sc in problem.step_costs:
        # at "end" is the exclusive end: the day after the last day.
        at = day[sc.activity] if sc.at == "start" else last[sc.activity] + 1
        solver_total += sc.cost_at(at)
    total = sum(c.amount for c in cost_lines(plan, FULL_SCHEDULE))
    assert solver_total == total - 45_001 == 100_000 + 40_000 + 10_000 + 3_707 + 32_000 + 5_000
    # The step ids priced: the closures, services ceasing, the lease exit and the late survey.
    assert sorted({sc.activity for sc in problem.step_costs}) == [
        "close:annex",
        "close:hub",
        "lease_exit:hub",
        "services_cease",
        "survey",
    ]


@pytest.mark.xfail(
    strict=True,
    reason="bug: compile.py bounds services_cease only from below (on or after each close), so "
    "an action after close:old and before services_cease pushes the solver's services_cease "
    "past the last close (solver pays £100,000 slippage) while the schedule's services_cease "
    "is the last close (costing pays £0) and verify faults the action",
)
def test_an_action_before_services_cease_cannot_outlast_the_last_closure(tmp_path: Path) -> None:
    # Two moderate reviews on one team: close:old on Tuesday 29 March (tests/schedule/
    # test_critical.py). handover runs 30 March to 8 April, after close:old and, the plan says,
    # before services cease; but services cease when old (the only closing site) closes. The
    # plan validates; its schedule should either close old after the handover or the plan be
    # refused, and in either case solver, costing and verify should agree.
    tail = """\
    actions:
      - {id: handover, duration: 10d, after: [close:old], before: [services_cease]}
    """
    path = tmp_path / "plan.yaml"
    path.write_text(plan_text(moderate(2), tail=tail), encoding="utf-8")
    loaded = load_plan(path)
    s = make_schedule(loaded, ScheduleOptions(solver="greedy"))
    assert s.stats["solver_objective"] == s.total_cost
    assert verify(loaded.plan, s) == []
