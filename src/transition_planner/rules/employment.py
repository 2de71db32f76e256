"""Statutory employment rules for redundancies in England and Wales, as pure functions.

Dated figures (pay caps, pension ages, consultation thresholds) live in ``rates.yaml``. Service is
counted as ERA 1996 s.211 says: from the first day of work to the reference day, both included, so
someone who started on 6 April 2020 has two complete years on 5 April 2022. Money is ``Decimal``
pounds; amounts are rounded half-up to pence.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache
from importlib import resources
from itertools import pairwise
from typing import Any, Literal, TypeAlias

import yaml

from transition_planner.plan.calendar import add_months
from transition_planner.rules.periods import (
    DateOffset,
    RulesError,
    anniversary,
    whole_months_between,
    whole_years_between,
)

Money: TypeAlias = Decimal | int
CliffKind = Literal["pay_cap", "service_year", "age_weighting", "pension_age"]

MAX_COUNTED_YEARS = 20
QUALIFYING_YEARS = 2
MAX_NOTICE_WEEKS = 12
REG6_MAX_WEEKS = 104
_PENCE = Decimal("0.01")
_DAY = timedelta(days=1)


# --- dated data -----------------------------------------------------------------------------


@dataclass(frozen=True)
class CapEntry:
    start: date
    pounds: Decimal
    provisional: bool
    note: str


@dataclass(frozen=True)
class Rates:
    caps: tuple[CapEntry, ...]
    strain_ages: tuple[tuple[date, int], ...]
    strain_membership_years: int
    consultation: tuple[tuple[int, int], ...]  # (minimum dismissals, days), ascending
    consultation_window_days: int
    trial_period_weeks: int
    sae_window_weeks: int


@lru_cache(maxsize=1)
def rates() -> Rates:
    """The dated figures from ``rates.yaml``, read and checked once."""
    source = resources.files("transition_planner.rules").joinpath("rates.yaml")
    text = source.read_text(encoding="utf-8")
    return parse_rates(yaml.safe_load(text))


def parse_rates(raw: Any) -> Rates:
    """Check and convert the parsed YAML; raise RulesError naming what is wrong."""
    try:
        caps = tuple(
            CapEntry(
                _date(e["from"]),
                Decimal(str(e["pounds"])),
                bool(e.get("provisional", False)),
                str(e.get("note", "")).strip(),
            )
            for e in raw["weekly_pay_cap"]
        )
        strain = raw["lgps_strain"]
        strain_ages = tuple((_date(e["from"]), int(e["age"])) for e in strain["minimum_age"])
        cc = raw["collective_consultation"]
        thresholds = tuple((int(t["min_dismissals"]), int(t["days"])) for t in cc["thresholds"])
        result = Rates(
            caps,
            strain_ages,
            int(strain["minimum_membership_years"]),
            thresholds,
            int(cc["window_days"]),
            int(raw["trial_period_weeks"]),
            int(raw["sae_start_window_weeks"]),
        )
    except (KeyError, TypeError, ValueError, InvalidOperation) as exc:
        raise RulesError(f"rates.yaml is malformed: {exc!r}") from exc
    for name, keys in (
        ("weekly_pay_cap", [c.start.toordinal() for c in caps]),
        ("lgps_strain.minimum_age", [d.toordinal() for d, _ in strain_ages]),
        ("collective_consultation.thresholds", [n for n, _ in thresholds]),
    ):
        if not keys or any(a >= b for a, b in pairwise(keys)):
            raise RulesError(f"rates.yaml: {name} must be non-empty and strictly ascending")
    return result


def _date(value: Any) -> date:
    if not isinstance(value, date):
        raise TypeError(f"expected a date, got {value!r}")
    return value


def _dated(keys: list[date], on: date, what: str) -> int:
    i = bisect.bisect_right(keys, on) - 1
    if i < 0:
        raise RulesError(f"no {what} is known for {on.isoformat()} (table starts {keys[0]})")
    return i


def _cap_entry(on: date) -> CapEntry:
    caps = rates().caps
    return caps[_dated([c.start for c in caps], on, "weekly pay cap")]


def weekly_pay_cap(on: date) -> Decimal:
    """The ERA s.227 week's-pay limit in force for a relevant date ``on`` (changes each 6 April)."""
    return _cap_entry(on).pounds


def cap_is_provisional(on: date) -> bool:
    """Whether the cap for ``on`` comes from an unconfirmed (provisional) table row."""
    return _cap_entry(on).provisional


def max_statutory_redundancy_pay(on: date) -> Decimal:
    """20 years at 1.5 weeks times the cap: 30 weeks' capped pay."""
    return weekly_pay_cap(on) * 30


def strain_minimum_age(on: date) -> int:
    """The LGPS minimum age for an immediate pension on redundancy, for a termination on ``on``."""
    ages = rates().strain_ages
    return ages[_dated([d for d, _ in ages], on, "LGPS minimum pension age")][1]


# --- ages and service -------------------------------------------------------------------------


def age_on(date_of_birth: date, on: date) -> int:
    """Age in completed years on ``on``. Someone born on 29 February turns a year older on
    1 March in common years."""
    if on < date_of_birth:
        raise RulesError(f"{on.isoformat()} is before the date of birth {date_of_birth}")
    return whole_years_between(date_of_birth, on)


def complete_years(start: date, end: date) -> int:
    """Whole years of continuous employment from ``start`` to ``end``, both days counted."""
    if end < start:
        raise RulesError(f"service ends ({end.isoformat()}) before it starts ({start})")
    return whole_years_between(start, end + _DAY)


# --- redundancy pay ---------------------------------------------------------------------------


def statutory_redundancy_weeks(age: int, years: int) -> Decimal:
    """Weeks of pay the GOV.UK ready-reckoner way, from whole-year age on the relevant date.

    Count back at most 20 years; year k (k = 1 is the most recent) weighs 1.5 if ``age - k`` is
    41 or more, 1.0 if 22 or more, else 0.5. Under two years' service there is no entitlement.
    This matches ERA s.162 except when the relevant date is the day before a birthday (then the
    statute counts every year one band-age higher); use :func:`redundancy_weeks` for the
    statute. Raises RulesError for negative inputs.
    """
    if age < 0 or years < 0:
        raise RulesError(f"age and years must not be negative (got {age}, {years})")
    if years < QUALIFYING_YEARS:
        return Decimal(0)
    weeks = Decimal(0)
    for k in range(1, min(years, MAX_COUNTED_YEARS) + 1):
        a = age - k
        weeks += Decimal("1.5") if a >= 41 else Decimal("1.0") if a >= 22 else Decimal("0.5")
    return weeks


def year_start(relevant_date: date, k: int) -> date:
    """The first day of the k-th year of employment counted back from ``relevant_date``
    (k = 1 is the year ending on the relevant date), ERA s.162(1)-(2).

    It is the latest day from which service up to the relevant date (both days counted, s.211)
    is k complete years: the day after the relevant date, k years earlier; a 29 February that
    does not exist in the earlier year becomes 28 February. Raises RulesError if k < 1.
    """
    if k < 1:
        raise RulesError(f"years are counted from 1 (got {k})")
    after = relevant_date + _DAY
    try:
        return after.replace(year=after.year - k)
    except ValueError:
        return date(after.year - k, 2, 28)


def year_weight(date_of_birth: date, relevant_date: date, k: int) -> Decimal:
    """Weeks' pay for the k-th year counted back from ``relevant_date`` (ERA s.162(2)).

    1.5 for a year "in the whole of which the employee was not below the age of forty-one",
    1.0 for one throughout which they were 22 or over, else 0.5. Age only grows, so the age
    held throughout a year is the age on its first day (:func:`year_start`). Someone born on
    10 June 1975 with a relevant date of 9 June 2017 was 41 throughout 10 June 2016 - 9 June
    2017, so that year weighs 1.5 (GOV.UK's ready reckoner, using age 41 on the relevant date
    minus one, gives 1.0). Years before the date of birth weigh 0.5.
    """
    first = year_start(relevant_date, k)
    age = whole_years_between(date_of_birth, first) if first >= date_of_birth else 0
    return Decimal("1.5") if age >= 41 else Decimal("1.0") if age >= 22 else Decimal("0.5")


def redundancy_weeks(date_of_birth: date, relevant_date: date, years: int) -> Decimal:
    """Weeks of pay under ERA s.162 for ``years`` complete years ending with ``relevant_date``.

    At most 20 years are counted, backwards from the relevant date, each weighted by
    :func:`year_weight`; under two years (s.155) there is no entitlement and the result is 0.
    Raises RulesError for negative ``years``.
    """
    if years < 0:
        raise RulesError(f"years must not be negative (got {years})")
    if years < QUALIFYING_YEARS:
        return Decimal(0)
    return sum(
        (year_weight(date_of_birth, relevant_date, k)
         for k in range(1, min(years, MAX_COUNTED_YEARS) + 1)),
        Decimal(0),
    )  # fmt: skip


@dataclass(frozen=True)
class RedundancyPay:
    relevant_date: date
    age: int
    years: int  # complete years of service, before the 20-year limit
    weeks: Decimal
    weekly_pay: Decimal  # actual gross week's pay
    capped_weekly_pay: Decimal
    cap: Decimal
    amount: Decimal
    qualifying: bool
    provisional_cap: bool


def relevant_date(start_date: date, notice_date: date, termination_date: date) -> date:
    """The relevant date for SRP when notice was short or paid in lieu (ERA s.145(5)).

    The later of the termination date and the day statutory notice given on ``notice_date``
    would have expired. Pass the result as ``termination_date`` to statutory_redundancy_pay.
    """
    weeks = statutory_notice_weeks(start_date, notice_date)
    return max(termination_date, notice_date + timedelta(weeks=weeks))


def statutory_redundancy_pay(
    start_date: date, date_of_birth: date, termination_date: date, weekly_pay: Money
) -> RedundancyPay:
    """Statutory redundancy pay with ``termination_date`` as the relevant date (pounds, to
    the penny, rounded half-up).

    Service (s.211, both days counted), the s.162 age weighting (:func:`redundancy_weeks`) and
    the s.227 cap are all taken on that date; ``age`` in the result is the whole-year age on it.
    With pay in lieu or short notice pass the s.145(5) date (see :func:`termination_dates`).
    Raises RulesError for a negative or non-finite pay, or a date before the cap table.
    """
    pay = _money(weekly_pay, "weekly pay")
    age = age_on(date_of_birth, termination_date)
    years = complete_years(start_date, termination_date)
    cap = weekly_pay_cap(termination_date)
    capped = min(pay, cap)
    weeks = redundancy_weeks(date_of_birth, termination_date, years)
    return RedundancyPay(
        relevant_date=termination_date,
        age=age,
        years=years,
        weeks=weeks,
        weekly_pay=pay,
        capped_weekly_pay=capped,
        cap=cap,
        amount=_pence(weeks * capped),
        qualifying=years >= QUALIFYING_YEARS,
        provisional_cap=cap_is_provisional(termination_date),
    )


@dataclass(frozen=True)
class EnhancedRedundancyPay:
    statutory: RedundancyPay
    weeks: Decimal  # weeks awarded in total
    weekly_pay_used: Decimal
    reg5_uplift: Decimal  # actual instead of capped pay on the statutory weeks
    reg6_lump_sum: Decimal  # the rest of the award
    enhancement: Decimal  # reg5_uplift + reg6_lump_sum
    total: Decimal  # statutory.amount + enhancement
    limited_by_max_weeks: bool


def enhanced_redundancy_pay(
    start_date: date,
    date_of_birth: date,
    termination_date: date,
    weekly_pay: Money,
    *,
    multiplier: Money = Decimal(1),
    use_actual_pay: bool = False,
    max_weeks: int = REG6_MAX_WEEKS,
) -> EnhancedRedundancyPay:
    """Redundancy pay enhanced under SI 2006/2914, split into statutory and enhancement.

    Interpretation: the council's policy awards ``multiplier`` x the statutory weeks, at the
    actual week's pay if ``use_actual_pay`` (reg 5) or else at the capped week's pay. The award
    is limited to ``max_weeks`` (at most 104, reg 6) weeks, and since the pay used never exceeds
    actual pay it stays within 104 weeks' actual pay. SRP is part of the award, not added on
    top (reg 6 offsets it), but the total never falls below SRP plus any reg 5 uplift. Without
    two years' service the statutory weeks are 0, so the multiplier gives nothing either.
    """
    factor = _money(multiplier, "multiplier")
    if factor < 1:
        raise RulesError(f"the multiplier must be at least 1 (got {factor})")
    if not 0 <= max_weeks <= REG6_MAX_WEEKS:
        raise RulesError(f"max_weeks must be between 0 and {REG6_MAX_WEEKS} (got {max_weeks})")
    srp = statutory_redundancy_pay(start_date, date_of_birth, termination_date, weekly_pay)
    basis = srp.weekly_pay if use_actual_pay else srp.capped_weekly_pay
    wanted = srp.weeks * factor
    weeks = max(min(wanted, Decimal(max_weeks)), srp.weeks)
    reg5 = _pence(srp.weeks * basis) - srp.amount
    total = _pence(weeks * basis)
    return EnhancedRedundancyPay(
        statutory=srp,
        weeks=weeks,
        weekly_pay_used=basis,
        reg5_uplift=reg5,
        reg6_lump_sum=total - srp.amount - reg5,
        enhancement=total - srp.amount,
        total=total,
        limited_by_max_weeks=weeks < wanted,
    )


def _money(value: Money, what: str) -> Decimal:
    amount = value if isinstance(value, Decimal) else Decimal(str(value))
    if not amount.is_finite() or amount < 0:
        raise RulesError(f"{what} must be a non-negative amount (got {value!r})")
    return amount


def _pence(amount: Decimal) -> Decimal:
    return amount.quantize(_PENCE, rounding=ROUND_HALF_UP)


# --- notice -----------------------------------------------------------------------------------


def statutory_notice_weeks(start_date: date, notice_date: date) -> int:
    """Employer's minimum notice in weeks under ERA s.86(1), by continuous employment on the
    day notice is given (s.211: from ``start_date`` to ``notice_date``, both days counted).

    None under one month; 1 week from one month to under two years; then 1 week per complete
    year, at most 12. Four complete years on the notice day give 4 weeks even if the fifth
    anniversary falls during the notice. Raises RulesError if notice precedes the start.
    """
    if notice_date < start_date:
        raise RulesError(f"notice ({notice_date.isoformat()}) is before the start ({start_date})")
    day_after = notice_date + _DAY
    if whole_months_between(start_date, day_after) < 1:
        return 0
    years = whole_years_between(start_date, day_after)
    return 1 if years < QUALIFYING_YEARS else min(years, MAX_NOTICE_WEEKS)


@dataclass(frozen=True)
class Notice:
    notice_date: date
    end: date  # the day notice expires: the effective date of termination
    days: int
    rule: Literal["statutory", "contractual"]
    statutory_weeks: int
    contractual: DateOffset | None


def notice_period(
    start_date: date, notice_date: date, contractual: DateOffset | None = None
) -> Notice:
    """The longer of statutory (ERA s.86) and contractual notice given on ``notice_date``.

    Notice runs from the day after it is given (West v Kneels [1987] ICR 146), so one week
    given on a Monday ends the next Monday. A contract in weeks or days adds 7 or 1 days each;
    in months it ends on the corresponding date, or the month's last day where there is none
    (Dodds v Walker [1981] 1 WLR 1027): 2 months from 31 December 2022 end 28 February 2023.
    ``end`` is the leaving date (effective date of termination, s.145(2)(a)) when the notice
    is worked. On a tie the rule is reported as "statutory". Raises RulesError if notice
    precedes the start.
    """
    weeks = statutory_notice_weeks(start_date, notice_date)
    end = notice_date + timedelta(weeks=weeks)
    rule: Literal["statutory", "contractual"] = "statutory"
    if contractual is not None:
        contract_end = contractual.add_to(notice_date)
        if contract_end > end:
            end, rule = contract_end, "contractual"
    return Notice(notice_date, end, (end - notice_date).days, rule, weeks, contractual)


def notice_end(start_date: date, notice_date: date, contractual: DateOffset | None = None) -> date:
    """The day notice given on ``notice_date`` expires: the leaving date if it is worked.

    The later of the statutory and the contractual end (see :func:`notice_period`).
    """
    return notice_period(start_date, notice_date, contractual).end


def _one_month_day(start: date) -> date:
    """The first notice day on which service (both days counted) is one month (s.86(1))."""
    reached = add_months(start, 1)
    # No corresponding date (start on the 29th-31st): the month completes at its last day.
    return reached if reached.day != start.day else reached - _DAY


def statutory_notice_steps(
    start_date: date, window_first: date, window_last: date
) -> list[tuple[date, int]]:
    """Statutory notice (weeks) as a step function of the day notice is given.

    ``[(first_day, weeks), ...]``: from ``first_day`` up to the next entry (or ``window_last``)
    notice given on any day needs ``weeks`` (ERA s.86(1)). The first entry is ``window_first``;
    later ones are the days in the window on which service reaches one month or another
    complete year (the day before an anniversary of the start, as s.211 counts both days), up
    to 12 years. Raises RulesError if the window is empty or begins before ``start_date``.
    """
    if window_last < window_first:
        raise RulesError(f"empty window: {window_first.isoformat()} to {window_last}")
    if window_first < start_date:
        raise RulesError(f"the window ({window_first.isoformat()}) starts before {start_date}")
    candidates = [_one_month_day(start_date)]
    candidates += [anniversary(start_date, y) - _DAY for y in range(2, MAX_NOTICE_WEEKS + 1)]
    steps = [(window_first, statutory_notice_weeks(start_date, window_first))]
    for day in sorted(d for d in candidates if window_first < d <= window_last):
        weeks = statutory_notice_weeks(start_date, day)
        if weeks != steps[-1][1]:
            steps.append((day, weeks))
    return steps


def notice_length_steps(
    start_date: date,
    window_first: date,
    window_last: date,
    contractual: DateOffset | None = None,
) -> list[tuple[date, int]]:
    """Legal notice length in days (``notice_end(d) - d``) as a step function of the notice
    day ``d`` over the window: ``[(first_day, days), ...]``, a new entry wherever it changes.

    With a contract in months the length follows the months' lengths, so it may change at
    every month's end; computed day by day (O(window days)). Raises as statutory_notice_steps.
    """
    statutory_notice_steps(start_date, window_first, window_last)  # checks the window
    steps: list[tuple[date, int]] = []
    day = window_first
    while day <= window_last:
        days = (notice_end(start_date, day, contractual) - day).days
        if not steps or steps[-1][1] != days:
            steps.append((day, days))
        day += _DAY
    return steps


@dataclass(frozen=True)
class TerminationDates:
    """When employment ends and which date counts for redundancy pay (ERA s.145)."""

    notice_date: date
    leaving_date: date  # the effective date of termination, s.145(2)
    relevant_date: date  # for qualifying service (s.155), the s.162 sum and the cap, s.145(5)
    statutory_weeks: int
    pay_in_lieu: bool


def termination_dates(
    start_date: date,
    notice_date: date,
    contractual: DateOffset | None = None,
    *,
    pay_in_lieu: bool = False,
) -> TerminationDates:
    """Leaving date and relevant date for notice given on ``notice_date``, worked or paid in
    lieu.

    Worked: employment ends when the longer of statutory and contractual notice expires
    (s.145(2)(a)), and that is also the relevant date. Pay in lieu (s.86(3)): employment ends
    on the day notice is given (s.145(2)(b)), but for service, the age weighting and the cap
    (ss.155, 162(1), 227(3)) the relevant date is the day the statutory minimum notice would
    have expired (s.145(5)); contractual notice beyond the statutory minimum does not extend
    it. Raises RulesError if notice precedes the start.
    """
    weeks = statutory_notice_weeks(start_date, notice_date)
    statutory_end = notice_date + timedelta(weeks=weeks)
    leaving = notice_date if pay_in_lieu else notice_end(start_date, notice_date, contractual)
    return TerminationDates(notice_date, leaving, max(leaving, statutory_end), weeks, pay_in_lieu)


# --- collective consultation, redeployment, pensions ---------------------------------------


@dataclass(frozen=True)
class Consultation:
    dismissals: int
    first_dismissal: date
    days: int
    latest_start: date
    hr1_due: date
    note: str


def collective_consultation(dismissals: int, first_dismissal: date) -> Consultation | None:
    """TULRCA s.188/s.193 minimum consultation for ``dismissals`` proposed at one establishment
    within 90 days; None under the lowest threshold (individual consultation only)."""
    if dismissals < 0:
        raise RulesError(f"the number of dismissals cannot be negative ({dismissals})")
    r = rates()
    days = next((d for n, d in reversed(r.consultation) if dismissals >= n), None)
    if days is None:
        return None
    latest = first_dismissal - timedelta(days=days)
    note = (
        f"{dismissals} dismissals at one establishment within {r.consultation_window_days} days: "
        f"consultation must start, and the HR1 reach the Redundancy Payments Service, by "
        f"{_day(latest)}, at least {days} days before the first dismissal. "
        "HR1 before any notice is issued."
    )
    return Consultation(dismissals, first_dismissal, days, latest, latest, note)


def trial_period_end(start: date) -> date:
    """The last day of the statutory trial period (four calendar weeks beginning with ``start``,
    the first day in the new job; ERA s.138(3))."""
    return start + timedelta(weeks=rates().trial_period_weeks) - _DAY


def sae_latest_start(employment_end: date) -> date:
    """The latest day a suitable alternative job may start so there is no dismissal.

    Four weeks after the last day of the old job (a start on the following day might also
    count as "an interval of not more than four weeks"; we do not rely on it). Employment that
    ends on a Friday, Saturday or Sunday is treated as ending on the next Monday (ERA s.146(2)).
    """
    weekday = employment_end.weekday()
    deemed_end = employment_end + timedelta(days=7 - weekday) if weekday >= 4 else employment_end
    return deemed_end + timedelta(weeks=rates().sae_window_weeks)


def pension_strain_flag(
    date_of_birth: date,
    termination_date: date,
    pension_member: bool,
    membership_years: float | Decimal,
) -> bool:
    """Whether redundancy on ``termination_date`` releases an unreduced LGPS pension (and so a
    strain cost): a member aged 55 or over (57 from 6 April 2028) with 2+ years' membership."""
    if not pension_member:
        return False
    return membership_years >= rates().strain_membership_years and age_on(
        date_of_birth, termination_date
    ) >= strain_minimum_age(termination_date)


# --- cliff edges ------------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class CliffEdge:
    """A date near the termination date from which the person's entitlements change.

    ``date`` is the first termination date with the new entitlement. For HR to see only; the
    schedule never moves a dismissal because of it.
    """

    date: date
    kind: CliffKind
    description: str
    days_from_termination: int


def cliff_edges(
    start_date: date,
    date_of_birth: date,
    termination_date: date,
    pension_member: bool,
    window_days: int = 90,
) -> list[CliffEdge]:
    """Dates within ``window_days`` either side of ``termination_date`` where terminating on or
    after the date changes the cap, the SRP weeks, statutory notice or the LGPS strain flag."""
    if window_days < 0:
        raise RulesError(f"window_days cannot be negative ({window_days})")
    lo = termination_date - timedelta(days=window_days)
    hi = termination_date + timedelta(days=window_days)
    found: list[tuple[date, CliffKind, str]] = []
    found += _cap_edges(lo, hi)
    found += _service_edges(start_date, date_of_birth, lo, hi)
    found += _birthday_edges(start_date, date_of_birth, lo, hi)
    if pension_member:
        found += _pension_edges(date_of_birth, lo, hi)
    return sorted(CliffEdge(d, k, text, (d - termination_date).days) for d, k, text in found)


def _cap_edges(lo: date, hi: date) -> list[tuple[date, CliffKind, str]]:
    caps = rates().caps
    by_start = {c.start: c for c in caps}
    out: list[tuple[date, CliffKind, str]] = []
    for year in range(lo.year, hi.year + 1):
        day = date(year, 4, 6)
        if not lo <= day <= hi or day <= caps[0].start:
            continue
        entry = by_start.get(day)
        if entry is None and day > caps[-1].start:
            text = (
                f"The weekly pay cap normally rises on {_day(day)}; the new figure is not in "
                "the rates table yet."
            )
        elif entry is not None:
            old = weekly_pay_cap(day - _DAY)
            text = (
                f"Dismissals on or after {_day(day)} use a weekly pay cap of "
                f"{_gbp(entry.pounds)} (was {_gbp(old)}); this changes statutory redundancy pay "
                f"only for people paid over {_gbp(old)} a week."
            )
            if entry.provisional:
                text += " The new cap is provisional."
        else:
            continue
        out.append((day, "pay_cap", text))
    return out


def _service_edges(start: date, dob: date, lo: date, hi: date) -> list[tuple[date, CliffKind, str]]:
    out: list[tuple[date, CliffKind, str]] = []
    years = 1
    while (day := anniversary(start, years) - _DAY) <= hi:
        if day >= lo:
            before = redundancy_weeks(dob, day, years - 1)
            after = redundancy_weeks(dob, day, years)
            parts = []
            if after != before:
                first = " (the first year it is due)" if before == 0 else ""
                parts.append(
                    f"statutory redundancy pay rises from {_wk(before)} to {_wk(after)} "
                    f"weeks' pay{first}"
                )
            if QUALIFYING_YEARS <= years <= MAX_NOTICE_WEEKS:
                parts.append(
                    f"notice given on or after this date needs {years} weeks' statutory "
                    f"notice (was {max(years - 1, 1)})"
                )
            if parts:
                text = f"From {_day(day)} the person has {years} complete years' service: "
                out.append((day, "service_year", text + "; ".join(parts) + "."))
        years += 1
    return out


def _birthday_edges(
    start: date, dob: date, lo: date, hi: date
) -> list[tuple[date, CliffKind, str]]:
    """Age-band changes. ERA s.162(2) weighs each year by the age held throughout it, so the
    rise comes on the day before the birthday (the last day of a year spent wholly at the
    lower age), one day before GOV.UK's ready reckoner shows it."""
    out: list[tuple[date, CliffKind, str]] = []
    age = max(age_on(dob, max(lo, dob)), 1)
    while (day := (birthday := anniversary(dob, age)) - _DAY) <= hi:
        if day >= lo and day >= start:
            years = complete_years(start, day)
            before = redundancy_weeks(dob, day - _DAY, years)
            after = redundancy_weeks(dob, day, years)
            if after != before:
                text = (
                    f"Turns {age} on {_day(birthday)}: for a relevant date on or after "
                    f"{_day(day)}, the day before the birthday, a counted year of service was "
                    f"spent wholly at a higher age band (ERA s.162), so statutory redundancy pay "
                    f"rises from {_wk(before)} to {_wk(after)} weeks' pay. GOV.UK's ready "
                    "reckoner, which uses age on the relevant date, shows this only from the "
                    "birthday."
                )
                out.append((day, "age_weighting", text))
        age += 1
    return out


def _pension_edges(dob: date, lo: date, hi: date) -> list[tuple[date, CliffKind, str]]:
    ages = rates().strain_ages
    candidates = {anniversary(dob, a) for _, a in ages} | {d for d, _ in ages}
    out: list[tuple[date, CliffKind, str]] = []
    for day in sorted(candidates):
        if not lo <= day <= hi or day - _DAY < max(ages[0][0], dob):
            continue
        was = age_on(dob, day - _DAY) >= strain_minimum_age(day - _DAY)
        now = age_on(dob, day) >= strain_minimum_age(day)
        minimum = strain_minimum_age(day)
        if now and not was:
            text = (
                f"Turns {minimum} on {_day(day)}: a pension-scheme member with 2+ years' "
                "membership made redundant on or after this date gets an unreduced LGPS "
                "pension at once, and the council pays a strain cost."
            )
        elif was and not now:
            text = (
                f"From {_day(day)} the LGPS minimum age rises to {minimum}: redundancy on or "
                f"after this date, at age {age_on(dob, day)}, no longer releases an unreduced"
                " pension (and strain cost)."
            )
        else:
            continue
        out.append((day, "pension_age", text))
    return out


def _day(d: date) -> str:
    return f"{d.day} {d:%B %Y}"


def _gbp(amount: Decimal) -> str:
    return f"£{amount:,.0f}" if amount == amount.to_integral_value() else f"£{amount:,.2f}"


def _wk(weeks: Decimal) -> str:
    text = f"{weeks:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
