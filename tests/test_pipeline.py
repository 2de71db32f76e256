"""One schedule behind every output: the pipeline's library calls, and the CLI over them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tests.conftest import BASE_PLAN, PlanDir
from tests.data.plans import STAFF_PLAN
from transition_planner import pipeline
from transition_planner.cli import cli
from transition_planner.errors import InputFileError, OutputError
from transition_planner.plan.load import load_plan


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def no_solving(*_args: object, **_kwargs: object) -> None:
    raise AssertionError("solved again: the saved schedule should have been used")


def test_staff_from_the_saved_schedule_is_the_register_run_wrote(
    plan_dir: PlanDir, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan_dir.write("staff.yaml", STAFF_PLAN)
    ran = invoke("run", "staff.yaml", "--out", "out", "--budget", "2", "--date", "2016-03-01")
    assert ran.exit_code == 0, ran.stderr
    monkeypatch.setattr(pipeline, "solve", no_solving)
    staff = invoke(
        "staff", "staff.yaml", "--schedule", "out/schedule.json", "--format", "xlsx",
        "--out", "hr",
    )  # fmt: skip
    assert (staff.exit_code, staff.output) == (0, "Wrote hr/staff-register.xlsx\n")
    written = (plan_dir.root / "out" / "staff-register.xlsx").read_bytes()
    assert (plan_dir.root / "hr" / "staff-register.xlsx").read_bytes() == written
    # The same for the papers: no solve, and the same bytes as run's.
    report = invoke(
        "report", "staff.yaml", "--schedule", "out/schedule.json", "-o", "hr/action-plan.pdf",
        "--date", "2016-03-01",
    )  # fmt: skip
    assert (report.exit_code, report.output) == (0, "Wrote hr/action-plan.pdf\n")
    ran_pdf = (plan_dir.root / "out" / "action-plan.pdf").read_bytes()
    assert (plan_dir.root / "hr" / "action-plan.pdf").read_bytes() == ran_pdf
    brief = invoke(
        "brief", "staff.yaml", "--schedule", "out/schedule.json", "-o", "hr/briefing.pdf",
        "--date", "2016-03-01",
    )  # fmt: skip
    assert brief.exit_code == 0
    ran_brief = (plan_dir.root / "out" / "briefing.pdf").read_bytes()
    assert (plan_dir.root / "hr" / "briefing.pdf").read_bytes() == ran_brief


def test_a_schedule_of_another_plan_is_refused(plan_dir: PlanDir) -> None:
    plan_dir.write("staff.yaml", STAFF_PLAN)
    plan_dir.plan(BASE_PLAN)
    ran = invoke("schedule", "plan.yaml", "--out", "out", "--solver", "greedy")
    assert ran.exit_code == 0, ran.stderr
    digest = json.loads((plan_dir.root / "out" / "schedule.json").read_text())["plan_digest"]
    refused = invoke("staff", "staff.yaml", "--schedule", "out/schedule.json")
    assert refused.exit_code == 2
    assert refused.stdout == ""
    other = load_plan(plan_dir.root / "staff.yaml").digest
    assert refused.stderr == (
        "error: out/schedule.json: this schedule was made from another plan or another version "
        f"of it (plan {digest}; staff.yaml is plan {other}); schedule the plan again\n"
    )


def test_without_a_saved_schedule_the_papers_say_they_solve(plan_dir: PlanDir) -> None:
    plan_dir.write("staff.yaml", STAFF_PLAN)
    staff = invoke("staff", "staff.yaml", "--solver", "greedy")
    assert staff.exit_code == 0
    assert staff.stderr == (
        "No --schedule given: scheduling staff.yaml now (--solver greedy, --budget 20); give "
        "--schedule OUT/schedule.json to use the schedule `tplan run` wrote.\n"
    )
    timed = invoke("staff", "staff.yaml", "--solver", "greedy", "--time-limit", "4")
    assert timed.exit_code == 0
    assert timed.stderr == (
        "No --schedule given: scheduling staff.yaml now (--solver greedy, --time-limit 4, not "
        "reproducible); give --schedule OUT/schedule.json to use the schedule `tplan run` wrote.\n"
    )


def test_read_schedule_for_checks_the_digest(plan_dir: PlanDir) -> None:
    plan_dir.plan(BASE_PLAN)
    loaded = load_plan("plan.yaml")
    schedule = pipeline.make_schedule(loaded, pipeline.ScheduleOptions(solver="greedy"))
    path = plan_dir.root / "schedule.json"
    path.write_text(schedule.dumps(), encoding="utf-8")
    assert pipeline.read_schedule_for(loaded, path).actions == schedule.actions
    path.write_text(schedule.dumps().replace(loaded.digest, "0" * 12), encoding="utf-8")
    with pytest.raises(InputFileError, match="made from another plan"):
        pipeline.read_schedule_for(loaded, path)


def test_run_builds_every_output_from_the_one_schedule(plan_dir: PlanDir) -> None:
    plan_dir.write("staff.yaml", STAFF_PLAN)
    loaded = load_plan("staff.yaml")
    schedule = pipeline.verified_schedule(loaded, pipeline.ScheduleOptions(solver="greedy"))
    outputs = pipeline.run_outputs(loaded, schedule, schedule.programme_start)
    assert sorted(outputs) == [
        "action-plan.pdf",
        "briefing.docx",
        "briefing.pdf",
        "milestones.ics",
        "plan-summary.txt",
        "schedule.csv",
        "schedule.json",
        "schedule.xlsx",
        "staff-register.xlsx",
    ]
    saved = json.loads(outputs["schedule.json"])
    assert {k: v for k, v in saved.items() if k != "protective_marking"} == schedule.to_json()


def test_starter_plan_never_overwrites(tmp_path: Path) -> None:
    written = pipeline.write_starter_plan(tmp_path / "new")
    assert [p.name for p in written] == ["plan.yaml", "people.csv"]
    with pytest.raises(OutputError, match=r"plan\.yaml already exists; nothing was written"):
        pipeline.write_starter_plan(tmp_path / "new")


def test_generate_with_a_bad_name_is_one_line(plan_dir: PlanDir) -> None:
    result = invoke("generate", "--name", "a/b", "-o", "gen")
    assert result.exit_code == 2
    assert result.stderr == "error: name 'a/b' must be a plain file name (no / or \\)\n"
    assert not (plan_dir.root / "gen").exists()


def test_an_unexpected_error_is_one_line_and_debug_shows_it(
    plan_dir: PlanDir, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan_dir.plan(BASE_PLAN)

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("the solver\nbroke")

    monkeypatch.setattr(pipeline, "solve", broken)
    result = invoke("schedule", "plan.yaml")
    assert result.exit_code == 1
    assert result.stderr == (
        "error: unexpected RuntimeError: the solver broke (a fault in tplan, not in your files; "
        "run with --debug for the traceback and report it)\n"
    )
    debug = invoke("--debug", "schedule", "plan.yaml")
    assert isinstance(debug.exception, RuntimeError)
    assert str(debug.exception) == "the solver\nbroke"


def test_staff_csv_on_a_terminal_has_no_byte_order_mark(plan_dir: PlanDir) -> None:
    # The file gets a BOM (so Excel reads £); standard output does not.
    plan_dir.write("staff.yaml", STAFF_PLAN)
    printed = invoke("staff", "staff.yaml", "--solver", "greedy", "--format", "csv")
    assert printed.exit_code == 0
    assert printed.stdout.startswith("Post,Name,Role,Site,Grade,Outcome,")
    written = invoke("staff", "staff.yaml", "--solver", "greedy", "--format", "csv", "--out", "hr")
    assert written.exit_code == 0
    assert (plan_dir.root / "hr" / "staff-register.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_brief_writes_the_word_file_when_asked_for_docx(plan_dir: PlanDir) -> None:
    import zipfile

    plan_dir.write("staff.yaml", STAFF_PLAN)
    ran = invoke("run", "staff.yaml", "--out", "out", "--solver", "greedy", "--date", "2016-03-01")
    assert ran.exit_code == 0, ran.stderr
    made = invoke(
        "brief", "staff.yaml", "--schedule", "out/schedule.json", "-o", "b/note.docx",
        "--date", "2016-03-01",
    )  # fmt: skip
    assert (made.exit_code, made.stdout) == (0, "Wrote b/note.docx\n")
    # The same document run wrote from the same schedule and date.
    docx = (plan_dir.root / "b" / "note.docx").read_bytes()
    assert docx == (plan_dir.root / "out" / "briefing.docx").read_bytes()
    assert "word/document.xml" in zipfile.ZipFile(plan_dir.root / "b" / "note.docx").namelist()
    wrong = invoke("brief", "staff.yaml", "--schedule", "out/schedule.json", "-o", "note.txt")
    assert (wrong.exit_code, wrong.stderr) == (
        2,
        "error: note.txt: the briefing is written as .pdf or .docx\n",
    )


def test_a_scenario_given_as_a_plan_is_named_as_such(plan_dir: PlanDir) -> None:
    plan_dir.write(
        "what-if.yaml",
        "name: short\nchanges:\n  - {team: review-team, capacity: 1, from: 2016-04-01}\n",
    )
    result = invoke("validate", "what-if.yaml")
    assert result.exit_code == 2
    assert result.stderr == (
        "what-if.yaml:3:3: changes: this is a scenario (a what-if on a plan), not a plan; "
        "compare it with its plan: tplan compare PLAN --scenario what-if.yaml\n"
        "1 problem found; nothing was written.\n"
    )
