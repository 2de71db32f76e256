"""A record refused by validation is reported once: references to it are not reported again.

Each case below breaks one record (a team, a vacancy, an action, a person, a site) and refers
to it from another; the only error is the broken record's own.
"""

from __future__ import annotations

import pytest

from tests.conftest import BASE_PEOPLE, BASE_PLAN, PlanDir
from tests.plan.test_table_inputs import errors_of

PEOPLE_WITH_TEAM = (
    BASE_PEOPLE.replace(
        "id,site,cohort,needs,requires,preferred,group,carer",
        "id,site,cohort,needs,requires,preferred,group,carer,team",
    )
    .replace(",no\n", ",no,review-team\n")
    .replace(",yes\n", ",yes,\n")
)

VACANCY = """\
vacancies:
  - {id: V1, role: Support Worker, site: new-centre, use: fill}
"""
ACTION = """\
actions:
  - {id: refit, title: Refit, duration: soon}
"""


@pytest.mark.parametrize(
    ("plan", "people", "expected"),
    [
        (
            BASE_PLAN.replace("capacity: 2", "capacity: 0"),
            PEOPLE_WITH_TEAM,
            "plan.yaml:18:15: teams[review-team].capacity: must be at least 1, got 0",
        ),
        (
            BASE_PLAN.replace(
                "    date_of_birth: 1980-06-01\n",
                "    date_of_birth: 1980-06-01\n    redeploy_to: V1\n",
            )
            + VACANCY,
            BASE_PEOPLE,
            "plan.yaml:30:59: vacancies[V1].use: expected one of 'delete' or 'redeploy'; got 'fill'",
        ),
        (
            BASE_PLAN.replace(
                "    features: [hoist]\n", "    features: [hoist]\n    available_after: [refit]\n"
            )
            + ACTION,
            BASE_PEOPLE,
            "plan.yaml:30:41: actions[refit].duration: expected a duration such as '3d', '2w' "
            "or '1m', got 'soon'",
        ),
        (
            BASE_PLAN + "actions:\n  - {id: call, title: Call, duration: 1d, after: [move:P3]}\n",
            BASE_PEOPLE.replace("P3,old-centre,LD,substantial", "P3,old-centre,LD,lots"),
            "people.csv:4:4: people[P3].needs: expected one of 'moderate', 'substantial', "
            "'complex' or 'unknown'; got 'lots'",
        ),
        (
            BASE_PLAN.replace(
                "  - id: new-centre\n",
                "  - {id: annex, status: closing, running_cost_per_month: lots}\n"
                "  - id: new-centre\n",
            )
            + "actions:\n  - {id: keys, title: Keys, duration: 1d, after: [close:annex]}\n",
            BASE_PEOPLE,
            "plan.yaml:12:58: sites[annex].running_cost_per_month: expected an amount in "
            "pounds (a number), got 'lots'",
        ),
    ],
    ids=["team", "vacancy", "action", "person", "site"],
)
def test_a_refused_record_is_not_reported_again_where_it_is_named(
    plan_dir: PlanDir, plan: str, people: str, expected: str
) -> None:
    plan_dir.plan(plan, people)
    found = errors_of()
    assert found == [expected]


def test_a_refused_site_hides_no_unknown_team_of_the_same_name(plan_dir: PlanDir) -> None:
    # Refused records are kept by section: the site 'annex' is refused, and P1's team
    # 'annex' (no such team) is still reported.
    plan_dir.plan(
        BASE_PLAN.replace(
            "  - id: new-centre\n",
            "  - {id: annex, status: closing, running_cost_per_month: lots}\n  - id: new-centre\n",
        ),
        PEOPLE_WITH_TEAM.replace(",no,review-team\n", ",no,annex\n", 1),
    )
    assert errors_of() == [
        "people.csv:2:9: people[P1].team: unknown team 'annex'",
        "plan.yaml:12:58: sites[annex].running_cost_per_month: expected an amount in "
        "pounds (a number), got 'lots'",
    ]


def test_a_refused_staff_member_hides_no_error_about_people(plan_dir: PlanDir) -> None:
    # The team reviews only new-centre's people; a refused staff record (pay 'lots') does not
    # silence "no team reviews people at 'old-centre'" for each person.
    plan_dir.plan(
        BASE_PLAN.replace(
            "    capacity: 2\n", "    capacity: 2\n    sites: [new-centre]\n"
        ).replace("weekly_pay: 400", "weekly_pay: lots")
    )
    no_team = "no team reviews people at 'old-centre'; add the site to a team's sites or give "
    assert errors_of() == [
        f"people.csv:2:1: people[P1]: {no_team}the person a team",
        f"people.csv:3:1: people[P2]: {no_team}the person a team",
        f"people.csv:4:1: people[P3]: {no_team}the person a team",
        "plan.yaml:26:17: staff[S001].weekly_pay: expected an amount in pounds (a number), "
        "got 'lots'",
    ]


def test_a_record_without_an_id_is_named_by_its_index_not_its_site(plan_dir: PlanDir) -> None:
    plan_dir.plan(BASE_PLAN, BASE_PEOPLE.replace("P1,old-centre", ",old-centre"))
    assert errors_of() == ["people.csv:2:1: people[0]: missing required key 'id'"]
