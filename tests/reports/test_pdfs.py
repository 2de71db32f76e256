"""The PDFs read back: every section, the schedule's figures, and no personal data in the note."""

from __future__ import annotations

import dataclasses
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


def test_action_plan_tells_the_gap_in_pounds(example: tuple[LoadedPlan, Schedule]) -> None:
    loaded, s = example
    # the seed plan's figures at budget 20 (cost £877,848), on this schedule's other facts
    proven = dataclasses.replace(
        s,
        total_cost=877_848,
        bound=868_427,
        gap=0.010732,
        floor=862_600,
        avoidable=15_248,
        gap_pounds=9_421,
        gap_of_avoidable=0.617852,
    )
    text = words(text_of(action_plan_pdf(loaded.plan, proven, PRODUCED, None)))
    assert "Lower bound proved by the solver £868,427 (gap 1.1%)" in text
    assert "Avoidable money (cost above the floor of £862,600) £15,248" in text
    assert "Gap to the bound in pounds £9,421 (61.8% of the avoidable money)" in text


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
    assert s.floor is not None and s.avoidable is not None
    assert (
        f"Avoidable money (cost above the floor of {money(s.floor)}) {money(s.avoidable)}" in text
    )
    assert "Gap to the bound in pounds" not in text
    assert f"Total cost of this schedule {money(s.total_cost)}" in text
    assert f"Forecast: services cease {day(s.services_cease)} (on time)" in text
    assert f"plan {s.plan_digest}" in text
    # Every milestone has an owner: HR for the HR1, the property lead for the break notice.
    assert "HR1 to the Redundancy Payments Service (Electrium Point) HR " in text
    assert re.search(r"[Ss]erve break notice \(Electrium Point\) Property lead ", text)
    assert "Page 1" in text and "P001" in text and "S002" in text
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
    assert f"In-year saving (forecast on the current schedule) {money(in_year)}" in text
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


@pytest.fixture(scope="module")
def late(tmp_path_factory: pytest.TempPathFactory) -> tuple[LoadedPlan, Schedule]:
    """The seed plan with a target of 31 March: the same schedule is two months late."""
    folder = tmp_path_factory.mktemp("late")
    for src in EXAMPLE.parent.glob("links-to-work*"):
        text = src.read_text(encoding="utf-8")
        if src.suffix == ".yaml":
            text = text.replace("target_end: 2016-05-31", "target_end: 2016-03-31")
        (folder / src.name).write_text(text, encoding="utf-8")
    loaded = load_plan(folder / EXAMPLE.name)
    s = make_schedule(loaded, ScheduleOptions(solver="greedy"))
    assert (s.slippage_months, s.slippage_cost) == (2, 198_000)
    return loaded, s


def test_both_papers_show_one_in_year_saving_planned_and_forecast(
    late: tuple[LoadedPlan, Schedule],
) -> None:
    loaded, s = late
    board = words(text_of(action_plan_pdf(loaded.plan, s, PRODUCED)))
    panel = words(text_of(briefing_pdf(loaded.plan, s, PRODUCED)))
    # 993,333 planned, less two months' slippage at £99,000.
    assert "In-year saving (planned) £993,333" in board
    assert "In-year saving (forecast on this schedule) £795,333" in board
    assert "In-year saving (planned) £993,333" in panel
    assert "In-year saving (forecast on the current schedule) £795,333" in panel
    assert "services cease a month later £696,333" in panel


def test_briefing_text_follows_a_late_forecast(late: tuple[LoadedPlan, Schedule]) -> None:
    loaded, s = late
    text = words(text_of(briefing_pdf(loaded.plan, s, PRODUCED)))
    ceases = day(s.services_cease)
    assert (
        f"2. Recommendations That the Panel notes that services are now forecast to cease on "
        f"{ceases}, 2 months after the target of 31 Mar 2016; the delay costs £198,000, leaving "
        "an in-year saving of £795,333 against the £993,333 planned." in text
    )
    assert f"actions in place to complete the transition by {ceases}." in text
    assert (
        f"The programme was planned to complete by 31 Mar 2016 and is forecast to complete by "
        f"{ceases}; it saves £1,192,000 a year, and each month of delay costs £99,000." in text
    )
    assert "complete the transition by 31 Mar" not in text
    assert "{" not in text


def test_the_monthly_cost_says_what_it_is(late: tuple[LoadedPlan, Schedule]) -> None:
    loaded, s = late
    text = words(text_of(briefing_pdf(loaded.plan, s, PRODUCED)))
    assert (
        "costs £99,000 (the plan's figure; the full-year saving of £1,192,000 / 12 is £99,333)."
        in text
    )
    _, own = loaded, loaded.plan.programme
    default = loaded.plan.model_copy(
        update={
            "programme": own.model_copy(
                update={"slippage": own.slippage.model_copy(update={"monthly_cost": None})}
            )
        }
    )
    text = words(text_of(briefing_pdf(default, s, PRODUCED)))
    assert "costs £99,333 (the full-year saving of £1,192,000 / 12)." in text


def test_one_suppression_pass_over_the_whole_note(tmp_path: Path) -> None:
    """12 people, 2 of them PD: the cohort table is suppressed, so the people total reads
    "about 10" in the summary, the detail and the table alike, never 12."""
    people = "".join(
        f"  - {{id: P{i}, site: old, cohort: {'PD' if i < 3 else 'LD'}, needs: moderate}}\n"
        for i in range(1, 13)
    )
    head, _, rest = SMALL.partition("people:\n")
    plan = (
        head.replace("capacity: 10}", "capacity: 20}")
        + "people:\n"
        + people
        + "staff:"
        + rest.partition("staff:")[2]
    )
    loaded, s = _small(tmp_path, plan)
    text = words(text_of(briefing_pdf(loaded.plan, s, PRODUCED)))
    assert "supports about 10 people to new provision" in text
    assert "About 10 people use the services that close." in text
    assert "PD fewer than 5" in text and "total about 10" in text
    assert not re.search(r"\b12 people\b", text)


def test_post_rows_are_marked_and_singletons_only_grouped(
    example: tuple[LoadedPlan, Schedule],
) -> None:
    loaded, s = example
    register = build_register(loaded.plan, s)
    pdf = action_plan_pdf(loaded.plan, s, PRODUCED, register)
    pages = [words(p.extract_text()) for p in PdfReader(io.BytesIO(pdf)).pages]
    marked = [n for n, text in enumerate(pages) if "OFFICIAL-SENSITIVE" in text]
    with_posts = [n for n, text in enumerate(pages) if re.search(r"\bS0\d\d\b", text)]
    assert marked and with_posts and set(with_posts) <= set(marked)
    assert marked == list(range(marked[0], len(pages)))
    assert all(pages[n].count("OFFICIAL-SENSITIVE") == 2 for n in marked)  # header and footer
    assert "OFFICIAL-SENSITIVE" not in pages[0]
    text = " ".join(pages)
    # S001 is the only Centre Manager at Electrium Point: counted, never a row.
    assert not re.search(r"\bS001\b", text)
    assert "S002 Senior Day Centre Officer electrium-point" in text
    assert (
        "8 more posts, each the only one of its role at its site, shown only together: "
        "1 redeployed, 7 redundant." in text
    )


def test_post_rows_can_be_left_out(example: tuple[LoadedPlan, Schedule]) -> None:
    from openpyxl import load_workbook

    from transition_planner.exports.schedule_files import schedule_csv, schedule_xlsx

    loaded, s = example
    register = build_register(loaded.plan, s)
    text = words(text_of(action_plan_pdf(loaded.plan, s, PRODUCED, register, posts=False)))
    assert "Appendix B" not in text and "OFFICIAL-SENSITIVE" not in text
    assert not re.search(r"\bS0\d\d\b", text)
    book = load_workbook(io.BytesIO(schedule_xlsx(s, loaded.plan, posts=False)))
    assert "staff" not in book.sheetnames
    kinds = {row[1] for row in book["actions"].iter_rows(min_row=2, values_only=True)}
    assert not kinds & {"one_to_one", "notice", "trial", "leave"} and "hr1" in kinds
    assert book["actions"].oddHeader.center.text is None
    assert b",S001," not in schedule_csv(s, loaded.plan, posts=False)
    assert b",S001," in schedule_csv(s, loaded.plan)


def _fonts(pdf: bytes) -> dict[str, bool]:
    """Base font name -> whether the file embeds it."""
    found: dict[str, bool] = {}
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"].get("/Font", {}).values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            embedded = descriptor is not None and any(
                k in descriptor.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3")
            )
            found[str(font["/BaseFont"])] = embedded
    return found


def test_action_plan_has_title_language_and_only_embedded_fonts(
    example: tuple[LoadedPlan, Schedule],
) -> None:
    loaded, s = example
    pdf = action_plan_pdf(loaded.plan, s, PRODUCED, build_register(loaded.plan, s))
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"
    assert reader.metadata is not None
    assert reader.metadata.title == "Links to Work transition: action plan"
    # Tables and charts used to list Helvetica, which is never embedded.
    assert _fonts(pdf) == {"/AAAAAA+DejaVuSans": True, "/AAAAAA+DejaVuSans-Bold": True}


def test_briefing_pdf_is_tagged_pdf_ua(
    example: tuple[LoadedPlan, Schedule], tmp_path: Path
) -> None:
    import pikepdf
    from pdfua.cli import main as pdfua_main

    loaded, s = example
    pdf = briefing_pdf(loaded.plan, s, PRODUCED)
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        assert doc.Root.Lang == "en-GB"
        assert doc.Root.MarkInfo.Marked is True
        assert doc.Root.ViewerPreferences.DisplayDocTitle is True
        assert doc.open_metadata().get("pdfuaid:part") == "1"
        assert str(doc.docinfo.Title) == loaded.plan.briefing.title  # type: ignore[union-attr]
        tags: list[str] = []
        headers: list[object] = []
        scopes: list[str] = []

        def walk(element: object) -> None:
            if not isinstance(element, pikepdf.Dictionary):
                return
            tags.append(str(element.get("/S", "")))
            if element.get("/S") == "/TD":
                headers.append(element.A.get("/Headers"))
            if element.get("/S") == "/TH":
                scopes.append(str(element.A.Scope))
            kids = element.get("/K")
            for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
                walk(kid)

        walk(doc.Root.StructTreeRoot)
    assert tags.count("/H1") == 1 and tags.count("/H2") == len(SECTIONS)
    assert {"/Table", "/TH", "/TD", "/L", "/LI", "/P"} <= set(tags)
    assert headers and all(h is not None and len(h) >= 1 for h in headers)
    assert scopes and set(scopes) == {"/Column", "/Row"}
    assert set(_fonts(pdf).values()) == {True}
    # The PDF/UA checker from PyPI (its machine-checkable subset of the rules): no findings.
    path = tmp_path / "briefing.pdf"
    path.write_bytes(pdf)
    assert pdfua_main(["check", str(path)]) == 0
    assert briefing_pdf(loaded.plan, s, PRODUCED) == pdf


def test_briefing_docx_headings_tables_and_properties(
    example: tuple[LoadedPlan, Schedule],
) -> None:
    import docx
    from docx.oxml.ns import qn

    from transition_planner.reports.briefing import briefing_docx

    loaded, s = example
    data = briefing_docx(loaded.plan, s, PRODUCED)
    document = docx.Document(io.BytesIO(data))
    props = document.core_properties
    assert (props.title, props.language) == (loaded.plan.briefing.title, "en-GB")  # type: ignore[union-attr]
    assert props.created.date() == PRODUCED
    headings = [
        (p.style.name, p.text)
        for p in document.paragraphs
        if p.style.name.startswith(("Heading", "Title"))
    ]
    assert headings[0] == ("Title", loaded.plan.briefing.title)  # type: ignore[union-attr]
    assert [t for style, t in headings if style == "Heading 1"] == [
        f"{n}. {h}" for n, h in enumerate(SECTIONS, start=1)
    ]
    assert len(document.tables) == 4
    for table in document.tables:
        marks = table.rows[0]._tr.trPr.findall(qn("w:tblHeader"))
        assert [m.get(qn("w:val")) for m in marks] == ["true"]
    finance = next(t for t in document.tables if t.rows[0].cells[0].text == "Item")
    cells = {r.cells[0].text: r.cells[1].text for r in finance.rows}
    assert cells["In-year saving (planned)"] == "£993,333"
    recommendations = [p.text for p in document.paragraphs if p.style.name == "List Number"]
    assert recommendations[0].startswith("That the Panel notes the timetable")
    styles = document.styles.element
    assert (
        styles.find(qn("w:docDefaults"))
        .find(qn("w:rPrDefault"))
        .find(qn("w:rPr"))
        .find(qn("w:lang"))
        .get(qn("w:val"))
        == "en-GB"
    )
    assert briefing_docx(loaded.plan, s, PRODUCED) == data


def test_briefing_falls_back_to_an_untagged_pdf_without_pango(
    example: tuple[LoadedPlan, Schedule], monkeypatch: pytest.MonkeyPatch
) -> None:
    from transition_planner.reports import briefing

    loaded, s = example
    monkeypatch.setattr(briefing, "tagged_pdf_available", lambda: False)
    pdf = briefing_pdf(loaded.plan, s, PRODUCED)
    assert b"ReportLab" in pdf and b"/StructTreeRoot" not in pdf
    text = words(text_of(pdf))
    assert "1. Summary" in text and "In-year saving (planned) £993,333" in text
    assert set(_fonts(pdf).values()) == {True}
