"""Carers as their own records (respite as the service), scheduled like people: derived by hand
on the plan in tests/data/commissioning.py (RESPITE)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from tests.data.commissioning import RESPITE
from tests.schedule.test_build import schedule_of
from transition_planner.plan.load import load_plan
from transition_planner.plan.models import CARERS_COHORT, Assessment


def test_a_carer_is_assessed_and_moved_to_respite_like_a_person(tmp_path: Path) -> None:
    s = schedule_of(tmp_path, RESPITE)
    mine = sorted(a.id for a in s.actions if a.subject == "C1")
    # The carer's assessment is C1's review: no separate carer_assessment step.
    assert mine == ["move:C1", "post_move_review:C1", "review:C1"]
    assessed = s.action("review:C1")
    assert (assessed.days, assessed.resource, assessed.title) == (
        3,
        "team",
        "carer's assessment (Care Act s.10)",
    )
    assert s.action("review:P1").days == 7
    # One team, one at a time: 10 team-days from Monday 3 March, in either order; the second
    # ends Wednesday 12 March.
    first, second = sorted((s.action("review:P1"), assessed), key=lambda a: a.start)
    assert first.start == date(2025, 3, 3)
    assert second.start == first.end + timedelta(days=1)
    assert second.end == date(2025, 3, 12)
    # Only the respite service takes carers; only the centre takes LD.
    assert s.action("move:C1").destination == "respite"
    assert s.action("move:P1").destination == "centre"
    # Each moves after 2 weeks' notice from their own review, by the close on 31 March: March's
    # running cost only, nothing late.
    for who in ("P1", "C1"):
        review, move = s.action(f"review:{who}"), s.action(f"move:{who}")
        assert review.end + timedelta(days=15) <= move.start <= s.action("close:old").start
    assert s.action("close:old").start <= date(2025, 3, 31)
    assert (s.slippage_cost, s.total_cost) == (0, 10_000)


def test_carers_join_the_people_in_the_carers_cohort(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(RESPITE, encoding="utf-8")
    plan = load_plan(path).plan
    assert [p.id for p in plan.people] == ["P1", "C1"]
    assert plan.given_people == 1
    carer = plan.people[1]
    assert (carer.cohort, carer.assessment) == (CARERS_COHORT, Assessment.carer_assessment)
    assert plan.review_duration(carer).days() == 3
    assert plan.cohort_defs[CARERS_COHORT].label == "Unpaid carers"


def test_a_carer_who_stays_is_assessed_only(tmp_path: Path) -> None:
    text = (
        RESPITE.replace(
            "  - {id: centre,", "  - {id: day, status: continuing, capacity: 1}\n  - {id: centre,"
        )
        + "  - {id: C2, site: day, needs: moderate, pathway: stay}\n"
    )
    s = schedule_of(tmp_path, text)
    assert sorted(a.id for a in s.actions if a.subject == "C2") == ["review:C2"]
    assert s.action("review:C2").days == 3


def test_the_summary_says_how_many_carers_have_their_own_records(tmp_path: Path) -> None:
    from transition_planner.plan.summary import describe

    path = tmp_path / "plan.yaml"
    path.write_text(RESPITE, encoding="utf-8")
    text = describe(load_plan(path))
    assert "People (2):\n" in text
    assert "  by cohort   LD 1, carers 1\n" in text
    assert "  carers      1 with their own records (in the counts above)\n" in text
