"""The weekly loop on the command line: re-plan, baseline, variance (exact output)."""

from __future__ import annotations

import io
import json
from pathlib import Path

from click.testing import CliRunner
from openpyxl import load_workbook

from tests.data.plans import STAFF_PLAN
from tests.data.progress import (
    LEASE_PLAN,
    LEASE_PROGRESS,
    SIX_PLAN,
    SIX_PROGRESS,
    TRIAL_PROGRESS,
    capacity_plan,
)
from tests.reports.test_pdfs import text_of, words
from transition_planner.cli import cli


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def replan(tmp_path: Path, plan_text: str, progress_text: str) -> tuple[int, str, str, Path]:
    """``tplan schedule`` of ``plan_text`` re-planned from ``progress_text`` (budget 2): exit
    status, stdout, stderr and the progress file's path."""
    plan = tmp_path / "plan.yaml"
    plan.write_text(plan_text)
    progress = tmp_path / "progress.csv"
    progress.write_text(progress_text)
    code, out, err = invoke("schedule", str(plan), "--progress", str(progress), "--budget", "2")
    return code, out, err, progress


def test_late_lease_notice_in_the_money_variance(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(LEASE_PLAN)
    (tmp_path / "progress.csv").write_text(LEASE_PROGRESS)
    base, now = tmp_path / "base", tmp_path / "now"
    assert invoke("schedule", str(plan), "--budget", "2", "--out", str(base))[0] == 0
    code, out, _ = invoke(
        "baseline",
        "save",
        str(plan),
        str(base / "schedule.json"),
        "--name",
        "approved",
        "--date",
        "2016-03-01",
    )
    kept = tmp_path / "baselines" / "plan.approved.json"
    assert (code, out) == (0, f"Saved baseline approved (2016-03-01): {kept}\n")
    code, _, err = invoke(
        "schedule",
        str(plan),
        "--progress",
        str(tmp_path / "progress.csv"),
        "--baseline",
        "approved",
        "--budget",
        "2",
        "--out",
        str(now),
    )
    assert (code, err) == (0, "")
    code, out, _ = invoke(
        "variance", str(plan), "--baseline", "approved", "--schedule", str(now / "schedule.json")
    )
    assert code == 0
    assert out == (
        "Against baseline approved, saved 2016-03-01\n"
        "\n"
        "Sites:\n"
        "                                     baseline    now          days  RAG\n"
        "  old                                2016-03-01  2016-03-01      0  green\n"
        "\n"
        "Milestones:\n"
        "                                     baseline    now          days  RAG\n"
        "  services_cease                     2016-03-01  2016-03-01      0  green\n"
        "  lease_notice:old                   2016-03-01  2016-07-04   +125  red\n"
        "  lease_exit:old                     2016-09-30  2017-03-31   +182  red\n"
        "\n"
        "Money:\n"
        "                                         baseline          now       change\n"
        "  rent                                    £35,000      £65,000     +£30,000\n"
        "  total                                   £35,000      £65,000     +£30,000\n"
        "\n"
        "Cost lines that changed:\n"
        "  rent:old                                £35,000      £65,000     +£30,000\n"
    )
    code, out, _ = invoke(
        "verify",
        str(plan),
        str(now / "schedule.json"),
        "--progress",
        str(tmp_path / "progress.csv"),
    )
    assert (code, out) == (
        0,
        f"{now / 'schedule.json'}: OK: 3 actions meet every rule of {plan} and keep every fact "
        f"of {tmp_path / 'progress.csv'} as of 2016-07-11; costs recomputed: £65,000\n",
    )


def test_baseline_never_overwritten_and_unknown_named(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(LEASE_PLAN)
    assert invoke("schedule", str(plan), "--budget", "1", "--out", str(tmp_path))[0] == 0
    args = ("baseline", "save", str(plan), str(tmp_path / "schedule.json"), "--name", "a")
    assert invoke(*args)[0] == 0
    code, _, err = invoke(*args)
    assert code == 1
    assert err == (
        f"error: {tmp_path / 'baselines' / 'plan.a.json'} already exists; baselines are kept, "
        "never overwritten\n"
    )
    code, _, err = invoke(
        "variance", str(plan), "--baseline", "b", "--schedule", str(tmp_path / "schedule.json")
    )
    assert (code, err) == (2, f"error: no baseline 'b' for {plan}; saved: a\n")


def test_plan_names_its_progress_file(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(SIX_PLAN + "tracking: {progress: progress.csv}\n")
    (tmp_path / "progress.csv").write_text(SIX_PROGRESS)
    code, out, err = invoke("schedule", str(plan), "--budget", "2")
    assert (code, err) == (0, "")
    assert "Services cease: 2016-06-06 (target 2016-05-31), 1 month(s) late\n" in out
    assert out.endswith("Re-planned from 2016-04-11: 4 recorded steps kept\n")


def test_progress_problems_exit_2_located(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(SIX_PLAN)
    progress = tmp_path / "progress.csv"
    progress.write_text("step,status,start,finsh\nas_of,,2016-04-11,\nreview:P1,dne,2016-03-01,\n")
    code, out, err = invoke("schedule", str(plan), "--progress", str(progress))
    assert (code, out) == (2, "")
    assert err == (
        f"{progress}:1:4: unknown column 'finsh' (did you mean 'finish'?)\n"
        f"{progress}:3:2: review:P1: unknown status 'dne' (did you mean 'done'?)\n"
        "2 problems found; nothing was written.\n"
    )


LETTERS = """\
actions:
  - {id: letters, title: Letters to families, duration: 1w, deadline: {date: 2016-03-10, hard: true}}
"""


def test_compare_table(tmp_path: Path) -> None:
    # The capacity plan (tests/data/progress.py) with a one-week letter to send by 10 March
    # (hard): on time on 26 April. Down to one from 29 March to 25 April, P5's and P6's
    # reviews run one after the other, P6's move waits to 10 May, and services cease 10 days
    # late at £1,200 a day. With the letters three weeks long (1 to 21 March) or no team at
    # all, no schedule exists: those columns say so and list why, one conflict a line, as
    # `tplan schedule` does; the other columns still show, every file is written, exit 3.
    plan = tmp_path / "plan.yaml"
    plan.write_text(capacity_plan() + LETTERS)
    short = tmp_path / "short.yaml"
    short.write_text(
        "name: team-short\nchanges:\n"
        "  - {team: team, capacity: 1, from: 2016-03-29, to: 2016-04-25}\n"
    )
    late = tmp_path / "late.yaml"
    late.write_text("name: letters-late\nchanges:\n  - {action: letters, late: 2w}\n")
    none = tmp_path / "none.yaml"
    none.write_text("name: no-team\nchanges:\n  - {team: team, capacity: 0, from: 2016-03-01}\n")
    code, out, err = invoke(
        "compare",
        str(plan),
        *("--scenario", str(short), "--scenario", str(late), "--scenario", str(none)),
        *("--budget", "1", "--out", str(tmp_path)),
    )
    assert code == 3
    assert out == (
        "                                plan    team-short  letters-late       no-team\n"
        "services cease            2016-04-26    2016-05-10   no schedule   no schedule\n"
        "months late                        0             1   no schedule   no schedule\n"
        "slippage                          £0       £12,000   no schedule   no schedule\n"
        "total                             £0       £12,000   no schedule   no schedule\n"
        "people moved                       6             6   no schedule   no schedule\n"
        "transition plans                   0             0   no schedule   no schedule\n"
        "staff leaving                      0             0   no schedule   no schedule\n"
        "redeployment trials                0             0   no schedule   no schedule\n"
        "\n"
        "plan: the plan as it stands\n"
        "team-short: team team at 1 from 2016-03-29 to 2016-04-25\n"
        "letters-late: letters takes 2w longer\n"
        "  no schedule meets the hard constraints; these conflict:\n"
        "    - Letters to families must finish by 2016-03-10 (hard)\n"
        "no-team: team team at 0 from 2016-03-01\n"
        "  no schedule meets the hard constraints; these conflict:\n"
        "    - team can carry 2 reviews or assessments at once, 0 from 2016-03-01 on (6 people "
        "need 12 team-weeks of reviews and assessments)\n"
        f"Each scenario is what `tplan schedule {plan} --scenario FILE --budget 1 --workers 1` "
        "gives.\n"
        f"Wrote {tmp_path / 'compare.txt'}\nWrote {tmp_path / 'compare.xlsx'}\n"
        f"Wrote {tmp_path / 'compare.pdf'}\n"
    )
    assert err == (
        "error: 2 of 4 columns have no schedule (letters-late, no-team); why is listed under "
        "the table\n"
    )
    # the files are whole: the text as printed, the workbook and the page with every column
    assert (tmp_path / "compare.txt").read_text() == out[: out.index("Wrote")]
    sheet = load_workbook(tmp_path / "compare.xlsx").active
    assert sheet is not None
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0] == ["figure", "plan", "team-short", "letters-late", "no-team"]
    assert rows[1][3:] == ["no schedule", "no schedule"]
    assert rows[-3:] == [
        [
            "changes",
            "none",
            "team team at 1 from 2016-03-29 to 2016-04-25",
            "letters takes 2w longer",
            "team team at 0 from 2016-03-01",
        ],
        [
            "why no schedule",
            None,
            None,
            "no schedule meets the hard constraints; these conflict:",
            "no schedule meets the hard constraints; these conflict:",
        ],
        [
            None,
            None,
            None,
            "- Letters to families must finish by 2016-03-10 (hard)",
            "- team can carry 2 reviews or assessments at once, 0 from 2016-03-01 on (6 people "
            "need 12 team-weeks of reviews and assessments)",
        ],
    ]
    page = text_of((tmp_path / "compare.pdf").read_bytes())
    # the status row too ends with the two columns that have none
    assert "redeployment trials\n0\n0\nno schedule\nno schedule\nschedule\n" in page
    assert (
        "\nno schedule\nno schedule\nWhat each scenario changes\nplan: the plan as it stands\n"
        "team-short: team team at 1 from 2016-03-29 to 2016-04-25\n"
        "letters-late: letters takes 2w longer\n"
        " no schedule meets the hard constraints; these conflict:\n"
        " - Letters to families must finish by 2016-03-10 (hard)\n"
        "no-team: team team at 0 from 2016-03-01\n"
        " no schedule meets the hard constraints; these conflict:\n"
        " - team can carry 2 reviews or assessments at once, 0 from 2016-03-01 on"
    ) in page
    # (the page wraps the long reason)
    assert "(6 people need 12 team-weeks of reviews and assessments)" in " ".join(page.split())
    # the same words as the scenario scheduled on its own, and the same exit status
    code, direct, err = invoke("schedule", str(plan), "--scenario", str(late), "--budget", "1")
    assert (code, direct, err) == (
        3,
        "",
        "error: no schedule meets the hard constraints; these conflict:\n"
        "  - Letters to families must finish by 2016-03-10 (hard)\n",
    )
    # that line is true: a scenario solved on its own gives the same figures
    code, direct, _ = invoke(
        "schedule", str(plan), "--scenario", str(short), "--budget", "1", "--workers", "1"
    )
    assert code == 0
    assert "Services cease: 2016-05-10" in direct
    assert "Search limit: --budget 1 deterministic s, --workers 1 (reproducible)\n" in direct


def test_compare_when_the_plan_itself_has_no_schedule(tmp_path: Path) -> None:
    # The letters need a week from 1 March but must be sent by 4 March: neither the plan nor
    # a scenario of it has a schedule. Both columns say so, each with its conflict; exit 3.
    plan = tmp_path / "plan.yaml"
    plan.write_text(capacity_plan() + LETTERS.replace("2016-03-10", "2016-03-04"))
    short = tmp_path / "short.yaml"
    short.write_text(
        "name: team-short\nchanges:\n  - {team: team, capacity: 1, from: 2016-03-29}\n"
    )
    code, out, err = invoke(
        "compare", str(plan), "--scenario", str(short), "--budget", "1", "--out", str(tmp_path)
    )
    assert code == 3
    assert out.split("\n\n")[1] == (
        "plan: the plan as it stands\n"
        "  no schedule meets the hard constraints; these conflict:\n"
        "    - Letters to families must finish by 2016-03-04 (hard)\n"
        "team-short: team team at 1 from 2016-03-29\n"
        "  no schedule meets the hard constraints; these conflict:\n"
        "    - Letters to families must finish by 2016-03-04 (hard)\n"
        f"Each scenario is what `tplan schedule {plan} --scenario FILE --budget 1 --workers 1` "
        "gives.\n"
        f"Wrote {tmp_path / 'compare.txt'}\nWrote {tmp_path / 'compare.xlsx'}\n"
        f"Wrote {tmp_path / 'compare.pdf'}\n"
    )
    assert err == (
        "error: 2 of 2 columns have no schedule (plan, team-short); why is listed under the table\n"
    )


def test_run_with_progress_and_baseline_papers_follow(tmp_path: Path) -> None:
    # The late lease notice (above) through `run`: the papers say what was done (the closure
    # and the notice), what slipped (the exit, 30 September 2016 to 31 March 2017: 182 days)
    # and the money (£30,000 more rent), and the workbook has its week sheet.
    plan = tmp_path / "plan.yaml"
    plan.write_text(LEASE_PLAN)
    (tmp_path / "progress.csv").write_text(LEASE_PROGRESS)
    base, now = tmp_path / "base", tmp_path / "now"
    assert invoke("schedule", str(plan), "--budget", "2", "--out", str(base))[0] == 0
    saved = ("baseline", "save", str(plan), str(base / "schedule.json"), "--name", "approved")
    assert invoke(*saved, "--date", "2016-03-01")[0] == 0
    code, _, err = invoke(
        "run",
        str(plan),
        "--progress",
        str(tmp_path / "progress.csv"),
        "--baseline",
        "approved",
        "--budget",
        "2",
        "--date",
        "2016-07-11",
        "--out",
        str(now),
    )
    assert (code, err) == (0, "")
    board = words(text_of((now / "action-plan.pdf").read_bytes()))
    assert (
        "Steps Done since 1 Mar 2016 In progress milestones and other actions 2 0 total 2 0 "
        "Milestone or action done Finished Close old 1 Mar 2016 "
        "Serve break notice (old) 4 Jul 2016"
    ) in board
    assert "Lease exit at old 30 Sep 2016 31 Mar 2017 182 red" in board
    assert "rent £35,000 £65,000 +£30,000 total £35,000 £65,000 +£30,000" in board
    panel = words(text_of((now / "briefing.pdf").read_bytes()))
    assert (
        "Since the approved plan of 1 Mar 2016, progress to 11 Jul 2016: 2 milestones and "
        "actions done. What has slipped: 1 other milestone later than planned. The forecast "
        "cost is £65,000, £30,000 more than planned."
    ) in panel
    book = load_workbook(io.BytesIO((now / "schedule.xlsx").read_bytes()))
    assert [[c.value for c in row] for row in book["week"].iter_rows()] == [
        ["Week of", "Owner", "Status", "Step", "Kind", "Starts", "Ends", "Title"]
    ]


def test_report_and_brief_follow_progress_like_run(tmp_path: Path) -> None:
    # The late lease notice again: `report` and `brief` on run's re-plan, given the progress
    # file and the baseline, write what `run` writes (the same words); a schedule that is not a
    # re-plan of that progress is refused.
    plan = tmp_path / "plan.yaml"
    plan.write_text(LEASE_PLAN)
    progress = str(tmp_path / "progress.csv")
    (tmp_path / "progress.csv").write_text(LEASE_PROGRESS)
    base, now = tmp_path / "base", tmp_path / "now"
    assert invoke("schedule", str(plan), "--budget", "2", "--out", str(base))[0] == 0
    saved = ("baseline", "save", str(plan), str(base / "schedule.json"), "--name", "approved")
    assert invoke(*saved, "--date", "2016-03-01")[0] == 0
    follow = ("--progress", progress, "--baseline", "approved", "--date", "2016-07-11")
    code, _, err = invoke("run", str(plan), *follow, "--budget", "2", "--out", str(now))
    assert (code, err) == (0, "")
    replan = ("--schedule", str(now / "schedule.json"))
    board_pdf, panel_pdf = tmp_path / "board.pdf", tmp_path / "panel.pdf"
    code, out, err = invoke("report", str(plan), *replan, *follow, "-o", str(board_pdf))
    assert (code, out, err) == (0, f"Wrote {board_pdf}\n", "")
    code, out, err = invoke("brief", str(plan), *replan, *follow, "-o", str(panel_pdf))
    assert (code, out, err) == (0, f"Wrote {panel_pdf}\n", "")
    board = words(text_of(board_pdf.read_bytes()))
    assert board == words(text_of((now / "action-plan.pdf").read_bytes()))
    assert "Lease exit at old 30 Sep 2016 31 Mar 2017 182 red" in board
    panel = words(text_of(panel_pdf.read_bytes()))
    assert panel == words(text_of((now / "briefing.pdf").read_bytes()))
    assert "What has slipped: 1 other milestone later than planned." in panel
    # the baseline schedule keeps no recorded fact of the progress file: refused, exit 4
    code, _, err = invoke("report", str(plan), "--schedule", str(base / "schedule.json"), *follow)
    assert code == 4
    assert err.startswith(f"{base / 'schedule.json'}: ")


def test_papers_never_written_over_their_inputs(tmp_path: Path) -> None:
    # `report -o plan.yaml` replaced the plan with a PDF and `week --html progress.csv` the
    # progress file with HTML: a paper's file must be named as one.
    plan = tmp_path / "plan.yaml"
    plan.write_text(SIX_PLAN)
    progress = tmp_path / "progress.csv"
    progress.write_text(SIX_PROGRESS)
    code, _, err = invoke(
        "report", str(plan), "--progress", str(progress), "--solver", "greedy", "-o", str(plan)
    )
    assert (code, err) == (2, f"error: {plan}: the action plan is written as .pdf\n")
    code, out, err = invoke(
        "week", str(plan), "--progress", str(progress), "--solver", "greedy", "--html",
        str(progress),
    )  # fmt: skip
    assert (code, out, err) == (2, "", f"error: {progress}: the status page is written as .html\n")
    assert plan.read_text() == SIX_PLAN
    assert progress.read_text() == SIX_PROGRESS


def test_a_baseline_of_another_plan_is_refused(tmp_path: Path) -> None:
    # Measured against another plan's baseline, variance reported every date as moved (exit 0).
    plan, other = tmp_path / "plan.yaml", tmp_path / "other.yaml"
    plan.write_text(SIX_PLAN)
    other.write_text(SIX_PLAN.replace("old", "mill"))
    for path in (plan, other):
        out = tmp_path / path.stem
        assert invoke("schedule", str(path), "--solver", "greedy", "--out", str(out))[0] == 0
    assert invoke("baseline", "save", str(plan), str(tmp_path / "plan" / "schedule.json"),
                  "--name", "a", "--date", "2016-03-01")[0] == 0  # fmt: skip
    kept = tmp_path / "baselines" / "plan.a.json"
    code, out, err = invoke(
        "variance", str(other), "--baseline", str(kept), "--schedule",
        str(tmp_path / "other" / "schedule.json"),
    )  # fmt: skip
    assert (code, out) == (2, "")
    assert err == (
        f"error: {kept}: a baseline of another plan ({plan}): none of the sites it closes "
        f"(old) is in {other}; give a baseline of this plan\n"
    )


def test_recorded_work_beyond_the_team_capacity_is_a_warning(tmp_path: Path) -> None:
    # A team of one that did two reviews at once (in March, and from 6 to 15 April): history,
    # a warning, not "no schedule meets the hard constraints" (exit 3) as it was. Nothing new
    # joins it: P3 ends on 15 April but P4 holds the team to its expected end on 19 April, so
    # P5's two-week review runs 20 April to 3 May and P6's 4 to 17 May.
    plan = tmp_path / "plan.yaml"
    plan.write_text(SIX_PLAN)
    progress = tmp_path / "progress.csv"
    progress.write_text(
        "step,status,start,finish\nas_of,,2016-04-11\n"
        "review:P1,done,2016-03-01,2016-03-14\nreview:P2,done,2016-03-01,2016-03-14\n"
        "review:P3,started,2016-04-04,2016-04-15\nreview:P4,started,2016-04-06,2016-04-19\n"
    )
    out = tmp_path / "out"
    code, _, err = invoke(
        "schedule", str(plan), "--progress", str(progress), "--budget", "2", "--out", str(out)
    )
    assert (code, err) == (
        0,
        f"{progress}: warning: team:team: recorded history broke a rule: more at once than "
        "the capacity on 2016-03-01 (2 > 1), 2016-03-02 (2 > 1), 2016-03-03 (2 > 1) and 21 "
        "more days\n",
    )
    actions = {a["id"]: a for a in json.loads((out / "schedule.json").read_text())["actions"]}
    assert [(actions[r]["start"], actions[r]["end"]) for r in ("review:P5", "review:P6")] == [
        ("2016-04-20", "2016-05-03"),
        ("2016-05-04", "2016-05-17"),
    ]
    code, _, err = invoke(
        "verify", str(plan), str(out / "schedule.json"), "--progress", str(progress)
    )
    assert (code, err) == (0, "")
    # new work on a day history already fills is still over capacity
    data = json.loads((out / "schedule.json").read_text())
    for a in data["actions"]:
        if a["id"] == "review:P5":
            a["start"], a["end"] = "2016-04-18", "2016-05-01"
    (out / "schedule.json").write_text(json.dumps(data))
    code, _, err = invoke(
        "verify", str(plan), str(out / "schedule.json"), "--progress", str(progress)
    )
    assert (code, err) == (
        4,
        f"{out / 'schedule.json'}: team:team: over capacity on 2016-04-18 (2 > 1), "
        "2016-04-19 (2 > 1)\n1 fault(s) found.\n",
    )


def test_more_recorded_moves_than_places_is_located(tmp_path: Path) -> None:
    # b has one place and two people are recorded going there: it was "no schedule meets the
    # hard constraints; these conflict: - b has 1 places" (exit 3), with no row to fix.
    code, out, err, progress = replan(
        tmp_path,
        SIX_PLAN.replace(
            "{id: b, status: receiving, capacity: 10}", "{id: b, status: receiving, capacity: 1}"
        ),
        "step,status,start,finish,remaining,outcome\nas_of,,2016-04-11\n"
        "review:P1,done,2016-03-01,2016-03-14,,b\nreview:P2,done,2016-03-15,2016-03-28,,b\n",
    )
    assert (code, out) == (2, "")
    assert err == (
        f"{progress}:4:6: review:P2: contradicts the plan: b has 1 place(s) and 2 people are "
        "recorded going there; if it took them, raise its capacity in the plan\n"
        "1 problem found; nothing was written.\n"
    )


def test_steps_of_someone_who_left_are_reported_once(tmp_path: Path) -> None:
    # A review with a destination, for someone recorded as having left, gave a second,
    # misleading line "no such step in the plan" for the same row.
    code, out, err, progress = replan(
        tmp_path,
        SIX_PLAN,
        "step,status,start,finish,remaining,outcome\nas_of,,2016-04-11\n"
        "P1,left,2016-04-01\nreview:P1,done,2016-03-01,2016-03-14,,b\n"
        "P2,left,2016-04-01\nmove:P2,decided,,,,c\n",
    )
    assert (code, out) == (2, "")
    assert err == (
        f"{progress}:4:1: review:P1: P1 is recorded as having left the programme (row 3), so "
        "nothing of theirs is scheduled: delete this row, or the row saying they left\n"
        f"{progress}:6:1: move:P2: P2 is recorded as having left the programme (row 5), so "
        "nothing of theirs is scheduled: delete this row, or the row saying they left\n"
        "2 problems found; nothing was written.\n"
    )


def test_a_move_recorded_before_its_review_ended_is_an_error(tmp_path: Path) -> None:
    # With the review recorded too, it was only "recorded history broke a rule: 18 day(s) too
    # soon after review:P1" and a schedule (or, on the seed plan, "no schedule").
    code, out, err, progress = replan(
        tmp_path,
        SIX_PLAN,
        "step,status,start,finish\nas_of,,2016-04-11\n"
        "review:P1,done,2016-03-01,2016-03-14\nmove:P1,done,2016-03-10,2016-03-10\n"
        "review:P2,done,2016-03-15,2016-03-28\nmove:P2,done,2016-04-01,2016-04-01\n",
    )
    assert (code, out) == (2, "")
    # P2 moved on 1 April; 14 days after its review ended on 28 March is 12 April: 11 days
    # short, history (a warning)
    assert err == (
        f"{progress}:6:3: warning: move:P2: recorded history broke a rule: 11 day(s) too soon "
        "after review:P2\n"
        f"{progress}:4:3: move:P1: recorded done on 2016-03-10, before review:P1 ended "
        "(2016-03-14): a move comes after its review\n"
        "1 problem found; nothing was written.\n"
    )


def test_compare_help_gives_the_exit_status_of_a_column_with_no_schedule() -> None:
    code, out, _ = invoke("compare", "--help")
    assert code == 0
    assert (
        '  A column that no schedule meets (the plan\'s too) says "no schedule", and the\n'
        "  conflicting hard constraints are listed under the table, one a line, as `tplan\n"
        "  schedule` gives them; the other columns are still solved and every --out file\n"
        "  written whole, then the exit status is 3 (no schedule meets the hard\n"
        "  constraints).\n"
    ) in out


def test_a_failed_trial_stays_in_every_paper(tmp_path: Path) -> None:
    # STAFF_PLAN as of 23 May 2016: S1's trial into V1 from 9 May failed on 20 May. The re-plan
    # keeps the trial, 9 to 20 May, marked as recorded and failed, in schedule.json, .csv and
    # .xlsx and in the register (`tplan staff`); notice runs from 20 May and S1 leaves on
    # 1 July; verify accepts it with the progress file and without.
    plan = tmp_path / "plan.yaml"
    plan.write_text(STAFF_PLAN)
    progress = tmp_path / "progress.csv"
    progress.write_text(TRIAL_PROGRESS)
    out = tmp_path / "out"
    code, _, err = invoke(
        "schedule", str(plan), "--progress", str(progress), "--budget", "2", "--out", str(out)
    )
    assert (code, err) == (0, "")
    saved = json.loads((out / "schedule.json").read_text())
    trial = next(a for a in saved["actions"] if a["id"] == "trial:S1")
    assert trial == {
        "id": "trial:S1",
        "kind": "trial",
        "subject": "S1",
        "start": "2016-05-09",
        "end": "2016-05-20",
        "resource": None,
        "destination": "V1",
        "workstream": "staffing",
        "title": "4-week trial as Day Centre Officer (V1): failed 2016-05-20 (recorded)",
        "outcome": "failed",
    }
    # only a recorded outcome is written
    assert [a["id"] for a in saved["actions"] if "outcome" in a] == ["trial:S1"]
    rows = (out / "schedule.csv").read_text(encoding="utf-8-sig").splitlines()
    assert [r for r in rows if ",S1," in r] == [
        "one_to_one:S1,one_to_one,S1,2016-03-02,2016-03-02,1,hr:old,,staffing,1:1 meeting,HR",
        "trial:S1,trial,S1,2016-05-09,2016-05-20,12,,V1,staffing,4-week trial as Day Centre "
        "Officer (V1): failed 2016-05-20 (recorded),HR",
        "notice:S1,notice,S1,2016-05-20,2016-06-30,42,,,staffing,notice (42 days) after the "
        "failed trial,HR",
        "leave:S1,leave,S1,2016-07-01,2016-07-01,1,,,staffing,leaving date,HR",
    ]
    staff = load_workbook(out / "schedule.xlsx")["staff"]
    sheet = [list(r) for r in staff.iter_rows(values_only=True)]
    assert sheet[0][-3:] == ["Trial starts", "Redeployed to", "Trial outcome"]
    assert sheet[1][0] == "S1"
    assert sheet[1][-3:] == [
        sheet[1][-3],
        None,
        "trial in V1 failed 2016-05-20 (recorded)",
    ]
    assert sheet[1][-3].date().isoformat() == "2016-05-09"
    schedule_file = str(out / "schedule.json")
    code, text, _ = invoke("verify", str(plan), schedule_file, "--progress", str(progress))
    assert (code, text) == (
        0,
        f"{schedule_file}: OK: 16 actions meet every rule of {plan} and keep every fact of "
        f"{progress} as of 2016-05-23; costs recomputed: £60,841\n",
    )
    code, text, err = invoke("verify", str(plan), schedule_file)
    assert (code, text) == (
        0,
        f"{schedule_file}: OK: 16 actions meet every rule of {plan}; costs recomputed: £60,841\n",
    )
    # without the progress file a re-plan is checked against the plan alone: said so
    assert err == (
        f"warning: {schedule_file}: this is a re-plan as of 2016-05-23; check it with "
        "--progress FILE (the progress file it was planned from): against the plan alone, "
        "what was recorded is not checked and can read as faults\n"
    )
    code, text, _ = invoke("staff", str(plan), "--schedule", schedule_file)
    assert code == 0
    assert text.splitlines()[1] == (
        "  old: 4 posts; 3 at risk; 1 VR accepted; 0 redeployed; 2 redundant; 1 vacancies deleted"
    )
    assert text.splitlines()[7] == (
        "  S1     Ann Example            redundant       2016-03-02 2016-05-20 2016-07-01"
        "     £2,874          none: trial in V1 failed 2016-05-20 (recorded)"
    )
    code, text, _ = invoke("staff", str(plan), "--schedule", schedule_file, "--format", "json")
    post = json.loads(text)["posts"][0]
    assert (post["status"], post["trial_start"], post["trial_end"], post["leaving_date"]) == (
        "redundant",
        "2016-05-09",
        "2016-05-20",
        "2016-07-01",
    )
    assert (post["redeployed_to"], post["trial_outcome"]) == (
        "",
        "trial in V1 failed 2016-05-20 (recorded)",
    )
