"""Every kind of bad input gets an exact, located message and exit status 2, never a traceback."""

from __future__ import annotations

import time

import pytest
from click.testing import CliRunner

from tests.conftest import BASE_PEOPLE, BASE_PLAN, PlanDir
from transition_planner.cli import cli


def validate(*args: str) -> tuple[int, list[str]]:
    result = CliRunner().invoke(cli, ["validate", *args])
    assert "Traceback" not in result.output + result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result.exit_code, result.stderr.splitlines()


def problems(
    plan_dir: PlanDir, text: str = BASE_PLAN, people: str | None = BASE_PEOPLE, *extra: str
) -> list[str]:
    plan_dir.plan(text, people)
    code, lines = validate("plan.yaml", *extra)
    assert code == 2, lines
    assert lines[-1].endswith("found; nothing was written.")
    return lines[:-1]


def test_valid_plan_exits_zero(plan_dir: PlanDir) -> None:
    plan_dir.plan()
    result = CliRunner().invoke(cli, ["validate", "plan.yaml"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert "plan.yaml: valid" in result.output
    assert "\n  by site     old-centre 3\n" in result.output
    assert "\n  by needs    complex 1, moderate 1, substantial 1\n" in result.output
    assert "Staff (1): at_risk 1" in result.output


def test_yaml_syntax_error(plan_dir: PlanDir) -> None:
    text = BASE_PLAN.replace("features: [hoist]", "features: [hoist")
    assert problems(plan_dir, text) == [
        "plan.yaml:16:6: YAML syntax error: expected ',' or ']', but got ':'"
    ]


def test_duplicate_key_is_rejected_not_silently_merged(plan_dir: PlanDir) -> None:
    text = BASE_PLAN + "people:\n  - {id: P9, site: old-centre, cohort: LD, needs: moderate}\n"
    assert problems(plan_dir, text) == [
        "plan.yaml:28:1: people: duplicate key 'people' (first at line 19); YAML would "
        "silently keep only the last one, so merge them"
    ]


def test_unknown_key_with_suggestion(plan_dir: PlanDir) -> None:
    text = BASE_PLAN.replace("    capacity: 10", "    capacty: 10")
    assert problems(plan_dir, text) == [
        "plan.yaml:14:5: sites[new-centre]: unknown key 'capacty' (did you mean 'capacity'?)",
    ]


def test_unknown_top_level_key(plan_dir: PlanDir) -> None:
    assert problems(plan_dir, BASE_PLAN + "leeses: []\n") == [
        "plan.yaml:28:1: unknown key 'leeses' (did you mean 'leases'?)"
    ]


def test_wrong_type(plan_dir: PlanDir) -> None:
    text = BASE_PLAN.replace("capacity: 10", "capacity: ten")
    assert problems(plan_dir, text) == [
        "plan.yaml:14:15: sites[new-centre].capacity: expected a whole number, got 'ten'"
    ]


def test_bad_dates(plan_dir: PlanDir) -> None:
    text = BASE_PLAN.replace("start: 2016-03-01", "start: 2016-02-30").replace(
        "close_by: 2016-05-31", "close_by: 31/05/2016"
    )
    assert problems(plan_dir, text) == [
        "plan.yaml:4:10: programme.start: expected an ISO date (YYYY-MM-DD), got '2016-02-30'",
        "plan.yaml:10:15: sites[old-centre].close_by.date: expected an ISO date (YYYY-MM-DD), "
        "got '31/05/2016'",
    ]


def test_bad_duration(plan_dir: PlanDir) -> None:
    text = BASE_PLAN + "actions:\n  - {id: strip-out, duration: 2 fortnights}\n"
    assert problems(plan_dir, text) == [
        "plan.yaml:29:31: actions[strip-out].duration: expected a duration such as '3d', '2w' "
        "or '1m', got '2 fortnights'"
    ]


def test_duplicate_ids(plan_dir: PlanDir) -> None:
    people = BASE_PEOPLE + "P2,old-centre,LD,moderate,,,,no\n"
    assert problems(plan_dir, people=people) == [
        "people.csv:5:1: people[P2].id: duplicate id 'P2' (first at line 3)"
    ]


def test_unknown_site_reference_with_suggestion(plan_dir: PlanDir) -> None:
    text = BASE_PLAN.replace("    site: old-centre", "    site: old-centr")
    assert problems(plan_dir, text) == [
        "plan.yaml:24:11: staff[S001].site: unknown site 'old-centr' (did you mean 'old-centre'?)"
    ]


def test_unknown_team_person_and_action_references(plan_dir: PlanDir) -> None:
    people = BASE_PEOPLE.replace(
        "id,site,cohort,needs,requires,preferred,group,carer",
        "id,site,cohort,needs,requires,preferred,group,carer,team",
    )
    people = people.replace(
        "P1,old-centre,LD,moderate,,new-centre,,no",
        "P1,old-centre,LD,moderate,,new-centre,,no,reveiw-team",
    )
    text = BASE_PLAN + (
        "actions:\n"
        "  - {id: letters, duration: 1w, before: ['move:P7']}\n"
        "  - {id: strip-out, duration: 2w, after: [leters]}\n"
    )
    assert problems(plan_dir, text, people) == [
        "people.csv:2:9: people[P1].team: unknown team 'reveiw-team' (did you mean 'review-team'?)",
        "plan.yaml:29:42: actions[letters].before[0]: unknown person 'P7' in 'move:P7'",
        "plan.yaml:30:43: actions[strip-out].after[0]: unknown action or step 'leters' "
        "(did you mean 'letters'?)",
    ]


def test_dependency_cycle_is_printed(plan_dir: PlanDir) -> None:
    text = BASE_PLAN + (
        "actions:\n"
        "  - {id: a, duration: 1w, after: [c]}\n"
        "  - {id: b, duration: 1w, after: [a]}\n"
        "  - {id: c, duration: 1w, after: [b]}\n"
        "  - {id: d, duration: 1w, after: [services_cease], before: ['close:old-centre']}\n"
    )
    assert problems(plan_dir, text) == [
        "plan.yaml:29:5: actions[a]: dependency cycle: a -> b -> c -> a",
        "plan.yaml:32:5: actions[d]: dependency cycle: d -> close:old-centre -> "
        "services_cease -> d",
    ]


def test_dates_out_of_order(plan_dir: PlanDir) -> None:
    text = BASE_PLAN.replace("target_end: 2016-05-31", "target_end: 2016-02-01") + (
        "leases:\n"
        "  - site: old-centre\n"
        "    rent_per_month: 5000\n"
        "    notice_months: 6\n"
        "    break_dates: [2016-09-29, 2017-03-25]\n"
        "    expiry: 2016-12-31\n"
    )
    assert problems(plan_dir, text) == [
        "plan.yaml:5:15: programme.target_end: 2016-02-01 is not after programme.start 2016-03-01",
        "plan.yaml:32:31: leases[old-centre].break_dates[1]: break date 2017-03-25 is after "
        "the expiry 2016-12-31",
    ]


def test_negative_money_and_capacity(plan_dir: PlanDir) -> None:
    text = BASE_PLAN.replace("running_cost_per_month: 10000", "running_cost_per_month: -10000")
    text = text.replace("capacity: 2", "capacity: -2")
    assert problems(plan_dir, text) == [
        "plan.yaml:11:29: sites[old-centre].running_cost_per_month: cannot be negative, got -10000",
        "plan.yaml:18:15: teams[review-team].capacity: must be at least 1, got -2",
    ]


def test_people_file_missing_columns(plan_dir: PlanDir) -> None:
    people = "id,site,cohrt\nP1,old-centre,LD\n"
    assert problems(plan_dir, people=people) == [
        "people.csv:1: people: missing column(s): cohort, needs",
        "people.csv:1:3: people: unknown column 'cohrt' (did you mean 'cohort'?)",
    ]


def test_people_file_bad_rows_name_their_row(plan_dir: PlanDir) -> None:
    people = BASE_PEOPLE + "P4,old-centre,LD,severe,,,,maybe\nP5,old-centre,XX,complex,,,,no\n"
    assert problems(plan_dir, people=people) == [
        "people.csv:5:4: people[P4].needs: expected one of 'moderate', 'substantial', "
        "'complex' or 'unknown'; got 'severe'",
        "people.csv:5:8: people[P4].carer: expected yes/no (true/false), got 'maybe'",
        "people.csv:6:3: people[P5].cohort: expected one of 'LD', 'autism', 'PMLD', 'OP', "
        "'PD', 'MH', 'sensory' or 'other'; got 'XX'",
    ]


def test_missing_people_file(plan_dir: PlanDir) -> None:
    assert problems(plan_dir, BASE_PLAN.replace("people.csv", "persons.csv")) == [
        "persons.csv: people: file not found"
    ]


def test_alias_bomb_is_refused_quickly(plan_dir: PlanDir) -> None:
    bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        bomb.append(f"{name}: &{name} [{', '.join(['*' + prev] * 9)}]")
    plan_dir.write("plan.yaml", "\n".join(bomb) + "\n")
    started = time.perf_counter()
    code, lines = validate("plan.yaml")
    elapsed = time.perf_counter() - started
    assert code == 2
    assert lines[0] == (
        "plan.yaml: too many values once aliases (*refs) are expanded; "
        "refusing a possible alias bomb"
    )
    # Expanding this bomb would take minutes; refusing it takes milliseconds (benchmarks/).
    assert elapsed < 5.0


def test_too_large_file(plan_dir: PlanDir, monkeypatch: pytest.MonkeyPatch) -> None:
    from transition_planner.plan import source

    monkeypatch.setattr(source, "MAX_PLAN_BYTES", 1024 * 1024)
    plan_dir.write("plan.yaml", "# " + "x" * (2 * 1024 * 1024) + "\n")
    code, lines = validate("plan.yaml")
    assert code == 2
    assert lines[0] == (
        "plan.yaml: file is 2 MiB; plans are limited to 1 MiB (put people "
        "and staff in CSV or XLSX files beside the plan)"
    )


def test_only_safe_loading(plan_dir: PlanDir) -> None:
    plan_dir.write("plan.yaml", "programme: !!python/object/apply:os.system ['echo hi']\n")
    code, lines = validate("plan.yaml")
    assert code == 2
    assert lines[0].startswith(
        "plan.yaml:1:12: YAML error: could not determine a constructor "
        "for the tag 'tag:yaml.org,2002:python/object/apply:os.system'"
    )


def test_all_problems_in_one_pass(plan_dir: PlanDir) -> None:
    text = BASE_PLAN.replace("capacity: 10", "capacity: -1").replace(
        "    site: old-centre", "    site: nowhere"
    )
    people = BASE_PEOPLE + "P4,old-centr,LD,moderate,,,,no\n"
    assert problems(plan_dir, text, people) == [
        "people.csv:5:2: people[P4].site: unknown site 'old-centr' (did you mean 'old-centre'?)",
        "plan.yaml:14:15: sites[new-centre].capacity: cannot be negative, got -1",
        "plan.yaml:24:11: staff[S001].site: unknown site 'nowhere'",
    ]


def test_warnings_fail_only_with_strict(plan_dir: PlanDir) -> None:
    people = BASE_PEOPLE + "".join(
        f"Q{i},old-centre,LD,moderate,,new-centre,,no\n" for i in range(10)
    )
    plan_dir.plan(people=people)
    code, lines = validate("plan.yaml")
    assert code == 0
    assert lines == [
        "plan.yaml:14:15: warning: sites[new-centre].capacity: 11 people prefer 'new-centre' "
        "first but it has 10 places",
        "plan.yaml:8:3: warning: sites: 13 people need a place but the receiving sites have "
        "10 places in all",
    ]
    code, lines = validate("plan.yaml", "--strict")
    assert code == 2
    assert lines[:-1] == [
        "plan.yaml:8:3: sites: 13 people need a place but the receiving sites have "
        "10 places in all (--strict)",
        "plan.yaml:14:15: sites[new-centre].capacity: 11 people prefer 'new-centre' "
        "first but it has 10 places (--strict)",
    ]


def test_missing_plan_file(plan_dir: PlanDir) -> None:
    code, lines = validate("nope.yaml")
    assert code == 2
    assert lines[0] == "nope.yaml: cannot read: No such file or directory"


STAFF_CSV = """\
id,name,role,site,grade,weekly_pay,start_date,date_of_birth,status,redeploy_to
S1,Ann Example,Cook,old-centre,G4,350,2010-01-04,1980-06-01,at_risk,
S2,Bob Example,Cook,old-centre,G4,350,,1980-06-01,at_risk,
S3,Cat Example,Cook,old-centre,G4,350,2010-01-04,2011-02-03,at_risk,
S4,Dan Example,Cook,old-cntre,G4,350,2010-01-04,1980-06-01,at_risk,V9
"""


def test_bad_staff_records_name_their_row(plan_dir: PlanDir) -> None:
    plan_dir.write("staff.csv", STAFF_CSV)
    head, _, _ = BASE_PLAN.partition("staff:\n")
    text = head + (
        "staff: staff.csv\nvacancies:\n  - {id: V1, role: Cook, site: new-centre, use: redeploy}\n"
    )
    assert problems(plan_dir, text) == [
        "staff.csv:3:1: staff[S2]: missing required key 'start_date'",
        "staff.csv:4:8: staff[S3].date_of_birth: 2011-02-03 is not before start_date 2010-01-04",
        "staff.csv:5:4: staff[S4].site: unknown site 'old-cntre' (did you mean 'old-centre'?)",
        "staff.csv:5:10: staff[S4].redeploy_to: unknown vacancy 'V9'",
    ]


def test_control_characters_in_names_are_refused_where_they_are(plan_dir: PlanDir) -> None:
    """A vertical tab pasted from Word cannot go into an XLSX cell: refused at validation,
    located, not after solving."""
    text = BASE_PLAN.replace("name: Alex Example", 'name: "Alex\\vExample"').replace(
        "name: Test closure", 'name: "Test\\x07closure"'
    )
    assert problems(plan_dir, text) == [
        "plan.yaml:2:9: programme.name: contains the control character U+0007 at character 5; "
        "retype it as plain text (it often comes from a copy and paste out of Word)",
        "plan.yaml:22:11: staff[S001].name: contains the control character U+000B (LINE "
        "TABULATION) at character 5; retype it as plain text (it often comes from a copy and "
        "paste out of Word)",
    ]
