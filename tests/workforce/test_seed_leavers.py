"""The seed plan's 38 leavers each leave exactly when their notice or their closure says
(issue 14, item 7), at a small budget and with the greedy."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from transition_planner.pipeline import ScheduleOptions, make_schedule
from transition_planner.plan.load import load_plan
from transition_planner.plan.models import SiteStatus
from transition_planner.plan.steps import StepKind as K, step_id
from transition_planner.rules.employment import notice_end
from transition_planner.schedule.verify import verify

SEED = Path(__file__).parents[2] / "plans" / "links-to-work.yaml"


@pytest.mark.parametrize(("solver", "budget"), [("greedy", 2.0), ("cpsat", 2.0)])
def test_every_seed_leaver_leaves_when_the_law_and_the_closure_say(
    solver: str, budget: float
) -> None:
    loaded = load_plan(SEED)
    plan = loaded.plan
    s = make_schedule(loaded, ScheduleOptions(solver=solver, budget=budget))  # type: ignore[arg-type]
    assert verify(plan, s) == []
    leavers = [a for a in s.actions if a.kind is K.leave]
    assert len(leavers) == 38
    staff = {m.id: m for m in plan.staff}
    for leave in leavers:
        member = staff[leave.subject]
        notice = s.action(step_id(K.notice, member.id))
        # ERA s.86 or the contract, from the day notice is given (rules, not the compiler)
        end = notice_end(member.start_date, notice.start, member.contractual_notice)
        assert notice.end + timedelta(days=1) == end, member.id
        site = plan.site(member.site)
        wanted = end
        if site.status is SiteStatus.closing:
            wanted = max(end, s.action(step_id(K.close, site.id)).start)
        assert leave.start == wanted, member.id
