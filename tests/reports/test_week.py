"""This week and the next two, and status.html: from a hand-checked re-plan."""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.data.progress import LEASE_PLAN, LEASE_PROGRESS, SIX_PLAN, SIX_PROGRESS
from transition_planner import pipeline
from transition_planner.cli import cli
from transition_planner.plan.load import load_plan
from transition_planner.schedule.tracking import tracking

# The re-plan of tests/schedule/test_replan.py: review:P4 11-24 April, move:P2 12 April,
# move:P3 and review:P5 from 25 April (to 8 May). Weeks run Monday to Sunday from 11 April;
# moves belong to the programme manager and reviews to the team (plan.owners defaults). A
# planned step begun in an earlier week "continues"; only a recorded start is "in progress".
WEEK_TEXT = """\
As of Monday 11 April 2016 ({progress}): this week and the next 2

Week of 2016-04-11 to 2016-04-17: 2 step(s)
  Programme manager (1)
    due          move:P2                          2016-04-12
  team (1)
    due          review:P4                        2016-04-11 to 2016-04-24

Week of 2016-04-18 to 2016-04-24: 1 step(s)
  team (1)
    continues    review:P4                        2016-04-11 to 2016-04-24

Week of 2016-04-25 to 2016-05-01: 2 step(s)
  Programme manager (1)
    due          move:P3                          2016-04-25
  team (1)
    due          review:P5                        2016-04-25 to 2016-05-08
"""


@pytest.fixture
def status_page(tmp_path: Path) -> tuple[Path, str]:
    plan = tmp_path / "plan.yaml"
    plan.write_text(SIX_PLAN)
    progress = tmp_path / "progress.csv"
    progress.write_text(SIX_PROGRESS)
    html = tmp_path / "status.html"
    result = CliRunner().invoke(
        cli,
        ["week", str(plan), "--progress", str(progress), "--budget", "2", "--html", str(html)],
    )
    assert result.exit_code == 0, result.output
    return html, result.stdout


def test_week_by_owner(status_page: tuple[Path, str]) -> None:
    html, out = status_page
    progress = html.parent / "progress.csv"
    assert out == WEEK_TEXT.format(progress=progress) + f"Wrote {html}\n"


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.rows: dict[str, str] = {}
        self.steps: list[str] = []
        self.bars = 0
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "tr" and a.get("class") == "milestone":
            self.rows[a["data-id"] or ""] = a["data-rag"] or ""
        if tag == "tr" and a.get("class") == "step":
            self.steps.append(a["data-id"] or "")
        if tag == "rect" and a.get("class") == "bar":
            self.bars += 1
        if tag in ("script", "link", "img") or (tag == "a" and "href" in a):
            self.links.append(tag)


def test_status_page_is_self_contained(status_page: tuple[Path, str]) -> None:
    html, _ = status_page
    page = _Page()
    page.feed(html.read_text(encoding="utf-8"))
    # no baseline: RAG against deadlines; the centre closes 6 June, after the target 31 May
    # each closure once, in its site's row (its milestone row would repeat the same dates)
    assert page.rows == {"close old": "red", "services_cease": "red"}
    assert page.steps == ["move:P2", "review:P4", "review:P4", "move:P3", "review:P5"]
    assert page.bars == 2  # the team's reviews as one span, and the closure
    assert page.links == []  # nothing to fetch: it opens from a file share


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
def test_status_page_in_headless_chromium(status_page: tuple[Path, str]) -> None:
    html, _ = status_page
    assert CHROMIUM is not None
    dom = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--dump-dom",
            html.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    page = _Page()
    page.feed(dom)
    assert page.rows["services_cease"] == "red"
    assert page.steps[:2] == ["move:P2", "review:P4"]
    assert page.bars == 2
    assert 'id="services-cease">2016-06-06<' in dom


def test_status_page_gives_each_milestone_the_papers_status(tmp_path: Path) -> None:
    # The late lease notice, no baseline: the closure and the notice are recorded done, so the
    # page says done (as the action plan's status column does, from the one Tracking); the
    # rest keep their RAG against deadlines (no deadline missed: green).
    (tmp_path / "plan.yaml").write_text(LEASE_PLAN)
    (tmp_path / "progress.csv").write_text(LEASE_PROGRESS)
    loaded = load_plan(tmp_path / "plan.yaml")
    facts = pipeline.progress_for(loaded, tmp_path / "progress.csv")
    options = pipeline.ScheduleOptions(budget=2)
    s = pipeline.replan_schedule(loaded, pipeline.Replan(facts), options).schedule
    current = pipeline.current_plan(loaded, facts)
    view = pipeline.week_view(current, s, facts)
    rows = re.findall(
        r'<tr class="milestone" data-id="([^"]*)" data-rag="(\w*)" '
        r'data-status="([\w ]*)">',
        view.html,
    )
    assert rows == [
        ("close old", "green", "done"),
        ("services_cease", "green", "green"),
        ("lease_notice:old", "green", "done"),
        ("lease_exit:old", "green", "green"),
    ]
    t = tracking(current.plan, s, facts)
    assert [t.status(i) for i in ("close:old", "lease_notice:old", "lease_exit:old")] == [
        "done",
        "done",
        "green",
    ]


def test_week_from_a_saved_replan_checked_against_the_progress(tmp_path: Path) -> None:
    # the re-plan `schedule --progress` wrote gives the same weeks; a first plan that keeps
    # none of the recorded facts is refused (exit 4) rather than shown as this week's work
    plan = tmp_path / "plan.yaml"
    plan.write_text(SIX_PLAN)
    progress = tmp_path / "progress.csv"
    progress.write_text(SIX_PROGRESS)
    runner = CliRunner()
    for args in (
        ["schedule", str(plan), "--progress", str(progress), "--budget", "2", "--out", "re"],
        ["schedule", str(plan), "--budget", "2", "--out", "first"],
    ):
        args[-1] = str(tmp_path / args[-1])
        assert runner.invoke(cli, args).exit_code == 0
    week = ["week", str(plan), "--progress", str(progress), "--schedule"]
    result = runner.invoke(cli, [*week, str(tmp_path / "re" / "schedule.json")])
    assert (result.exit_code, result.stdout) == (0, WEEK_TEXT.format(progress=progress))
    result = runner.invoke(cli, [*week, str(tmp_path / "first" / "schedule.json")])
    assert result.exit_code == 4
    assert result.stderr.startswith(f"{tmp_path / 'first' / 'schedule.json'}: ")
