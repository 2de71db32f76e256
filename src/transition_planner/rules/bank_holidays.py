"""UK bank holidays by region, from the maintained ``holidays`` package.

Regions are GOV.UK's three divisions: England and Wales, Scotland, Northern Ireland
(``holidays.country_holidays("GB", subdiv=...)`` with subdivisions ENG, SCT and NIR; WLS gives
the same days as ENG). Bank holidays are the days the holiday is taken: a holiday falling on a
weekend is replaced by its substitute weekday ("(observed)" in ``holidays``), as in GOV.UK's
published list, and one-off holidays (VE Day 2020, the 2022 jubilee and state funeral, the
2023 coronation) are included. See docs/law.md.
"""

from __future__ import annotations

from datetime import date

from transition_planner.plan.calendar import REGIONS, Region, region_bank_holidays
from transition_planner.rules.periods import RulesError

__all__ = ["REGIONS", "Region", "bank_holidays"]


def bank_holidays(region: Region, first_year: int, last_year: int) -> set[date]:
    """Bank holiday dates in ``region`` for the calendar years ``first_year``..``last_year``
    (both included), substitute days included and the weekend days they replace left out.

    Source: the Banking and Financial Dealings Act 1971 Sch. 1 and royal proclamations, as
    kept by the ``holidays`` package; checked against GOV.UK's published dates in
    tests/rules. Raises RulesError for an unknown region or ``last_year < first_year``.
    """
    if region not in REGIONS:
        raise RulesError(f"unknown region {region!r} (use one of {', '.join(REGIONS)})")
    if last_year < first_year:
        raise RulesError(f"no years from {first_year} to {last_year}")
    return {
        d for year in range(first_year, last_year + 1) for d in region_bank_holidays(region, year)
    }
