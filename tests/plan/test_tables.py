"""People and staff survive a round trip through CSV and XLSX unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import BASE_PLAN, PlanDir
from transition_planner.plan.load import load_plan
from transition_planner.plan.models import Person, Staff
from transition_planner.plan.tables import write_table

RICH_PEOPLE = """\
id,site,cohort,needs,requires,preferred,group,carer,pathway,eligible,assessment,team
P1,old-centre,LD,moderate,,new-centre,,no,move,yes,review,
P2,old-centre,PD,complex,hoist;changing-places,new-centre,g1,yes,move,yes,reassessment,review-team
P3,old-centre,autism,substantial,,,g1,no,community,no,review,
P4,old-centre,OP,unknown,,,,yes,direct-payment,yes,review,
"""

STAFF = """\
id,name,role,site,grade,weekly_pay,start_date,date_of_birth,contractual_notice,status,pension_member,strain_estimate
S001,Alex Example,Support Worker,old-centre,G4,400.50,2010-01-04,1980-06-01,,at_risk,yes,
S002,Zoë Brontë-Ó Briain,Centre Manager,old-centre,G9,812,1995-09-01,1961-02-28,2m,vr_requested,yes,41250.75
"""


def _plan(plan_dir: PlanDir, people: str, staff: str) -> Path:
    plan_dir.write("staff.csv", staff)
    base = BASE_PLAN.split("staff:")[0].replace(
        "features: [hoist]", "features: [hoist, changing-places]"
    )
    return plan_dir.plan(base + "staff: staff.csv\n", people)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_people_and_staff_round_trip(plan_dir: PlanDir, suffix: str) -> None:
    original = load_plan(_plan(plan_dir, RICH_PEOPLE, STAFF)).plan
    write_table(original.people, plan_dir.root / f"people2{suffix}", Person)
    write_table(original.staff, plan_dir.root / f"staff2{suffix}", Staff)
    text = (plan_dir.root / "plan.yaml").read_text()
    text = text.replace("people.csv", f"people2{suffix}").replace("staff.csv", f"staff2{suffix}")
    plan_dir.write("plan2.yaml", text)
    again = load_plan(plan_dir.root / "plan2.yaml").plan
    assert again.people == original.people
    assert again.staff == original.staff
    assert again.staff[1].name == "Zoë Brontë-Ó Briain"
    assert str(again.staff[1].contractual_notice) == "2m"
    assert again.people[1].requires == ["hoist", "changing-places"]
    assert not again.people[2].eligible


def test_xlsx_bad_row_names_its_spreadsheet_row(plan_dir: PlanDir) -> None:
    from openpyxl import Workbook

    from transition_planner.errors import PlanError

    _plan(plan_dir, RICH_PEOPLE, STAFF)
    book = Workbook()
    sheet = book.active
    sheet.append(["id", "site", "cohort", "needs"])
    sheet.append(["P1", "old-centre", "LD", "moderate"])
    sheet.append(["P2", "old-centre", "LD", "extreme"])
    book.save(plan_dir.root / "people.xlsx")
    text = (plan_dir.root / "plan.yaml").read_text().replace("people.csv", "people.xlsx")
    plan_dir.write("plan.yaml", text)
    with pytest.raises(PlanError, match=r"people\[P2\]\.needs") as caught:
        load_plan("plan.yaml")
    assert [d.render() for d in caught.value.diagnostics] == [
        "people.xlsx:3:4: people[P2].needs: expected one of 'moderate', 'substantial', "
        "'complex' or 'unknown'; got 'extreme'"
    ]
