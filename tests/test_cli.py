"""The CLI end to end: exact output, exit codes, files written, and their effect via the library."""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner, Result

from tests.conftest import BASE_PLAN, PlanDir
from transition_planner.cli import cli
from transition_planner.plan.load import load_plan
from transition_planner.plan.schema import TABLE_FILE_PATTERN
from transition_planner.schedule.model import read_schedule

LEASED_PLAN = (
    BASE_PLAN
    + """\
leases:
  - site: old-centre
    rent_per_month: 8000
    notice_months: 1
    break_dates: [2016-06-24, 2016-09-29]
    dilapidations: {estimate: 12000, works: 2w}
"""
)


def invoke(*args: str) -> Result:
    result = CliRunner().invoke(cli, list(args))
    assert "Traceback" not in result.output + result.stderr
    return result


def test_help_lists_every_command_with_examples() -> None:
    result = invoke("--help")
    assert result.exit_code == 0
    for command in (
        "brief",
        "generate",
        "init",
        "report",
        "run",
        "schedule",
        "schema",
        "staff",
        "validate",
        "verify",
    ):
        assert f"  {command} " in result.output
        sub = invoke(command, "--help")
        assert sub.exit_code == 0
        assert "Example" in sub.output, command


def test_init_writes_a_plan_that_validates_and_never_overwrites(plan_dir: PlanDir) -> None:
    result = invoke("init", "starter")
    assert result.exit_code == 0
    assert result.output == (
        "Wrote starter/plan.yaml and starter/people.csv.\nNext: tplan validate starter/plan.yaml\n"
    )
    loaded = load_plan("starter/plan.yaml")
    assert loaded.plan.people and loaded.warnings == []
    before = (plan_dir.root / "starter" / "plan.yaml").read_bytes()
    again = invoke("init", "starter")
    assert again.exit_code == 1
    assert again.stderr == (
        "error: starter/plan.yaml already exists; nothing was written (choose an empty folder)\n"
    )
    assert (plan_dir.root / "starter" / "plan.yaml").read_bytes() == before


def test_schema_describes_the_plan(plan_dir: PlanDir) -> None:
    result = invoke("schema")
    schema = json.loads(result.output)
    assert schema["required"] == ["programme", "sites"]
    assert schema["additionalProperties"] is False
    assert {"people", "staff", "leases", "actions"} <= set(schema["properties"])
    for key in ("people", "staff", "carers"):
        (listed, named) = schema["properties"][key]["anyOf"]
        assert listed["type"] == "array"
        assert named == {"type": "string", "pattern": TABLE_FILE_PATTERN}
    # the names the loader reads, and no others
    table = re.compile(TABLE_FILE_PATTERN)
    read = ["p.csv", "P.CSV", "s.xlsx", "s.XLSM", "s.xlsx#Staff list", "dir/c.csv"]
    assert [n for n in read if table.search(n)] == read
    assert [n for n in ["p.txt", "p.csv#x", "p.xls", "s.xlsx#", "csv"] if table.search(n)] == []


def test_schedule_json_has_the_promised_keys(plan_dir: PlanDir) -> None:
    plan_dir.plan(LEASED_PLAN)
    result = invoke("schedule", "plan.yaml", "--format", "json", "--budget", "5")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.output)
    for key in (
        "status",
        "services_cease",
        "programme_end",
        "slippage_months",
        "slippage_cost",
        "total_cost",
        "cost_breakdown",
        "bound",
        "gap",
        "sites",
        "leases",
        "actions",
    ):
        assert key in data, key
    assert data["status"] == "OPTIMAL"
    assert set(data["sites"][0]) >= {"id", "closes", "close_by", "months_late"}
    assert set(data["leases"][0]) >= {"site", "notice_served", "exit"}
    assert set(data["actions"][0]) >= {
        "id",
        "kind",
        "subject",
        "start",
        "end",
        "resource",
        "destination",
    }
    kinds = {a["kind"] for a in data["actions"]}
    assert kinds == {
        "review",
        "carer_assessment",
        "move",
        "post_move_review",
        "close",
        "lease_notice",
        "lease_exit",
        "dilapidations",
        "consultation",
        "vr_window",
        "one_to_one",
        "notice",
        "leave",
    }


def test_schedule_writes_files_that_verify_and_repeat_byte_for_byte(plan_dir: PlanDir) -> None:
    plan_dir.plan(LEASED_PLAN)
    first = invoke("schedule", "plan.yaml", "--out", "a", "--budget", "5")
    second = invoke("schedule", "plan.yaml", "--out", "b", "--budget", "5")
    assert first.exit_code == second.exit_code == 0
    for name in ("schedule.json", "schedule.csv", "schedule.xlsx"):
        assert (plan_dir.root / "a" / name).read_bytes() == (
            plan_dir.root / "b" / name
        ).read_bytes()
    assert "Wrote a/schedule.json" in first.output
    checked = invoke("verify", "plan.yaml", "a/schedule.json")
    assert checked.exit_code == 0, checked.stderr
    saved = read_schedule((plan_dir.root / "a" / "schedule.json").read_text(), "a")
    assert checked.output == (
        f"a/schedule.json: OK: {len(saved.actions)} actions meet every rule of plan.yaml; "
        f"costs recomputed: £{saved.total_cost:,}\n"
    )


def test_verify_of_a_re_plan_without_its_progress_file_says_so(plan_dir: PlanDir) -> None:
    plan_dir.plan(LEASED_PLAN)
    assert invoke("schedule", "plan.yaml", "--out", "out", "--budget", "5").exit_code == 0
    path = plan_dir.root / "out" / "schedule.json"
    data = json.loads(path.read_text())
    # as a re-plan saves it: one person recorded as left is no longer scheduled
    data["stats"]["as_of"] = "2016-04-11"
    data["actions"] = [a for a in data["actions"] if a["id"] != "review:P1"]
    path.write_text(json.dumps(data))
    result = invoke("verify", "plan.yaml", "out/schedule.json")
    assert result.exit_code == 4
    lines = result.stderr.splitlines()
    assert lines[0] == (
        "out/schedule.json: review:P1: the plan needs a review but none is scheduled"
    )
    assert lines[-2:] == [
        "2 fault(s) found.",
        "note: out/schedule.json: this is a re-plan as of 2016-04-11; check it with --progress "
        "FILE (the progress file it was planned from): against the plan alone, what was "
        "recorded is not checked and can read as faults",
    ]


def test_verify_catches_a_tampered_schedule(plan_dir: PlanDir) -> None:
    plan_dir.plan(LEASED_PLAN)
    assert invoke("schedule", "plan.yaml", "--out", "out", "--budget", "5").exit_code == 0
    path = plan_dir.root / "out" / "schedule.json"
    data = json.loads(path.read_text())
    data["total_cost"] += 1
    path.write_text(json.dumps(data))
    result = invoke("verify", "plan.yaml", "out/schedule.json")
    assert result.exit_code == 4
    # the total no longer adds up, the claimed OPTIMAL (bound = cost, gap 0) no longer holds,
    # and nor do the gap in pounds and the avoidable money
    faults = result.stderr.splitlines()
    assert faults[-1] == "5 fault(s) found."
    assert [f.split(": ")[1] for f in faults[:-1]] == [
        "total_cost",
        "gap",
        "status",
        "gap_pounds",
        "avoidable",
    ]


def test_verify_rejects_a_malformed_schedule_file(plan_dir: PlanDir) -> None:
    plan_dir.plan()
    plan_dir.write("bad.json", '{"status": "OPTIMAL",\n')
    result = invoke("verify", "plan.yaml", "bad.json")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: bad.json:2:1: invalid JSON: ")


def test_infeasible_plan_exits_3_with_reasons(plan_dir: PlanDir) -> None:
    plan_dir.plan(
        BASE_PLAN.replace("close_by: 2016-05-31", "close_by: {date: 2016-03-20, hard: true}")
    )
    result = invoke("schedule", "plan.yaml", "--out", "out")
    assert result.exit_code == 3
    assert result.stderr.splitlines()[:2] == [
        "error: no schedule meets the hard constraints; these conflict:",
        "  - old-centre must close by 2016-03-20 (hard)",
    ]
    assert not (plan_dir.root / "out").exists()


def test_a_team_with_no_capacity_to_the_horizon_is_named(plan_dir: PlanDir) -> None:
    # the team can do none of its work in the plan's horizon: the explanation names the team
    # and its period, not "constraints without a label" (the implied earliest closure from the
    # team's work is left out when the work cannot be done at all); 7 team-weeks: reviews of
    # 1, 3 and 2 weeks (moderate, complex, substantial) and P2's carer's assessment of 1
    plan_dir.plan(
        BASE_PLAN.replace(
            "    capacity: 2\n",
            "    capacity: 2\n    availability: [{from: 2016-03-01, capacity: 0}]\n",
        )
    )
    result = invoke("schedule", "plan.yaml", "--budget", "2")
    assert result.exit_code == 3
    assert result.stderr.splitlines() == [
        "error: no schedule meets the hard constraints; these conflict:",
        "  - review-team can carry 2 reviews or assessments at once, 0 from 2016-03-01 on "
        "(3 people need 7 team-weeks of reviews and assessments)",
    ]


def test_run_writes_every_output(plan_dir: PlanDir) -> None:
    plan_dir.plan(LEASED_PLAN)
    result = invoke("run", "plan.yaml", "--out", "out", "--budget", "5", "--date", "2016-03-01")
    assert result.exit_code == 0, result.stderr
    again = invoke("run", "plan.yaml", "--out", "again", "--budget", "5", "--date", "2016-03-01")
    for name in (
        "action-plan.pdf",
        "briefing.pdf",
        "briefing.docx",
        "milestones.ics",
        "schedule.xlsx",
    ):
        assert (plan_dir.root / "out" / name).read_bytes() == (
            plan_dir.root / "again" / name
        ).read_bytes()
    assert again.exit_code == 0
    names = sorted(p.name for p in (plan_dir.root / "out").iterdir())
    assert names == [
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
    assert "Services cease: " in result.output
    assert result.output.rstrip().endswith("Wrote out/milestones.ics")


def test_greedy_solver_option(plan_dir: PlanDir) -> None:
    plan_dir.plan(LEASED_PLAN)
    result = invoke("schedule", "plan.yaml", "--solver", "greedy", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["solver"] == "greedy"
    assert data["status"] == "FEASIBLE"
    assert data["bound"] is None


def test_bad_budget_is_a_usage_error(plan_dir: PlanDir) -> None:
    plan_dir.plan()
    result = invoke("schedule", "plan.yaml", "--budget", "0")
    assert result.exit_code == 2
    assert "Invalid value for '--budget'" in result.stderr


def test_schedule_and_run_say_which_limit_was_used(plan_dir: PlanDir) -> None:
    plan_dir.plan()
    budget = invoke("schedule", "plan.yaml", "--budget", "2")
    assert budget.exit_code == 0, budget.stderr
    assert "Search limit: --budget 2 deterministic s (reproducible)\n" in budget.output
    wall = invoke("run", "plan.yaml", "--out", "out", "--time-limit", "3", "--date", "2016-03-01")
    assert wall.exit_code == 0, wall.stderr
    assert "Search limit: --time-limit 3 s (wall clock: not reproducible)\n" in wall.output
    greedy = invoke("schedule", "plan.yaml", "--solver", "greedy")
    assert "Search limit: --solver greedy (no search)\n" in greedy.output


def test_every_solving_command_takes_a_time_limit() -> None:
    for command in ("schedule", "run", "report", "brief", "staff", "compare", "week"):
        text = invoke(command, "--help").output
        assert "--time-limit" in text and "NOT reproducible" in text, command
    bad = invoke("schedule", "plan.yaml", "--time-limit", "0")
    assert bad.exit_code == 2
    assert "Invalid value for '--time-limit'" in bad.stderr


def test_output_folder_that_is_a_file(plan_dir: PlanDir) -> None:
    plan_dir.plan()
    Path(plan_dir.root / "taken").write_text("mine")
    result = invoke("run", "plan.yaml", "--out", "taken/sub", "--budget", "2")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: taken/sub: cannot create the folder")
    assert (plan_dir.root / "taken").read_text() == "mine"


TUTORIAL = Path(__file__).parents[1] / "plans" / "tutorial.yaml"


def test_schedule_table_shows_sites_leases_and_the_critical_chain() -> None:
    result = invoke("schedule", str(TUTORIAL), "--budget", "3")
    assert result.exit_code == 0, result.stderr
    text = result.output
    assert text.startswith("Schedule: optimal (proven); solver cpsat; plan ")
    sites = text[text.index("Closing sites:") : text.index("Staff at risk")]
    assert sites == (
        "Closing sites:\n"
        "  site                         closes      close by    slack\n"
        "  old-mill                     2024-03-25  2024-04-30  36 days\n"
        "\n"
        "Leases:\n"
        "  site                         notice      exit        on\n"
        "  old-mill                     2024-01-08  2024-06-24  break date\n"
        "\n"
    )
    staff = text[text.index("Staff at risk") : text.index("Critical chain")]
    assert staff == (
        "Staff at risk: 2\n"
        "  2 leave after notice, the last on 2024-04-15\n"
        "  consultation old-mill: 2024-01-08 to 2024-01-21\n"
        "  (tplan staff PLAN prints the register)\n"
        "\n"
    )
    # The close waits for the last transition plan, which waits for its review, which waited
    # for the team (capacity 2) to finish the reviews before it.
    chain = text[text.index("Critical chain") : text.index("Actions:")]
    assert chain.splitlines()[1:] == [
        "  2024-01-08 to 2024-01-14  review:T4 (review-team)",
        "  2024-01-15 to 2024-02-11  review:T3 (review-team)",
        "  2024-02-12 to 2024-03-03  review:T5 (review-team)",
        "  2024-03-04 to 2024-03-24  transition_plan:T5",
        "  2024-03-25 to 2024-03-25  close:old-mill",
        "",
    ]


def test_staff_register_table_and_files(plan_dir: PlanDir) -> None:
    from tests.data.plans import STAFF_PLAN as PLAN

    plan_dir.write("staff.yaml", PLAN)
    result = invoke("staff", "staff.yaml", "--budget", "3")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[:5] == [
        "Establishments:",
        "  old: 4 posts; 3 at risk; 1 VR accepted; 1 redeployed; 1 redundant; 1 vacancies deleted",
        "    3 proposed dismissals, under 20: individual consultation only",
        "    consultation 2016-03-01 to 2016-03-14",
        # by the day: £6,900 + £2,100 + £7,071 (tests/data/plans.py)
        "    pay to leaving £16,071; redundancy £11,496; strain £25,000",
    ]
    assert any(line.startswith("  S3     Cat Example            VR accepted") for line in lines)
    written = invoke("staff", "staff.yaml", "--budget", "3", "--format", "xlsx", "--out", "hr")
    assert written.stdout == "Wrote hr/staff-register.xlsx\n"
    import pandas as pd

    sheet = pd.read_excel(plan_dir.root / "hr" / "staff-register.xlsx", sheet_name="register")
    assert list(sheet["Post"]) == ["S1", "S2", "S3", "V2"]
    assert list(sheet["Name"])[:3] == ["Ann Example", "Bob Example", "Cat Example"]
    no_out = invoke("staff", "staff.yaml", "--format", "xlsx")
    assert no_out.exit_code == 2
    assert "--format xlsx writes a file: give --out DIR" in no_out.stderr


def test_report_and_brief_write_their_pdfs(plan_dir: PlanDir) -> None:
    plan_dir.plan(LEASED_PLAN)
    report = invoke("report", "plan.yaml", "-o", "pdf/plan.pdf", "--budget", "2")
    assert (report.exit_code, report.stdout) == (0, "Wrote pdf/plan.pdf\n")
    bare = invoke("report", "plan.yaml", "-o", "pdf/bare.pdf", "--budget", "2", "--no-posts")
    assert bare.exit_code == 0, bare.stderr
    assert b"Appendix B" not in (plan_dir.root / "pdf" / "bare.pdf").read_bytes()
    brief = invoke("brief", "plan.yaml", "--budget", "2", "--date", "2016-03-01")
    assert (brief.exit_code, brief.stdout) == (0, "Wrote briefing.pdf\n")
    assert (plan_dir.root / "briefing.pdf").read_bytes().startswith(b"%PDF")
    bad = invoke("brief", "plan.yaml", "--date", "1 March")
    assert bad.exit_code == 2
    assert "Invalid value for '--date'" in bad.stderr


def test_rerun_into_the_same_folder_keeps_the_calendar(plan_dir: PlanDir) -> None:
    """Same dates, another production date: milestones.ics is byte for byte the same, so a
    calendar app that imports it again sees no change."""
    plan_dir.plan(LEASED_PLAN)
    first = invoke("run", "plan.yaml", "--out", "out", "--solver", "greedy", "--date", "2016-03-01")
    assert first.exit_code == 0, first.stderr
    ics = (plan_dir.root / "out" / "milestones.ics").read_bytes()
    assert b"DTSTAMP:20160301T000000Z" in ics
    again = invoke("run", "plan.yaml", "--out", "out", "--solver", "greedy", "--date", "2016-04-01")
    assert again.exit_code == 0, again.stderr
    assert (plan_dir.root / "out" / "milestones.ics").read_bytes() == ics
    saved = json.loads((plan_dir.root / "out" / "schedule.json").read_text(encoding="utf-8"))
    assert saved["protective_marking"] == "OFFICIAL-SENSITIVE"


def test_a_reader_that_stops_early_is_not_reported_as_a_fault(tmp_path: Path) -> None:
    # `tplan week ... | head` printed "error: unexpected BrokenPipeError ... (a fault in
    # tplan ...)". The pipe is closed before tplan writes, so its first line fails.
    import os
    import subprocess
    import sys

    from tests.data.progress import SIX_PLAN

    plan = tmp_path / "plan.yaml"
    plan.write_text(SIX_PLAN)
    read, write = os.pipe()
    os.close(read)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}
    entry = "from transition_planner.cli import main; main()"
    done = subprocess.run(
        [sys.executable, "-c", entry, "validate", str(plan)],
        stdout=write,
        stderr=subprocess.PIPE,
        env=env,
        check=False,
        timeout=120,
    )
    os.close(write)
    assert (done.returncode, done.stderr.decode()) == (1, "")
