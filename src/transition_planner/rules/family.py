"""Priority for suitable alternative vacancies for pregnant staff and new parents.

Maternity and Parental Leave etc. Regulations 1999 reg 10, Adoption Leave Regulations 2002
reg 23 and Shared Parental Leave Regulations 2014 reg 39, as amended by the Maternity Leave,
Adoption Leave and Shared Parental Leave (Amendment) Regulations 2024 (SI 2024/264, from
6 April 2024, under the Protection from Redundancy (Pregnancy and Family Leave) Act 2023):
while protected, an employee whose job is redundant must be offered a suitable available
vacancy before anyone else. See docs/law.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from transition_planner.plan.calendar import add_months
from transition_planner.rules.periods import RulesError

FamilyStatus = Literal["pregnant", "maternity_leave", "adoption_leave", "shared_parental_leave"]

COMMENCEMENT = date(2024, 4, 6)  # SI 2024/264 reg 3
EXTENSION_MONTHS = 18
SPL_MIN_CONSECUTIVE_WEEKS = 6
AFTER_PREGNANCY = timedelta(weeks=2)


@dataclass(frozen=True)
class FamilyDates:
    """The dates the rule needs; leave the ones that do not apply as None."""

    informed_of_pregnancy: date | None = None  # the employer was told (1999 Regs reg 10(1A))
    expected_week: date | None = None  # first day of the expected week of childbirth
    birth: date | None = None  # date of childbirth, once notified to the employer
    pregnancy_ended: date | None = None  # a pregnancy ending with no maternity leave right
    leave_start: date | None = None  # first day of maternity, adoption or shared parental leave
    leave_end: date | None = None  # last day of that leave (None: not known yet, or ongoing)
    placement: date | None = None  # adoption placement (or entry into Great Britain)
    spl_consecutive_weeks: int = 0  # longest run of shared parental leave, in whole weeks


def _need(value: date | None, what: str, status: str) -> date:
    if value is None:
        raise RulesError(f"{status}: the {what} date is needed")
    return value


def _child_date(dates: FamilyDates, status: str) -> date:
    if dates.birth is not None:
        return dates.birth
    return _need(dates.expected_week, "birth or expected week of childbirth", status)


def protected_period(status: FamilyStatus, dates: FamilyDates) -> tuple[date, date] | None:
    """First and last day (both included) of the redeployment-priority protected period.

    - pregnant: from the day the employer is told of the pregnancy (if on or after 6 April
      2024; reg 3(2)); to 2 weeks after a pregnancy ends without maternity leave rights (a
      miscarriage before 24 weeks), else through maternity leave to 18 months after the birth
      (after the first day of the expected week if the birth date is not notified).
    - maternity_leave: from the start of leave (or the pregnancy notice, as above) to 18 months
      after the birth, if the leave ends on or after 6 April 2024; before that, the leave only.
    - adoption_leave: from the start of leave to 18 months after placement, if the leave ends
      on or after 6 April 2024; before that, the leave only.
    - shared_parental_leave: the leave itself; with 6+ consecutive weeks starting on or after
      6 April 2024, to 18 months after the birth or placement (only for someone not already
      protected by maternity or adoption leave: give that status instead).

    "18 months after" a date is read as ending on its corresponding date 18 months later
    (Dodds v Walker): a birth on 31 August 2024 is protected to 28 February 2026. None when no
    protection applies (e.g. a pregnancy notified before 6 April 2024). Raises RulesError
    naming a missing date.
    """
    if status == "pregnant":
        told = _need(dates.informed_of_pregnancy, "informed of pregnancy", status)
        if told < COMMENCEMENT:
            return None
        if dates.pregnancy_ended is not None:
            return told, dates.pregnancy_ended + AFTER_PREGNANCY
        return told, add_months(_child_date(dates, status), EXTENSION_MONTHS)
    start = _need(dates.leave_start, "leave start", status)
    extended = dates.leave_end is None or dates.leave_end >= COMMENCEMENT
    if status == "maternity_leave":
        notified = dates.informed_of_pregnancy
        if notified is not None and COMMENCEMENT <= notified < start:
            start = notified
        if extended:
            return start, add_months(_child_date(dates, status), EXTENSION_MONTHS)
        return start, _need(dates.leave_end, "leave end", status)
    if status == "adoption_leave":
        if extended:
            placed = _need(dates.placement, "placement", status)
            return start, add_months(placed, EXTENSION_MONTHS)
        return start, _need(dates.leave_end, "leave end", status)
    if status == "shared_parental_leave":
        end = _need(dates.leave_end, "leave end", status)
        if dates.spl_consecutive_weeks >= SPL_MIN_CONSECUTIVE_WEEKS and start >= COMMENCEMENT:
            child = dates.birth or _need(dates.placement, "birth or placement", status)
            end = max(end, add_months(child, EXTENSION_MONTHS))
        return start, end
    raise RulesError(f"unknown family status {status!r}")


def has_redeployment_priority(status: FamilyStatus, dates: FamilyDates, on_date: date) -> bool:
    """Whether, on ``on_date``, the person must be offered a suitable available vacancy
    ahead of others at risk (see :func:`protected_period`). Raises RulesError as it does."""
    period = protected_period(status, dates)
    return period is not None and period[0] <= on_date <= period[1]
