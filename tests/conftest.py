"""Shared fixtures: a small valid plan that tests change one thing at a time."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

BASE_PLAN = """\
programme:
  name: Test closure
  organisation: Test Council
  start: 2016-03-01
  target_end: 2016-05-31
  savings: {full_year: 1200000}
sites:
  - id: old-centre
    status: closing
    close_by: 2016-05-31
    running_cost_per_month: 10000
  - id: new-centre
    status: receiving
    capacity: 10
    features: [hoist]
teams:
  - id: review-team
    capacity: 2
people: people.csv
staff:
  - id: S001
    name: Alex Example
    role: Support Worker
    site: old-centre
    weekly_pay: 400
    start_date: 2010-01-04
    date_of_birth: 1980-06-01
"""

BASE_PEOPLE = """\
id,site,cohort,needs,requires,preferred,group,carer
P1,old-centre,LD,moderate,,new-centre,,no
P2,old-centre,PD,complex,hoist,,g1,yes
P3,old-centre,LD,substantial,,,g1,no
"""


class PlanDir:
    def __init__(self, root: Path):
        self.root = root

    def write(self, name: str, text: str) -> Path:
        path = self.root / name
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    def plan(self, text: str = BASE_PLAN, people: str | None = BASE_PEOPLE) -> Path:
        if people is not None:
            self.write("people.csv", people)
        return self.write("plan.yaml", text)


@pytest.fixture
def plan_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> PlanDir:
    monkeypatch.chdir(tmp_path)
    return PlanDir(tmp_path)
