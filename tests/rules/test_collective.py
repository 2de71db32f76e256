"""TULRCA s.188: proposed dismissals at one establishment counted within 90 days."""

from __future__ import annotations

from datetime import date

import pytest

from transition_planner.rules import RulesError
from transition_planner.rules.collective import DatedProposal, group_proposals

D = date.fromisoformat


def _p(id: str, day: str, count: int, site: str = "A") -> DatedProposal:
    return DatedProposal(id, site, D(day), count)


@pytest.mark.parametrize(
    ("proposals", "rounds"),
    [
        # 10 + 15 within 90 days (1 Jan and 21 Mar, day 79): one round of 25 -> 30 days
        ([_p("a", "2025-01-01", 10), _p("b", "2025-03-21", 15)],
         [("2025-01-01", 25, 30, "2024-12-02")]),
        # 1 Apr is day 90, outside 1 Jan's 90-day period (1 Jan - 31 Mar): counted apart
        ([_p("a", "2025-01-01", 10), _p("b", "2025-04-01", 15)],
         [("2025-01-01", 10, None, None), ("2025-04-01", 15, None, None)]),
        # no 20 in 1 Jan - 31 Mar (15), but 5 on 2 Mar + 15 on 1 May (day 60) make 20 in
        # 2 Mar - 30 May: that round is collective; the 10 on 1 Jan are not
        ([_p("a", "2025-01-01", 10), _p("b", "2025-03-02", 5), _p("c", "2025-05-01", 15)],
         [("2025-01-01", 10, None, None), ("2025-03-02", 20, 30, "2025-01-31")]),
        # 100 or more: 45 days (s.188(1A)(a))
        ([_p("a", "2025-01-01", 20), _p("b", "2025-02-01", 80)],
         [("2025-01-01", 100, 45, "2024-11-17")]),
        # s.188(3): 30 already in consultation are not counted again with the 15 on 1 May
        ([_p("a", "2025-01-01", 20), _p("b", "2025-03-01", 10), _p("c", "2025-05-01", 15)],
         [("2025-01-01", 30, 30, "2024-12-02"), ("2025-05-01", 15, None, None)]),
        # a later round of its own: 20 on 1 Jan, 25 on 1 Jun
        ([_p("a", "2025-06-01", 25), _p("b", "2025-01-01", 20)],
         [("2025-01-01", 20, 30, "2024-12-02"), ("2025-06-01", 25, 30, "2025-05-02")]),
    ],
)  # fmt: skip
def test_group_proposals(
    proposals: list[DatedProposal], rounds: list[tuple[str, int, int | None, str | None]]
) -> None:
    found = group_proposals(proposals)
    got = [
        (
            r.first_dismissal,
            r.dismissals,
            r.consultation.days if r.consultation else None,
            r.consultation.latest_start if r.consultation else None,
        )
        for r in found
    ]
    assert got == [
        (D(first), n, days, D(latest) if latest else None) for first, n, days, latest in rounds
    ]
    assert sum(r.dismissals for r in found) == sum(p.count for p in proposals)


def test_establishments_are_counted_apart() -> None:
    found = group_proposals([_p("a", "2025-01-01", 15, "A"), _p("b", "2025-01-01", 15, "B")])
    assert [(r.establishment, r.dismissals, r.consultation) for r in found] == [
        ("A", 15, None),
        ("B", 15, None),
    ]


def test_counts_must_be_positive() -> None:
    with pytest.raises(RulesError, match="count"):
        group_proposals([_p("a", "2025-01-01", 0)])
