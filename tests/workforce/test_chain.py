"""Who is in the HR chain, how establishments are counted, and who is matched to which post."""

from __future__ import annotations

from pathlib import Path

from transition_planner.plan.load import load_plan
from transition_planner.plan.models import Plan
from transition_planner.workforce.chain import establishments, match_redeployments

PLAN = """\
programme:
  name: Matching
  organisation: Test Council
  start: 2016-03-01
  target_end: 2016-07-29
  savings: {full_year: 1200000}
sites:
  - {id: early, status: closing, close_by: 2016-04-29}
  - {id: late, status: closing, close_by: 2016-07-29}
  - {id: new, status: receiving, capacity: 5}
staff:
  # A costs most to make redundant; C less; B (at the late site) least.
  - {id: A, name: Ann, role: Cook, site: early, weekly_pay: 600, start_date: 1996-01-01,
     date_of_birth: 1960-01-01}
  - {id: B, name: Bob, role: Cook, site: late, weekly_pay: 300, start_date: 2012-01-01,
     date_of_birth: 1985-01-01}
  - {id: C, name: Cat, role: Cook, site: early, weekly_pay: 400, start_date: 2005-01-01,
     date_of_birth: 1975-01-01}
  - {id: D, name: Dan, role: Driver, site: early, weekly_pay: 900, start_date: 1990-01-01,
     date_of_birth: 1955-01-01}
  - {id: E, name: Eve, role: Cook, site: late, weekly_pay: 900, start_date: 1990-01-01,
     date_of_birth: 1955-01-01, status: vr_requested}
vacancies:
  # Opens 15 August: within 4 weeks of the late site's closure only.
  - {id: V-late, role: Cook, site: new, use: redeploy, available_from: 2016-08-15}
  - {id: V-any, role: cook, site: new, use: redeploy}
  - {id: V-gone, role: Cook, site: early, use: delete}
"""


def plan_of(tmp_path: Path, text: str = PLAN) -> Plan:
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    return load_plan(path).plan


def test_matching_keeps_most_matches_then_avoids_most_pay(tmp_path: Path) -> None:
    # V-late suits only B; V-any then goes to the dearer of A and C. D's role matches nothing;
    # E's VR is accepted, so E is not offered a post.
    assert match_redeployments(plan_of(tmp_path)) == {"A": "V-any", "B": "V-late"}


def test_an_agreed_match_is_kept(tmp_path: Path) -> None:
    text = PLAN.replace("weekly_pay: 400,", "weekly_pay: 400, redeploy_to: V-any,")
    assert match_redeployments(plan_of(tmp_path, text)) == {"B": "V-late", "C": "V-any"}


def test_establishments_count_volunteers_and_can_span_the_programme(tmp_path: Path) -> None:
    by_site = {g.id: len(g.members) for g in establishments(plan_of(tmp_path))}
    assert by_site == {"early": 3, "late": 2}
    text = PLAN.replace("sites:\n", "workforce: {establishment: programme}\nsites:\n", 1)
    (whole,) = establishments(plan_of(tmp_path, text))
    assert (whole.id, len(whole.members), whole.collective) == ("programme", 5, False)
