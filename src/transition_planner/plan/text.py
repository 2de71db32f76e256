"""Text that ends up in papers: names and titles with no control characters.

A vertical tab (U+000B) pasted from Word, or any other C0/C1 control character, cannot be
stored in an XLSX cell and garbles CSV, PDF and calendar files; it is refused when the plan is
checked, at the cell or line it came from, rather than after an hour of solving.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator

# Tab, line feed and carriage return are allowed in free text (YAML folds them); the other
# C0 controls, DEL and the C1 controls are not.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_CONTROL_OR_BREAK = re.compile(r"[\x00-\x1f\x7f-\x9f]")


_NAMES = {
    0x00: "NULL",
    0x09: "CHARACTER TABULATION",
    0x0A: "LINE FEED",
    0x0B: "LINE TABULATION",
    0x0C: "FORM FEED",
    0x0D: "CARRIAGE RETURN",
    0x1B: "ESCAPE",
    0x7F: "DELETE",
}


def _describe(ch: str) -> str:
    name = _NAMES.get(ord(ch))
    return f"U+{ord(ch):04X} ({name})" if name else f"U+{ord(ch):04X}"


def _check(text: str, pattern: re.Pattern[str]) -> str:
    found = pattern.search(text)
    if found is not None:
        where = found.start() + 1
        raise ValueError(
            f"contains the control character {_describe(found.group())} at character {where}; "
            "retype it as plain text (it often comes from a copy and paste out of Word)"
        )
    return text


def single_line(text: str) -> str:
    """A name or title: no control characters, not even a tab or line break."""
    return _check(text, _CONTROL_OR_BREAK)


def free_text(text: str) -> str:
    """Narrative text: line breaks and tabs allowed, other control characters refused."""
    return _check(text, _CONTROL)


Name = Annotated[str, AfterValidator(single_line)]
"""A name, title or label printed in the papers."""

Text = Annotated[str, AfterValidator(free_text)]
"""Narrative text printed in the papers."""
