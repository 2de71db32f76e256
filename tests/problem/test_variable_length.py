"""Activities whose length depends on their start day, tight starts and rounded day costs:
the constructs behind notice as the law reads it (issue 14, item 1), with both solvers."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.data.plans import STAFF_PLAN
from transition_planner.plan.load import load_plan
from transition_planner.problem import Activity, LinearCost, Precedence, Problem
from transition_planner.problem.compile import compile_plan
from transition_planner.rules.periods import Period
from transition_planner.solver import check, evaluate, greedy, solve
from transition_planner.solver.bounds import latest_starts, least_cost

# Notice given on day d lasts 7 days before day 10 and 14 from day 10 (a service anniversary);
# "leave" starts exactly when notice ends or the closure allows, whichever is later, and costs
# 100 a week by the day, rounded half up: (100 x (t + 1)) / 7.
NOTICE = Activity("notice", 14, release=3, duration_steps=((0, 7), (10, 14)))
CLOSE = Activity("close", 1, release=5)
LEAVE = Activity("leave", 1, tight=True)


def problem(notice_release: int = 3) -> Problem:
    return Problem(
        horizon=60,
        activities=(
            Activity("notice", 14, release=notice_release, duration_steps=((0, 7), (10, 14))),
            CLOSE,
            LEAVE,
        ),
        precedences=(
            Precedence("notice", "leave"),
            Precedence("close", "leave", before_at="start", after_at="start"),
        ),
        linear_costs=(LinearCost("leave", 100, at="start", offset=100, divisor=7),),
    )


def test_length_steps_and_the_latest_start_that_ends_in_time() -> None:
    assert [NOTICE.duration_at(d) for d in (0, 9, 10, 30)] == [7, 7, 14, 14]
    # ends: day 9 + 7 = 16, day 10 + 14 = 24 (and later starts later): the last start ending
    # by day 20 is day 9, by day 24 day 10
    assert NOTICE.latest_start_ending_by(20) == 9
    assert NOTICE.latest_start_ending_by(16) == 9
    assert NOTICE.latest_start_ending_by(24) == 10
    assert NOTICE.shortest == 7


def test_rounded_day_cost() -> None:
    cost = LinearCost("leave", 100, offset=100, divisor=7)
    # 1 day: 14.29 -> 14; 7 days: 100; 4 days: 57.14 -> 57; 21 days: 300
    assert [cost.cost_at(t) for t in (0, 6, 3, 20)] == [14, 100, 57, 300]
    # half up: 3.5 -> 4 (7 x 1 over 2)
    assert LinearCost("x", 1, divisor=2).cost_at(7) == 4


@pytest.mark.parametrize("how", ["greedy", "cpsat"])
def test_both_solvers_end_notice_exactly_and_leave_on_the_later_day(how: str) -> None:
    p = problem()
    p.validate()
    s = greedy(p) if how == "greedy" else solve(p, budget=1.0)
    assert s.feasible
    # notice on day 3 ends day 10; the closure allows day 5; leave on day 10: 11 days' pay
    # 100 x 11 / 7 = 157.14 -> 157
    assert (s.starts["notice"], s.starts["leave"]) == (3, 10)
    assert s.objective == 157 == evaluate(p, s.starts, s.choices)[0]
    assert least_cost(p) == 157


def test_check_holds_the_length_and_the_tight_start() -> None:
    p = problem(notice_release=10)
    ok = {"notice": 10, "close": 5, "leave": 24}
    assert check(p, ok, {}) == []
    assert check(p, ok | {"leave": 25}, {}) == [
        "leave: starts 25, not on day 24 its predecessors allow"
    ]
    # with the length read as 7 days the leave on day 17 would look fine; it ends on day 24
    assert "notice->leave: lag -7 outside [0, None]" in check(p, ok | {"leave": 17}, {})


def test_latest_starts_follow_the_actual_end() -> None:
    p = problem()
    latest = latest_starts(p, 157 + 100)  # a week more at most
    assert latest is not None
    # leave may move 7 days (to day 17); notice must then end by day 17: start by day 9 (7
    # days long) -- not day 3 as the longest length (14) would say
    assert latest["leave"] == 17
    assert latest["notice"] == 9


def test_invalid_variable_lengths_are_refused() -> None:
    falling = Activity("n", 10, duration_steps=((0, 10), (5, 8)))
    with pytest.raises(ValueError, match="ends must not fall"):
        Problem(horizon=30, activities=(falling,)).validate()
    short = Activity("n", 9, duration_steps=((0, 7), (5, 10)))
    with pytest.raises(ValueError, match="longest"):
        Problem(horizon=30, activities=(short,)).validate()


@pytest.mark.parametrize(
    ("programme_start", "notice_day", "contract", "start_date", "end"),
    [
        # 2 months' contractual notice given on 31 December 2022 ends 28 February 2023 (no
        # 31 February: the month's last day, Dodds v Walker), not in March
        ("2022-11-01", date(2022, 12, 31), Period(2, "m"), date(2015, 1, 5), date(2023, 2, 28)),
        # 4 complete years on the notice day (start 12 January 2015, notice 9 January 2019):
        # 4 weeks' statutory notice, though the 5th anniversary falls 3 days later (s.86(1))
        ("2018-12-01", date(2019, 1, 9), None, date(2014, 1, 12), date(2019, 2, 6)),
    ],
)
def test_the_compiled_notice_is_the_laws_length_on_each_day(
    tmp_path: Path,
    programme_start: str,
    notice_day: date,
    contract: Period | None,
    start_date: date,
    end: date,
) -> None:
    due = date.fromisoformat(programme_start) + timedelta(days=150)
    text = (
        STAFF_PLAN.replace("start: 2016-03-01", f"start: {programme_start}")
        .replace("target_end: 2016-04-29", f"target_end: {due}")
        .replace("close_by: 2016-04-29", f"close_by: {due}")
        .replace(
            "start_date: 2015-06-01",
            f"start_date: {start_date}"
            + (f", contractual_notice: {contract.amount}{contract.unit}" if contract else ""),
        )
    )
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    compiled = compile_plan(load_plan(path).plan)
    notice = compiled.problem.by_id["notice:S2"]
    day = (notice_day - compiled.day0).days
    assert compiled.day0 + timedelta(days=day + notice.duration_at(day)) == end
