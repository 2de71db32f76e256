"""Carers as their own records from a CSV or XLSX file beside the plan, like people and staff."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from tests.conftest import PlanDir
from tests.data.commissioning import RESPITE
from tests.plan.test_table_inputs import errors_of
from transition_planner.plan.load import load_plan
from transition_planner.plan.models import Carer
from transition_planner.plan.tables import CARER_COLUMNS, write_table

INLINE = "carers:\n  - {id: C1, cared_for: P1, site: old, needs: moderate}\n"
HEADER = "id,cared_for,site,needs,requires,preferred,group,pathway,team\n"


def _plan(plan_dir: PlanDir, ref: str) -> Path:
    assert INLINE in RESPITE
    return plan_dir.plan(RESPITE.replace(INLINE, f"carers: {ref}\n"), None)


def test_a_carers_csv_loads_as_the_inline_list(plan_dir: PlanDir) -> None:
    inline = load_plan(plan_dir.plan(RESPITE, None)).plan
    plan_dir.write("carers.csv", HEADER + "C1,P1,old,moderate,,,,,\n")
    _plan(plan_dir, "carers.csv")
    loaded = load_plan("plan.yaml")
    assert loaded.plan.carers == inline.carers
    # each carer is also a person of the carers cohort, as from the inline list
    assert [p.id for p in loaded.plan.people] == ["P1", "C1"]
    assert loaded.inputs == {"carers": "carers.csv (UTF-8)"}


def test_a_carers_sheet_is_found_by_its_name(plan_dir: PlanDir) -> None:
    book = Workbook()
    book.active.title = "notes"
    sheet = book.create_sheet("carers")
    sheet.append(CARER_COLUMNS)
    sheet.append(["C1", "P1", "old", "moderate", None, "respite", None, "move", None])
    book.save(plan_dir.root / "carers.xlsx")
    carers = load_plan(_plan(plan_dir, "carers.xlsx")).plan.carers
    assert carers == [
        Carer(id="C1", cared_for="P1", site="old", needs="moderate", preferred=["respite"])
    ]


def test_a_bad_cell_is_located_at_its_row_and_column(plan_dir: PlanDir) -> None:
    plan_dir.write("carers.csv", HEADER + "C1,P1,old,moderate,,,,,\nC2,,old,lots,,,,,\n")
    _plan(plan_dir, "carers.csv")
    assert errors_of() == [
        "carers.csv:3:4: carers[C2].needs: expected one of 'moderate', 'substantial', "
        "'complex' or 'unknown'; got 'lots'"
    ]


def test_references_from_a_carers_file_are_checked_at_the_cell(plan_dir: PlanDir) -> None:
    plan_dir.write("carers.csv", HEADER + "C1,P9,olde,moderate,,,,,\n")
    _plan(plan_dir, "carers.csv")
    assert errors_of() == [
        "carers.csv:2:2: carers[C1].cared_for: unknown person 'P9'",
        "carers.csv:2:3: carers[C1].site: unknown site 'olde' (did you mean 'old'?)",
    ]


def test_a_carer_repeating_a_persons_id_names_the_plan_file(plan_dir: PlanDir) -> None:
    # P1 is the plan's person on line 16 of plan.yaml; a repeat in the same file keeps
    # "first at line N".
    plan_dir.write(
        "carers.csv",
        HEADER + "P1,,old,moderate,,,,,\nC1,,old,moderate,,,,,\nC1,,old,moderate,,,,,\n",
    )
    _plan(plan_dir, "carers.csv")
    assert errors_of() == [
        "carers.csv:2:1: carers[P1].id: duplicate id 'P1' (first at plan.yaml:16)",
        "carers.csv:4:1: carers[C1].id: duplicate id 'C1' (first at line 3)",
    ]


def test_an_unknown_column_is_named(plan_dir: PlanDir) -> None:
    plan_dir.write("carers.csv", "id,site,needs,cohort\nC1,old,moderate,LD\n")
    _plan(plan_dir, "carers.csv")
    assert errors_of() == ["carers.csv:1:4: carers: unknown column 'cohort'"]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_carers_round_trip(plan_dir: PlanDir, suffix: str) -> None:
    original = load_plan(plan_dir.plan(RESPITE, None)).plan.carers
    write_table(original, plan_dir.root / f"carers{suffix}", Carer)
    assert load_plan(_plan(plan_dir, f"carers{suffix}")).plan.carers == original


def test_a_carers_file_that_cannot_be_read_is_the_only_error(plan_dir: PlanDir) -> None:
    # two sheets, neither named carers: the file is refused, and the respite site's carers
    # cohort (which the carers would have brought) is not reported unknown as well
    book = Workbook()
    book.active.title = "notes"
    book.create_sheet("list")
    book.save(plan_dir.root / "carers.xlsx")
    _plan(plan_dir, "carers.xlsx")
    assert errors_of() == [
        "carers.xlsx: carers: the workbook has sheets 'notes', 'list' and none is named "
        "'carers'; name the sheet 'carers' or give it in the plan as carers: FILE.xlsx#SHEET"
    ]
