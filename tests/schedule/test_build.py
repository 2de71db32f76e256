"""Small plans whose optimal schedules are worked out by hand: dates and pounds exactly."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.data.plans import moderate, plan_text
from transition_planner.errors import Infeasible
from transition_planner.pipeline import ScheduleOptions, make_schedule
from transition_planner.plan.load import load_plan
from transition_planner.schedule.build import in_pounds
from transition_planner.schedule.model import Schedule
from transition_planner.schedule.text import gap_in_pounds
from transition_planner.schedule.verify import verify


def schedule_of(tmp_path: Path, text: str, solver: str = "cpsat") -> Schedule:
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    loaded = load_plan(path)
    schedule = make_schedule(loaded, ScheduleOptions(solver=solver, budget=10))  # type: ignore[arg-type]
    # Every schedule a test looks at must also pass the independent verifier.
    assert verify(loaded.plan, schedule) == []
    return schedule


def dest(s: Schedule, person: str) -> str | None:
    return s.action(f"move:{person}").destination


@pytest.mark.parametrize(
    ("team_capacity", "services_cease", "months", "cost"),
    [
        # 7 reviews of 7 days one at a time end on day 48; moves wait 14 days' notice: day 63.
        (1, date(2016, 5, 3), 2, 200_000),
        # Two at a time: 4 rounds end on day 27; moves on day 42, 12 April: one month late.
        (2, date(2016, 4, 12), 1, 100_000),
    ],
)
def test_team_too_small_for_the_deadline(
    tmp_path: Path, team_capacity: int, services_cease: date, months: int, cost: int
) -> None:
    s = schedule_of(tmp_path, plan_text(moderate(7), team_capacity=team_capacity))
    assert s.status == "OPTIMAL"
    assert s.services_cease == services_cease
    assert s.slippage_months == months
    assert s.slippage_cost == cost
    assert s.total_cost == cost
    assert s.sites[0].months_late == 0  # no close_by of its own; the programme target applies


@pytest.mark.parametrize(
    ("solver", "team_capacity", "gap_line"),
    [
        # one reviewer: the closure's release (all 49 days of review work at full capacity)
        # already makes it a month late, so the floor is £100,000 of the £200,000; the proven
        # optimum leaves none of the other £100,000 on the table
        (
            "cpsat",
            1,
            "Gap in pounds:  £0, 0.0% of the £100,000 avoidable (the cost above the floor "
            "£100,000)",
        ),
        (
            "greedy",
            1,
            "Avoidable:      £100,000 (the cost above the floor £100,000); no bound proved",
        ),
    ],
)
def test_the_gap_is_told_in_pounds(
    tmp_path: Path, solver: str, team_capacity: int, gap_line: str
) -> None:
    s = schedule_of(tmp_path, plan_text(moderate(7), team_capacity=team_capacity), solver)
    assert (s.total_cost, s.floor, s.avoidable) == (200_000, 100_000, 100_000)
    proven = solver == "cpsat"
    assert (s.bound, s.gap_pounds, s.gap_of_avoidable) == (
        (200_000, 0, 0.0) if proven else (None, None, None)
    )
    assert gap_in_pounds(s) == [gap_line]
    data = json.loads(s.dumps())
    assert {k: data[k] for k in ("floor", "avoidable", "gap_pounds", "gap_of_avoidable")} == {
        "floor": 100_000,
        "avoidable": 100_000,
        "gap_pounds": 0 if proven else None,
        "gap_of_avoidable": 0.0 if proven else None,
    }
    assert data["bound"] == s.bound and data["gap"] == s.gap  # the old keys stay


def test_the_gap_in_pounds_of_the_seed_plan_figures() -> None:
    # the seed plan at budget 20: cost £877,848, bound £868,427, floor £862,600
    assert in_pounds(877_848, 868_427, 862_600) == (15_248, 9_421, 0.617852)
    assert in_pounds(100, 100, 100) == (0, 0, 0.0)
    assert in_pounds(100, None, 40) == (60, None, None)
    assert in_pounds(100, 90, None) == (None, 10, None)


LEASE = """\
leases:
  - site: old
    rent_per_month: 10000
    notice_months: 1
    notice_margin: 0d
    break_dates: [2016-04-29, 2016-06-24]
    dilapidations: {{estimate: 0, works: {works}}}
"""


@pytest.mark.parametrize(
    ("works", "exit_day", "rent"),
    [
        # Close 5 April; 2 weeks of works end 19 April; the 29 April break is met: Mar-Apr rent.
        ("2w", date(2016, 4, 29), 20_000),
        # 4 weeks of works end 3 May: the April break is missed, rent runs to 24 June (4 months).
        ("4w", date(2016, 6, 24), 40_000),
    ],
)
def test_missed_lease_break_costs_rent_to_the_next_break(
    tmp_path: Path, works: str, exit_day: date, rent: int
) -> None:
    text = plan_text(
        moderate(3),
        target_end="2016-04-30",
        old_extra="    running_cost_per_month: 5000",
        tail=LEASE.format(works=works),
    )
    s = schedule_of(tmp_path, text)
    assert s.status == "OPTIMAL"
    assert s.action("close:old").start == date(2016, 4, 5)
    assert s.leases[0].exit == exit_day
    assert s.leases[0].break_date == exit_day
    assert s.leases[0].notice_by == date(exit_day.year, exit_day.month - 1, exit_day.day)
    assert s.leases[0].notice_served <= s.leases[0].notice_by
    assert s.cost_breakdown["rent"] == rent
    assert s.cost_breakdown["running_costs"] == 10_000  # March and April
    assert s.total_cost == rent + 10_000


def test_destination_filling_up_sends_people_to_their_second_choice(tmp_path: Path) -> None:
    people = moderate(3, ", preferred: [b, c]")
    s = schedule_of(tmp_path, plan_text(people, b_capacity=2, target_end="2016-06-30"))
    assert sorted(dest(s, p) or "" for p in ("P1", "P2", "P3")) == ["b", "b", "c"]
    assert s.people_penalty == 1  # one person at their second choice
    assert s.status == "OPTIMAL"


def test_friendship_group_kept_together(tmp_path: Path) -> None:
    people = [
        "id: P1, site: old, cohort: LD, needs: moderate, group: friends, preferred: [b, c]",
        "id: P2, site: old, cohort: LD, needs: moderate, group: friends, preferred: [b, c]",
        "id: P3, site: old, cohort: LD, needs: moderate, preferred: [b, c]",
    ]
    s = schedule_of(tmp_path, plan_text(people, b_capacity=2, target_end="2016-06-30"))
    # Splitting the pair (20 points) costs more than P3's second choice (1 point).
    assert [dest(s, p) for p in ("P1", "P2", "P3")] == ["b", "b", "c"]
    assert s.people_penalty == 1


REDEVELOPMENT = """\
actions:
  - id: redevelop-r
    title: Redevelop R as a centre of excellence
    duration: {weeks}w
"""


@pytest.mark.parametrize(
    ("weeks", "move_day", "months"),
    [
        # 8 weeks of works end on day 55: the move waits to day 56, 26 April; on time.
        (8, date(2016, 4, 26), 0),
        # 10 weeks end on day 69: the move is on day 70, 10 May; one month late.
        (10, date(2016, 5, 10), 1),
    ],
)
def test_redevelopment_delays_moves(
    tmp_path: Path, weeks: int, move_day: date, months: int
) -> None:
    text = plan_text(
        ["id: P1, site: old, cohort: LD, needs: moderate, requires: [sensory-room]"],
        target_end="2016-04-30",
        tail=REDEVELOPMENT.format(weeks=weeks),
    )
    text = text.replace(
        "teams:",
        "  - id: r\n    status: redeveloping\n    capacity: 4\n"
        "    features: [sensory-room]\n    available_after: [redevelop-r]\nteams:",
    )
    s = schedule_of(tmp_path, text)
    assert s.action("move:P1").destination == "r"
    assert s.action("move:P1").start == move_day
    assert s.action("redevelop-r").end == move_day - timedelta(days=1)
    assert s.slippage_months == months
    assert s.slippage_cost == months * 100_000
    assert s.critical_chain[0] == "redevelop-r"


def test_infeasible_plan_names_the_conflicting_constraints(tmp_path: Path) -> None:
    # Three 1-week reviews one at a time end on day 20; with 2 weeks' notice the last move is
    # on day 35 (5 April), after the hard close-by date of 1 April. One person alone would fit.
    text = plan_text(
        moderate(3),
        old_extra="    close_by: {date: 2016-04-01, hard: true}",
        target_end="2016-04-30",
    )
    with pytest.raises(Infeasible, match="no schedule meets the hard constraints") as caught:
        schedule_of(tmp_path, text)
    assert [r.explanation for r in caught.value.reasons] == [
        "old must close by 2016-04-01 (hard)",
        "team can carry 1 review or assessment at once (3 people need 3 team-weeks of reviews "
        "and assessments)",
        "reviews and assessments for 3 people at old need 3 team-weeks; team has 2.4 before "
        "2016-03-18, the last day that leaves 2 weeks of notice before the hard close-by "
        "2016-04-01",
    ]


def test_costed_deadline_never_makes_a_plan_infeasible(tmp_path: Path) -> None:
    text = plan_text(
        moderate(3),
        old_extra="    close_by: {date: 2016-04-01, cost_per_month: 7000}",
        target_end="2016-04-30",
    )
    s = schedule_of(tmp_path, text)
    assert s.action("close:old").start == date(2016, 4, 5)
    assert s.sites[0].months_late == 1
    assert s.cost_breakdown["late_sites"] == 7000


def test_optimiser_never_costs_more_than_greedy(tmp_path: Path) -> None:
    text = plan_text(
        moderate(7),
        team_capacity=2,
        tail=LEASE.format(works="3w"),
        old_extra="    running_cost_per_month: 5000",
    )
    greedy = schedule_of(tmp_path, text, solver="greedy")
    best = schedule_of(tmp_path, text)
    assert best.total_cost <= greedy.total_cost
    assert best.stats["solver_objective"] == best.total_cost  # no fixed costs in this plan


def test_a_search_that_finds_nothing_says_so_and_decodes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from transition_planner import pipeline
    from transition_planner.errors import NoScheduleFound
    from transition_planner.solver import Solution

    def stuck(*_args: object, **_kwargs: object) -> Solution:
        return Solution("UNKNOWN", {}, {}, None, None, None, None, 0.0, "greedy", ("P1 late",))

    monkeypatch.setattr(pipeline, "solve", stuck)
    path = tmp_path / "plan.yaml"
    path.write_text(plan_text(moderate(1)), encoding="utf-8")
    with pytest.raises(NoScheduleFound, match="greedy found no schedule") as caught:
        make_schedule(load_plan(path), ScheduleOptions(solver="greedy"))
    assert str(caught.value) == (
        "greedy found no schedule that meets every hard constraint, and did not prove that none "
        "exists (P1 late)"
    )
    assert caught.value.remedy == "optimiser"  # the CLI adds: try --solver cpsat
    assert caught.value.exit_code == 3


@pytest.mark.parametrize("solver", ["greedy", "cpsat"])
def test_a_late_closure_names_the_work_and_the_team_that_set_its_date(
    tmp_path: Path, solver: str
) -> None:
    # Four 1-week reviews, one at a time (team capacity 1), end on days 6, 13, 20 and 27; with
    # 2 weeks' notice the last move is on day 42 at the earliest (12 April) and the site closes
    # then, 12 days after the target end of 31 March: late. The chain walks back from the
    # closure through the last move, its review and each review before it on the full team.
    s = schedule_of(tmp_path, plan_text(moderate(4), target_end="2016-03-31"), solver)
    assert s.services_cease is not None and s.services_cease > s.target_end
    chain = s.critical_chain
    assert chain[-1] == "close:old"
    reviews = [i for i in chain if i.startswith("review:")]
    assert len(reviews) == 4
    assert all(s.action(i).resource == "team" for i in reviews)
    assert chain[-2].startswith("move:")
    starts = [s.action(i).start for i in chain]
    assert starts == sorted(starts)


def test_a_closure_left_later_than_its_work_still_names_that_work(tmp_path: Path) -> None:
    # The plan above, with the closure moved 3 days past the last move (slippage is charged by
    # the month, so a solver may leave it there): the chain still walks back through the move
    # and the reviews instead of stopping at the closure. A week of the team's time lost (its
    # capacity 0 from 14 to 20 March) makes the second review wait for capacity, not for work.
    from transition_planner.problem.compile import compile_plan
    from transition_planner.schedule.critical import critical_chain
    from transition_planner.solver import greedy

    text = plan_text(moderate(2), target_end="2016-03-31").replace(
        "    capacity: 1\n",
        "    capacity: 1\n    availability:\n      - {from: 2016-03-14, to: 2016-03-20, capacity: 0}\n",
    )
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    compiled = compile_plan(load_plan(path).plan)
    solution = greedy(compiled.problem)
    assert solution.feasible
    # review:P1 days 0-6; the team is away days 13-19, so review:P2 (7 days) waits to day 20
    assert (solution.starts["review:P1"], solution.starts["review:P2"]) == (0, 20)
    solution.starts["close:old"] += 3
    solution.starts["services_cease"] += 3
    chain = critical_chain(compiled, solution)
    assert chain[-1] == "close:old"
    assert chain[:2] == ["review:P1", "review:P2"]
    assert any(i.startswith("move:") for i in chain)
