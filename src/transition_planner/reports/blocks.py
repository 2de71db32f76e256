"""A short paper as plain blocks (headings, paragraphs, tables, numbered lists), rendered
three ways from the same blocks: a tagged PDF/UA file through WeasyPrint, a Word file through
python-docx, and an untagged PDF through reportlab where WeasyPrint's system libraries (Pango)
are missing. Text is plain: no markup passes through."""

from __future__ import annotations

import io
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from html import escape
from importlib import resources
from pathlib import Path
from typing import Any

LANGUAGE = "en-GB"
# The reportlab papers' colours (reports.style), for the HTML route.
INK_HEX, ACCENT_HEX, LIGHT_HEX = "#1f2933", "#1d4e89", "#e6ecf3"


@dataclass(frozen=True)
class Para:
    text: str


@dataclass(frozen=True)
class Numbered:
    items: Sequence[str]


@dataclass(frozen=True)
class Table:
    """Column headers, rows, each column's share of the text width, and which columns are
    figures (right-aligned). ``row_headers``: the first cell of each row names the row."""

    header: Sequence[str]
    rows: Sequence[Sequence[str]]
    widths: Sequence[float]
    numeric: Sequence[int] = ()
    row_headers: bool = False


Block = Para | Numbered | Table


@dataclass(frozen=True)
class Section:
    heading: str
    blocks: Sequence[Block]


@dataclass(frozen=True)
class Paper:
    title: str
    subject: str  # the running footer and the document's subject
    author: str
    produced: date
    head: Table | None  # the memo head (to, from, date) above the title
    sections: Sequence[Section] = field(default_factory=list)


# --- PDF/UA through WeasyPrint ---------------------------------------------------------------


def _font_url(name: str) -> str:
    folder = resources.files("transition_planner") / "reports" / "fonts"
    return Path(str(folder / name)).resolve().as_uri()


def paper_html(paper: Paper) -> str:
    """The paper as an HTML document whose structure becomes the PDF's tags."""
    css = f"""
@font-face {{ font-family: Body; src: url("{_font_url("DejaVuSans.ttf")}"); }}
@font-face {{ font-family: Body; font-weight: bold;
  src: url("{_font_url("DejaVuSans-Bold.ttf")}"); }}
@page {{ size: A4; margin: 18mm;
  @bottom-left {{ content: "{_css_text(paper.subject)}"; font: 7.5pt Body; color: grey; }}
  @bottom-right {{ content: "Page " counter(page); font: 7.5pt Body; color: grey; }} }}
html {{ font-family: Body; font-size: 9pt; line-height: 12pt; color: {INK_HEX}; }}
h1 {{ font-size: 20pt; line-height: 25pt; color: {ACCENT_HEX}; margin: 6pt 0 3pt; }}
h2 {{ font-size: 12pt; line-height: 15pt; color: {ACCENT_HEX}; margin: 7pt 0 4pt;
  break-after: avoid; }}
p {{ margin: 0 0 3pt; }}
ol {{ margin: 0 0 3pt; padding-left: 14pt; }}
table {{ border-collapse: collapse; font-size: 7.5pt; line-height: 9.5pt; margin: 3pt 0; }}
thead {{ display: table-header-group; }}
th, td {{ text-align: left; vertical-align: top; padding: 2pt 6pt 2pt 3pt; }}
thead th {{ background: {LIGHT_HEX}; border-bottom: 0.6pt solid {ACCENT_HEX}; }}
tbody th {{ font-weight: normal; }}
tbody tr {{ border-bottom: 0.25pt solid #c9d2dc; }}
td.n {{ text-align: right; }}
"""
    body: list[str] = []
    if paper.head is not None:
        body.append(_html_table(paper.head))
    body.append(f"<h1>{escape(paper.title)}</h1>")
    for section in paper.sections:
        body.append(f"<h2>{escape(section.heading)}</h2>")
        body += [_html_block(b) for b in section.blocks]
    return (
        f'<!DOCTYPE html>\n<html lang="{LANGUAGE}"><head><meta charset="utf-8">'
        f"<title>{escape(paper.title)}</title>"
        f'<meta name="author" content="{escape(paper.author)}">'
        f'<meta name="description" content="{escape(paper.subject)}">'
        f'<meta name="generator" content="transition-planner">'
        f'<meta name="dcterms.created" content="{paper.produced.isoformat()}">'
        f'<meta name="dcterms.modified" content="{paper.produced.isoformat()}">'
        f"<style>{css}</style></head><body>\n" + "\n".join(body) + "\n</body></html>\n"
    )


def _css_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def _html_block(block: Block) -> str:
    if isinstance(block, Para):
        return f"<p>{escape(block.text)}</p>"
    if isinstance(block, Numbered):
        return "<ol>" + "".join(f"<li>{escape(t)}</li>" for t in block.items) + "</ol>"
    return _html_table(block)


def _html_table(block: Table) -> str:
    total = sum(block.widths)
    cols = "".join(f'<col style="width: {w / total * 100:.1f}%">' for w in block.widths)
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in block.header)
    rows = []
    for row in block.rows:
        cells = []
        for i, value in enumerate(row):
            if i == 0 and block.row_headers:
                cells.append(f'<th scope="row">{escape(value)}</th>')
            else:
                cls = ' class="n"' if i in block.numeric else ""
                cells.append(f"<td{cls}>{escape(value)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (
        f'<table style="width: {total * 100:.0f}%"><colgroup>{cols}</colgroup>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


@contextmanager
def _fixed_font_time(produced: date) -> Iterator[None]:
    """fontTools stamps each embedded font subset with the time it was made unless
    SOURCE_DATE_EPOCH is set; set it for the render so the same paper gives the same bytes."""
    before = os.environ.get("SOURCE_DATE_EPOCH")
    epoch = int(datetime(produced.year, produced.month, produced.day, tzinfo=UTC).timestamp())
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
    finally:
        if before is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before


def tagged_pdf_available() -> bool:
    """Whether WeasyPrint and the Pango library it needs can be loaded here."""
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError):
        return False
    return True


def paper_pdf_ua(paper: Paper) -> bytes:
    """A tagged PDF/UA-1 file: headings, paragraphs, lists and tables as structure, the
    title shown in the window, the language en-GB, every font embedded."""
    import weasyprint

    with _fixed_font_time(paper.produced):
        data: bytes = weasyprint.HTML(string=paper_html(paper)).write_pdf(
            pdf_variant="pdf/ua-1", finisher=_scope_headers
        )
    return data


def _scope_headers(_document: Any, pdf: Any) -> None:
    """Give each table header cell its /Scope. WeasyPrint links data cells to their headers
    with /Headers and /IDs (its IDs read TABLE-ROW-COLUMN); checkers and some screen readers
    look for /Scope on the header cell itself: Column in the header row, Row elsewhere (only
    a row's first cell is a header in these papers)."""
    import pydyf

    for obj in pdf.objects:
        if isinstance(obj, dict) and obj.get("S") == "/TH" and "ID" in obj:
            row = str(obj["ID"].string).split("-")[1]
            attributes = obj.setdefault("A", pydyf.Dictionary({"O": "/Table"}))
            attributes["Scope"] = "/Column" if row == "0" else "/Row"


# --- Word through python-docx ----------------------------------------------------------------


def paper_docx(paper: Paper) -> bytes:
    """The paper as a Word file to edit: real Heading styles, tables whose header row repeats
    on each page, and title, author, subject and language en-GB in its properties."""
    import docx
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    from transition_planner.exports.workbook import normalise_zip

    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(11)
    # The language of every run: the document default, then Normal's own run properties.
    for rpr in (
        document.styles.element.find(qn("w:docDefaults"))
        .find(qn("w:rPrDefault"))
        .find(qn("w:rPr")),
        normal.element.get_or_add_rPr(),
    ):
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            rpr.append(lang)
        lang.set(qn("w:val"), LANGUAGE)
        lang.set(qn("w:eastAsia"), LANGUAGE)
        lang.set(qn("w:bidi"), "ar-SA")

    def add_table(block: Table) -> None:
        table = document.add_table(rows=1, cols=len(block.header))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        head = table.rows[0]
        # Word's "repeat as header row at the top of each page", which is also how screen
        # readers find the header row.
        trpr = head._tr.get_or_add_trPr()
        mark = OxmlElement("w:tblHeader")
        mark.set(qn("w:val"), "true")
        trpr.append(mark)
        for cell, text in zip(head.cells, block.header, strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(text).bold = True
        for row in block.rows:
            cells = table.add_row().cells
            for i, (cell, text) in enumerate(zip(cells, row, strict=True)):
                cell.text = text
                if i in block.numeric:
                    cell.paragraphs[0].alignment = 2  # right
        document.add_paragraph()

    if paper.head is not None:
        add_table(paper.head)
    document.add_heading(paper.title, level=0)
    for section in paper.sections:
        document.add_heading(section.heading, level=1)
        for block in section.blocks:
            if isinstance(block, Para):
                document.add_paragraph(block.text)
            elif isinstance(block, Numbered):
                for item in block.items:
                    document.add_paragraph(item, style="List Number")
            else:
                add_table(block)
    props = document.core_properties
    when = datetime(paper.produced.year, paper.produced.month, paper.produced.day)
    props.title = paper.title
    props.subject = paper.subject
    props.author = paper.author
    props.language = LANGUAGE
    props.created = when
    props.modified = when
    props.last_modified_by = "transition-planner"
    props.revision = 1
    out = io.BytesIO()
    document.save(out)
    return normalise_zip(out.getvalue())


# --- untagged PDF through reportlab ----------------------------------------------------------


def paper_flowables(paper: Paper) -> list[Any]:
    """The paper as reportlab flowables (no tags: reportlab's open-source edition has none)."""
    from reportlab.platypus import ListFlowable, ListItem, Paragraph, Spacer

    from transition_planner.reports.style import FONT, TEXT_WIDTH, styles, table

    st = styles()

    def para(text: str, style: str = "body") -> Paragraph:
        return Paragraph(escape(text), st[style])

    def flow(block: Block) -> list[Any]:
        if isinstance(block, Para):
            return [para(block.text)]
        if isinstance(block, Numbered):
            return [
                ListFlowable(
                    [ListItem(para(t)) for t in block.items],
                    bulletType="1",
                    leftIndent=14,
                    bulletFontName=FONT,
                    bulletFontSize=8.5,
                )
            ]
        return [
            table(
                [escape(h) for h in block.header],
                [[escape(c) for c in row] for row in block.rows],
                [TEXT_WIDTH * w for w in block.widths],
                numeric=block.numeric,
            )
        ]

    out: list[Any] = []
    if paper.head is not None:
        out += [*flow(paper.head), Spacer(1, 6)]
    out.append(para(paper.title, "title"))
    for section in paper.sections:
        out.append(para(section.heading, "h1"))
        for block in section.blocks:
            out += flow(block)
    return out
