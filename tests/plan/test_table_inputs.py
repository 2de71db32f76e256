"""People and staff files as council offices save them: read right, or refused in one located line.

Each test writes its own small file (CSV bytes in a given encoding, or an XLSX written with
openpyxl and, where a writer's quirk is needed, its XML edited in the zip).
"""

from __future__ import annotations

import os
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from openpyxl import Workbook

from tests.conftest import BASE_PLAN, PlanDir
from transition_planner.cli import cli
from transition_planner.errors import PlanError
from transition_planner.plan import tables
from transition_planner.plan.load import LoadedPlan, load_plan

HEADER = ["id", "name", "role", "site", "grade", "weekly_pay", "start_date", "date_of_birth"]
ROWS: list[list[Any]] = [
    [
        "S1",
        "Siân Prydderch",
        "Café £ Manager",
        "old-centre",
        "G8",
        571.2,
        "2010-01-04",
        "1980-06-01",
    ],
    ["S2", "Zoë Brontë", "Cook", "old-centre", "G4", 350, "2011-02-07", "1975-07-29"],
]
CSV_TEXT = "".join(",".join(str(c) for c in row) + "\r\n" for row in [HEADER, *ROWS])


def staff_plan(plan_dir: PlanDir, ref: str = "staff.csv") -> Path:
    head, _, _ = BASE_PLAN.partition("staff:\n")
    return plan_dir.plan(head + f"staff: {ref}\n")


def errors_of(plan: Path | str = "plan.yaml", **options: Any) -> list[str]:
    with pytest.raises(PlanError) as caught:
        load_plan(plan, **options)
    return [d.render() for d in caught.value.diagnostics]


def cli_validate(*args: str) -> tuple[int, str, list[str]]:
    result = CliRunner().invoke(cli, ["validate", *args])
    assert "Traceback" not in result.output + result.stderr
    return result.exit_code, result.stdout, result.stderr.splitlines()


def write_xlsx(path: Path, sheets: dict[str, list[list[Any]]]) -> None:
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)


def patch_xlsx(path: Path, member: str, pattern: str, replacement: str) -> None:
    """Rewrite one XML part of the workbook, as another writer would have written it.

    openpyxl writes an empty value as ``<v />``, or ``<v></v>`` when lxml is installed (it is,
    with python-docx): patterns accept both."""
    with zipfile.ZipFile(path) as package:
        parts = {info.filename: package.read(info) for info in package.infolist()}
    text, count = re.subn(pattern, replacement, parts[member].decode())
    assert count, f"{pattern} not in {member}"
    parts[member] = text.encode()
    with zipfile.ZipFile(path, "w") as package:
        for name, data in parts.items():
            package.writestr(name, data)


# --- CSV encodings -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "named"),
    [
        ("utf-8", "UTF-8"),
        ("utf-8-sig", "UTF-8"),
        ("utf-16", "UTF-16"),
        ("cp1252", "Windows-1252"),
    ],
)
def test_csv_encodings_are_read_and_named(plan_dir: PlanDir, encoding: str, named: str) -> None:
    (plan_dir.root / "staff.csv").write_bytes(CSV_TEXT.encode(encoding))
    staff_plan(plan_dir)
    loaded = load_plan("plan.yaml")
    assert [m.name for m in loaded.plan.staff] == ["Siân Prydderch", "Zoë Brontë"]
    assert loaded.plan.staff[0].role == "Café £ Manager"
    code, out, _ = cli_validate("plan.yaml")
    assert code == 0
    assert out.splitlines()[1:3] == ["people: people.csv (UTF-8)", f"staff: staff.csv ({named})"]


def test_windows_1252_bytes_as_excel_writes_them(plan_dir: PlanDir) -> None:
    data = CSV_TEXT.encode("cp1252")
    assert b"Si\xe2n" in data and b"\xa3" in data
    (plan_dir.root / "staff.csv").write_bytes(data)
    staff_plan(plan_dir)
    assert load_plan("plan.yaml").inputs["staff"] == "staff.csv (Windows-1252)"


def test_byte_undefined_in_windows_1252_is_refused_with_its_row(plan_dir: PlanDir) -> None:
    data = CSV_TEXT.encode("cp1252").replace(b"Zo\xeb", b"Zo\x81")
    (plan_dir.root / "staff.csv").write_bytes(data)
    staff_plan(plan_dir)
    assert errors_of() == [
        "staff.csv:3: staff: byte 0x81 is neither UTF-8 nor Windows-1252; "
        "save it from Excel as 'CSV UTF-8 (Comma delimited)'"
    ]


def test_mixed_utf8_and_windows_1252_is_refused(plan_dir: PlanDir) -> None:
    data = CSV_TEXT.encode("utf-8").replace("Zoë".encode(), "Zoë".encode("cp1252"))
    (plan_dir.root / "staff.csv").write_bytes(data)
    staff_plan(plan_dir)
    assert errors_of() == [
        "staff.csv:3: staff: byte 0xEB is not UTF-8, but the file has UTF-8 text elsewhere "
        "(mixed encodings); save it from Excel as 'CSV UTF-8 (Comma delimited)'"
    ]


def test_mac_roman_is_refused_not_misread_as_windows_1252(plan_dir: PlanDir) -> None:
    (plan_dir.root / "staff.csv").write_bytes(CSV_TEXT.replace("£ ", "").encode("mac_roman"))
    staff_plan(plan_dir)
    assert errors_of() == [
        "staff.csv:2: staff: 'i‰n' looks like letters in an encoding other than UTF-8 or "
        "Windows-1252 (Mac Roman?); save it from Excel as 'CSV UTF-8 (Comma delimited)'"
    ]


def test_utf16_without_byte_order_mark_is_refused(plan_dir: PlanDir) -> None:
    (plan_dir.root / "staff.csv").write_bytes(CSV_TEXT.encode("utf-16-le"))
    staff_plan(plan_dir)
    assert errors_of() == [
        "staff.csv:1: staff: the file contains NUL bytes (UTF-16 without a byte-order mark, "
        "or not text); save it from Excel as 'CSV UTF-8 (Comma delimited)'"
    ]


SEMICOLON_REFUSAL = (
    "staff.csv:1: staff: this file is separated by ';', not commas (as Excel saves CSV where "
    "decimals are written 782,50); save it with commas, as CSV UTF-8, or as .xlsx"
)


def test_semicolon_separated_csv_is_named(plan_dir: PlanDir) -> None:
    text = CSV_TEXT.replace(",", ";").replace("571.2", "571,20")
    (plan_dir.root / "staff.csv").write_text(text, encoding="utf-8")
    staff_plan(plan_dir)
    assert errors_of() == [SEMICOLON_REFUSAL]


def test_excel_unicode_text_is_named_as_tab_separated(plan_dir: PlanDir) -> None:
    (plan_dir.root / "staff.csv").write_bytes(CSV_TEXT.replace(",", "\t").encode("utf-16"))
    staff_plan(plan_dir)
    assert errors_of() == [SEMICOLON_REFUSAL.replace("';'", "tabs")]


def test_workbook_named_csv_is_refused(plan_dir: PlanDir) -> None:
    write_xlsx(plan_dir.root / "staff.csv", {"staff": [HEADER, *ROWS]})
    staff_plan(plan_dir)
    assert errors_of() == [
        "staff.csv: staff: this is an XLSX workbook, not CSV text; save it from Excel as "
        "'CSV UTF-8 (Comma delimited)', or name the workbook .xlsx"
    ]


def test_csv_header_below_row_1(plan_dir: PlanDir) -> None:
    (plan_dir.root / "staff.csv").write_text("\n,,,\n" + CSV_TEXT, encoding="utf-8")
    staff_plan(plan_dir)
    assert errors_of() == [
        "staff.csv:1: staff: row 1 is empty; the header must be row 1; found what looks like "
        "the header on row 3 (delete the rows above it)"
    ]


# --- XLSX ----------------------------------------------------------------------------------


def test_numbers_in_text_columns_read_as_the_text_shown(plan_dir: PlanDir) -> None:
    rows = [
        HEADER,
        [100231, "Ann Example", "Cook", "old-centre", 10.0, 350, "2010-01-04", "1980-06-01"],
    ]
    write_xlsx(plan_dir.root / "staff.xlsx", {"staff": rows})
    people = [
        ["id", "site", "cohort", "needs", "group", "carer"],
        [1, "old-centre", "LD", "moderate", 3, 1],
        [2, "old-centre", "LD", "moderate", 3.0, 0],
        [3, "old-centre", "LD", "moderate", 2.5, "no"],
    ]
    write_xlsx(plan_dir.root / "people.xlsx", {"people": people})
    head, _, _ = BASE_PLAN.partition("staff:\n")
    plan_dir.write("plan.yaml", head.replace("people.csv", "people.xlsx") + "staff: staff.xlsx\n")
    plan = load_plan("plan.yaml").plan
    assert (plan.staff[0].id, plan.staff[0].grade) == ("100231", "10")
    assert [(p.id, p.group, p.carer) for p in plan.people] == [
        ("1", "3", True),
        ("2", "3", False),
        ("3", "2.5", False),
    ]
    # The same values typed in a CSV file give the same plan.
    plan_dir.write(
        "staff.csv", "\n".join(",".join(str(c) for c in r) for r in rows).replace("10.0", "10")
    )
    plan_dir.write(
        "people.csv",
        "id,site,cohort,needs,group,carer\n1,old-centre,LD,moderate,3,1\n"
        "2,old-centre,LD,moderate,3,0\n3,old-centre,LD,moderate,2.5,no\n",
    )
    plan_dir.write("plan.yaml", head + "staff: staff.csv\n")
    again = load_plan("plan.yaml").plan
    assert again.staff == plan.staff
    assert again.people == plan.people


def test_sheet_named_like_the_list_is_read_and_named(plan_dir: PlanDir) -> None:
    write_xlsx(
        plan_dir.root / "staff.xlsx",
        {"Read me": [["One row per post."]], "Staff": [HEADER, *ROWS]},
    )
    staff_plan(plan_dir, "staff.xlsx")
    loaded = load_plan("plan.yaml")
    assert [m.id for m in loaded.plan.staff] == ["S1", "S2"]
    assert loaded.inputs["staff"] == "staff.xlsx, sheet 'Staff'"


def test_sheet_given_in_the_plan(plan_dir: PlanDir) -> None:
    write_xlsx(
        plan_dir.root / "staff.xlsx",
        {"staff": [["old list"]], "Post list": [HEADER, *ROWS]},
    )
    staff_plan(plan_dir, "staff.xlsx#Post list")
    loaded = load_plan("plan.yaml")
    assert [m.id for m in loaded.plan.staff] == ["S1", "S2"]
    code, out, _ = cli_validate("plan.yaml")
    assert code == 0
    assert "staff: staff.xlsx, sheet 'Post list'\n" in out


def test_sheet_not_found_names_the_sheets(plan_dir: PlanDir) -> None:
    write_xlsx(plan_dir.root / "staff.xlsx", {"Read me": [["x"]], "Posts": [HEADER, *ROWS]})
    staff_plan(plan_dir, "staff.xlsx#Nope")
    assert errors_of() == [
        "staff.xlsx: staff: no sheet named 'Nope'; the workbook has 'Read me', 'Posts'"
    ]
    staff_plan(plan_dir, "staff.xlsx")
    assert errors_of() == [
        "staff.xlsx: staff: the workbook has sheets 'Read me', 'Posts' and none is named "
        "'staff'; name the sheet 'staff' or give it in the plan as staff: FILE.xlsx#SHEET"
    ]


def test_sheet_given_for_a_csv_file_is_refused(plan_dir: PlanDir) -> None:
    plan_dir.write("staff.csv", CSV_TEXT)
    staff_plan(plan_dir, "staff.csv#staff")
    # A file that cannot be read at all is located at the plan line that names it.
    assert errors_of() == ["plan.yaml:20:8: staff: staff.csv#staff: expected a .csv or .xlsx file"]


FORMULA_ROWS = [
    HEADER,
    ["S1", "Ann Example", "Cook", "old-centre", "G4", "=400+50", "2010-01-04", "1980-06-01"],
]


def test_formula_without_saved_value_is_a_located_error(plan_dir: PlanDir) -> None:
    write_xlsx(plan_dir.root / "staff.xlsx", {"staff": FORMULA_ROWS})
    staff_plan(plan_dir, "staff.xlsx")
    assert errors_of() == [
        "staff.xlsx:2:6: staff[S1].weekly_pay: staff!F2 holds the formula =400+50 with no saved "
        "value; open and save it in Excel (or LibreOffice) so the value is saved"
    ]


def test_formula_in_an_optional_column_is_not_silently_empty(plan_dir: PlanDir) -> None:
    rows = [[*HEADER, "strain_estimate"], [*ROWS[1], "=40000+1200"]]
    write_xlsx(plan_dir.root / "staff.xlsx", {"staff": rows})
    staff_plan(plan_dir, "staff.xlsx")
    assert errors_of() == [
        "staff.xlsx:2:9: staff[S2].strain_estimate: staff!I2 holds the formula =40000+1200 with "
        "no saved value; open and save it in Excel (or LibreOffice) so the value is saved"
    ]


def _as_excel_saved(path: Path, value: str) -> None:
    """Give F2's formula a saved value, and drop the 'recalculate on load' flag as Excel does."""
    patch_xlsx(
        path,
        "xl/worksheets/sheet1.xml",
        r"<f>400\+50</f><v(?:\s*/>|></v>)",
        f"<f>400+50</f><v>{value}</v>",
    )
    patch_xlsx(path, "xl/workbook.xml", r'\s*fullCalcOnLoad="1"', "")


def test_formula_with_saved_value_is_read(plan_dir: PlanDir) -> None:
    path = plan_dir.root / "staff.xlsx"
    write_xlsx(path, {"staff": FORMULA_ROWS})
    _as_excel_saved(path, "450")
    staff_plan(plan_dir, "staff.xlsx")
    assert load_plan("plan.yaml").plan.staff[0].weekly_pay == 450


def test_placeholder_value_from_a_writer_that_never_calculates_is_refused(
    plan_dir: PlanDir,
) -> None:
    # XlsxWriter stores 0 with each formula and asks Excel to recalculate on load.
    path = plan_dir.root / "staff.xlsx"
    write_xlsx(path, {"staff": FORMULA_ROWS})
    patch_xlsx(
        path,
        "xl/worksheets/sheet1.xml",
        r"<f>400\+50</f><v(?:\s*/>|></v>)",
        "<f>400+50</f><v>0</v>",
    )
    staff_plan(plan_dir, "staff.xlsx")
    assert errors_of() == [
        "staff.xlsx:2:6: staff[S1].weekly_pay: staff!F2 holds the formula =400+50 with no saved "
        "value; open and save it in Excel (or LibreOffice) so the value is saved"
    ]


def test_formula_error_value_is_located(plan_dir: PlanDir) -> None:
    path = plan_dir.root / "staff.xlsx"
    write_xlsx(path, {"staff": FORMULA_ROWS})
    patch_xlsx(
        path,
        "xl/worksheets/sheet1.xml",
        r'<c r="F2"><f>400\+50</f><v(?:\s*/>|></v>)',
        '<c r="F2" t="e"><f>400+50</f><v>#DIV/0!</v>',
    )
    patch_xlsx(path, "xl/workbook.xml", r'\s*fullCalcOnLoad="1"', "")
    staff_plan(plan_dir, "staff.xlsx")
    assert errors_of() == [
        "staff.xlsx:2:6: staff[S1].weekly_pay: staff!F2: the formula =400+50 gives the error #DIV/0!"
    ]


def test_stale_dimension_record_loses_no_columns(plan_dir: PlanDir) -> None:
    path = plan_dir.root / "staff.xlsx"
    write_xlsx(path, {"staff": [HEADER, *ROWS]})
    patch_xlsx(
        path, "xl/worksheets/sheet1.xml", r'<dimension ref="[^"]*"\s*/>', '<dimension ref="A1:A1"/>'
    )
    staff_plan(plan_dir, "staff.xlsx")
    staff = load_plan("plan.yaml").plan.staff
    assert [(m.id, m.site, str(m.weekly_pay), m.date_of_birth.isoformat()) for m in staff] == [
        ("S1", "old-centre", "571.2", "1980-06-01"),
        ("S2", "old-centre", "350", "1975-07-29"),
    ]


def _merged_site_book(path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "staff"
    for row in [
        HEADER,
        *ROWS,
        ["S3", "Cat Example", "Cook", None, "G4", 350, "2012-01-02", "1970-01-01"],
    ]:
        sheet.append(row)
    sheet.merge_cells("D2:D4")
    book.save(path)


def test_merged_cells_down_a_column_are_read_for_each_row_with_a_warning(plan_dir: PlanDir) -> None:
    _merged_site_book(plan_dir.root / "staff.xlsx")
    staff_plan(plan_dir, "staff.xlsx")
    loaded = load_plan("plan.yaml")
    assert [m.site for m in loaded.plan.staff] == ["old-centre"] * 3
    warning = (
        "staff.xlsx:2:4: warning: staff: cells staff!D2:D4 are merged; read 'old-centre' for "
        "each of rows 2 to 4"
    )
    assert [w.render() for w in loaded.warnings] == [warning]
    code, _, lines = cli_validate("plan.yaml")
    assert (code, lines) == (0, [warning])
    code, _, lines = cli_validate("plan.yaml", "--strict")
    assert code == 2
    assert lines[0] == warning.replace("warning: ", "") + " (--strict)"


def test_merged_cells_across_columns_are_an_error_naming_the_merge(plan_dir: PlanDir) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "staff"
    for row in [HEADER, *ROWS]:
        sheet.append(row)
    sheet.merge_cells("B3:C3")
    book.save(plan_dir.root / "staff.xlsx")
    staff_plan(plan_dir, "staff.xlsx")
    assert errors_of() == [
        "staff.xlsx:3:2: staff[S2].name: cells staff!B3:C3 are merged across columns; unmerge them so "
        "that each column has its own value"
    ]


def test_hidden_rows_and_columns_are_read_with_a_warning(plan_dir: PlanDir) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "staff"
    for row in [HEADER, *ROWS]:
        sheet.append(row)
    sheet.row_dimensions[3].hidden = True
    sheet.column_dimensions["E"].hidden = True
    book.save(plan_dir.root / "staff.xlsx")
    staff_plan(plan_dir, "staff.xlsx")
    loaded = load_plan("plan.yaml")
    assert [m.id for m in loaded.plan.staff] == ["S1", "S2"]
    assert [w.render() for w in loaded.warnings] == [
        "staff.xlsx:3: warning: staff: row 3 is hidden in Excel; it is read (unhide it, or "
        "delete it if it is not part of the plan)",
        "staff.xlsx:1:5: warning: staff: column E is hidden in Excel; it is read (unhide it, or "
        "delete it if it is not part of the plan)",
    ]
    assert len(errors_of(strict=True)) == 2


def test_merged_title_row_above_the_header(plan_dir: PlanDir) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "staff"
    sheet.append(["Links to Work - staff at risk (OFFICIAL-SENSITIVE) 2016"])
    for row in [HEADER, *ROWS]:
        sheet.append(row)
    sheet.merge_cells("A1:H1")
    book.save(plan_dir.root / "staff.xlsx")
    staff_plan(plan_dir, "staff.xlsx")
    assert errors_of() == [
        "staff.xlsx:1: staff: row 1 holds 'Links to Work - staff at risk (OFFICIAL…', not "
        "column names; the header must be row 1; found what looks like the header on row 2 "
        "(delete the rows above it)"
    ]


def test_blank_rows_above_the_header(plan_dir: PlanDir) -> None:
    write_xlsx(plan_dir.root / "staff.xlsx", {"staff": [[], [], HEADER, *ROWS]})
    patch_xlsx(
        plan_dir.root / "staff.xlsx",
        "xl/worksheets/sheet1.xml",
        r'<dimension ref="[^"]*"',
        '<dimension ref="A3:H5"',
    )
    staff_plan(plan_dir, "staff.xlsx")
    assert errors_of() == [
        "staff.xlsx:1: staff: row 1 is empty; the header must be row 1; found what looks like "
        "the header on row 3 (delete the rows above it)"
    ]


def test_column_names_in_one_cell(plan_dir: PlanDir) -> None:
    write_xlsx(plan_dir.root / "staff.xlsx", {"staff": [[";".join(HEADER)]]})
    staff_plan(plan_dir, "staff.xlsx")
    assert errors_of() == [
        "staff.xlsx:1:1: staff: the column names are all in one cell, separated by ';'; split "
        "them into columns (Excel: Data > Text to Columns)"
    ]


def test_value_under_a_column_with_no_name(plan_dir: PlanDir) -> None:
    write_xlsx(
        plan_dir.root / "staff.xlsx",
        {"staff": [[*HEADER, None, "notes"], [*ROWS[0], "stray", "ok"]]},
    )
    staff_plan(plan_dir, "staff.xlsx")
    assert errors_of() == [
        "staff.xlsx:1:10: staff: unknown column 'notes'",
        "staff.xlsx:2:9: staff[0]: a value in a column with no name in row 1",
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            b"\xd0\xcf\x11\xe0" + b"\x00" * 100,
            "this is an old-format .xls workbook or a password-protected one; save it as .xlsx without a password (or as CSV UTF-8)",
        ),
        (b"id,name\n", "not an XLSX workbook (not a zip package); save it from Excel as .xlsx"),
    ],
)
def test_not_a_workbook(plan_dir: PlanDir, data: bytes, message: str) -> None:
    (plan_dir.root / "staff.xlsx").write_bytes(data)
    staff_plan(plan_dir, "staff.xlsx")
    assert errors_of() == [f"staff.xlsx: staff: {message}"]


# --- reading only what the plan may read ----------------------------------------------------

OUTSIDE = (
    "{plan}:20:8: staff: '{name}' {where} the plan's folder; keep people, staff and carers files in "
    "the plan's folder (or below it), or pass --allow-outside"
)


def _outside_file(plan_dir: PlanDir) -> tuple[Path, Path]:
    """A plan in plan_dir/plans and a staff list beside that folder, outside it."""
    outside = plan_dir.root / "staff.csv"
    outside.write_text(CSV_TEXT, encoding="utf-8")
    folder = plan_dir.root / "plans"
    folder.mkdir()
    return folder, outside


def _plan_in(folder: Path, ref: str) -> Path:
    head, _, _ = BASE_PLAN.partition("staff:\n")
    (folder / "people.csv").write_text("id,site,cohort,needs\nP1,old-centre,LD,moderate\n")
    plan = folder / "plan.yaml"
    plan.write_text(head + f"staff: {ref}\n", encoding="utf-8")
    return plan


def test_parent_folder_is_refused_unless_allowed(plan_dir: PlanDir) -> None:
    folder, _ = _outside_file(plan_dir)
    plan = _plan_in(folder, "../staff.csv")
    assert errors_of(plan) == [OUTSIDE.format(plan=plan, name="../staff.csv", where="is outside")]
    assert [m.id for m in load_plan(plan, allow_outside=True).plan.staff] == ["S1", "S2"]
    code, _, _ = cli_validate(str(plan), "--allow-outside")
    assert code == 0


def test_absolute_path_outside_is_refused(plan_dir: PlanDir) -> None:
    folder, outside = _outside_file(plan_dir)
    plan = _plan_in(folder, str(outside))
    name = str(outside) if len(str(outside)) <= 40 else str(outside)[:39] + "…"
    assert errors_of(plan) == [OUTSIDE.format(plan=plan, name=name, where="is outside")]


def test_symlink_leading_outside_is_refused(plan_dir: PlanDir) -> None:
    folder, outside = _outside_file(plan_dir)
    (folder / "staff.csv").symlink_to(outside)
    plan = _plan_in(folder, "staff.csv")
    where = "leads (through a symlink) to a file outside"
    assert errors_of(plan) == [OUTSIDE.format(plan=plan, name="staff.csv", where=where)]
    code, _, lines = cli_validate(str(plan))
    assert code == 2 and lines[0] == errors_of(plan)[0]
    code, _, _ = cli_validate(str(plan), "--allow-outside")
    assert code == 0


def test_symlink_inside_the_folder_is_read(plan_dir: PlanDir) -> None:
    (plan_dir.root / "lists").mkdir()
    (plan_dir.root / "lists" / "staff-2016.csv").write_text(CSV_TEXT, encoding="utf-8")
    (plan_dir.root / "staff.csv").symlink_to(plan_dir.root / "lists" / "staff-2016.csv")
    staff_plan(plan_dir)
    assert [m.id for m in load_plan("plan.yaml").plan.staff] == ["S1", "S2"]


def test_echoed_values_are_clipped(plan_dir: PlanDir) -> None:
    secret = "root:x:0:0:root:/root:/bin/bash,daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n"
    folder, outside = _outside_file(plan_dir)
    outside.write_text(secret, encoding="utf-8")
    (folder / "staff.csv").symlink_to(outside)
    plan = _plan_in(folder, "staff.csv")
    assert all("daemon" not in line and "/bin/bash" not in line for line in errors_of(plan))
    shown = errors_of(plan, allow_outside=True)
    assert (
        f"{folder.name}/staff.csv:1:2: staff: unknown column 'daemon:x:1:1:daemon:/usr/sbin:/usr/sbin…'"
        in [line.split(str(plan_dir.root) + "/")[-1] for line in shown]
    )


def test_fifo_and_devices_are_refused_without_reading(plan_dir: PlanDir) -> None:
    os.mkfifo(plan_dir.root / "staff.csv")
    staff_plan(plan_dir)
    assert errors_of() == [
        "plan.yaml:20:8: staff: staff.csv: is a FIFO (named pipe), not a regular file; refusing "
        "to read it"
    ]
    staff_plan(plan_dir, "/dev/zero")
    assert errors_of(allow_outside=True) == [
        "plan.yaml:20:8: staff: /dev/zero: expected a .csv or .xlsx file"
    ]
    os.symlink("/dev/zero", plan_dir.root / "zero.csv")
    staff_plan(plan_dir, "zero.csv")
    assert errors_of(allow_outside=True) == [
        "plan.yaml:20:8: staff: zero.csv: is a device or socket, not a regular file; refusing "
        "to read it"
    ]


def test_plan_that_is_a_fifo_is_refused(plan_dir: PlanDir) -> None:
    os.mkfifo(plan_dir.root / "plan.yaml")
    assert errors_of() == ["plan.yaml: cannot read: not a regular file"]


def test_size_is_checked_before_reading_or_hashing(
    plan_dir: PlanDir, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tables, "MAX_TABLE_BYTES", 1024 * 1024)
    (plan_dir.root / "staff.csv").write_bytes(CSV_TEXT.encode() + b"#" * (2 * 1024 * 1024))
    staff_plan(plan_dir)
    opened: list[str] = []
    real_read_bytes = Path.read_bytes
    real_open = os.open

    def spy_read_bytes(self: Path) -> bytes:
        opened.append(self.name)
        return real_read_bytes(self)

    def spy_open(path: Any, *args: Any, **kwargs: Any) -> int:
        opened.append(Path(path).name)
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(Path, "read_bytes", spy_read_bytes)
    monkeypatch.setattr(os, "open", spy_open)
    assert errors_of() == [
        "plan.yaml:20:8: staff: staff.csv: file is larger than 1 MiB (2 MiB); split the list or "
        "remove unused "
        "sheets and columns"
    ]
    assert "staff.csv" not in opened


def test_summary_of_a_loaded_plan_names_each_file() -> None:
    loaded = load_plan(Path(__file__).parents[2] / "plans" / "links-to-work.yaml")
    assert isinstance(loaded, LoadedPlan)
    assert set(loaded.inputs) == {"people", "staff"}
    assert all(how.endswith("(UTF-8)") for how in loaded.inputs.values())


def test_long_cell_values_are_clipped_in_messages(plan_dir: PlanDir) -> None:
    long_pay = "about " + "9" * 60
    plan_dir.write("staff.csv", CSV_TEXT.replace("571.2", long_pay))
    staff_plan(plan_dir)
    assert errors_of() == [
        "staff.csv:2:6: staff[S1].weekly_pay: expected an amount in pounds (a number), "
        "got 'about 999999999999999999999999999999999…'"
    ]


def test_formatted_empty_cell_far_away_costs_nothing(plan_dir: PlanDir) -> None:
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "staff"
    for row in [HEADER, *ROWS]:
        sheet.append(row)
    sheet["XFD1048576"].font = Font(bold=True)
    book.save(plan_dir.root / "staff.xlsx")
    staff_plan(plan_dir, "staff.xlsx")
    assert [m.id for m in load_plan("plan.yaml").plan.staff] == ["S1", "S2"]


def test_merge_of_a_whole_sheet_is_refused_before_loading(plan_dir: PlanDir) -> None:
    path = plan_dir.root / "staff.xlsx"
    write_xlsx(path, {"staff": [HEADER, *ROWS]})
    merge = '</sheetData><mergeCells count="1"><mergeCell ref="J5:XFD1048576"/></mergeCells>'
    patch_xlsx(path, "xl/worksheets/sheet1.xml", "</sheetData>", merge)
    staff_plan(plan_dir, "staff.xlsx")
    assert errors_of() == [
        "staff.xlsx:5:10: staff: cells J5:XFD1048576 are merged (17,170,366,500 cells); "
        "unmerge them so that each column has its own value"
    ]


def test_payroll_number_with_leading_zeros_reads_as_shown(plan_dir: PlanDir) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "staff"
    for row in [HEADER, [4512, *ROWS[0][1:]]]:
        sheet.append(row)
    sheet["A2"].number_format = "000000"
    book.save(plan_dir.root / "staff.xlsx")
    staff_plan(plan_dir, "staff.xlsx")
    assert load_plan("plan.yaml").plan.staff[0].id == "004512"


def test_two_sheets_named_like_the_list_are_refused(plan_dir: PlanDir) -> None:
    write_xlsx(plan_dir.root / "staff.xlsx", {"staff": [HEADER], "Staff ": [HEADER, *ROWS]})
    staff_plan(plan_dir, "staff.xlsx")
    assert errors_of() == [
        "staff.xlsx: staff: sheets 'staff', 'Staff ' are all named like 'staff'; give one in "
        "the plan as staff: FILE.xlsx#SHEET"
    ]
    staff_plan(plan_dir, "staff.xlsx#Staff ")
    assert [m.id for m in load_plan("plan.yaml").plan.staff] == ["S1", "S2"]


def test_a_number_in_a_date_column_is_not_read_as_seconds_since_1970(plan_dir: PlanDir) -> None:
    rows = [HEADER, [*ROWS[0][:6], 86400, 42000]]
    write_xlsx(plan_dir.root / "staff.xlsx", {"staff": rows})
    staff_plan(plan_dir, "staff.xlsx")
    expected = [
        "staff.xlsx:2:7: staff[S1].start_date: expected an ISO date (YYYY-MM-DD), got the number "
        "86400; in Excel, format the cell as a date",
        "staff.xlsx:2:8: staff[S1].date_of_birth: expected an ISO date (YYYY-MM-DD), got the "
        "number 42000; in Excel, format the cell as a date",
    ]
    assert errors_of() == expected
    plan_dir.write(
        "staff.csv", CSV_TEXT.replace("2010-01-04", "86400").replace("1980-06-01", "42000")
    )
    staff_plan(plan_dir)
    assert errors_of() == [line.replace("staff.xlsx", "staff.csv") for line in expected]
