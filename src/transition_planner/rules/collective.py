"""Counting proposed redundancies together for collective consultation (TULRCA 1992 s.188).

s.188(1): consultation is required where an employer proposes to dismiss as redundant 20 or
more employees at one establishment "within a period of 90 days or less"; s.188(3): employees
whose proposed dismissals are already being consulted on are not counted again. So proposals
are counted over the dates the dismissals would take effect, per establishment: the first
90-day period (its first day and 89 more) holding 20 or more not-yet-consulted dismissals is a
round, consulted on together; later proposals are counted again, separately. See docs/law.md.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from transition_planner.rules.employment import Consultation, collective_consultation, rates
from transition_planner.rules.periods import RulesError


@dataclass(frozen=True)
class DatedProposal:
    """``count`` proposed redundancy dismissals at ``establishment`` taking effect on
    ``dismissal_date``."""

    id: str
    establishment: str
    dismissal_date: date
    count: int = 1


@dataclass(frozen=True)
class ProposalRound:
    """Proposals counted together; ``consultation`` is None below the threshold (individual
    consultation only)."""

    establishment: str
    first_dismissal: date
    last_dismissal: date
    proposals: tuple[DatedProposal, ...]
    dismissals: int
    consultation: Consultation | None


def group_proposals(proposals: Iterable[DatedProposal]) -> list[ProposalRound]:
    """Group dated proposals into s.188 rounds, per establishment, sorted by establishment
    and first dismissal.

    Repeatedly, the earliest 90-day period holding 20 or more not-yet-grouped dismissals
    becomes a collective round (30 or 45 days' consultation, per ``rates.yaml``). What is left
    never reaches 20 in any 90 days; it is reported in 90-day rounds from its earliest date,
    without collective consultation. Raises RulesError for a count below 1.
    """
    r = rates()
    threshold = r.consultation[0][0]
    span = timedelta(days=r.consultation_window_days - 1)
    by_site: dict[str, list[DatedProposal]] = defaultdict(list)
    for p in proposals:
        if p.count < 1:
            raise RulesError(f"proposal {p.id}: count must be at least 1 (got {p.count})")
        by_site[p.establishment].append(p)
    rounds: list[ProposalRound] = []
    for site, items in sorted(by_site.items()):
        left = sorted(items, key=lambda p: (p.dismissal_date, p.id))
        while (window := _first_window(left, threshold, span)) is not None:
            i, j = window
            rounds.append(_round(site, left[i:j], collective=True))
            left = left[:i] + left[j:]
        while left:
            end = left[0].dismissal_date + span
            j = next((k for k, p in enumerate(left) if p.dismissal_date > end), len(left))
            rounds.append(_round(site, left[:j], collective=False))
            left = left[j:]
    return sorted(rounds, key=lambda g: (g.establishment, g.first_dismissal))


def _first_window(
    items: list[DatedProposal], threshold: int, span: timedelta
) -> tuple[int, int] | None:
    """Indices [i, j) of the earliest-starting 90-day period with ``threshold`` dismissals."""
    j, total = 0, 0
    for i, first in enumerate(items):
        while j < len(items) and items[j].dismissal_date <= first.dismissal_date + span:
            total += items[j].count
            j += 1
        if total >= threshold:
            return i, j
        total -= first.count
    return None


def _round(site: str, items: list[DatedProposal], *, collective: bool) -> ProposalRound:
    dismissals = sum(p.count for p in items)
    first = items[0].dismissal_date
    return ProposalRound(
        site,
        first,
        items[-1].dismissal_date,
        tuple(items),
        dismissals,
        collective_consultation(dismissals, first) if collective else None,
    )
