"""Small counts are suppressed and cannot be recovered from the totals."""

from __future__ import annotations

import pytest

from transition_planner.reports.suppress import breakdown, count


@pytest.mark.parametrize(
    ("n", "below", "shown"),
    [
        (0, 5, "0"),
        (1, 5, "fewer than 5"),
        (4, 5, "fewer than 5"),
        (5, 5, "5"),
        (1234, 5, "1,234"),
        (9, 10, "fewer than 10"),
    ],
)
def test_count(n: int, below: int, shown: str) -> None:
    assert count(n, below) == shown


def test_a_breakdown_without_small_cells_is_exact() -> None:
    b = breakdown({"redundant": 33, "redeployed": 6, "VR": 5}, 5)
    assert (b.cells, b.total, b.suppressed) == (
        {"redundant": "33", "redeployed": "6", "VR": "5"},
        "44",
        False,
    )


def test_a_suppressed_cell_rounds_its_neighbours_and_the_total() -> None:
    # 44 at risk and 3 vacancies: "47 posts, 44 at risk" would give the 3 away.
    b = breakdown({"at risk": 44, "vacancies deleted": 3}, 5)
    assert (b.cells, b.total) == (
        {"at risk": "about 45", "vacancies deleted": "fewer than 5"},
        "about 45",
    )
