"""Plan texts shared by several test modules, each with its hand derivation."""

from __future__ import annotations

import textwrap

# 2016-03-01 is a Tuesday; day n of the programme is 2016-03-01 + n days. Monthly slippage is
# 1,200,000 / 12 = £100,000. Default durations: moderate review 1w, notice to person 2w.
HEAD = """\
programme:
  name: Hand-checked
  organisation: Test Council
  start: 2016-03-01
  target_end: {target_end}
  savings: {{full_year: 1200000}}
sites:
  - id: old
    status: closing
{old_extra}
  - id: b
    status: receiving
    capacity: {b_capacity}
  - id: c
    status: receiving
    capacity: 5
teams:
  - id: team
    capacity: {team_capacity}
"""


def plan_text(
    people: list[str],
    *,
    target_end: str = "2016-03-31",
    team_capacity: int = 1,
    b_capacity: int = 10,
    old_extra: str = "",
    tail: str = "",
) -> str:
    text = HEAD.format(
        target_end=target_end,
        team_capacity=team_capacity,
        b_capacity=b_capacity,
        old_extra=old_extra,
    )
    text += "people:\n" + "".join(f"  - {{{p}}}\n" for p in people)
    return text + textwrap.dedent(tail)


def moderate(n: int, extra: str = "") -> list[str]:
    return [f"id: P{i}, site: old, cohort: LD, needs: moderate{extra}" for i in range(1, n + 1)]


# 2016-03-01 is a Tuesday. Three people at risk at one centre (under 20: two weeks' individual
# consultation, 1 to 14 March); notices from Tuesday 15 March.
# - S1, a Day Centre Officer, matches V1 (open from Monday 9 May): a 4-week trial that must
#   start after the centre closes and within 4 weeks of it, so it closes on 11 April at the
#   earliest and the trial runs 9 May to 5 June.
# - S2, a cook with under 2 years' service: 1 week's notice, no redundancy pay; leaves the day
#   the centre closes, 11 April.
# - S3 asked for VR (accepted): 16 years' service on leaving, so 12 weeks' statutory notice:
#   15 March + 84 days = 7 June. Age 58 then, every counted year at 1.5 weeks: 16 x 1.5 = 24
#   weeks at the £479 cap in force from 6 April 2016 = £11,496. A pension member aged 55+:
#   strain flagged, the fund's estimate £25,000.
# Pay to leaving, by the day from 1 March (a week's pay a seventh a day, half up): S1 to the day
# before the trial, 69 days x 700 / 7 = £6,900; S2 to 11 April inclusive, 42 days x 350 / 7 =
# £2,100; S3 to 7 June inclusive, 99 days x 500 / 7 = £7,071.43, so £7,071.
STAFF_PLAN = """\
programme:
  name: Staff
  organisation: Test Council
  start: 2016-03-01
  target_end: 2016-04-29
  savings: {full_year: 1200000}
sites:
  - {id: old, status: closing, close_by: 2016-04-29}
  - {id: b, status: receiving, capacity: 10}
teams:
  - {id: team, capacity: 1}
people:
  - {id: P1, site: old, cohort: LD, needs: moderate}
staff:
  - {id: S1, name: Ann Example, role: Day Centre Officer, site: old, grade: G6, weekly_pay: 700,
     start_date: 2010-01-04, date_of_birth: 1980-06-01}
  - {id: S2, name: Bob Example, role: Cook, site: old, weekly_pay: 350,
     start_date: 2015-06-01, date_of_birth: 1990-01-01}
  - {id: S3, name: Cat Example, role: Day Centre Officer, site: old, grade: G6, weekly_pay: 500,
     start_date: 2000-04-03, date_of_birth: 1958-05-10, status: vr_requested,
     pension_member: true, strain_estimate: 25000}
vacancies:
  - {id: V1, role: Day Centre Officer, grade: G6, site: b, use: redeploy,
     available_from: 2016-05-09}
  - {id: V2, role: Cook, site: old, use: delete}
"""
