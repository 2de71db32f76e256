"""CSV cells a spreadsheet would run as formulas are neutralised; files carry a UTF-8 BOM."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from transition_planner.exports.csv_text import csv_bytes, csv_cell, neutralise


def test_owasp_formula_starts_get_a_leading_quote() -> None:
    assert neutralise('=HYPERLINK("http://x","y")') == '\'=HYPERLINK("http://x","y")'
    assert [neutralise(t) for t in ("+1", "-1", "@SUM(A1)", "\tx", "\rx")] == [
        "'+1",
        "'-1",
        "'@SUM(A1)",
        "'\tx",
        "'\rx",
    ]
    assert neutralise("Ann O'Neill") == "Ann O'Neill"


def test_numbers_and_dates_are_left_as_they_are() -> None:
    assert [csv_cell(v) for v in (-5, Decimal("-1.50"), date(2016, 5, 31), None, True)] == [
        "-5",
        "-1.50",
        "2016-05-31",
        "",
        "yes",
    ]


def test_csv_is_utf8_with_a_bom() -> None:
    data = csv_bytes(["Name", "Pay"], [["=1+2", Decimal("512.50")], ["Zoë £", 3]])
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig") == "Name,Pay\n'=1+2,512.50\nZoë £,3\n"
