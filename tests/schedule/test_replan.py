"""Re-planning from a status date, end to end: hand-derived dates and pounds."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.data.plans import STAFF_PLAN
from tests.data.progress import (
    CAPACITY_PROGRESS,
    SIX_PLAN,
    SIX_PROGRESS,
    TRIAL_PROGRESS,
    capacity_plan,
)
from transition_planner import pipeline
from transition_planner.errors import Infeasible, PlanError
from transition_planner.plan.load import load_plan
from transition_planner.schedule.model import Schedule, ScheduledAction

OPTIONS = pipeline.ScheduleOptions(budget=5)


def replan(tmp_path: Path, plan: str, progress: str, **kw: object) -> Schedule:
    (tmp_path / "plan.yaml").write_text(plan)
    (tmp_path / "progress.csv").write_text(progress)
    loaded = load_plan(tmp_path / "plan.yaml")
    facts = pipeline.progress_for(loaded, tmp_path / "progress.csv")
    replan = pipeline.Replan(facts, **kw)  # type: ignore[arg-type]
    return pipeline.replan_schedule(loaded, replan, OPTIONS).schedule


def test_three_reviews_done_replan(tmp_path: Path) -> None:
    s = replan(tmp_path, SIX_PLAN, SIX_PROGRESS)
    got = {a.id: (a.start, a.end) for a in s.actions}
    # recorded facts kept exactly, P3's review at its actual 9 days
    assert got["review:P1"] == (date(2016, 3, 1), date(2016, 3, 14))
    assert got["review:P2"] == (date(2016, 3, 15), date(2016, 3, 28))
    assert got["review:P3"] == (date(2016, 3, 31), date(2016, 4, 8))
    assert got["move:P1"] == (date(2016, 3, 29), date(2016, 3, 29))
    assert s.action("move:P1").destination == "c"
    # Nothing new before Monday 11 April. Moves follow their review by 2 weeks' notice, on a
    # working day: P2's review ended 28 March, so 12 April (it could have been 12 April
    # anyway); P3's ended 8 April: 23 April is a Saturday, so Monday 25 April.
    assert got["move:P2"][0] == date(2016, 4, 12)
    assert got["move:P3"][0] == date(2016, 4, 25)
    # The team has 3 x 14 = 42 days of reviews left from 11 April: the last ends 22 May at the
    # earliest. P1's post-move review must fall 6 to 8 weeks after 29 March (10 to 24 May):
    # 23 May fits after the reviews. The last move is 14 days after 22 May: Monday 6 June, and
    # the centre closes that day: 6 days late at £1,200 a day = £7,200.
    assert [got[f"review:P{i}"] for i in (4, 5, 6)] == [
        (date(2016, 4, 11), date(2016, 4, 24)),
        (date(2016, 4, 25), date(2016, 5, 8)),
        (date(2016, 5, 9), date(2016, 5, 22)),
    ]
    assert got["close:old"][0] == date(2016, 6, 6)
    assert s.services_cease == date(2016, 6, 6)
    assert s.slippage_cost == 7_200
    recorded = {"review:P1", "review:P2", "review:P3", "move:P1"}
    assert all(a.start >= date(2016, 4, 11) for a in s.actions if a.id not in recorded)
    assert s.stats["as_of"] == "2016-04-11"


def problems(tmp_path: Path, progress: str) -> list[str]:
    with pytest.raises(PlanError) as caught:
        replan(tmp_path, SIX_PLAN, progress)
    return [d.render() for d in caught.value.diagnostics]


def test_unknown_step_with_suggestion(tmp_path: Path) -> None:
    text = "step,status,start,finish\nas_of,,2016-04-11,\nreveiw:P1,done,2016-03-01,2016-03-14\n"
    assert problems(tmp_path, text) == [
        f"{tmp_path / 'progress.csv'}:3:1: reveiw:P1: no such step in the plan "
        "(did you mean 'review:P1'?)"
    ]


def test_dates_checked_and_located(tmp_path: Path) -> None:
    text = (
        "step,status,start,finish,remaining,outcome\n"
        "as_of,,2016-04-11,,,\n"
        "review:P1,done,2016-03-14,2016-03-01,,\n"
        "review:P2,done,2016-04-01,2016-04-20,,\n"
        "review:P3,started,2016-04-12,,1w,\n"
        "review:P4,done,2016-03-01,2016-03-14,,bb\n"
        "P1x,left,,,,\n"
    )
    f = tmp_path / "progress.csv"
    assert problems(tmp_path, text) == [
        f"{f}:3:4: review:P1: finish 2016-03-01 is before start 2016-03-14",
        f"{f}:4:4: review:P2: finish 2016-04-20 is after as_of 2016-04-11",
        f"{f}:5:3: review:P3: start 2016-04-12 is after as_of 2016-04-11",
        f"{f}:6:6: review:P4: unknown destination 'bb' (did you mean 'b'?)",
        f"{f}:7:1: P1x: unknown person 'P1x' (did you mean 'P1'?)",
    ]


def test_move_done_before_its_review_is_an_error(tmp_path: Path) -> None:
    text = "step,status,start,finish\nas_of,,2016-04-11,\nmove:P4,done,2016-04-04,2016-04-04\n"
    assert problems(tmp_path, text) == [
        f"{tmp_path / 'progress.csv'}:3:3: move:P4: recorded done on 2016-04-04, but review:P4 "
        "must come first and is not recorded"
    ]


def test_history_that_broke_a_rule_is_a_warning(tmp_path: Path) -> None:
    # P1 moved 7 days after the review ended: a week short of the 2 weeks' notice.
    text = SIX_PROGRESS.replace("move:P1,done,2016-03-29,", "move:P1,done,2016-03-22,")
    text = text.replace("2016-03-22,2016-03-29", "2016-03-22,2016-03-22")
    (tmp_path / "plan.yaml").write_text(SIX_PLAN)
    (tmp_path / "progress.csv").write_text(text)
    loaded = load_plan(tmp_path / "plan.yaml")
    facts = pipeline.progress_for(loaded, tmp_path / "progress.csv")
    done = pipeline.replan_schedule(loaded, pipeline.Replan(facts), OPTIONS)
    assert done.schedule.action("move:P1").start == date(2016, 3, 22)
    assert [w.render() for w in done.warnings] == [
        f"{tmp_path / 'progress.csv'}:6:3: warning: move:P1: recorded history broke a rule: "
        "7 day(s) too soon after review:P1"
    ]


def schedule_of(tmp_path: Path, plan: str, name: str = "plan.yaml") -> Schedule:
    (tmp_path / name).write_text(plan)
    return pipeline.make_schedule(load_plan(tmp_path / name), OPTIONS)


def test_team_loses_half_its_capacity_from_as_of(tmp_path: Path) -> None:
    # Down to one from 15 March to 11 April (4 weeks): P3..P6's reviews take 15-28 March,
    # 29 March-11 April, then two at once 12-25 April. The last move is 14 days after 25
    # April: Tuesday 10 May, when the centre closes: 10 days after 30 April at £1,200 a day.
    s = replan(tmp_path, capacity_plan("2016-03-15", "2016-04-11"), CAPACITY_PROGRESS)
    reviews = sorted(
        (s.action(f"review:P{i}").start, s.action(f"review:P{i}").end) for i in (3, 4, 5, 6)
    )
    assert reviews == [
        (date(2016, 3, 15), date(2016, 3, 28)),
        (date(2016, 3, 29), date(2016, 4, 11)),
        (date(2016, 4, 12), date(2016, 4, 25)),
        (date(2016, 4, 12), date(2016, 4, 25)),
    ]
    assert s.services_cease == date(2016, 5, 10)
    assert (s.slippage_cost, s.total_cost) == (12_000, 12_000)


def test_freeze_window_and_fewest_commitments_moved(tmp_path: Path) -> None:
    base = schedule_of(tmp_path, capacity_plan(), "base.yaml")
    got = {a.id: a.start for a in base.actions}
    # the first plan, as derived in tests/data/progress.py; post-move reviews as early as
    # they can be (6 weeks after each move)
    assert base.services_cease == date(2016, 4, 26)
    assert [got[f"review:P{i}"] for i in (3, 5, 6)] == [date(2016, 3, 15), *[date(2016, 3, 29)] * 2]
    assert [got[f"post_move_review:P{i}"] for i in (5, 6)] == [date(2016, 6, 7)] * 2
    # The team is down to one for 4 weeks after the 2-week freeze window (29 March-25 April).
    # P3's and P4's reviews (15 March) are inside the window and stay. P5's and P6's cannot
    # both run from 29 March: one (say P6) waits to 12-25 April, so its move waits to 10 May
    # (was 26 April), its post-move review to 21 June at the earliest (was 7 June), and the
    # centre closes on 10 May (was 26 April): 10 days late, £12,000. Every other commitment
    # can stay, so exactly 4 move, and CP-SAT proves no fewer can.
    s = replan(
        tmp_path,
        capacity_plan("2016-03-29", "2016-04-25"),
        CAPACITY_PROGRESS,
        baseline=base,
    )
    assert s.services_cease == date(2016, 5, 10)
    assert s.slippage_cost == 12_000
    assert s.status == "OPTIMAL"
    assert s.stats["commitments_moved"] == 4
    moved = sorted(a.id for a in s.actions if a.id in got and got[a.id] != a.start)
    assert len(moved) == 4 and "close:old" in moved
    assert s.action("review:P3").start == s.action("review:P4").start == date(2016, 3, 15)


def test_freeze_window_the_team_cannot_keep(tmp_path: Path) -> None:
    # Down to one from the status date: P3's and P4's reviews, both frozen on 15 March, cannot
    # both run; the conflict names the freeze.
    base = schedule_of(tmp_path, capacity_plan(), "base.yaml")
    with pytest.raises(Infeasible) as caught:
        replan(
            tmp_path,
            capacity_plan("2016-03-15", "2016-04-11"),
            CAPACITY_PROGRESS,
            baseline=base,
        )
    text = str(caught.value)
    assert "review:P3 stays on 2016-03-15 (inside the freeze window to 2016-03-28)" in text
    assert "review:P4 stays on 2016-03-15" in text


def test_failed_trial_returns_to_notice(tmp_path: Path) -> None:
    s = replan(tmp_path, STAFF_PLAN, TRIAL_PROGRESS)
    # S1 started on 4 January 2010: on 20 May 2016 six complete years, so six weeks'
    # statutory notice (no contractual term), given the day the trial failed: 20 May to
    # 30 June, leaving on 1 July (the centre closed on 11 April).
    assert (s.action("notice:S1").start, s.action("notice:S1").end) == (
        date(2016, 5, 20),
        date(2016, 6, 30),
    )
    assert s.action("leave:S1").start == date(2016, 7, 1)
    # The trial stays, as history: 9 to 20 May (12 days, the day it failed its last), marked
    # failed. It used to vanish from the schedule, so no paper showed it had happened.
    trial = s.action("trial:S1")
    assert (trial.start, trial.end, trial.days, trial.destination, trial.outcome) == (
        date(2016, 5, 9),
        date(2016, 5, 20),
        12,
        "V1",
        "failed",
    )
    assert trial.title == "4-week trial as Day Centre Officer (V1): failed 2016-05-20 (recorded)"
    lines = {(c.kind, c.subject): c.amount for c in s.cost_lines}
    # pay by the day from 1 March to the leaving day, 1 July, included: 123 days x £700 / 7 =
    # £12,300 (the trial's 12 days among them, once); redundancy: aged 36 on leaving, 6 years
    # all at one week, at the £479 cap from 6 April 2016: £2,874. With S2 (42 days, £2,100)
    # and S3 (99 days, £7,071; redundancy £11,496; strain £25,000): £60,841.
    assert lines[("staff_pay", "S1")] == 12_300
    assert lines[("redundancy", "S1")] == 2_874
    assert [c for c in s.cost_lines if c.subject == "S1"] == [
        c for c in s.cost_lines if c.subject == "S1" and c.kind in ("staff_pay", "redundancy")
    ]
    assert s.total_cost == 60_841
    # the 13 rows (the trial among them, before it was dropped) and the notice from its end
    assert s.stats["recorded"] == 14


def test_a_failed_trial_kept_as_history_is_verified(tmp_path: Path) -> None:
    # verify accepts the re-plan with and without the progress file: the trial is 12 of its 28
    # days, as recorded, and notice runs from its last day by the law. Drop the trial, move
    # the notice a day, or lose the mark, and it says so.
    from dataclasses import replace

    from transition_planner.schedule.replan import verify_replan
    from transition_planner.schedule.verify import verify

    s = replan(tmp_path, STAFF_PLAN, TRIAL_PROGRESS)
    loaded = load_plan(tmp_path / "plan.yaml")
    facts = pipeline.progress_for(loaded, tmp_path / "progress.csv")
    assert verify_replan(loaded.plan, s, facts) == []
    assert verify(loaded.plan, s) == []

    def without(action_id: str, *keep: ScheduledAction) -> Schedule:
        return replace(s, actions=[a for a in s.actions if a.id != action_id] + list(keep))

    dropped = without("trial:S1")
    assert [str(f) for f in verify_replan(loaded.plan, dropped, facts)] == [
        "notice:S1: is not an action this plan generates",
        "leave:S1: is not an action this plan generates",
        "trial:S1: recorded failed 2016-05-09 to 2016-05-20, kept as history; not scheduled",
    ]
    unmarked = without("trial:S1", replace(s.action("trial:S1"), outcome=None))
    assert [str(f) for f in verify_replan(loaded.plan, unmarked, facts)] == [
        "notice:S1: is not an action this plan generates",
        "leave:S1: is not an action this plan generates",
        "trial:S1: recorded failed 2016-05-09 to 2016-05-20, kept as history; scheduled "
        "2016-05-09 to 2016-05-20, not marked failed",
    ]
    assert [str(f) for f in verify(loaded.plan, unmarked)] == [
        "trial:S1: lasts 12 days; the plan says 28",
        "notice:S1: is not an action this plan generates",
        "leave:S1: is not an action this plan generates",
    ]
    # the notice after a failed trial is checked against the law, with or without progress
    # (it was left unchecked: a re-plan's faults on it were dropped as recorded history)
    notice = s.action("notice:S1")
    late = without("notice:S1", replace(notice, start=date(2016, 5, 23), end=date(2016, 7, 3)))
    assert [str(f) for f in verify_replan(loaded.plan, late, facts)] == [
        "notice:S1: given 2016-05-23; the trial failed 2016-05-20, and notice runs from that day",
        "leave:S1: leaves 2016-07-01; the rule gives 2016-07-04, the later of the notice end "
        "2016-07-04 and the closure 2016-04-11",
        "programme_end: is 2016-07-01; actions give 2016-07-03",
        "trial:S1: failed 2016-05-20: notice must run from that day",
    ]


def test_progress_in_a_workbook(tmp_path: Path) -> None:
    from openpyxl import Workbook

    (tmp_path / "plan.yaml").write_text(SIX_PLAN)
    book = Workbook()
    sheet = book.active
    sheet.title = "progress"
    for line in SIX_PROGRESS.splitlines():
        sheet.append([cell or None for cell in line.split(",")])
    book.save(tmp_path / "progress.xlsx")
    loaded = load_plan(tmp_path / "plan.yaml")
    facts = pipeline.progress_for(loaded, tmp_path / "progress.xlsx")
    assert facts.as_of == date(2016, 4, 11)
    assert [(f.step, f.status, f.start, f.finish) for f in facts.facts][2:] == [
        ("review:P3", "done", date(2016, 3, 31), date(2016, 4, 8)),
        ("move:P1", "done", date(2016, 3, 29), date(2016, 3, 29)),
    ]


def test_nothing_changed_but_time_moves_nothing(tmp_path: Path) -> None:
    # The first plan kept as the baseline and followed to the letter up to 15 March: the
    # re-plan starts from the baseline (the solver's hint) and keeps every date and pound.
    base = schedule_of(tmp_path, capacity_plan(), "base.yaml")
    s = replan(tmp_path, capacity_plan(), CAPACITY_PROGRESS, baseline=base)
    assert s.stats["commitments_moved"] == 0
    assert s.total_cost == base.total_cost
    assert {a.id: a.start for a in s.actions} == {a.id: a.start for a in base.actions}


def test_vr_accepted_where_the_plan_accepts_no_vr_is_refused(tmp_path: Path) -> None:
    # S3 asked for VR; the plan says volunteers stay at risk. A recorded acceptance cannot be
    # honoured by that plan, so it is refused, located, saying what to change; a recorded
    # refusal agrees with the plan and is kept.
    plan = STAFF_PLAN.replace("staff:\n", "workforce: {accept_vr: false}\nstaff:\n", 1)
    text = "step,status,start,finish,remaining,outcome\nas_of,,2016-03-07,,,\n"
    with pytest.raises(PlanError) as caught:
        replan(tmp_path, plan, text + "notice:S3,decided,,,,vr_accepted\n")
    assert [d.render() for d in caught.value.diagnostics] == [
        f"{tmp_path / 'progress.csv'}:3:6: notice:S3: contradicts the plan: "
        "workforce.accept_vr is false, so S3 stays at risk; set workforce.accept_vr: true in "
        "the plan (and record vr_declined for each request refused), or record vr_declined here"
    ]
    kept = replan(tmp_path, plan, text + "notice:S3,decided,,,,vr_declined\n")
    assert {"trial:S3", "leave:S3"} & {a.id for a in kept.actions} == {"trial:S3"}
    # with the plan accepting VR, the same acceptance is a fact the re-plan keeps: S3 leaves
    accepted = replan(tmp_path, STAFF_PLAN, text + "notice:S3,decided,,,,vr_accepted\n")
    assert {"trial:S3", "leave:S3"} & {a.id for a in accepted.actions} == {"leave:S3"}
