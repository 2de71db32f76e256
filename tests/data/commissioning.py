"""Small commissioning plans shared by the schedule and export tests, each derived by hand.

The programme starts Monday 3 March 2025; the plan's bank holidays are Early May (Monday 5 May
2025). Savings of £120,000 a year make slippage £10,000 per started month after 31 March 2025.
"""

from __future__ import annotations

HEAD = """\
programme:
  name: Commissioning
  organisation: Test Council
  start: 2025-03-03
  target_end: 2025-03-31
  savings: {full_year: 120000}
  calendar: {holidays: [2025-05-05]}
sites:
  - {id: old, status: closing, running_cost_per_month: 10000}
teams:
  - {id: team, capacity: 1}
people:
  - {id: P1, site: old, cohort: LD, needs: moderate, preferred: [new-lot]}
"""

# The open procedure at its minimums with the plan's own engagement, evaluation, mobilisation:
# - market engagement 2 weeks: Mon 3 to Sun 16 March;
# - tendering 25 days (Procurement Act 2023 s.54(4)): 17 March to 10 April;
# - evaluation 2 weeks: 11 to 24 April;
# - award notice: the first working day whose 8 working days end within 10 calendar days.
#   Fri 25 April: no (8th working day Wed 7 May with the 5 May holiday: 13 days); Mon 28 April
#   to Wed 30 April: the 5 May holiday pushes the 8th day to 8, 9, 12 May (11-13 days); Thu 1,
#   Fri 2 May: no; Mon 5 May is the holiday. Tue 6 May: 6-9 and 12-15 May, 10 days. Award
#   Tuesday 6 May, standstill 6 to 15 May (s.51: 8 working days);
# - mobilisation 4 weeks: Fri 16 May to Thu 12 June; the lot opens Friday 13 June 2025.
# P1 (reviewed 3-9 March, notified 2 weeks) moves on the first day, 13 June, a working day.
LOT = """\
lots:
  - id: new-lot
    name: Supported day opportunities
    capacity: 5
    running_cost_per_month: 20000
    replaces: [old]
    procurement:
      route: open
      market_engagement: 2w
      evaluation: 2w
      mobilisation: 4w
"""


DOUBLE = """\
    double_running: {{period: 3m, paid_by: {payer}}}
"""


# A carer as their own record: C1 uses the closing site's respite and cares for P1. The carers
# cohort is not in the default list; the plan's carers bring it. Only `respite` takes carers and
# only `centre` takes LD, one place each. The team assesses one at a time: P1's review (moderate
# needs, 1 week) and C1's carer's assessment (3 days) take 10 days from Monday 3 March 2025 in
# either order, the second ending Wednesday 12 March.
RESPITE = """\
programme:
  name: Respite
  organisation: Test Council
  start: 2025-03-03
  target_end: 2025-03-31
  savings: {full_year: 120000}
sites:
  - {id: old, status: closing, running_cost_per_month: 10000}
  - {id: respite, status: receiving, capacity: 1, cohorts: [carers]}
  - {id: centre, status: receiving, capacity: 1, cohorts: [LD]}
teams:
  - {id: team, capacity: 1}
durations:
  carer_assessment: 3d
people:
  - {id: P1, site: old, cohort: LD, needs: moderate}
carers:
  - {id: C1, cared_for: P1, site: old, needs: moderate}
"""
