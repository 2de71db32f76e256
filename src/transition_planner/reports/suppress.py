"""Small-number suppression for published figures (docs/practice.md).

Counts from 1 to ``below - 1`` read "fewer than N". Where a breakdown has a suppressed cell,
the other cells and the total are rounded to the nearest 5, so no cell can be recovered by
subtraction.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


def count(n: int, below: int) -> str:
    if n == 0:
        return "0"
    return f"fewer than {below}" if n < below else f"{n:,}"


def about(n: int, below: int) -> str:
    if 0 < n < below:
        return f"fewer than {below}"
    return f"about {5 * round(n / 5):,}" if n else "0"


@dataclass(frozen=True)
class Breakdown:
    cells: dict[str, str]
    total: str
    suppressed: bool


def breakdown(counts: Mapping[str, int], below: int, *, rounded: bool = False) -> Breakdown:
    """Cells and total of ``counts`` as they may be published. ``rounded``: round them even
    without a small cell, because they add up to a figure published rounded elsewhere."""
    total = sum(counts.values())
    if not rounded and not any(0 < n < below for n in counts.values()):
        return Breakdown(
            {k: count(n, below) for k, n in counts.items()}, count(total, below), False
        )
    return Breakdown({k: about(n, below) for k, n in counts.items()}, about(total, below), True)


@dataclass(frozen=True)
class Family:
    """Breakdowns of one population (people by pathway and by cohort, say), published
    together: its total reads the same in every place it appears."""

    total: str
    parts: dict[str, Breakdown]
    rounded: bool


def family(total: int, parts: Mapping[str, Mapping[str, int]], below: int) -> Family:
    """If any breakdown of the population has a small cell, every breakdown and the total are
    rounded, so no figure is exact in one place and rounded in another (where it could be
    recovered by subtraction)."""
    small = any(0 < n < below for counts in parts.values() for n in counts.values())
    small = small or 0 < total < below
    shown = {name: breakdown(counts, below, rounded=small) for name, counts in parts.items()}
    return Family(about(total, below) if small else count(total, below), shown, small)
