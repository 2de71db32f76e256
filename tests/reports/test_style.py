"""Shared report pieces: long tables are laid out a chunk at a time, with the same pages."""

from __future__ import annotations

import io

from pypdf import PdfReader

from transition_planner.reports.style import LongRows, build_pdf, table

HEADER = ["Person", "Site", "Review"]


def _rows(n: int) -> list[list[str]]:
    # some rows wrap to two lines, so rows per page vary
    return [[f"P{i:04d}", "Aston Day Centre" * (1 + (i % 7 == 0) * 3), "1 Mar"] for i in range(n)]


def _pdf(n: int, chunk: int) -> bytes:
    return build_pdf([table(HEADER, _rows(n), [60, 200, 80], chunk=chunk)], "t", "footer")


def _pages(pdf: bytes) -> list[str]:
    return [p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages]


def test_a_long_table_is_chunked_and_puts_the_same_rows_on_each_page_as_one_table() -> None:
    assert isinstance(table(HEADER, _rows(121), chunk=50), LongRows)
    one = _pages(_pdf(400, chunk=10_000))
    assert _pages(_pdf(400, chunk=50)) == one
    assert _pages(_pdf(400, chunk=37)) == one
    assert _pdf(400, chunk=37) == _pdf(400, chunk=37)


def test_every_row_is_printed_once_and_the_header_heads_every_page() -> None:
    pages = _pages(_pdf(400, chunk=37))
    assert len(pages) > 5
    text = "\n".join(pages)
    assert [text.count(f"P{i:04d}") for i in range(400)] == [1] * 400
    # each page's text: the footer, the page number, then the table's header
    assert all(page.split("\n")[2:5] == HEADER for page in pages)


def test_a_short_table_is_a_plain_table() -> None:
    assert not isinstance(table(HEADER, _rows(50), chunk=50), LongRows)
