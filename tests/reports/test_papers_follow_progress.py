"""The papers follow progress: the action plan's status column, "since the last report" and
weeks-ahead page, the workbook's week sheet and the briefing note's report detail.

The six-person re-plan of tests/schedule/test_replan.py as of Monday 11 April 2016 (reviews of
P1-P3 and P1's move done, P4's review recorded started on 11 April), against a baseline made
from it by hand, saved 1 March: the centre closing (and services ceasing) on the target, 31 May,
not 6 June; P3's move on 18 April, not 25 April; P3's review from 29 March, not 31 March (it
ran 9 days, not 14); no slippage, not 6 days at £1,200 = £7,200.
"""

from __future__ import annotations

import dataclasses
import io
from datetime import date, datetime as d

import pytest
from openpyxl import load_workbook

from tests.data.progress import SIX_PLAN, SIX_PROGRESS
from tests.reports.test_pdfs import text_of, words
from transition_planner import pipeline
from transition_planner.plan.load import LoadedPlan, load_plan
from transition_planner.reports.action_plan import action_plan_pdf
from transition_planner.reports.blocks import Para, Table
from transition_planner.reports.briefing import briefing_paper, briefing_pdf
from transition_planner.reports.tracking import week_cell
from transition_planner.schedule.baseline import Baseline
from transition_planner.schedule.model import Schedule
from transition_planner.schedule.tracking import Tracking, tracking

AS_OF = date(2016, 4, 11)
STARTED = SIX_PROGRESS + "review:P4,started,2016-04-11,2016-04-24,,,\n"
BASELINE_DATES = {
    "close:old": date(2016, 5, 31),
    "move:P3": date(2016, 4, 18),
    "review:P3": date(2016, 3, 29),
}


@pytest.fixture(scope="module")
def replanned(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[LoadedPlan, pipeline.Replan, Schedule]:
    folder = tmp_path_factory.mktemp("six")
    (folder / "plan.yaml").write_text(SIX_PLAN)
    (folder / "progress.csv").write_text(STARTED)
    loaded = load_plan(folder / "plan.yaml")
    facts = pipeline.progress_for(loaded, folder / "progress.csv")
    replan = pipeline.Replan(facts)
    s = pipeline.replan_schedule(loaded, replan, pipeline.ScheduleOptions(budget=5)).schedule
    # the re-plan of test_replan.py, with P4's review recorded started
    assert s.action("review:P4").start == AS_OF
    assert s.action("move:P3").start == date(2016, 4, 25)
    assert s.services_cease == date(2016, 6, 6)
    assert s.cost_breakdown["slippage"] == 7_200
    return loaded, replan, s


def baseline_of(s: Schedule) -> Baseline:
    """The re-plan with the baseline's dates and money put back by hand."""
    actions = [
        dataclasses.replace(
            a,
            start=BASELINE_DATES.get(a.id, a.start),
            end=BASELINE_DATES[a.id] + (a.end - a.start) if a.id in BASELINE_DATES else a.end,
        )
        for a in s.actions
    ]
    sites = [dataclasses.replace(o, closes=date(2016, 5, 31)) for o in s.sites]
    then = dataclasses.replace(
        s,
        actions=actions,
        sites=sites,
        services_cease=date(2016, 5, 31),
        cost_breakdown={**s.cost_breakdown, "slippage": 0},
        cost_lines=[c for c in s.cost_lines if c.kind != "slippage"],
        slippage_cost=0,
        slippage_months=0,
        total_cost=s.total_cost - 7_200,
    )
    return Baseline("approved", date(2016, 3, 1), then)


@pytest.fixture(scope="module")
def against_baseline(replanned: tuple[LoadedPlan, pipeline.Replan, Schedule]) -> Tracking:
    loaded, replan, s = replanned
    return tracking(loaded.plan, s, replan.progress, baseline_of(s))


def test_status_done_since_and_slipped(against_baseline: Tracking) -> None:
    t = against_baseline
    assert [t.status(i) for i in ("review:P1", "review:P4", "close:old", "move:P5")] == [
        "done",
        "in progress",
        # 6 June is after the target (31 May) and the baseline: red
        "red",
        # a person step has no RAG
        "",
    ]
    # in the order they finished: 14 March, 28 March, 29 March, 8 April
    assert t.done() == ["review:P1", "review:P2", "move:P1", "review:P3"]
    assert t.started() == ["review:P4"]
    # each closure once: the site's row carries its close: step (status looked up there),
    # and there is no milestone row repeating it
    assert [(d.section, d.id, d.step_id) for d in t.variance.dates if d.section != "person"] == [
        ("site", "old", "close:old"),
        ("milestone", "services_cease", "services_cease"),
    ]
    # the site's row stands for its closure
    assert [(d.section, d.id, d.days, d.rag) for d in t.slipped()] == [
        ("site", "old", 6, "red"),
        ("milestone", "services_cease", 6, "red"),
    ]
    # P3's review (+2, recorded) and move (+7) are later; nothing earlier; no posts
    assert t.moved("person") == (2, 0)
    assert t.moved("post") == (0, 0)


def test_week_cells(against_baseline: Tracking) -> None:
    first, second, third = against_baseline.weeks
    assert [(w.first, list(w.owners)) for w in (first, second, third)] == [
        (date(2016, 4, 11), ["Programme manager", "team"]),
        (date(2016, 4, 18), ["team"]),
        (date(2016, 4, 25), ["Programme manager", "team"]),
    ]
    assert week_cell(first.owners["Programme manager"]) == "moves: 1"
    assert week_cell(first.owners["team"]) == "reviews: 1 (1 in progress)"
    assert week_cell(third.owners["team"]) == "reviews: 1"


def test_action_plan_follows_progress(
    replanned: tuple[LoadedPlan, pipeline.Replan, Schedule], against_baseline: Tracking
) -> None:
    loaded, _, s = replanned
    text = words(text_of(action_plan_pdf(loaded.plan, s, AS_OF, tracking=against_baseline)))
    assert (
        "Since the last report Progress recorded as of 11 Apr 2016, against the baseline "
        "approved of 1 Mar 2016: what has been done since, what is in progress, and what has "
        "slipped. Steps Done since 1 Mar 2016 In progress reviews 3 1 moves 1 0 total 4 1 "
        "What has slipped Site or milestone Baseline Now Days later RAG "
        "old 31 May 2016 6 Jun 2016 6 red Services cease 31 May 2016 6 Jun 2016 6 red "
        "Steps for people: 2 later than the baseline, 0 earlier. "
        "Steps for posts: 0 later, 0 earlier. "
        "Money against the baseline Cost Baseline Now Change "
        "slippage £0 £7,200 +£7,200 total £0 £7,200 +£7,200"
    ) in text
    assert (
        "This week and the next two weeks As of 11 Apr 2016: the steps in progress or due in "
        "each week (Monday to Sunday), by owner. Steps for people and posts are counted by "
        "kind; the step list is in the workbook's week sheet. "
        "Owner Week of 11 Apr 2016 Week of 18 Apr 2016 Week of 25 Apr 2016 "
        "Programme manager moves: 1 moves: 1 "
        "team reviews: 1 (1 in progress) reviews: 1 (1 in progress) reviews: 1 "
        "steps 2 1 2"
    ) in text
    assert (
        "Status as of 11 Apr 2016: done or in progress as recorded; otherwise red when late "
        "against the baseline approved or its deadline, amber when under 14 days' slack, else "
        "green. Action Owner Start End Deadline Slack Status "
        "close old Programme manager 6 Jun 2016 6 Jun 2016 red"
    ) in text
    # without progress, none of it
    plain = words(text_of(action_plan_pdf(loaded.plan, s, AS_OF)))
    assert "Since the last report" not in plain
    assert "This week and the next two weeks" not in plain
    assert "Status as of" not in plain


def test_without_a_baseline_nothing_is_slipped(
    replanned: tuple[LoadedPlan, pipeline.Replan, Schedule],
) -> None:
    loaded, replan, s = replanned
    t = tracking(loaded.plan, s, replan.progress)
    assert t.slipped() == []
    # against its deadline alone: 6 June is after the target, 31 May
    assert t.status("close:old") == "red"
    text = words(text_of(action_plan_pdf(loaded.plan, s, AS_OF, tracking=t)))
    assert (
        "Since the last report Progress recorded as of 11 Apr 2016. No baseline was given, so "
        "nothing is measured as slipped. Steps Done In progress reviews 3 1 moves 1 0 total 4 1 "
        "Six: action plan, 11 Apr 2016"
    ) in text
    assert "What has slipped" not in text and "left the programme" not in text
    assert "otherwise red when late against its deadline, amber" in text


def test_briefing_says_what_was_done_and_slipped(
    replanned: tuple[LoadedPlan, pipeline.Replan, Schedule], against_baseline: Tracking
) -> None:
    loaded, _, s = replanned
    paper = briefing_paper(loaded.plan, s, AS_OF, against_baseline)
    detail = next(x for x in paper.sections if x.heading == "3. Report detail")
    blocks = list(detail.blocks)
    at = next(i for i, b in enumerate(blocks) if isinstance(b, Para) and "approved plan" in b.text)
    first, table, slipped = blocks[at : at + 3]
    assert first == Para(
        "Since the approved plan of 1 Mar 2016, progress to 11 Apr 2016: no milestone done."
    )
    # 3 reviews done, 1 in progress; 1 move done: every one of them under 5, so suppressed
    assert isinstance(table, Table)
    assert [list(r) for r in table.rows] == [
        ["Reviews", "fewer than 5", "fewer than 5"],
        ["Moves", "fewer than 5", "0"],
    ]
    assert slipped == Para(
        "What has slipped: services are now forecast to cease on 6 Jun 2016, 6 days later than "
        "the 31 May 2016 planned; old closes 6 days later (6 Jun 2016). The forecast cost is "
        "£7,200, £7,200 more than planned, of which slippage £7,200."
    )
    # no ids in the note
    text = words(text_of(briefing_pdf(loaded.plan, s, AS_OF, against_baseline)))
    assert "review:" not in text and "P4" not in text and "approved plan of 1 Mar 2016" in text


def test_workbook_week_sheet_only_with_progress(
    replanned: tuple[LoadedPlan, pipeline.Replan, Schedule],
) -> None:
    loaded, replan, s = replanned
    with_progress = pipeline.run_outputs(loaded, s, AS_OF, replan=replan)
    book = load_workbook(io.BytesIO(with_progress["schedule.xlsx"]))
    rows = [[c.value for c in row] for row in book["week"].iter_rows()]
    assert rows == [
        ["Week of", "Owner", "Status", "Step", "Kind", "Starts", "Ends", "Title"],
        [
            d(2016, 4, 11),
            "Programme manager",
            "due",
            "move:P2",
            "move",
            d(2016, 4, 12),
            d(2016, 4, 12),
            "move",
        ],
        [
            d(2016, 4, 11),
            "team",
            "in progress",
            "review:P4",
            "review",
            d(2016, 4, 11),
            d(2016, 4, 24),
            "review (moderate needs)",
        ],
        [
            d(2016, 4, 18),
            "team",
            "in progress",
            "review:P4",
            "review",
            d(2016, 4, 11),
            d(2016, 4, 24),
            "review (moderate needs)",
        ],
        [
            d(2016, 4, 25),
            "Programme manager",
            "due",
            "move:P3",
            "move",
            d(2016, 4, 25),
            d(2016, 4, 25),
            "move",
        ],
        [
            d(2016, 4, 25),
            "team",
            "due",
            "review:P5",
            "review",
            d(2016, 4, 25),
            d(2016, 5, 8),
            "review (moderate needs)",
        ],
    ]
    plain = pipeline.run_outputs(loaded, s, AS_OF)
    assert "week" not in load_workbook(io.BytesIO(plain["schedule.xlsx"])).sheetnames
