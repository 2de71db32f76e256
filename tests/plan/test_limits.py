"""Validation owns every limit the scheduler relies on: each is a located error, never a crash."""

from __future__ import annotations

import time

import pytest

from tests.conftest import BASE_PEOPLE, BASE_PLAN, PlanDir
from tests.plan.test_errors import problems, validate

ZERO = "must be at least 1d: every step takes at least a day, got '0d' (use 1d for something done on the day)"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "savings: {full_year: 1200000}",
            "savings: {full_year: 1.0e+30}",
            "plan.yaml:6:24: programme.savings.full_year: must be at most 1000000000, got 1e+30",
        ),
        (
            "start: 2016-03-01",
            "start: '0001-01-01'",
            "plan.yaml:4:10: programme.start: dates must be between 2000-01-01 and 2099-12-31, got 0001-01-01",
        ),
        (
            "target_end: 2016-05-31",
            "target_end: 9999-12-31",
            "plan.yaml:5:15: programme.target_end: dates must be between 2000-01-01 and 2099-12-31, got 9999-12-31",
        ),
        (
            "target_end: 2016-05-31",
            "target_end: 2040-05-31",
            "plan.yaml:5:15: programme.target_end: 2040-05-31 is more than 15 years after "
            "programme.start 2016-03-01; a programme's dates must fall by 2031-03-01",
        ),
        (
            "    capacity: 10\n",
            "    capacity: 100001\n",
            "plan.yaml:14:15: sites[new-centre].capacity: must be at most 10000, got 100001",
        ),
        (
            "    capacity: 2\n",
            "    capacity: 5000\n",
            "plan.yaml:18:15: teams[review-team].capacity: must be at most 1000, got 5000",
        ),
        (
            "start: 2016-03-01",
            "start: !!timestamp 2016-03-xx",
            "plan.yaml:4:10: programme.start: expected an ISO date (YYYY-MM-DD), got '2016-03-xx'",
        ),
        (
            "start: 2016-03-01",
            "start: !!timestamp 99999-01-01",
            "plan.yaml:4:10: programme.start: expected an ISO date (YYYY-MM-DD), got '99999-01-01'",
        ),
        (
            "people: people.csv",
            "people: " + "p" * 300 + ".csv",
            "plan.yaml:19:9: people: file name too long: 304 bytes; a file or folder name has at most 255",
        ),
        (
            "    date_of_birth: 1980-06-01",
            "    date_of_birth: 1800-06-01",
            "plan.yaml:27:20: staff[S001].date_of_birth: dates must be between 1900-01-01 and 2099-12-31, got 1800-06-01",
        ),
    ],
)
def test_limits_are_located_errors(plan_dir: PlanDir, old: str, new: str, expected: str) -> None:
    assert old in BASE_PLAN
    assert problems(plan_dir, BASE_PLAN.replace(old, new)) == [expected]


def test_lease_notice_and_durations_have_limits(plan_dir: PlanDir) -> None:
    text = BASE_PLAN + (
        "durations: {review: {moderate: 99999w}, carer_assessment: 121m}\n"
        "leases:\n"
        "  - {site: old-centre, rent_per_month: 100, notice_months: 1000, expiry: 2017-01-01}\n"
    )
    assert problems(plan_dir, text) == [
        "plan.yaml:28:32: durations.review.moderate: a duration can be at most 10 years (3650d, 520w, 120m), got '99999w'",
        "plan.yaml:28:59: durations.carer_assessment: a duration can be at most 10 years (3650d, 520w, 120m), got '121m'",
        "plan.yaml:30:60: leases[old-centre].notice_months: must be at most 120, got 1000",
    ]


def test_zero_durations_are_refused(plan_dir: PlanDir) -> None:
    """The documented choice for 0d steps (cases z1, z3): refused, with where and why."""
    text = BASE_PLAN + "durations: {move: 0d}\nactions:\n  - {id: tell-families, duration: 0d}\n"
    assert problems(plan_dir, text) == [
        f"plan.yaml:28:19: durations.move: {ZERO}",
        f"plan.yaml:30:35: actions[tell-families].duration: {ZERO}",
    ]


def test_zero_dilapidation_works_still_mean_none(plan_dir: PlanDir) -> None:
    text = BASE_PLAN + (
        "leases:\n  - {site: old-centre, rent_per_month: 100, notice_months: 1, "
        "expiry: 2017-01-01, dilapidations: {works: 0d}}\n"
    )
    plan_dir.plan(text)
    assert validate("plan.yaml")[0] == 0


def test_custom_actions_end_to_end_within_ten_years(plan_dir: PlanDir) -> None:
    text = BASE_PLAN + "actions:\n  - {id: a, duration: 3650d}\n  - {id: b, duration: 1d}\n"
    assert problems(plan_dir, text) == [
        "plan.yaml:29:3: actions: the custom actions take 3651 days laid end to end; "
        "at most 3650 days (10 years) in all"
    ]


def test_post_move_review_window_in_order(plan_dir: PlanDir) -> None:
    """Case z11: a window whose latest is before its earliest."""
    text = BASE_PLAN + "durations:\n  post_move_review: {earliest: 8w, latest: 6w}\n"
    assert problems(plan_dir, text) == [
        "plan.yaml:29:44: durations.post_move_review.latest: 6w is before earliest 8w: "
        "the review window ends before it opens"
    ]


def test_repeated_list_values(plan_dir: PlanDir) -> None:
    text = BASE_PLAN.replace("features: [hoist]", "features: [hoist, hoist]")
    people = BASE_PEOPLE.replace("new-centre,,no", "new-centre;new-centre,,no")
    assert problems(plan_dir, text, people) == [
        "people.csv:2:6: people[P1].preferred[1]: 'new-centre' is listed twice (also item 1 of the list)",
        "plan.yaml:15:23: sites[new-centre].features[1]: 'hoist' is listed twice (also item 1 of the list)",
    ]


def test_repeated_inline_preference(plan_dir: PlanDir) -> None:
    text = BASE_PLAN.replace(
        "people: people.csv",
        "people:\n  - {id: P1, site: old-centre, cohort: LD, needs: moderate, "
        "preferred: [new-centre, new-centre]}",
    )
    assert problems(plan_dir, text, None) == [
        "plan.yaml:20:85: people[P1].preferred[1]: 'new-centre' is listed twice (also item 1 of the list)"
    ]


def test_merge_keys_override_as_yaml_defines(plan_dir: PlanDir) -> None:
    """Case v5: ``{<<: *recv, id: new2}`` overrides, it does not duplicate."""
    text = BASE_PLAN.replace(
        "  - id: new-centre\n    status: receiving\n    capacity: 10\n    features: [hoist]\n",
        "  - &recv {id: new-centre, status: receiving, capacity: 10, features: [hoist]}\n"
        "  - {<<: *recv, id: new2, capacity: 3}\n",
    )
    plan_dir.plan(text)
    code, lines = validate("plan.yaml")
    assert code == 0, lines
    from transition_planner.plan.load import load_plan

    sites = {s.id: s for s in load_plan("plan.yaml").plan.sites}
    assert (sites["new2"].capacity, sites["new2"].features) == (3, ["hoist"])
    assert sites["new-centre"].capacity == 10


def test_a_mappings_own_keys_are_still_checked_for_duplicates(plan_dir: PlanDir) -> None:
    text = BASE_PLAN.replace(
        "  - id: new-centre\n    status: receiving\n    capacity: 10\n    features: [hoist]\n",
        "  - &recv {id: new-centre, status: receiving, capacity: 10, features: [hoist]}\n"
        "  - {<<: *recv, id: new2, id: new3}\n",
    )
    assert problems(plan_dir, text) == [
        "plan.yaml:13:27: sites[2].id: duplicate key 'id' (first at line 13); YAML would "
        "silently keep only the last one, so merge them"
    ]


def test_many_cycles_are_reported_briefly_and_fast(plan_dir: PlanDir) -> None:
    """Twelve actions each after all the others: millions of cycles; three shown, then a count."""
    names = [f"a{i}" for i in range(12)]
    text = (
        BASE_PLAN
        + "actions:\n"
        + "".join(
            f"  - {{id: {n}, duration: 1d, after: [{', '.join(m for m in names if m != n)}]}}\n"
            for n in names
        )
    )
    began = time.perf_counter()
    lines = problems(plan_dir, text)
    assert time.perf_counter() - began < 20
    assert lines == [
        "plan.yaml:29:5: actions[a0]: dependency cycle: a0 -> a1 -> a0",
        "plan.yaml:29:5: actions[a0]: dependency cycle: a0 -> a2 -> a0",
        "plan.yaml:29:5: actions[a0]: dependency cycle: a0 -> a3 -> a0",
        "plan.yaml:29:5: actions[a0]: over 200 dependency cycles in all among these 12 steps: "
        "a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11; break one of their after or before links",
    ]


def test_one_cycle_is_reported_once(plan_dir: PlanDir) -> None:
    """Case v3b."""
    text = BASE_PLAN + (
        "actions:\n"
        "  - {id: a0, duration: 1d, after: [a1]}\n"
        "  - {id: a1, duration: 1d, after: [a2]}\n"
        "  - {id: a2, duration: 1d, after: [a3]}\n"
        "  - {id: a3, duration: 1d, after: [a0]}\n"
    )
    assert problems(plan_dir, text) == [
        "plan.yaml:29:5: actions[a0]: dependency cycle: a0 -> a3 -> a2 -> a1 -> a0"
    ]


def test_a_plan_with_staff_starts_within_the_redundancy_tables(plan_dir: PlanDir) -> None:
    text = BASE_PLAN.replace("start: 2016-03-01", "start: 2010-03-01").replace(
        "start_date: 2010-01-04", "start_date: 2000-01-04"
    )
    assert problems(plan_dir, text) == [
        "plan.yaml:4:10: programme.start: 2010-03-01 is before 2015-04-06, the first day the "
        "statutory redundancy figures (rules/rates.yaml) cover; a plan with staff must start on "
        "or after it"
    ]


def test_format_version_is_known(plan_dir: PlanDir) -> None:
    assert problems(plan_dir, "version: 2\n" + BASE_PLAN) == [
        "plan.yaml:1:10: version: must be at most 1, got 2"
    ]


def test_at_risk_staff_are_in_post_when_the_programme_starts(plan_dir: PlanDir) -> None:
    text = BASE_PLAN.replace("start_date: 2010-01-04", "start_date: 2016-04-01")
    assert problems(plan_dir, text) == [
        "plan.yaml:26:17: staff[S001].start_date: 2016-04-01 is after programme.start "
        "2016-03-01: staff at risk are in post when it starts"
    ]


def test_an_agreed_redeployment_is_to_the_same_role_and_grade(plan_dir: PlanDir) -> None:
    text = BASE_PLAN + (
        "    redeploy_to: V1\n"
        "vacancies:\n"
        "  - {id: V1, role: Cook, grade: Grade 3, site: new-centre, use: redeploy}\n"
    )
    assert problems(plan_dir, text) == [
        "plan.yaml:28:18: staff[S001].redeploy_to: vacancy 'V1' is for 'Cook', 'Grade 3'; "
        "S001 is 'Support Worker' (a redeployment is to the same role and grade)"
    ]


def test_first_rates_date_is_the_tables_first() -> None:
    from transition_planner.plan.values import FIRST_RATES_DATE
    from transition_planner.rules.employment import rates

    assert rates().caps[0].start == FIRST_RATES_DATE


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("'" + "a/" * 600 + "p.csv'", "file path too long: 1205 bytes; at most 1024"),
        ('"x\\0y.csv"', "a file name cannot contain a NUL character"),
    ],
)
def test_impossible_file_names(plan_dir: PlanDir, name: str, expected: str) -> None:
    text = BASE_PLAN.replace("people: people.csv", f"people: {name}")
    assert problems(plan_dir, text) == [f"plan.yaml:19:9: people: {expected}"]
