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
