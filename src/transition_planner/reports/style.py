"""Fonts, paragraph styles, page furniture and formatting shared by the PDF reports."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Table, TableStyle
from reportlab.platypus.doctemplate import ActionFlowable

from transition_planner.plan.money import format_pounds

FONT = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
PAGE_WIDTH: float = float(A4[0])
MARGIN: float = float(18 * mm)
TEXT_WIDTH: float = PAGE_WIDTH - 2 * MARGIN
INK = colors.HexColor("#1f2933")
ACCENT = colors.HexColor("#1d4e89")
LIGHT = colors.HexColor("#e6ecf3")
WARN = colors.HexColor("#b23a48")
# rows built into a table at a time (doubled while they all fit the space left)
CHUNK = 64


@cache
def register_fonts() -> None:
    """Embed DejaVu Sans (shipped with the package) so £ and accented names always render."""
    folder = resources.files("transition_planner") / "reports" / "fonts"
    for name, file in ((FONT, "DejaVuSans.ttf"), (BOLD, "DejaVuSans-Bold.ttf")):
        with resources.as_file(folder / file) as path:
            pdfmetrics.registerFont(TTFont(name, str(path)))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=FONT, boldItalic=BOLD)
    # Every chart drawing starts from these defaults and sets their font on the page even when
    # each string names its own, so the default Helvetica would be listed, never embedded.
    from reportlab.graphics.shapes import STATE_DEFAULTS

    STATE_DEFAULTS["fontName"] = FONT


def styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    base = ParagraphStyle(
        "body", fontName=FONT, fontSize=9, leading=12, textColor=INK, spaceAfter=3
    )
    return {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=8, leading=10),
        "cell": ParagraphStyle("cell", parent=base, fontSize=7.5, leading=9.5, alignment=TA_LEFT),
        "title": ParagraphStyle(
            "title", parent=base, fontName=BOLD, fontSize=20, leading=25, textColor=ACCENT
        ),
        "h1": ParagraphStyle(
            "h1",
            parent=base,
            fontName=BOLD,
            fontSize=12,
            leading=15,
            spaceBefore=7,
            spaceAfter=4,
            textColor=ACCENT,
            keepWithNext=1,
        ),
        "h2": ParagraphStyle(
            "h2",
            parent=base,
            fontName=BOLD,
            fontSize=10.5,
            leading=14,
            spaceBefore=7,
            spaceAfter=3,
            keepWithNext=1,
        ),
    }


def money(amount: int | Decimal | None) -> str:
    if amount is None:
        return "n/a"
    return format_pounds(amount)


def day(value: date | None) -> str:
    return "" if value is None else value.strftime("%-d %b %Y")


def table(
    header: Sequence[str],
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float] | None = None,
    *,
    numeric: Sequence[int] = (),
    chunk: int = CHUNK,
) -> Flowable:
    """A table whose header repeats on every page it runs over."""
    st = styles()
    head = [Paragraph(f"<b>{h}</b>", st["cell"]) for h in header]
    body = [[Paragraph(str(c), st["cell"]) for c in row] for row in rows]
    commands: list[tuple[Any, ...]] = [
        # Cells hold Paragraphs, but the table sets its own font first: Helvetica by default,
        # which is never embedded.
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("BACKGROUND", (0, 0), (-1, 0), LIGHT),
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, ACCENT),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.HexColor("#c9d2dc")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    commands += [("ALIGN", (i, 1), (i, -1), "RIGHT") for i in numeric]
    if len(body) > chunk:
        return LongRows(head, body, widths, commands, chunk)
    return _table([head, *body], widths, commands)


def _table(
    data: list[list[Paragraph]], widths: Sequence[float] | None, commands: list[tuple[Any, ...]]
) -> Table:
    t = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    t.setStyle(TableStyle(commands))
    return t


class LongRows(Flowable):  # type: ignore[misc]
    """A table of many rows that builds only the next ``chunk`` of them at each page break.

    reportlab splits a Table by building a new one from every row still to come, so a table
    of n rows over n / 40 pages costs n^2 / 40 row set-ups (a minute at 20,000 people). The
    pages hold the same rows as the one-Table layout (whose repeated header also got the first
    body row's rule drawn over its own).
    """

    def __init__(
        self,
        head: list[Paragraph],
        body: list[list[Paragraph]],
        widths: Sequence[float] | None,
        commands: list[tuple[Any, ...]],
        chunk: int,
    ) -> None:
        super().__init__()
        self.head, self.body, self.widths, self.commands = head, body, widths, commands
        self.chunk = chunk
        self.hAlign = "LEFT"
        self._part = _table([head, *body[:chunk]], widths, commands)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if len(self.body) > self.chunk and self.widths is not None:
            # rows not yet built: taller than any frame, so the frame asks for a split
            width, height = float(sum(self.widths)), availHeight + 1
        else:
            width, height = self._part.wrap(availWidth, availHeight)
            if len(self.body) > self.chunk:
                height = max(height, availHeight) + 1
        self.width, self.height = width, height
        return width, height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        size, part = self.chunk, self._part
        while True:
            parts = part.split(availWidth, availHeight)
            if not parts or len(self.body) <= size:
                return list(parts)
            if len(parts) == 2:
                break
            # the whole chunk fits the space left: build more rows, or the next chunk would
            # start with its own header in mid-page
            size *= 2
            part = _table([self.head, *self.body[:size]], self.widths, self.commands)
        first = parts[0]
        done = len(first._cellvalues) - 1  # less the repeated header row
        rest = LongRows(self.head, self.body[done:], self.widths, self.commands, self.chunk)
        return [first, rest]

    def draw(self) -> None:
        self._part.drawOn(self.canv, 0, 0)


class StartMarking(ActionFlowable):  # type: ignore[misc]
    """Put in a story before sensitive rows: the page it falls on and every page after it
    carry the document's protective marking in the header and footer."""

    def apply(self, doc: Any) -> None:
        doc.marked = True


class _Document(SimpleDocTemplate):  # type: ignore[misc]
    """A4 pages that can carry a protective marking from a StartMarking on."""

    marking: str | None = None
    marked = False

    def afterPage(self) -> None:
        if not (self.marked and self.marking):
            return
        canvas = self.canv
        canvas.saveState()
        canvas.setFont(BOLD, 9)
        canvas.setFillColor(WARN)
        canvas.drawCentredString(PAGE_WIDTH / 2, A4[1] - 10 * mm, self.marking)
        canvas.drawCentredString(PAGE_WIDTH / 2, 14 * mm, self.marking)
        canvas.restoreState()


def build_pdf(story: list[Any], title: str, footer: str, marking: str | None = None) -> bytes:
    """Render ``story`` on A4 with page numbers; the same story gives the same bytes.
    ``marking`` (e.g. OFFICIAL-SENSITIVE) heads and foots each page from a StartMarking on."""
    import io

    register_fonts()
    rl_config.invariant = 1
    out = io.BytesIO()

    def furniture(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 7.5)
        canvas.setFillColor(colors.grey)
        canvas.drawString(MARGIN, 10 * mm, footer)
        canvas.drawRightString(PAGE_WIDTH - MARGIN, 10 * mm, f"Page {doc.page}")
        canvas.restoreState()

    doc = _Document(
        out,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=title,
        author="transition-planner",
        creator="transition-planner",
        invariant=1,
        lang="en-GB",
        # The canvas starts in Helvetica, which is never embedded; start it in DejaVu Sans.
        initialFontName=FONT,
    )
    doc.marking = marking
    doc.build(story, onFirstPage=furniture, onLaterPages=furniture)
    return out.getvalue()
