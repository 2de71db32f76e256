"""The action plan's risk sentence says when a site closes late (issue 14, item 3)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from tests.data.plans import moderate, plan_text
from transition_planner.pipeline import ScheduleOptions, make_schedule
from transition_planner.plan.load import load_plan
from transition_planner.reports.action_plan import _critical


def test_a_late_site_is_named_late_not_short_of_slack(tmp_path: Path) -> None:
    # four 1-week reviews one at a time and 2 weeks' notice: the site closes 12 April at the
    # earliest, 12 days after its close-by date of 31 March
    text = plan_text(moderate(4), target_end="2016-03-31", old_extra="    close_by: 2016-03-31")
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    loaded = load_plan(path)
    s = make_schedule(loaded, ScheduleOptions(solver="greedy"))
    (site,) = s.sites
    assert site.slack_days is not None and site.slack_days < 0
    story = _critical(loaded.plan, s)
    text_of = " ".join(
        getattr(p, "text", "") for flow in story for p in getattr(flow, "_content", [flow])
    )
    assert f"Sites closing after their close-by date: old ({-site.slack_days} days late)." in (
        text_of
    )
    assert "under two weeks" not in text_of
    fine = replace(s, sites=[replace(site, slack_days=30)])
    assert "at least two weeks' slack" in " ".join(
        getattr(p, "text", "") for flow in _critical(loaded.plan, fine) for p in flow._content
    )
