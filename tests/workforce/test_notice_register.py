"""The register says when the notice given runs longer than the law's (issue 14, item 1)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tests.data.plans import STAFF_PLAN
from transition_planner.pipeline import ScheduleOptions, make_schedule
from transition_planner.plan.load import load_plan
from transition_planner.reports.register import build_register


def test_notice_end_and_the_longer_notice_given(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(STAFF_PLAN, encoding="utf-8")
    loaded = load_plan(path)
    s = make_schedule(loaded, ScheduleOptions(solver="greedy"))
    rows = {r.post: r for r in build_register(loaded.plan, s).posts}
    # S2: 1 week's statutory notice given Tuesday 15 March ends 22 March (ERA s.86(1)(a)); the
    # centre closes 11 April, so the notice given runs 27 days, 20 beyond the minimum.
    s2 = rows["S2"]
    assert (s2.notice_issued, s2.notice_end, s2.leaving_date) == (
        date(2016, 3, 15),
        date(2016, 3, 22),
        date(2016, 4, 11),
    )
    assert s2.notice_given == (
        "27 days, to 2016-04-11: 20 days longer than the legal minimum (ends 2016-03-22), "
        "as the service closes then"
    )
    # S3: 12 weeks from 15 March end 7 June, after the closure: the notice given is the law's.
    s3 = rows["S3"]
    assert (s3.notice_end, s3.leaving_date, s3.notice_given) == (
        date(2016, 6, 7),
        date(2016, 6, 7),
        "",
    )
