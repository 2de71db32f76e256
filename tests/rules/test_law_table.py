"""Issue 14, "exact to the day and the penny": one table per rule, each row worked by hand
from the statute or a published example, its source in the comment.

Conventions (docs/law.md): service counts both its first and last day (ERA 1996 s.211);
notice runs from the day after it is given (West v Kneels [1987] ICR 146); months run to the
corresponding date or the month's last day when there is none (Dodds v Walker [1981] 1 WLR
1027).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from transition_planner.rules import (
    Period,
    complete_years,
    last_day_to_serve,
    notice_end,
    redundancy_weeks,
    statutory_notice_weeks,
    statutory_redundancy_pay,
    statutory_redundancy_weeks,
    termination_dates,
    weekly_pay_cap,
)
from transition_planner.rules.periods import whole_years_between

D = date.fromisoformat
M = lambda n: Period(n, "m")  # noqa: E731
W = lambda n: Period(n, "w")  # noqa: E731

# --- notice: the longer of ERA s.86(1) and the contract ---------------------------------------

NOTICE = [
    # (start, notice given, contract, statutory weeks, notice ends = leaving date)
    # s.86(1)(b): 4 complete years on 3 Mar 2025 (4th ends 3 Mar) -> 4 weeks from Mon 3 Mar
    ("2021-03-04", "2025-03-03", None, 4, "2025-03-31"),
    # s.86(1)(b): still 4 complete years though the 5th anniversary (6 Mar) is 3 days later
    ("2020-03-06", "2025-03-03", None, 4, "2025-03-31"),
    # s.86(1)(b): the 5th year completes on 3 Mar 2025 itself -> 5 weeks
    ("2020-03-04", "2025-03-03", None, 5, "2025-04-07"),
    # s.86(1): under one month (10 Feb - 8 Mar) -> no statutory notice
    ("2025-02-10", "2025-03-08", None, 0, "2025-03-08"),
    # s.86(1)(a): one month on 9 Mar (10 Feb - 9 Mar) -> 1 week
    ("2025-02-10", "2025-03-09", None, 1, "2025-03-16"),
    # s.86(1)(a): 1 year 11 months -> 1 week
    ("2023-04-01", "2025-03-01", None, 1, "2025-03-08"),
    # s.86(1)(b): two complete years on 1 Mar 2025 -> 2 weeks
    ("2023-03-02", "2025-03-01", None, 2, "2025-03-15"),
    # s.86(1)(b): a day short of 12 years -> 11 weeks (77 days)
    ("2013-03-03", "2025-03-01", None, 11, "2025-05-17"),
    # s.86(1)(c): 12 years -> 12 weeks (84 days)
    ("2013-03-02", "2025-03-01", None, 12, "2025-05-24"),
    # s.86(1)(c): 30 years -> still 12 weeks
    ("1995-01-01", "2025-03-01", None, 12, "2025-05-24"),
    # Dodds v Walker: 2 months from 31 Dec 2022 end 28 Feb 2023 (statutory: 3 weeks)
    ("2020-01-01", "2022-12-31", M(2), 3, "2023-02-28"),
    # corresponding date missing -> the month's last day: 31 Jan 2024 + 1 month = 29 Feb (leap)
    ("2022-06-01", "2024-01-31", M(1), 1, "2024-02-29"),
    # ... and 28 Feb in a common year
    ("2022-01-01", "2025-01-31", M(1), 3, "2025-02-28"),
    # a corresponding date exists: 28 Feb + 1 month = 28 Mar, not the month's end
    ("2022-01-01", "2025-02-28", M(1), 3, "2025-03-28"),
    # 29 Feb 2024 + 1 month = 29 Mar 2024
    ("2021-01-01", "2024-02-29", M(1), 3, "2024-03-29"),
    # 30 Nov 2024 + 3 months: no 30 Feb -> 28 Feb 2025
    ("2022-01-01", "2024-11-30", M(3), 2, "2025-02-28"),
    # 31 Mar + 1 month: no 31 Apr -> 30 Apr
    ("2022-01-01", "2025-03-31", M(1), 3, "2025-04-30"),
    # 30 Apr + 1 month = 30 May (corresponding date; not 31 May)
    ("2022-01-01", "2025-04-30", M(1), 3, "2025-05-30"),
    # 31 May + 1 month -> 30 Jun
    ("2022-01-01", "2025-05-31", M(1), 3, "2025-06-30"),
    # 31 Jul + 2 months -> 30 Sep
    ("2022-01-01", "2025-07-31", M(2), 3, "2025-09-30"),
    # 31 Aug + 1 month -> 30 Sep
    ("2022-01-01", "2025-08-31", M(1), 3, "2025-09-30"),
    # 31 Oct + 3 months -> 31 Jan (a corresponding date exists)
    ("2022-01-01", "2025-10-31", M(3), 3, "2026-01-31"),
    # 31 Dec 2025 + 1 month -> 31 Jan 2026; service 1 Jan 2022 - 31 Dec 2025 = 4 years
    ("2022-01-01", "2025-12-31", M(1), 4, "2026-01-31"),
    # 29 Feb 2024 + 12 months -> 28 Feb 2025
    ("2021-01-01", "2024-02-29", M(12), 3, "2025-02-28"),
    # weeks are 7 days each: 4 weeks from Fri 31 Jan 2025 -> Fri 28 Feb (statutory 3 weeks)
    ("2022-01-01", "2025-01-31", W(4), 3, "2025-02-28"),
    # statutory 12 weeks beats a 1-month contract: 3 Mar + 84 days = 26 May
    ("2010-01-01", "2025-03-03", M(1), 12, "2025-05-26"),
    # a 13-week contract beats the statutory 12: 6 Jan + 91 days = 7 Apr
    ("2000-01-01", "2025-01-06", W(13), 12, "2025-04-07"),
]


@pytest.mark.parametrize(("start", "given", "contract", "weeks", "end"), NOTICE)
def test_notice_end(start: str, given: str, contract: Period | None, weeks: int, end: str) -> None:
    assert statutory_notice_weeks(D(start), D(given)) == weeks
    assert notice_end(D(start), D(given), contract) == D(end)


# --- relevant date with and without pay in lieu (ERA s.145) -----------------------------------

TERMINATION = [
    # (start, notice given, contract, pay in lieu, leaving date, relevant date)
    # worked: s.145(2)(a) the notice's expiry; 10 years -> 10 weeks from 3 Mar 2025
    ("2015-01-01", "2025-03-03", None, False, "2025-05-12", "2025-05-12"),
    # PILON: s.145(2)(b) leaves the day notice is given; s.145(5) relevant date + 10 weeks
    ("2015-01-01", "2025-03-03", None, True, "2025-03-03", "2025-05-12"),
    # PILON with a 3-month contract: only the statutory minimum extends it (s.145(5))
    ("2015-01-01", "2025-03-03", M(3), True, "2025-03-03", "2025-05-12"),
    # worked 3-month contract: leaves, and relevant date, 3 Jun 2025
    ("2015-01-01", "2025-03-03", M(3), False, "2025-06-03", "2025-06-03"),
    # PILON, 1 year 11 months -> 1 week: relevant date 10 Mar 2025 gives two years (s.155)
    ("2023-03-08", "2025-03-03", None, True, "2025-03-03", "2025-03-10"),
    # PILON under a month's service: no statutory notice, nothing to extend
    ("2025-02-10", "2025-03-08", None, True, "2025-03-08", "2025-03-08"),
]


@pytest.mark.parametrize(("start", "given", "contract", "pilon", "leaves", "relevant"), TERMINATION)
def test_termination_dates(
    start: str, given: str, contract: Period | None, pilon: bool, leaves: str, relevant: str
) -> None:
    t = termination_dates(D(start), D(given), contract, pay_in_lieu=pilon)
    assert (t.leaving_date, t.relevant_date, t.pay_in_lieu) == (D(leaves), D(relevant), pilon)


def test_pay_in_lieu_can_make_someone_qualify() -> None:
    # ERA s.145(5) applies for s.155: 1 year on 3 Mar 2025, 2 years on the relevant date
    t = termination_dates(D("2023-03-08"), D("2025-03-03"), pay_in_lieu=True)
    assert complete_years(D("2023-03-08"), t.leaving_date) == 1
    assert complete_years(D("2023-03-08"), t.relevant_date) == 2


# --- age weighting (ERA s.162(2): the age held throughout each year) --------------------------

WEIGHTING = [
    # (date of birth, relevant date, complete years, s.162 weeks, GOV.UK ready reckoner weeks)
    # the brief's example: 41 throughout 10 Jun 2016 - 9 Jun 2017 -> 1.5 + 1.0 (GOV.UK: 1 + 1)
    ("1975-06-10", "2017-06-09", 2, "2.5", "2"),
    # two days before the birthday: the final year began aged 40 -> 1 + 1
    ("1975-06-10", "2017-06-08", 2, "2", "2"),
    # on the birthday: both ways 1.5 + 1.0
    ("1975-06-10", "2017-06-10", 2, "2.5", "2.5"),
    # 22 edge: year from 20 May 2022 spent wholly at 22 -> 1 + 0.5 + 0.5 (GOV.UK 3 x 0.5)
    ("2000-05-20", "2023-05-19", 3, "2", "1.5"),
    # a day earlier the final year began at 21 -> 3 x 0.5
    ("2000-05-20", "2023-05-18", 3, "1.5", "1.5"),
    # 29 Feb birthday, 28 Feb relevant date in a common year: 41 from 1 Mar 2017, so the year
    # 1 Mar 2017 - 28 Feb 2018 is wholly at 41 -> 1.5 + 1.0 (GOV.UK: age 41, 1 + 1)
    ("1976-02-29", "2018-02-28", 2, "2.5", "2"),
    # a day earlier the year began 28 Feb 2017, aged 40 -> 1 + 1
    ("1976-02-29", "2018-02-27", 2, "2", "2"),
    # 42nd birthday tomorrow, 5 years: years began at 41, 40, 39, 38, 37 -> 1.5 + 4
    ("1983-08-10", "2025-08-09", 5, "5.5", "5"),
    # the 20-year limit (s.162(3)): 25 years counted as 20, began at 64..45 -> 20 x 1.5
    ("1960-01-01", "2025-06-30", 25, "30", "30"),
    # 20-year limit at the 22 band: 41st birthday tomorrow, years began at 40..21
    # -> 19 x 1.0 + 0.5 (GOV.UK: age 40, a = 39..20 -> 18 + 2 x 0.5)
    ("1984-07-01", "2025-06-30", 24, "19.5", "19"),
    # the 2-year limit (s.155): one year -> nothing
    ("1980-01-01", "2025-06-30", 1, "0", "0"),
    # exactly two years at 44 and 43 -> 2 x 1.5
    ("1980-01-01", "2025-06-30", 2, "3", "3"),
    # years under 18 count since 2006: began at 19, 18, 17, 16 -> 4 x 0.5
    ("2005-09-01", "2025-08-31", 4, "2", "2"),
    # GOV.UK worked example (DOMAIN.md 1.1): 45 with 14 years -> 16 weeks, no birthday near
    ("1975-09-01", "2021-03-01", 14, "16", "16"),
    # GOV.UK worked example: 25 with 6 years -> 4.5 weeks
    ("1998-05-05", "2023-10-10", 6, "4.5", "4.5"),
]


@pytest.mark.parametrize(("dob", "relevant", "years", "weeks", "reckoner"), WEIGHTING)
def test_age_weighting(dob: str, relevant: str, years: int, weeks: str, reckoner: str) -> None:
    assert redundancy_weeks(D(dob), D(relevant), years) == Decimal(weeks)
    age = whole_years_between(D(dob), D(relevant))
    assert statutory_redundancy_weeks(age, years) == Decimal(reckoner)


def test_redundancy_pay_follows_the_statute_not_the_reckoner() -> None:
    # Born 10 Jun 1975, started 10 Jun 2007, relevant date 9 Jun 2017: 10 complete years
    # (s.211), years began at 41, 40..32 -> 1.5 + 9 = 10.5 weeks x £489 cap (6 Apr 2017,
    # SI 2017/175) = £5,134.50; the ready reckoner would give 10 weeks = £4,890.
    srp = statutory_redundancy_pay(D("2007-06-10"), D("1975-06-10"), D("2017-06-09"), 500)
    assert (srp.years, srp.weeks, srp.cap) == (10, Decimal("10.5"), Decimal(489))
    assert srp.amount == Decimal("5134.50")


# --- weekly pay cap either side of each 6 April (ERA s.227; Increase of Limits Orders) ---------

CAPS = [
    ("2015-04-06", 475),  # SI 2015/226
    ("2016-04-05", 475),
    ("2016-04-06", 479),  # 2016 Order
    ("2017-04-05", 479),
    ("2017-04-06", 489),  # SI 2017/175
    ("2018-04-05", 489),
    ("2018-04-06", 508),  # SI 2018/194
    ("2019-04-05", 508),
    ("2019-04-06", 525),  # 2019 Order
    ("2020-04-05", 525),
    ("2020-04-06", 538),  # SI 2020/205
    ("2021-04-05", 538),
    ("2021-04-06", 544),  # 2021 Order
    ("2022-04-05", 544),
    ("2022-04-06", 571),  # 2022 Order
    ("2023-04-05", 571),
    ("2023-04-06", 643),  # 2023 Order
    ("2024-04-05", 643),
    ("2024-04-06", 700),  # 2024 Order
    ("2025-04-05", 700),
    ("2025-04-06", 719),  # 2025 Order
    ("2026-04-05", 719),
    ("2026-04-06", 751),  # SI 2026/310
]


@pytest.mark.parametrize(("on", "cap"), CAPS)
def test_cap_either_side_of_6_april(on: str, cap: int) -> None:
    assert weekly_pay_cap(D(on)) == Decimal(cap)


# --- lease break: the last day to serve n months' notice --------------------------------------

LEASE = [
    # (break date, months' notice, last day to serve): latest d with d + n months <= break
    # the brief's example: 31 Aug 2016 + 6 months has no 31 Feb -> 28 Feb 2017
    ("2017-02-28", 6, "2016-08-31"),
    # leap year month-end: 31 Aug 2023 + 6 months -> 29 Feb 2024
    ("2024-02-29", 6, "2023-08-31"),
    # 28 Feb 2024 is not a month-end: 29 Aug 2023 + 6 months = 29 Feb 2024, too late
    ("2024-02-28", 6, "2023-08-28"),
    # 31 Dec 2024 + 6 months -> 30 Jun 2025
    ("2025-06-30", 6, "2024-12-31"),
    # 30 Jun + 3 months = 30 Sep; 1 Jul + 3 = 1 Oct, too late
    ("2025-09-30", 3, "2025-06-30"),
    # 31 Mar + 1 month -> 30 Apr
    ("2025-04-30", 1, "2025-03-31"),
    # 28 Feb + 1 month = 28 Mar, in time; 1 Mar + 1 month = 1 Apr, too late
    ("2025-03-31", 1, "2025-02-28"),
    # 30 Jun + 6 months = 30 Dec, in time; 1 Jul + 6 months = 1 Jan, too late
    ("2025-12-31", 6, "2025-06-30"),
    # quarter day, not a month-end: 25 Sep 2024 + 6 months = 25 Mar 2025
    ("2025-03-25", 6, "2024-09-25"),
    # 12 months before Christmas Day
    ("2025-12-25", 12, "2024-12-25"),
    # 31 Aug + 3 months -> 30 Nov
    ("2025-11-30", 3, "2025-08-31"),
    # 28 Feb 2025 + 12 months = 28 Feb 2026
    ("2026-02-28", 12, "2025-02-28"),
    # 28 Feb 2027 + 12 months = 28 Feb 2028 < 29 Feb; 1 Mar 2027 + 12 = 1 Mar 2028 too late
    ("2028-02-29", 12, "2027-02-28"),
    # no notice needed: the break date itself
    ("2025-05-31", 0, "2025-05-31"),
]


@pytest.mark.parametrize(("break_date", "months", "last"), LEASE)
def test_last_day_to_serve(break_date: str, months: int, last: str) -> None:
    assert last_day_to_serve(D(break_date), months) == D(last)


def test_the_table_has_at_least_60_rows() -> None:
    rows = len(NOTICE) + len(TERMINATION) + len(WEIGHTING) + len(CAPS) + len(LEASE)
    assert rows >= 60


def test_negative_lease_notice_is_rejected() -> None:
    from transition_planner.rules import RulesError

    with pytest.raises(RulesError, match="notice months cannot be negative"):
        last_day_to_serve(D("2025-05-31"), -1)
