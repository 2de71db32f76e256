"""CSV bytes as councils' spreadsheets save them -> rows of text, or one located refusal.

Excel saves "CSV UTF-8" (UTF-8 with a byte-order mark), "CSV (Comma delimited)" (Windows-1252 on
Windows: '£' is byte 0xA3) and "Unicode Text" (UTF-16 with a byte-order mark, tab-separated).
UTF-8 is tried first because Windows-1252 decodes almost any bytes: a file is read as
Windows-1252 only when it holds no UTF-8 sequences at all and no sign of another 8-bit encoding,
so that a mixed or Mac Roman file is refused rather than read with wrong letters.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass
from typing import Any

from transition_planner.plan.input_files import clip

SAVE_AS = "save it from Excel as 'CSV UTF-8 (Comma delimited)'"

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
# Windows-1252 punctuation at 0x80-0x9F that is no letter: between two letters it is almost
# always another encoding's letter (Mac Roman 'â' is 0x89, Windows-1252 '‰': 'Si‰n').
# The curly apostrophe (O’Brien) is left out on purpose.
_SUSPECT = re.compile(r"[^\W\d_][€‚„…†‡ˆ‰‹›•–—˜™][^\W\d_]")
_SEPARATORS = {";": "';'", "\t": "tabs", "|": "'|'"}


@dataclass
class Refusal(Exception):
    """The file cannot be read as it is: where (row, column) and what to do."""

    line: int | None
    column: int | None
    message: str


def decode(data: bytes) -> tuple[str, str]:
    """The text of a CSV file and the encoding it was read in, or raise Refusal."""
    if data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        kind = "an XLSX workbook" if data.startswith(b"PK") else "an old .xls workbook"
        raise Refusal(
            None, None, f"this is {kind}, not CSV text; {SAVE_AS}, or name the workbook .xlsx"
        )
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), name
            except UnicodeDecodeError as exc:
                row = data[: exc.start].decode(codec, errors="replace").count("\n") + 1
                raise Refusal(
                    row, None, f"the file starts as {name} but is not {name} text here; {SAVE_AS}"
                ) from None
    if b"\x00" in data:
        row = data[: data.index(b"\x00")].count(b"\n") + 1
        raise Refusal(
            row,
            None,
            "the file contains NUL bytes (UTF-16 without a byte-order mark, or not text); "
            + SAVE_AS,
        )
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError as exc:
        bad = exc.start
    row = data[:bad].count(b"\n") + 1
    byte = f"byte 0x{data[bad]:02X}"
    if _UTF8_SEQUENCE.search(data):
        raise Refusal(
            row,
            None,
            f"{byte} is not UTF-8, but the file has UTF-8 text elsewhere (mixed encodings); "
            + SAVE_AS,
        )
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        row = data[: exc.start].count(b"\n") + 1
        raise Refusal(
            row, None, f"byte 0x{data[exc.start]:02X} is neither UTF-8 nor Windows-1252; {SAVE_AS}"
        ) from None
    suspect = _SUSPECT.search(text)
    if suspect:
        row = text[: suspect.start()].count("\n") + 1
        raise Refusal(
            row,
            None,
            f"'{suspect.group()}' looks like letters in an encoding other than UTF-8 or "
            f"Windows-1252 (Mac Roman?); {SAVE_AS}",
        )
    return text, "Windows-1252"


def csv_rows(text: str) -> list[tuple[int, list[Any]]]:
    """Rows of cells, each with the line it starts on (a quoted cell may span lines)."""
    reader = csv.reader(io.StringIO(text, newline=""))
    out: list[tuple[int, list[Any]]] = []
    start = 1
    try:
        for row in reader:
            out.append((start, list(row)))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise Refusal(start, None, f"not readable as CSV: {clip(str(exc), 60)}") from None
    return out


def other_separator(cells: list[Any], known: list[str]) -> str | None:
    """How a header row is separated if not by commas (';', tabs), judged by known names."""
    if len(cells) != 1 or not isinstance(cells[0], str):
        return None
    for sep, name in _SEPARATORS.items():
        names = [part.strip().strip('"') for part in cells[0].split(sep)]
        if sum(part in known for part in names) >= 2:
            return name
    return None
