"""Table-driven tests of the statutory rules; every expected value is worked out by hand."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from transition_planner.rules import (
    Period,
    RulesError,
    add_months,
    age_on,
    cap_is_provisional,
    cliff_edges,
    collective_consultation,
    complete_years,
    enhanced_redundancy_pay,
    max_statutory_redundancy_pay,
    notice_period,
    pension_strain_flag,
    relevant_date,
    sae_latest_start,
    statutory_notice_weeks,
    statutory_redundancy_pay,
    statutory_redundancy_weeks,
    strain_minimum_age,
    trial_period_end,
    weekly_pay_cap,
)
from transition_planner.rules.employment import parse_rates, rates

D = date.fromisoformat


# --- dated data ---------------------------------------------------------------------------------


def test_rates_yaml_holds_the_domain_table() -> None:
    caps = [(c.start, c.pounds, c.provisional) for c in rates().caps]
    assert caps == [
        (D("2015-04-06"), Decimal(475), False),
        (D("2016-04-06"), Decimal(479), False),
        (D("2017-04-06"), Decimal(489), False),
        (D("2018-04-06"), Decimal(508), False),
        (D("2019-04-06"), Decimal(525), False),
        (D("2020-04-06"), Decimal(538), False),
        (D("2021-04-06"), Decimal(544), False),
        (D("2022-04-06"), Decimal(571), False),
        (D("2023-04-06"), Decimal(643), False),
        (D("2024-04-06"), Decimal(700), False),
        (D("2025-04-06"), Decimal(719), False),
        (D("2026-04-06"), Decimal(751), False),  # SI 2026/310, in force 6 April 2026
    ]
    assert rates().strain_ages == ((D("2014-04-01"), 55), (D("2028-04-06"), 57))
    assert rates().consultation == ((20, 30), (100, 45))
    assert (rates().trial_period_weeks, rates().sae_window_weeks) == (4, 4)


@pytest.mark.parametrize(
    "raw",
    [
        {},
        {"weekly_pay_cap": [{"from": "2015-04-06", "pounds": 475}]},
        {
            "weekly_pay_cap": [
                {"from": D("2016-04-06"), "pounds": 479},
                {"from": D("2015-04-06"), "pounds": 475},
            ],
            "lgps_strain": {"minimum_membership_years": 2, "minimum_age": [
                {"from": D("2014-04-01"), "age": 55}]},
            "collective_consultation": {"window_days": 90, "thresholds": [
                {"min_dismissals": 20, "days": 30}]},
            "trial_period_weeks": 4,
            "sae_start_window_weeks": 4,
        },
    ],
    ids=["empty", "string-date", "descending"],
)  # fmt: skip
def test_malformed_rates_are_rejected(raw: object) -> None:
    with pytest.raises(RulesError, match=r"rates\.yaml"):
        parse_rates(raw)


@pytest.mark.parametrize(
    ("on", "cap"),
    [
        ("2015-04-06", 475),
        ("2016-04-05", 475),
        ("2016-04-06", 479),
        ("2017-04-05", 479),
        ("2017-04-06", 489),
        ("2018-04-06", 508),
        ("2019-04-06", 525),
        ("2020-04-06", 538),
        ("2021-03-01", 538),  # GOV.UK worked example date: still the 2020 cap
        ("2021-04-05", 538),
        ("2021-04-06", 544),
        ("2021-08-01", 544),
        ("2022-04-06", 571),
        ("2023-04-06", 643),
        ("2024-03-31", 643),  # 31 March / 1 April are not boundaries
        ("2024-04-01", 643),
        ("2024-04-05", 643),
        ("2024-04-06", 700),
        ("2025-03-31", 700),
        ("2025-04-01", 700),
        ("2025-04-05", 700),
        ("2025-04-06", 719),
        ("2026-04-05", 719),
        ("2026-04-06", 751),
        ("2030-01-01", 751),
    ],
)
def test_weekly_pay_cap(on: str, cap: int) -> None:
    assert weekly_pay_cap(D(on)) == Decimal(cap)


def test_no_cap_before_the_table() -> None:
    with pytest.raises(RulesError, match="2015-04-05"):
        weekly_pay_cap(D("2015-04-05"))


@pytest.mark.parametrize("on", ["2025-04-06", "2026-04-05", "2026-04-06", "2027-01-01"])
def test_no_cap_is_provisional(on: str) -> None:
    # The 2026 cap of £751 is in SI 2026/310 (made 16 March 2026): no longer provisional.
    assert cap_is_provisional(D(on)) is False


def test_a_provisional_row_is_still_read() -> None:
    raw = {
        "weekly_pay_cap": [
            {"from": D("2026-04-06"), "pounds": 751},
            {"from": D("2027-04-06"), "pounds": 780, "provisional": True, "note": "announced"},
        ],
        "lgps_strain": {"minimum_membership_years": 2,
                        "minimum_age": [{"from": D("2014-04-01"), "age": 55}]},
        "collective_consultation": {"window_days": 90,
                                    "thresholds": [{"min_dismissals": 20, "days": 30}]},
        "trial_period_weeks": 4,
        "sae_start_window_weeks": 4,
    }  # fmt: skip
    assert [(c.provisional, c.note) for c in parse_rates(raw).caps] == [
        (False, ""),
        (True, "announced"),
    ]


@pytest.mark.parametrize(
    ("on", "maximum"),
    [
        ("2015-04-06", 14250),
        ("2021-04-06", 16320),
        ("2024-04-06", 21000),
        ("2025-04-06", 21570),
        ("2026-04-06", 22530),
    ],
)
def test_max_statutory_redundancy_pay(on: str, maximum: int) -> None:
    assert max_statutory_redundancy_pay(D(on)) == Decimal(maximum)


# --- ages and service ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("dob", "on", "age"),
    [
        ("1980-06-15", "2025-06-14", 44),
        ("1980-06-15", "2025-06-15", 45),
        ("1980-06-15", "1980-06-15", 0),
        ("2000-02-29", "2001-02-28", 0),  # 29 Feb: a year older on 1 March in common years
        ("2000-02-29", "2001-03-01", 1),
        ("2000-02-29", "2004-02-28", 3),
        ("2000-02-29", "2004-02-29", 4),
        ("2000-02-29", "2023-02-28", 22),
        ("2000-02-29", "2023-03-01", 23),
    ],
)
def test_age_on(dob: str, on: str, age: int) -> None:
    assert age_on(D(dob), D(on)) == age


@pytest.mark.parametrize(
    ("start", "end", "years"),
    [
        ("2020-01-01", "2020-01-01", 0),
        ("2020-01-01", "2020-12-30", 0),
        ("2020-01-01", "2020-12-31", 1),  # both days count (ERA s.211)
        ("2020-04-06", "2022-04-04", 1),
        ("2020-04-06", "2022-04-05", 2),
        ("2020-04-06", "2022-04-06", 2),
        ("2020-02-29", "2021-02-27", 0),
        ("2020-02-29", "2021-02-28", 1),
        ("2020-02-29", "2024-02-27", 3),
        ("2020-02-29", "2024-02-28", 4),
        ("1994-01-01", "2024-06-01", 30),
    ],
)
def test_complete_years(start: str, end: str, years: int) -> None:
    assert complete_years(D(start), D(end)) == years


@pytest.mark.parametrize(
    ("call", "args"),
    [
        (age_on, ("2000-01-02", "2000-01-01")),
        (complete_years, ("2020-01-02", "2020-01-01")),
        (statutory_notice_weeks, ("2020-01-02", "2020-01-01")),
    ],
)
def test_dates_out_of_order_are_rejected(call: object, args: tuple[str, str]) -> None:
    assert callable(call)
    with pytest.raises(RulesError, match=r"before"):
        call(D(args[0]), D(args[1]))


# --- statutory redundancy pay -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("age", "years", "weeks"),
    [
        # GOV.UK worked examples
        (45, 14, "16"),  # a=44..41 at 1.5 (6) + a=40..31 at 1.0 (10)
        (40, 10, "10"),  # a=39..30 all 1.0
        (25, 6, "4.5"),  # a=24,23,22 at 1.0 + a=21,20,19 at 0.5
        (23, 2, "1.5"),  # a=22 at 1.0 + a=21 at 0.5
        # under two years: nothing
        (30, 0, "0"),
        (30, 1, "0"),
        (60, 1, "0"),
        # around 22
        (22, 4, "2"),  # a=21..18 all 0.5
        (23, 4, "2.5"),  # a=22 at 1.0 + 3 x 0.5
        (24, 4, "3"),  # a=23,22 at 1.0 + a=21,20 at 0.5
        (18, 2, "1"),  # years before 18 count: a=17,16 at 0.5
        # around 41
        (41, 5, "5"),  # a=40..36 all 1.0
        (42, 5, "5.5"),  # a=41 at 1.5 + a=40..37 at 1.0
        (43, 5, "6"),  # a=42,41 at 1.5 + a=40,39,38 at 1.0
        # mixed bands
        (50, 20, "24.5"),  # a=49..41 (9) at 1.5 + a=40..30 (11) at 1.0
        (35, 18, "15.5"),  # a=34..22 (13) at 1.0 + a=21..17 (5) at 0.5
        (70, 10, "15"),  # no taper for older workers
        # 20-year limit
        (61, 20, "30"),
        (61, 30, "30"),  # 30 years counted as 20, all at 1.5
        (60, 20, "29.5"),  # a=59..41 (19) at 1.5 + a=40 at 1.0
        (60, 25, "29.5"),
    ],
)
def test_statutory_redundancy_weeks(age: int, years: int, weeks: str) -> None:
    assert statutory_redundancy_weeks(age, years) == Decimal(weeks)


@pytest.mark.parametrize(("age", "years"), [(-1, 5), (40, -1)])
def test_statutory_redundancy_weeks_rejects_negatives(age: int, years: int) -> None:
    with pytest.raises(RulesError, match="must not be negative"):
        statutory_redundancy_weeks(age, years)


@pytest.mark.parametrize(
    ("start", "dob", "end", "pay", "age", "years", "weeks", "cap", "capped", "amount"),
    [
        # GOV.UK: 45, 14 years, £500/wk -> 16 weeks = £8,000, under either 2021 cap
        ("2006-09-01", "1975-09-01", "2021-03-01", "500", 45, 14, "16", 538, "500", "8000.00"),
        ("2006-09-01", "1975-09-01", "2021-08-01", "500", 45, 14, "16", 544, "500", "8000.00"),
        # the same person on £600 shows which cap applied
        ("2006-09-01", "1975-09-01", "2021-03-01", "600", 45, 14, "16", 538, "538", "8608.00"),
        ("2006-09-01", "1975-09-01", "2021-08-01", "600", 45, 14, "16", 544, "544", "8704.00"),
        # GOV.UK: 40, 10 years -> 10 weeks
        ("2014-05-01", "1984-01-15", "2024-06-30", "450", 40, 10, "10", 700, "450", "4500.00"),
        # GOV.UK: 25, 6 years -> 4.5 weeks; 4.5 x 320.50
        ("2017-09-01", "1998-05-05", "2023-10-10", "320.50", 25, 6, "4.5", 643, "320.50",
         "1442.25"),
        # GOV.UK: 23, 2 years -> 1.5 weeks; pay above the cap
        ("2023-06-01", "2002-01-01", "2025-07-01", "812.34", 23, 2, "1.5", 719, "719",
         "1078.50"),
        # 6 April boundary: 50 with 10 years = 14.5 weeks; 31 March and 1 April use the old cap
        ("2015-01-01", "1975-01-10", "2025-03-31", "800", 50, 10, "14.5", 700, "700",
         "10150.00"),
        ("2015-01-01", "1975-01-10", "2025-04-01", "800", 50, 10, "14.5", 700, "700",
         "10150.00"),
        ("2015-01-01", "1975-01-10", "2025-04-05", "800", 50, 10, "14.5", 700, "700",
         "10150.00"),
        ("2015-01-01", "1975-01-10", "2025-04-06", "800", 50, 10, "14.5", 719, "719",
         "10425.50"),
        # 20-year limit: 30 years at 61 on £1,000 -> the maximum, 30 x £700
        ("1994-01-01", "1963-01-01", "2024-06-01", "1000", 61, 30, "30", 700, "700",
         "21000.00"),
        # two years' service ends on the day before the second anniversary
        ("2023-06-01", "1990-01-01", "2025-05-31", "400", 35, 2, "2", 719, "400", "800.00"),
        ("2023-06-02", "1990-01-01", "2025-05-31", "400", 35, 1, "0", 719, "400", "0.00"),
    ],
)  # fmt: skip
def test_statutory_redundancy_pay(
    start: str, dob: str, end: str, pay: str, age: int, years: int, weeks: str, cap: int,
    capped: str, amount: str,
) -> None:  # fmt: skip
    srp = statutory_redundancy_pay(D(start), D(dob), D(end), Decimal(pay))
    assert (srp.age, srp.years, srp.weeks) == (age, years, Decimal(weeks))
    assert (srp.cap, srp.capped_weekly_pay) == (Decimal(cap), Decimal(capped))
    assert srp.weekly_pay == Decimal(pay)
    assert srp.amount == Decimal(amount)
    assert srp.amount.as_tuple().exponent == -2
    assert srp.qualifying is (years >= 2)
    assert srp.provisional_cap is False
    assert srp.relevant_date == D(end)


def test_statutory_redundancy_pay_at_the_2026_cap() -> None:
    srp = statutory_redundancy_pay(D("2016-01-01"), D("1970-01-01"), D("2026-04-06"), 2000)
    # 56, 10 years: a=55..46 all 1.5 -> 15 weeks x £751 (SI 2026/310, not provisional)
    assert (srp.weeks, srp.cap, srp.amount) == (Decimal(15), Decimal(751), Decimal("11265.00"))
    assert srp.provisional_cap is False


@pytest.mark.parametrize("pay", [Decimal(-1), Decimal("NaN")])
def test_statutory_redundancy_pay_rejects_bad_pay(pay: Decimal) -> None:
    with pytest.raises(RulesError, match="weekly pay must be a non-negative amount"):
        statutory_redundancy_pay(D("2015-01-01"), D("1975-01-10"), D("2025-04-06"), pay)


@pytest.mark.parametrize(
    ("start", "notice", "termination", "expected"),
    [
        # 10 years -> 10 weeks from 3 Mar 2025 = 12 May; paid in lieu on 10 Mar
        ("2015-01-01", "2025-03-03", "2025-03-10", "2025-05-12"),
        ("2015-01-01", "2025-03-03", "2025-06-01", "2025-06-01"),
        # 1 year 11 months -> 1 week: the relevant date moves to 10 Mar, giving two years
        ("2023-03-08", "2025-03-03", "2025-03-03", "2025-03-10"),
    ],
)
def test_relevant_date(start: str, notice: str, termination: str, expected: str) -> None:
    assert relevant_date(D(start), D(notice), D(termination)) == D(expected)


def test_relevant_date_can_make_someone_qualify() -> None:
    start = D("2023-03-08")
    assert complete_years(start, D("2025-03-03")) == 1
    assert complete_years(start, relevant_date(start, D("2025-03-03"), D("2025-03-03"))) == 2


# --- enhanced redundancy pay (SI 2006/2914 regs 5 and 6) ----------------------------------------

# 23, 2 years, £812.34 on 1 Jul 2025: 1.5 weeks; SRP = 1.5 x £719 = £1,078.50
_YOUNG = ("2023-06-01", "2002-01-01", "2025-07-01", "812.34")
# 61, 30 years, £1,000 on 1 Jun 2024: 30 weeks; SRP = 30 x £700 = £21,000
_LONG = ("1994-01-01", "1963-01-01", "2024-06-01", "1000")
# 35, 1 year: not qualifying
_SHORT = ("2023-06-02", "1990-01-01", "2025-05-31", "400")


@pytest.mark.parametrize(
    ("person", "multiplier", "actual", "max_weeks",
     "weeks", "used", "reg5", "reg6", "total", "limited"),
    [
        (_YOUNG, "1", False, 104, "1.5", "719", "0.00", "0.00", "1078.50", False),
        # reg 5: 1.5 x 812.34 = 1218.51; uplift 140.01
        (_YOUNG, "1", True, 104, "1.5", "812.34", "140.01", "0.00", "1218.51", False),
        # x2 on capped pay: 3 x 719 = 2157
        (_YOUNG, "2", False, 104, "3", "719", "0.00", "1078.50", "2157.00", False),
        # x1.5 on actual pay: 2.25 x 812.34 = 1827.765 -> 1827.77; reg 6 = 1827.77 - 1218.51
        (_YOUNG, "1.5", True, 104, "2.25", "812.34", "140.01", "609.26", "1827.77", False),
        # x4 = 120 weeks, held at 104 weeks' actual pay; reg 5 = 30 x (1000 - 700)
        (_LONG, "4", True, 104, "104", "1000", "9000.00", "74000.00", "104000.00", True),
        # a council limit of 45 weeks: 45 x 700 = 31500
        (_LONG, "2", False, 45, "45", "700", "0.00", "10500.00", "31500.00", True),
        # a limit below the statutory weeks never cuts SRP
        (_LONG, "2", False, 20, "30", "700", "0.00", "0.00", "21000.00", True),
        (_SHORT, "3", True, 104, "0", "400", "0.00", "0.00", "0.00", False),
    ],
)  # fmt: skip
def test_enhanced_redundancy_pay(
    person: tuple[str, str, str, str], multiplier: str, actual: bool, max_weeks: int,
    weeks: str, used: str, reg5: str, reg6: str, total: str, limited: bool,
) -> None:  # fmt: skip
    start, dob, end, pay = person
    e = enhanced_redundancy_pay(
        D(start), D(dob), D(end), Decimal(pay),
        multiplier=Decimal(multiplier), use_actual_pay=actual, max_weeks=max_weeks,
    )  # fmt: skip
    assert e.weeks == Decimal(weeks)
    assert e.weekly_pay_used == Decimal(used)
    assert (e.reg5_uplift, e.reg6_lump_sum) == (Decimal(reg5), Decimal(reg6))
    assert e.total == Decimal(total)
    assert e.enhancement == e.reg5_uplift + e.reg6_lump_sum
    assert e.total == e.statutory.amount + e.enhancement
    assert e.limited_by_max_weeks is limited


@pytest.mark.parametrize(
    ("multiplier", "max_weeks", "pay"),
    [(Decimal("0.5"), 104, Decimal(500)), (Decimal(1), 105, Decimal(500)),
     (Decimal(1), -1, Decimal(500)), (Decimal(1), 104, Decimal(-5))],
)  # fmt: skip
def test_enhanced_redundancy_pay_rejects_bad_settings(
    multiplier: Decimal, max_weeks: int, pay: Decimal
) -> None:
    with pytest.raises(
        RulesError,
        match=r"multiplier must be at least 1|max_weeks must be between|weekly pay must be",
    ):
        enhanced_redundancy_pay(
            D("2015-01-01"), D("1975-01-10"), D("2025-04-06"), pay,
            multiplier=multiplier, max_weeks=max_weeks,
        )  # fmt: skip


# --- notice -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "notice", "weeks"),
    [
        ("2024-01-01", "2024-01-01", 0),
        ("2024-01-01", "2024-01-21", 0),  # 3 weeks
        ("2024-01-01", "2024-01-30", 0),  # a day short of a month
        ("2024-01-01", "2024-01-31", 1),  # 1 month
        ("2024-01-15", "2024-02-13", 0),  # a day short of a month, mid-month start
        ("2024-01-15", "2024-02-14", 1),
        ("2022-01-01", "2023-11-30", 1),  # 23 months
        ("2022-01-01", "2023-12-30", 1),  # a day short of 2 years
        ("2022-01-01", "2023-12-31", 2),  # 2 years
        ("2013-01-01", "2023-12-31", 11),  # 11 years
        ("2012-01-02", "2023-12-31", 11),  # a day short of 12 years
        ("2012-01-01", "2023-12-31", 12),  # 12 years
        ("2004-01-01", "2023-12-31", 12),  # 20 years
    ],
)
def test_statutory_notice_weeks(start: str, notice: str, weeks: int) -> None:
    assert statutory_notice_weeks(D(start), D(notice)) == weeks


@pytest.mark.parametrize(
    ("start", "notice", "contractual", "statutory_weeks", "end", "days", "rule"),
    [
        # 10 years -> 10 weeks from Mon 3 Mar 2025 beats 1 month
        ("2015-03-01", "2025-03-03", Period(1, "m"), 10, "2025-05-12", 70, "statutory"),
        # 3 years -> 3 weeks (21 Feb) loses to 3 months from 31 Jan (30 Apr, clamped)
        ("2021-09-01", "2025-01-31", Period(3, "m"), 3, "2025-04-30", 89, "contractual"),
        ("2021-09-01", "2025-01-31", Period(4, "w"), 3, "2025-02-28", 28, "contractual"),
        ("2021-09-01", "2025-01-31", Period(3, "w"), 3, "2025-02-21", 21, "statutory"),  # tie
        ("2021-09-01", "2025-01-31", None, 3, "2025-02-21", 21, "statutory"),
        # 25 years -> 12 weeks beats 30 days
        ("2000-01-01", "2025-06-02", Period(30, "d"), 12, "2025-08-25", 84, "statutory"),
        # 1 month's service -> 1 week; 1 month from 31 Jan 2024 is 29 Feb
        ("2024-01-01", "2024-01-31", Period(1, "m"), 1, "2024-02-29", 29, "contractual"),
        # under a month: no statutory notice at all
        ("2025-01-01", "2025-01-10", None, 0, "2025-01-10", 0, "statutory"),
    ],
)
def test_notice_period(
    start: str, notice: str, contractual: Period | None, statutory_weeks: int, end: str,
    days: int, rule: str,
) -> None:  # fmt: skip
    n = notice_period(D(start), D(notice), contractual)
    assert (n.statutory_weeks, n.end, n.days, n.rule) == (statutory_weeks, D(end), days, rule)
    assert n.contractual == contractual


@pytest.mark.parametrize(
    ("text", "period", "shown"),
    [
        ("4w", Period(4, "w"), "4 weeks"),
        ("4 weeks", Period(4, "w"), "4 weeks"),
        ("1 month", Period(1, "m"), "1 month"),
        ("3M", Period(3, "m"), "3 months"),
        ("30 days", Period(30, "d"), "30 days"),
        ("1d", Period(1, "d"), "1 day"),
    ],
)
def test_period_parse(text: str, period: Period, shown: str) -> None:
    assert Period.parse(text) == period
    assert str(period) == shown


@pytest.mark.parametrize("text", ["", "w", "3y", "-1w", "1.5m", "3 fortnights"])
def test_period_parse_rejects(text: str) -> None:
    with pytest.raises(RulesError, match="expected a period such as"):
        Period.parse(text)


@pytest.mark.parametrize(("amount", "unit"), [(-1, "w"), (1, "y")])
def test_period_rejects_bad_values(amount: int, unit: str) -> None:
    with pytest.raises(RulesError, match=r"cannot be negative|unknown period unit"):
        Period(amount, unit)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("period", "start", "end"),
    [
        (Period(1, "m"), "2024-01-31", "2024-02-29"),
        (Period(1, "m"), "2023-01-31", "2023-02-28"),
        (Period(12, "m"), "2024-02-29", "2025-02-28"),
        (Period(3, "m"), "2024-11-30", "2025-02-28"),
        (Period(2, "w"), "2025-12-25", "2026-01-08"),
        (Period(10, "d"), "2025-02-25", "2025-03-07"),
        (Period(0, "d"), "2025-02-25", "2025-02-25"),
    ],
)
def test_period_add_to(period: Period, start: str, end: str) -> None:
    assert period.add_to(D(start)) == D(end)


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [("2024-03-31", -1, "2024-02-29"), ("2025-01-15", -13, "2023-12-15"),
     ("2025-12-31", 2, "2026-02-28"), ("2025-05-31", 0, "2025-05-31")],
)  # fmt: skip
def test_add_months(start: str, months: int, end: str) -> None:
    assert add_months(D(start), months) == D(end)


# --- collective consultation --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("dismissals", "days", "latest"),
    [
        (0, None, None),
        (1, None, None),
        (19, None, None),
        (20, 30, "2025-05-31"),
        (99, 30, "2025-05-31"),
        (100, 45, "2025-05-16"),
        (250, 45, "2025-05-16"),
    ],
)
def test_collective_consultation(dismissals: int, days: int | None, latest: str | None) -> None:
    c = collective_consultation(dismissals, D("2025-06-30"))
    if days is None:
        assert c is None
        return
    assert c is not None
    assert (c.dismissals, c.days, c.first_dismissal) == (dismissals, days, D("2025-06-30"))
    assert latest is not None
    assert c.latest_start == c.hr1_due == D(latest)
    assert "HR1 before any notice is issued" in c.note


def test_collective_consultation_rejects_negative_counts() -> None:
    with pytest.raises(RulesError, match="cannot be negative"):
        collective_consultation(-1, D("2025-06-30"))


# --- trial period and suitable alternative employment -------------------------------------------


@pytest.mark.parametrize(
    ("start", "last_day"),
    [
        ("2025-06-02", "2025-06-29"),  # Monday start: last day the fourth Sunday
        ("2024-02-05", "2024-03-03"),  # across a leap day
        ("2025-12-15", "2026-01-11"),
    ],
)
def test_trial_period_end(start: str, last_day: str) -> None:
    assert trial_period_end(D(start)) == D(last_day)


@pytest.mark.parametrize(
    ("ended", "weekday", "latest"),
    [
        ("2025-06-02", 0, "2025-06-30"),  # Monday + 4 weeks
        ("2025-06-05", 3, "2025-07-03"),  # Thursday + 4 weeks
        ("2025-05-30", 4, "2025-06-30"),  # Friday: treated as ending Monday 2 June
        ("2025-05-31", 5, "2025-06-30"),  # Saturday: likewise
        ("2025-06-01", 6, "2025-06-30"),  # Sunday: likewise
    ],
)
def test_sae_latest_start(ended: str, weekday: int, latest: str) -> None:
    assert D(ended).weekday() == weekday
    assert sae_latest_start(D(ended)) == D(latest)


# --- LGPS strain --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("on", "age"),
    [("2014-04-01", 55), ("2025-01-01", 55), ("2028-04-05", 55), ("2028-04-06", 57)],
)
def test_strain_minimum_age(on: str, age: int) -> None:
    assert strain_minimum_age(D(on)) == age


def test_strain_minimum_age_before_the_table() -> None:
    with pytest.raises(RulesError, match="no LGPS minimum pension age is known"):
        strain_minimum_age(D("2014-03-31"))


@pytest.mark.parametrize(
    ("dob", "end", "member", "membership", "flag"),
    [
        ("1970-05-10", "2025-05-09", True, 10, False),  # 54
        ("1970-05-10", "2025-05-10", True, 10, True),  # 55th birthday
        ("1970-05-10", "2025-05-10", False, 10, False),  # not a member
        ("1970-05-10", "2025-05-10", True, Decimal("1.9"), False),
        ("1970-05-10", "2025-05-10", True, 2, True),
        ("1972-02-29", "2027-02-28", True, 5, False),  # 29 Feb: 55 on 1 March
        ("1972-02-29", "2027-03-01", True, 5, True),
        # minimum age 57 from 6 April 2028
        ("1972-06-01", "2028-04-05", True, 20, True),  # 55
        ("1972-06-01", "2028-04-06", True, 20, False),  # still 55, now too young
        ("1971-06-01", "2028-04-05", True, 20, True),  # 56
        ("1971-06-01", "2028-04-06", True, 20, False),  # 56
        ("1971-01-01", "2028-04-06", True, 20, True),  # 57
        ("1971-06-01", "2028-05-31", True, 20, False),
        ("1971-06-01", "2028-06-01", True, 20, True),  # 57th birthday
    ],
)
def test_pension_strain_flag(
    dob: str, end: str, member: bool, membership: int | Decimal, flag: bool
) -> None:
    assert pension_strain_flag(D(dob), D(end), member, membership) is flag


# --- cliff edges --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "dob", "termination", "member", "window", "edges"),
    [
        (  # cap rise, 55th birthday, 4th year of service (3 -> 4 years at 55: 4.5 -> 6 weeks)
            "2021-05-01", "1970-04-20", "2025-04-01", True, 90,
            [("2025-04-06", "pay_cap", 5, ["£719", "was £700"]),
             ("2025-04-20", "pension_age", 19, ["Turns 55"]),
             ("2025-04-30", "service_year", 29, ["4 complete years", "4.5 to 6 weeks",
                                                 "4 weeks' statutory notice (was 3)"])],
        ),
        (  # the same person, not in the pension scheme
            "2021-05-01", "1970-04-20", "2025-04-01", False, 90,
            [("2025-04-06", "pay_cap", 5, ["£719"]),
             ("2025-04-30", "service_year", 29, ["4 complete years"])],
        ),
        (  # turning 23 with 5 years: ERA s.162(2) weighs a year by the age held throughout
           # it, so with a relevant date of 14 March 2025 (the day before the birthday) the
           # years began on 15 March 2024..2020 at ages 22..18: 1 + 4 x 0.5 = 3 weeks (2.5 the
           # day before). Was dated 15 March (the ready reckoner's whole-year age): wrong law.
            "2019-09-01", "2002-03-15", "2025-03-01", False, 60,
            [("2025-03-14", "age_weighting", 13, ["Turns 23", "2.5 to 3 weeks",
                                                  "day before the birthday"]),
             ("2025-04-06", "pay_cap", 36, ["£719"])],
        ),
        (  # turning 42 with 5 years: from 9 Aug 2025 (the day before; s.162(2)) the years
           # began at ages 41..37: 1.5 + 4 = 5.5 weeks (was dated 10 Aug: wrong law)
            "2020-01-01", "1983-08-10", "2025-08-01", False, 30,
            [("2025-08-09", "age_weighting", 8, ["Turns 42", "5 to 5.5 weeks",
                                                 "GOV.UK's ready reckoner"])],
        ),
        (  # 55 on 2028-04-05, then the minimum age rises to 57; next cap not in the table
            "2000-01-01", "1972-06-01", "2028-03-01", True, 60,
            [("2028-04-06", "pay_cap", 36, ["not in the rates table"]),
             ("2028-04-06", "pension_age", 36, ["rises to 57", "at age 55"])],
        ),
        (  # second anniversary: first qualifies for SRP (at 35: a=34,33 -> 2 weeks)
            "2023-06-01", "1990-01-01", "2025-05-15", False, 30,
            [("2025-05-31", "service_year", 16, ["0 to 2 weeks", "first year it is due",
                                                 "2 weeks' statutory notice (was 1)"])],
        ),
        (  # 29 Feb birthday: 55 on 1 March 2027; with 16 years, 22.5 -> 23 weeks from
           # 28 Feb 2027 (years beginning 1 March 2026..2011 at ages 54..39: 14 x 1.5 + 2),
           # the day before (s.162(2)); the LGPS age test still uses 1 March
            "2010-07-01", "1972-02-29", "2027-03-10", True, 30,
            [("2027-02-28", "age_weighting", -10, ["Turns 55", "22.5 to 23 weeks"]),
             ("2027-03-01", "pension_age", -9, ["Turns 55"]),
             ("2027-04-06", "pay_cap", 27, ["not in the rates table"])],
        ),
        (  # the window includes both of its ends
            "2020-09-15", "1980-10-20", "2025-05-06", False, 30,
            [("2025-04-06", "pay_cap", -30, ["£719"])],
        ),
        (
            "2020-09-15", "1980-10-20", "2025-03-07", False, 30,
            [("2025-04-06", "pay_cap", 30, ["£719"])],
        ),
        (  # a zero window still reports an edge on the termination date itself
            "2023-06-01", "1990-01-01", "2025-05-31", False, 0,
            [("2025-05-31", "service_year", 0, ["2 complete years"])],
        ),
        (  # a 28th year of service changes neither SRP (20-year limit) nor notice
            "2000-01-01", "1960-07-01", "2028-01-10", False, 20,
            [],
        ),
    ],
)  # fmt: skip
def test_cliff_edges(
    start: str, dob: str, termination: str, member: bool, window: int,
    edges: list[tuple[str, str, int, list[str]]],
) -> None:  # fmt: skip
    found = cliff_edges(D(start), D(dob), D(termination), member, window_days=window)
    assert [(e.date, e.kind, e.days_from_termination) for e in found] == [
        (D(d), kind, days) for d, kind, days, _ in edges
    ]
    for edge, (_, _, _, fragments) in zip(found, edges, strict=True):
        for fragment in fragments:
            assert fragment in edge.description


def test_cliff_edges_rejects_a_negative_window() -> None:
    with pytest.raises(RulesError, match="window_days cannot be negative"):
        cliff_edges(D("2020-01-01"), D("1980-01-01"), D("2025-01-01"), False, window_days=-1)
