"""compare.pdf: the action plan's comparison page, the same figures as compare.txt."""

from __future__ import annotations

from datetime import date

from tests.reports.test_pdfs import text_of, words
from transition_planner.reports.compare import compare_pdf
from transition_planner.schedule.compare import Figures, no_schedule

PLAN = Figures(
    "plan",
    (),
    date(2016, 5, 26),
    0,
    0,
    877_848,
    {"rent": 63_000, "staff_pay": 239_624},
    83,
    19,
    38,
    6,
    "FEASIBLE",
    "from out/schedule.json",
)
LATE = Figures(
    "team-short",
    ("team review-team at 10 from 2016-04-25 to 2016-05-22",),
    date(2016, 6, 15),
    1,
    99_000,
    1_012_380,
    {"rent": 63_000, "slippage": 99_000, "staff_pay": 251_816},
    83,
    19,
    38,
    6,
    "OPTIMAL",
)


def test_one_table_then_what_each_scenario_changes() -> None:
    gone = no_schedule(
        "no-team",
        ("team review-team at 0 from 2016-03-01",),
        ("no schedule meets the hard constraints; these conflict:", "  - A", "  - B"),
    )
    pdf = compare_pdf("Links & Work", [PLAN, LATE, gone], date(2016, 4, 11), "Each scenario.\n")
    assert pdf == compare_pdf(
        "Links & Work", [PLAN, LATE, gone], date(2016, 4, 11), "Each scenario.\n"
    )
    text = words(text_of(pdf))
    assert text == (
        "Links & Work: what-ifs side by side, 11 Apr 2016 Page 1 "
        "Links & Work: what-ifs side by side Produced 11 Apr 2016. Each column is one schedule "
        "of the plan with the scenario's changes applied; money in pounds over the whole "
        "programme. Figure plan team-short no-team "
        "services cease 26 May 2016 15 Jun 2016 no schedule "
        "months late 0 1 no schedule slippage £0 £99,000 no schedule "
        "total £877,848 £1,012,380 no schedule "
        "people moved 83 83 no schedule transition plans 19 19 no schedule "
        "staff leaving 38 38 no schedule redeployment trials 6 6 no schedule "
        "rent £63,000 £63,000 no schedule staff pay £239,624 £251,816 no schedule "
        "schedule not proven optimal proven optimal no schedule "
        "What each scenario changes plan: the plan as it stands (from out/schedule.json) "
        "team-short: team review-team at 10 from 2016-04-25 to 2016-05-22 "
        "no-team: team review-team at 0 from 2016-03-01 "
        "no schedule meets the hard constraints; these conflict: - A - B Each scenario. "
    )
    # each conflict on its own line, never run together with the next
    lines = [line.strip() for line in text_of(pdf).splitlines()]
    assert lines[-5:-1] == [
        "no-team: team review-team at 0 from 2016-03-01",
        "no schedule meets the hard constraints; these conflict:",
        "- A",
        "- B",
    ]
    assert len(text_of(pdf).split("\f")) == 1
