"""The critical chain (schedule/critical.py) of tiny plans scheduled by the greedy, by hand.

Plans from tests/data/plans.py: day 0 is Tuesday 1 March 2016; a moderate review takes 7 days
on the one team (capacity 1); a move waits 14 days' notice after its review ends and falls on a
working day; the site closes on or after the last move (its last day of service).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tests.data.plans import moderate, plan_text
from transition_planner.pipeline import ScheduleOptions, make_schedule
from transition_planner.plan.load import load_plan
from transition_planner.problem.compile import compile_plan
from transition_planner.schedule.critical import critical_chain
from transition_planner.schedule.model import Schedule
from transition_planner.solver import solve

GREEDY = ScheduleOptions(solver="greedy")


def greedy_schedule(tmp_path: Path, text: str) -> Schedule:
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    return make_schedule(load_plan(path), GREEDY)


def test_chain_through_a_team_hand_over(tmp_path: Path) -> None:
    # P1's review runs days 0-6 (1-7 March); the team has one place, so P2's waits for it:
    # days 7-13 (8-14 March). Moves follow 14 days' notice: P1 on day 21 (22 March), P2 on
    # day 28 (Tuesday 29 March), and the site closes that day. Walking back from services
    # ceasing: close:old started the day move:P2 did (move:P1 was a week earlier, not tight);
    # move:P2 started exactly 14 days after review:P2 ended; review:P2 has no predecessor but
    # started the day review:P1 ended on the same team (a capacity hand-over); review:P1
    # started on day 0 and nothing came before it.
    s = greedy_schedule(tmp_path, plan_text(moderate(2)))
    when = {a.id: (a.start, a.end) for a in s.actions}
    assert when["review:P1"] == (date(2016, 3, 1), date(2016, 3, 7))
    assert when["review:P2"] == (date(2016, 3, 8), date(2016, 3, 14))
    assert when["move:P1"][0] == date(2016, 3, 22)
    assert when["move:P2"][0] == date(2016, 3, 29)
    assert s.services_cease == date(2016, 3, 29)
    assert s.critical_chain == ["review:P1", "review:P2", "move:P2", "close:old"]


def test_chain_from_the_solution_directly(tmp_path: Path) -> None:
    # The same plan through compile_plan and the greedy solver, without decoding: the chain
    # is computed from the problem's precedences and start days alone.
    path = tmp_path / "plan.yaml"
    path.write_text(plan_text(moderate(2)), encoding="utf-8")
    compiled = compile_plan(load_plan(path).plan)
    solution = solve(compiled.problem, solver="greedy")
    assert solution.starts["close:old"] == 28
    assert critical_chain(compiled, solution) == [
        "review:P1",
        "review:P2",
        "move:P2",
        "close:old",
    ]


def test_chain_through_a_custom_action_and_a_weekend(tmp_path: Path) -> None:
    # A 40-day survey before the closure runs days 0-39 (1 March to 9 April). The site could
    # close on day 40, Sunday 10 April, but closures fall on working days: Monday 11 April.
    # That still counts as tight (no working day between). P1's move on 22 March (review
    # days 0-6, then 14 days' notice) is not on the chain.
    tail = """\
    actions:
      - {id: survey, duration: 40d, before: [close:old]}
    """
    s = greedy_schedule(tmp_path, plan_text(moderate(1), tail=tail))
    assert s.action("survey").start == date(2016, 3, 1)
    assert s.action("survey").end == date(2016, 4, 9)
    assert s.action("move:P1").start == date(2016, 3, 22)
    assert s.services_cease == date(2016, 4, 11)
    assert s.critical_chain == ["survey", "close:old"]
