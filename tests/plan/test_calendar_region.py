"""programme.calendar.region: bank holidays without typing them (issue 14, item 6)."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from transition_planner.plan.models import Calendar


@pytest.mark.parametrize(
    ("region", "day", "working"),
    [
        # GOV.UK bank holidays: Good Friday 25 March 2016 and Easter Monday 28 March 2016 in
        # England and Wales; Easter Monday is not one in Scotland, 2 January is
        ("england-and-wales", date(2016, 3, 25), False),
        ("england-and-wales", date(2016, 3, 28), False),
        ("scotland", date(2016, 3, 28), True),
        ("scotland", date(2016, 1, 4), False),  # 2 January 2016 was a Saturday: substitute Mon
        ("england-and-wales", date(2016, 1, 4), True),
        # St Patrick's Day, Thursday 17 March 2016, in Northern Ireland only
        ("northern-ireland", date(2016, 3, 17), False),
        ("england-and-wales", date(2016, 3, 17), True),
        # Boxing Day 2020 fell on a Saturday: the substitute is Monday 28 December
        ("england-and-wales", date(2020, 12, 28), False),
        ("none", date(2016, 3, 25), True),
    ],
)
def test_region_adds_its_bank_holidays(region: str, day: date, working: bool) -> None:
    calendar = Calendar.model_validate({"region": region})
    assert calendar.is_move_day(day) is working


def test_england_and_wales_is_the_default_and_own_holidays_still_count() -> None:
    calendar = Calendar.model_validate({"holidays": [date(2016, 3, 29)]})
    assert calendar.region == "england-and-wales"
    assert not calendar.is_move_day(date(2016, 3, 25))  # Good Friday, not typed
    assert not calendar.is_move_day(date(2016, 3, 29))  # the plan's own closure day
    assert calendar.is_move_day(date(2016, 3, 30))


def test_an_unknown_region_is_refused() -> None:
    with pytest.raises(ValidationError, match="region"):
        Calendar.model_validate({"region": "wales"})
