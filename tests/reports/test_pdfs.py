"""The PDFs read back: every section, the schedule's figures, and no personal data in the note."""

from __future__ import annotations

import io
import json
import re
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from transition_planner.exports.schedule_files import schedule_json
from transition_planner.generate import GenerateOptions, generate_plan, write_generated
from transition_planner.pipeline import ScheduleOptions, make_schedule
from transition_planner.plan.load import LoadedPlan, load_plan
from transition_planner.plan.steps import WORKSTREAMS
from transition_planner.reports.action_plan import GANTT_ROWS, action_plan_pdf, gantt_bars
from transition_planner.reports.briefing import SECTIONS, briefing_pdf
from transition_planner.reports.charts import fit
from transition_planner.reports.register import build_register
from transition_planner.reports.style import day, money
from transition_planner.schedule.model import Schedule

EXAMPLE = Path(__file__).parents[2] / "plans" / "links-to-work.yaml"
PRODUCED = date(2016, 3, 1)


@pytest.fixture(scope="module")
def example() -> tuple[LoadedPlan, Schedule]:
    loaded = load_plan(EXAMPLE)
    return loaded, make_schedule(loaded, ScheduleOptions(solver="greedy"))


def text_of(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() for page in reader.pages)


def words(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_action_plan_sections_and_figures(example: tuple[LoadedPlan, Schedule]) -> None:
    loaded, s = example
    register = build_register(loaded.plan, s)
    pdf = action_plan_pdf(loaded.plan, s, PRODUCED, register)
    text = words(text_of(pdf))
    for heading in (
        "Key facts",
        "Timeline by workstream",
        "Decommissioning and property",
        "Staffing",
        "Service user transition",
        "Milestones",
        "Site by site",
        "Load and places",
        "Costs",
        "Critical chain and risk",
        "Appendix A: people",
        "Appendix B: posts",
    ):
        assert heading in text, heading
    # Key figures as schedule.json records them.
    saved = json.loads(schedule_json(s))
    assert f"Total cost of this schedule {money(saved['total_cost'])}" in text
    assert f"Months late {saved['slippage_months']}" in text
    assert f"Slippage cost {money(saved['slippage_cost'])}" in text
    assert "Lower bound proved by the solver none: this solver proves no bound" in text
    assert f"Total cost of this schedule {money(s.total_cost)}" in text
    assert f"Forecast: services cease {day(s.services_cease)} (on time)" in text
    assert f"plan {s.plan_digest}" in text
    assert "Page 1" in text and "P001" in text and "S001" in text
    # Names belong in the HR register only.
    assert not [m.name for m in loaded.plan.staff if m.name in text]
    assert b"DejaVuSans" in pdf
    assert action_plan_pdf(loaded.plan, s, PRODUCED, register) == pdf


def test_briefing_sections_figures_and_no_personal_data(
    example: tuple[LoadedPlan, Schedule],
) -> None:
    loaded, s = example
    pdf = briefing_pdf(loaded.plan, s, PRODUCED)
    text = words(text_of(pdf))
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 2
    positions = [text.index(f"{n}. {h}") for n, h in enumerate(SECTIONS, start=1)]
    assert positions == sorted(positions)
    assert "To Social Care and Health Scrutiny and Performance Panel" in text
    assert f"Date {day(PRODUCED)}" in text
    assert "Cost of each month of slippage £99,000" in text
    in_year = int(loaded.plan.programme.savings.in_year or 0) - s.slippage_cost
    assert f"in-year saving on the current schedule {money(in_year)}" in text
    assert f"services cease a month later {money(in_year - 99_000)}" in text
    assert "so TUPE 2006 does not apply" in text
    assert "1 establishment with 20 or more" in text
    assert f"Slippage on the current schedule {money(s.slippage_cost)}" in text
    assert f"forecast to cease on {day(s.services_cease)}" in text
    # 3 deleted vacancies are suppressed, and the figures they would be derived from rounded.
    assert "Vacant posts deleted fewer than 5" in text
    assert "Posts affected about 45" in text
    identifiers = [p.id for p in loaded.plan.people] + [m.id for m in loaded.plan.staff]
    identifiers += [v.id for v in loaded.plan.vacancies]
    names = [m.name for m in loaded.plan.staff] + [m.name.split()[-1] for m in loaded.plan.staff]
    found = [x for x in identifiers if re.search(rf"\b{re.escape(x)}\b", text)]
    assert found == []
    assert [n for n in names if n in text] == []
    assert str(loaded.plan.staff[0].date_of_birth) not in text
    assert briefing_pdf(loaded.plan, s, PRODUCED) == pdf


SMALL = """\
programme:
  name: Small closure
  organisation: Test Council
  start: 2016-03-01
  target_end: 2016-05-31
  savings: {full_year: 120000}
sites:
  - {id: old, status: closing, close_by: 2016-05-31}
  - {id: new, status: receiving, capacity: 10}
teams:
  - {id: team, capacity: 2}
people:
  - {id: P1, site: old, cohort: LD, needs: moderate}
  - {id: P2, site: old, cohort: LD, needs: moderate, pathway: community}
staff:
  - {id: S1, name: Zelda Quist, role: Cook, site: old, weekly_pay: 400, start_date: 2001-01-01,
     date_of_birth: 1970-01-01}
"""


def _small(tmp_path: Path, text: str = SMALL) -> tuple[LoadedPlan, Schedule]:
    """A small plan written out and scheduled greedily."""
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    loaded = load_plan(path)
    return loaded, make_schedule(loaded, ScheduleOptions(solver="greedy"))


def test_small_counts_are_suppressed_without_a_briefing_section(tmp_path: Path) -> None:
    loaded, s = _small(tmp_path)
    text = words(text_of(briefing_pdf(loaded.plan, s, PRODUCED)))
    assert "Fewer than 5 people use the services that close. Fewer than 5 are moving" in text
    assert "Staff at risk fewer than 5" in text
    assert "One-off: redundancy and pension strain not shown (fewer than 5 people)" in text
    assert "Zelda" not in text and "Quist" not in text and "S1" not in text
    assert "Small closure: progress and risks" in text


def test_accented_names_and_pounds_render(tmp_path: Path) -> None:
    plan = SMALL.replace(
        "{id: new, status: receiving", "{id: new, name: Café Élan, status: receiving"
    )
    loaded, s = _small(tmp_path, plan)
    text = words(text_of(action_plan_pdf(loaded.plan, s, PRODUCED)))
    assert "Café Élan: places taken by week" in text
    assert "1 to Café Élan" in text
    assert "Full-year saving £120,000" in text


def test_gantt_labels_are_shortened_but_keep_their_count() -> None:
    long = "carers' assessments, a site with a very long name indeed for a label (17)"
    short = fit(long, 120)
    assert short.endswith("… (17)") and short.startswith("carers' assessments")
    assert fit("close Old Mill", 120) == "close Old Mill"
    assert fit("Legal check of the Electrium Point break clause", 60).endswith("…")


def test_gantt_bars_read_as_titles_with_site_names(tmp_path: Path) -> None:
    plan = SMALL.replace("{id: old, status: closing", "{id: old, name: Old Mill, status: closing")
    loaded, s = _small(tmp_path, plan)
    labels = [
        b.label
        for ws in sorted({a.workstream for a in s.actions})
        for b in gantt_bars(loaded.plan, s, ws)
    ]
    assert "Close Old Mill" in labels
    assert any(label.startswith("Reviews, Old Mill (") for label in labels)
    assert [label for label in labels if label[:1].islower()] == []


def test_a_long_gantt_is_split_across_pages(tmp_path: Path) -> None:
    # 40 sites: over 60 bars in a workstream, more than one A4 page of Gantt
    write_generated(tmp_path, generate_plan(GenerateOptions(people=300, sites=40, staff=60)))
    loaded = load_plan(tmp_path / "plan.yaml")
    s = make_schedule(loaded, ScheduleOptions(solver="greedy"))
    assert max(len(gantt_bars(loaded.plan, s, ws)) for ws in WORKSTREAMS) > GANTT_ROWS
    text = words(text_of(action_plan_pdf(loaded.plan, s, PRODUCED)))
    assert "(continued)" in text
