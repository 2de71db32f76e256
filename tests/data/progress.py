"""Plans and progress files for the re-planning tests, each with its hand derivation."""

from __future__ import annotations

import textwrap

# Six people at one centre, a team of one, two-week reviews. 2016-03-01 is a Tuesday.
# Slippage is charged pro rata: £36,500 a month is £36,500 x 12 / 365 = £1,200 a day, so the
# optimiser must close the centre on the earliest day it can (a unique optimum).
SIX_PLAN = """\
programme:
  name: Six
  organisation: Test Council
  start: 2016-03-01
  target_end: 2016-05-31
  savings: {full_year: 438000}
  slippage: {monthly_cost: 36500, pro_rata: true}
sites:
  - {id: old, status: closing}
  - {id: b, status: receiving, capacity: 10}
  - {id: c, status: receiving, capacity: 10}
teams:
  - {id: team, capacity: 1}
durations:
  review: {moderate: 2w}
people:
  - {id: P1, site: old, cohort: LD, needs: moderate}
  - {id: P2, site: old, cohort: LD, needs: moderate}
  - {id: P3, site: old, cohort: LD, needs: moderate}
  - {id: P4, site: old, cohort: LD, needs: moderate}
  - {id: P5, site: old, cohort: LD, needs: moderate}
  - {id: P6, site: old, cohort: LD, needs: moderate}
"""

# As of Monday 11 April 2016: three reviews done (P3's in 9 days, not 14), P1 moved to c.
SIX_PROGRESS = """\
step,status,start,finish,remaining,outcome,note
as_of,,2016-04-11,,,,
review:P1,done,2016-03-01,2016-03-14,,c,
review:P2,done,2016-03-15,2016-03-28,,,
review:P3,done,2016-03-31,2016-04-08,,,
move:P1,done,2016-03-29,2016-03-29,,,
"""


def csv(text: str) -> str:
    return textwrap.dedent(text)


# A team of two, six people, two-week reviews; target end Saturday 30 April, £1,200 a day
# late. The first plan: reviews in pairs 1-14 March, 15-28 March, 29 March-11 April; each
# move two weeks after its review ends (29 March, 12 April, 26 April); the centre closes on
# 26 April, on time.
CAPACITY_PLAN = (
    SIX_PLAN.replace("name: Six", "name: Capacity")
    .replace("target_end: 2016-05-31", "target_end: 2016-04-30")
    .replace("capacity: 1}", "capacity: 2{availability}}")
)

# As of Tuesday 15 March: the first two reviews done on time.
CAPACITY_PROGRESS = """\
step,status,start,finish
as_of,,2016-03-15,
review:P1,done,2016-03-01,2016-03-14
review:P2,done,2016-03-01,2016-03-14
"""


def capacity_plan(lost_from: str | None = None, lost_to: str | None = None) -> str:
    """The capacity plan; with dates, the team is down to one between them."""
    availability = (
        f", availability: [{{from: {lost_from}, to: {lost_to}, capacity: 1}}]" if lost_from else ""
    )
    return CAPACITY_PLAN.replace("{availability}", availability)


# A closing site with no one left in it and a lease with breaks on 30 September 2016 and
# 31 March 2017 at 3 months' notice, £5,000 a month. The first plan serves the notice at once
# and leaves at the September break: rent for March to September, 7 months, £35,000.
LEASE_PLAN = """\
programme:
  name: Lease
  organisation: Test Council
  start: 2016-03-01
  target_end: 2016-05-31
  savings: {full_year: 1200000}
sites:
  - {id: old, status: closing}
  - {id: b, status: receiving, capacity: 10}
leases:
  - {site: old, rent_per_month: 5000, notice_months: 3, break_dates: [2016-09-30, 2017-03-31]}
"""

# As of 11 July the notice was served only on 4 July: too late for 30 September (3 months
# before is 30 June, less the 2-week margin). The next break is 31 March 2017: rent for March
# 2016 to March 2017, 13 months, £65,000: £30,000 more.
LEASE_PROGRESS = """\
step,status,start,finish
as_of,,2016-07-11,
close:old,done,2016-03-01,2016-03-01
lease_notice:old,done,2016-07-04,2016-07-04
"""


# STAFF_PLAN (tests/data/plans.py) as of Monday 23 May 2016: everything before then went as
# planned, except that S1's trial (from 9 May into V1) failed on Friday 20 May.
TRIAL_PROGRESS = """\
step,status,start,finish,remaining,outcome
as_of,,2016-05-23,,,
consultation:old,done,2016-03-01,2016-03-14,,
vr_window:old,done,2016-03-01,2016-03-14,,
one_to_one:S1,done,2016-03-02,2016-03-02,,
one_to_one:S2,done,2016-03-01,2016-03-01,,
one_to_one:S3,done,2016-03-01,2016-03-01,,
review:P1,done,2016-03-01,2016-03-07,,b
move:P1,done,2016-03-22,2016-03-22,,b
close:old,done,2016-04-11,2016-04-11,,
notice:S2,done,2016-03-15,2016-03-21,,
leave:S2,done,2016-04-11,2016-04-11,,
notice:S3,started,2016-03-15,2016-06-06,,
post_move_review:P1,done,2016-05-03,2016-05-03,,
trial:S1,done,2016-05-09,2016-05-20,,failed
"""
