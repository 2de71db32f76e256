"""Cross-record checks (plan/validate.py) called as a function: ``check_plan(plan, data,
source)`` returns (errors, warnings), each located at ``file:line:col: key.path``.

Plans come from tests/data/plans.py ``plan_text``: lines 1-19 hold the programme (start
2016-03-01), the closing site ``old`` (line 8), receiving sites ``b`` (line 11) and ``c``
(line 14) and the team; ``people:`` is line 20, person n is line 20 + n, and the tail follows.
A key's location is its value's first character (line, column from 1). Messages that
tests/plan/test_errors.py already checks through the CLI are not repeated here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.data.plans import moderate, plan_text
from transition_planner.plan.models import Plan
from transition_planner.plan.source import SourceMap, read_yaml
from transition_planner.plan.validate import check_plan

STAFF = "name: A, role: Cook, weekly_pay: 300, start_date: 2010-01-04, date_of_birth: 1980-01-01"


def check(
    tmp_path: Path, text: str, dropped: dict[str, set[str]] | None = None
) -> tuple[list[str], list[str]]:
    """Errors and warnings of a plan text, rendered, in the checker's order."""
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    data, source, problems = read_yaml(path, "plan.yaml")
    assert problems == []
    plan = Plan.model_validate(data)
    errors, warnings = check_plan(plan, data, source, dropped)
    return [d.render() for d in errors], [w.render() for w in warnings]


def test_a_valid_plan_has_no_errors_or_warnings(tmp_path: Path) -> None:
    assert check(tmp_path, plan_text(moderate(2))) == ([], [])


def test_redeploy_to_must_name_one_open_vacancy(tmp_path: Path) -> None:
    # Lines: people 20, P1 21, staff: 22, S1-S4 23-26, vacancies: 27, V1 28, V2 29, S1 30.
    # In "  - {id: S1, site: old, <STAFF>, redeploy_to: V11}" 24 + 87 + 15 = 126 characters
    # come before the value: column 127. An id in "  - {id: " is at column 10.
    text = plan_text(
        moderate(1),
        tail=f"""\
        staff:
          - {{id: S1, site: old, {STAFF}, redeploy_to: V11}}
          - {{id: S2, site: old, {STAFF}, redeploy_to: V2}}
          - {{id: S3, site: old, {STAFF}, redeploy_to: V1}}
          - {{id: S4, site: old, {STAFF}, redeploy_to: V1}}
        vacancies:
          - {{id: V1, role: Cook, site: b, use: redeploy}}
          - {{id: V2, role: Cook, site: old, use: delete}}
          - {{id: S1, role: Cook, site: b, use: redeploy}}
        """,
    )
    errors, warnings = check(tmp_path, text)
    assert errors == [
        # The third vacancy shares S1's id.
        "plan.yaml:30:10: vacancies[S1].id: id 'S1' is also a staff id",
        "plan.yaml:23:127: staff[S1].redeploy_to: unknown vacancy 'V11' (did you mean 'V1'?)",
        "plan.yaml:24:127: staff[S2].redeploy_to: vacancy 'V2' is to be deleted, not filled "
        "(use: delete)",
        # S3 took V1 first; the same vacancy cannot be agreed for two people.
        "plan.yaml:26:127: staff[S4].redeploy_to: vacancy 'V1' is already agreed for S3",
    ]
    assert warnings == []


def test_steps_named_in_after_and_before_must_exist(tmp_path: Path) -> None:
    # P2 is on the community pathway: no move step. Lines: P1 21, P2 22, actions: 23; action k
    # (from 0) starts on line 24 + 3k, its after/before list on line 26 + 3k, the first item at
    # column 13 ("    after: [" is 12 characters).
    text = plan_text(
        [*moderate(1), "id: P2, site: old, cohort: LD, needs: moderate, pathway: community"],
        tail="""\
        actions:
          - id: a
            duration: 1d
            after: [close:b]
          - id: e
            duration: 1d
            after: [lease_exit:old]
          - id: f
            duration: 1d
            before: [move:P2]
          - id: h
            duration: 1d
            after: [notice:S1]
          - id: i
            duration: 1d
            after: [services_cease, review:P1, move:P1, a]
        """,
    )
    errors, _ = check(tmp_path, text)
    assert errors == [
        "plan.yaml:26:13: actions[a].after[0]: 'close:b': site 'b' is not closing, so it has no "
        "close step",
        "plan.yaml:29:13: actions[e].after[0]: 'lease_exit:old': site 'old' has no lease",
        "plan.yaml:32:14: actions[f].before[0]: 'move:P2': P2 does not move (pathway community)",
        # notice:S1 is a step id, but not one a plan may name.
        "plan.yaml:35:13: actions[h].after[0]: unknown action or step 'notice:S1' (steps are "
        "named like close:SITE, lease_exit:SITE or services_cease)",
    ]


def test_an_action_cannot_depend_on_itself(tmp_path: Path) -> None:
    # Lines: P1 21, actions: 22, g 23-25, its after list on line 25.
    text = plan_text(
        moderate(1),
        tail="""\
        actions:
          - id: g
            duration: 1d
            after: [g]
        """,
    )
    errors, _ = check(tmp_path, text)
    # (action_cycles then reports the same mistake again as "dependency cycle: g -> g".)
    assert errors[0] == "plan.yaml:25:13: actions[g].after[0]: an action cannot depend on itself"


def test_dilapidations_step_needs_dilapidation_works(tmp_path: Path) -> None:
    # Lines: P1 21, leases: 22-26, actions: 27, action a 28-30, its after list on line 30.
    text = plan_text(
        moderate(1),
        tail="""\
        leases:
          - site: old
            rent_per_month: 1000
            notice_months: 1
            expiry: 2017-03-31
        actions:
          - id: a
            duration: 1d
            after: [dilapidations:old]
        """,
    )
    errors, _ = check(tmp_path, text)
    assert errors == [
        "plan.yaml:30:13: actions[a].after[0]: 'dilapidations:old': the lease has no "
        "dilapidation works; use close:old"
    ]


def test_dates_in_order_across_records(tmp_path: Path) -> None:
    # old closes by 2016-02-01 (line 10, from old_extra), before the programme starts; S1's
    # date of birth is its start date; action a's deadline is before the start; b's not_before
    # is after its deadline.
    text = plan_text(
        moderate(1),
        old_extra="    close_by: 2016-02-01",
        tail="""\
        staff:
          - {id: S1, name: A, role: Cook, site: old, weekly_pay: 300, start_date: 2010-01-04, date_of_birth: 2010-01-04}
        actions:
          - id: a
            duration: 1d
            deadline: 2016-02-29
          - id: b
            duration: 1d
            not_before: 2016-05-02
            deadline: 2016-05-01
        """,
    )
    errors, warnings = check(tmp_path, text)
    assert errors == [
        "plan.yaml:10:15: sites[old].close_by: 2016-02-01 is before programme.start 2016-03-01",
        "plan.yaml:23:102: staff[S1].date_of_birth: 2010-01-04 is not before start_date 2010-01-04",
        "plan.yaml:27:15: actions[a].deadline: 2016-02-29 is before programme.start 2016-03-01",
        "plan.yaml:30:17: actions[b].not_before: 2016-05-02 is after the deadline 2016-05-01",
    ]
    assert warnings == []


def test_lease_records(tmp_path: Path) -> None:
    # Two leases for old; the first has neither breaks nor expiry; the second's breaks are out
    # of order and its expiry is before the programme starts. Lines: P1 21, leases: 22, the
    # first lease 23-25, the second 26-30.
    text = plan_text(
        moderate(1),
        tail="""\
        leases:
          - site: old
            rent_per_month: 1000
            notice_months: 1
          - site: old
            rent_per_month: 1000
            notice_months: 1
            break_dates: [2016-02-20, 2016-02-10]
            expiry: 2016-02-28
        """,
    )
    errors, _ = check(tmp_path, text)
    assert errors == [
        "plan.yaml:26:11: leases[old].site: a second lease for site 'old' (first at line 23)",
        "plan.yaml:23:5: leases[old]: a lease needs break_dates or an expiry to exit on",
        "plan.yaml:29:18: leases[old].break_dates: break dates are not in date order",
        "plan.yaml:30:13: leases[old].expiry: 2016-02-28 is before programme.start 2016-03-01",
    ]


def test_sites_capacity_and_available_after(tmp_path: Path) -> None:
    # A receiving site without its number of places (line 23), and a site waiting for an
    # action that does not exist (line 26, the list item at column 24).
    text = plan_text(
        moderate(1),
        tail="""\
        actions:
          - {id: refit, duration: 2w}
        """,
    ).replace(
        "  - id: c\n    status: receiving\n    capacity: 5\n",
        "  - id: c\n    status: receiving\n    capacity: 5\n    available_after: [refti]\n"
        "  - id: d\n    status: receiving\n",
    )
    errors, _ = check(tmp_path, text)
    assert errors == [
        "plan.yaml:17:23: sites[c].available_after[0]: unknown action 'refti' "
        "(did you mean 'refit'?)",
        "plan.yaml:18:5: sites[d]: missing required key 'capacity' (receiving sites need their "
        "number of places)",
    ]


def test_warnings_are_separate_from_errors(tmp_path: Path) -> None:
    # b is receiving and has a close_by (ignored); P2 sits at b, which is not closing; S1
    # starts after the programme does. None stops the plan. The close_by line (14) moves the
    # rest down one: P1 22, P2 23, staff: 24, S1 25 (start_date's value at column 75).
    text = plan_text(
        [*moderate(1), "id: P2, site: b, cohort: LD, needs: moderate"],
        b_capacity=10,
        tail="""\
        staff:
          - {id: S1, name: A, role: Cook, site: old, weekly_pay: 300, start_date: 2016-04-01, date_of_birth: 1980-01-01, status: not_at_risk}
        """,
    ).replace("    capacity: 10\n", "    capacity: 10\n    close_by: 2016-05-31\n", 1)
    # (staff at risk who start after the programme are an error: tests/plan/test_limits.py)
    errors, warnings = check(tmp_path, text)
    assert errors == []
    assert warnings == [
        "plan.yaml:14:15: warning: sites[b].close_by: close_by is ignored for a receiving site",
        "plan.yaml:23:20: warning: people[P2].site: 'b' is receiving, not closing: is this "
        "person affected?",
        "plan.yaml:25:75: warning: staff[S1].start_date: 2016-04-01 is after programme.start",
    ]


def test_references_to_dropped_records_are_not_reported_twice(tmp_path: Path) -> None:
    # When the loader has already reported site 'ghost' as invalid and dropped it, a staff
    # member at 'ghost' is not reported again; otherwise it is an unknown site.
    text = plan_text(
        moderate(1),
        tail="""\
        staff:
          - {id: S1, name: A, role: Cook, site: ghost, weekly_pay: 300, start_date: 2010-01-04, date_of_birth: 1980-01-01}
        """,
    )
    assert check(tmp_path, text)[0] == ["plan.yaml:23:41: staff[S1].site: unknown site 'ghost'"]
    assert check(tmp_path, text, dropped={"sites": {"ghost"}})[0] == []


def test_a_plan_built_in_code_is_located_by_key_path_only() -> None:
    # No source map locations: each message carries the default file name and its key path.
    data: dict[str, Any] = {
        "programme": {
            "name": "In code",
            "organisation": "Test Council",
            "start": "2016-03-01",
            "target_end": "2016-03-01",
            "savings": {"full_year": 12},
        },
        "sites": [
            {"id": "old", "status": "closing"},
            {"id": "b", "status": "receiving"},
            {"id": "c", "status": "receiving", "capacity": 5},
        ],
        "people": [{"id": "P1", "site": "old", "cohort": "LD", "needs": "moderate"}],
    }
    errors, warnings = check_plan(Plan.model_validate(data), data, SourceMap("in-code"))
    assert [e.render() for e in errors] == [
        "in-code: programme.target_end: 2016-03-01 is not after programme.start 2016-03-01",
        "in-code: sites[b]: missing required key 'capacity' (receiving sites need their number "
        "of places)",
        "in-code: teams: people need a team to review them; add a team "
        "(e.g. teams: [{id: review-team, capacity: 4}])",
    ]
    assert warnings == []
