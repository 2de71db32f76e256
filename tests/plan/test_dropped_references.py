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
