"""Commissioning parts of a plan: every mistake located as file:line:col: key.path: message."""

from __future__ import annotations

from tests.conftest import PlanDir
from tests.data.commissioning import HEAD, LOT, RESPITE
from tests.plan.test_errors import problems as all_problems
from tests.schedule.test_commissioning import AGES, STAY


def problems(plan_dir: PlanDir, text: str, people: None) -> list[str]:
    """The errors, without warnings (places short in these small plans)."""
    return [p for p in all_problems(plan_dir, text, people) if ": warning: " not in p]


def test_age_band_needs_a_date_of_birth_in_the_band(plan_dir: PlanDir) -> None:
    text = AGES + (
        "  - {id: P3, site: old, cohort: young-adults, needs: moderate, date_of_birth: 1990-01-01}\n"
        "  - {id: P4, site: old, cohort: young-adults, needs: moderate}\n"
        "  - {id: P5, site: old, cohort: L-D, needs: moderate}\n"
    )
    assert problems(plan_dir, text, None) == [
        "plan.yaml:19:79: people[P3].date_of_birth: aged 35 on 2025-03-03, outside cohort "
        "'young-adults' (18–25)",
        "plan.yaml:20:33: people[P4].cohort: cohort 'young-adults' is an age band (18–25); "
        "give this person a date_of_birth",
        "plan.yaml:21:33: people[P5].cohort: expected one of 'LD' or 'young-adults'; got 'L-D'",
    ]


def test_unknown_cohort_on_a_site(plan_dir: PlanDir) -> None:
    text = AGES.replace("cohorts: [LD]}", "cohorts: [LDD]}")
    assert problems(plan_dir, text, None)[0] == (
        "plan.yaml:13:60: sites[centre].cohorts[0]: unknown cohort 'LDD' (did you mean 'LD'?)"
    )


def test_no_one_can_stay_at_a_closing_site(plan_dir: PlanDir) -> None:
    text = STAY.replace("site: centre, cohort: PMLD", "site: old, cohort: PMLD")
    assert problems(plan_dir, text, None) == [
        "plan.yaml:15:64: people[P2].pathway: 'old' is closing, so no one can stay there; give "
        "a move pathway or keep the site open (status: continuing)",
    ]


def test_tender_shorter_than_the_statutory_minimum(plan_dir: PlanDir) -> None:
    text = HEAD + LOT.replace("      evaluation: 2w\n", "      evaluation: 2w\n      tender: 3w\n")
    assert problems(plan_dir, text, None) == [
        "plan.yaml:24:15: lots[new-lot].procurement.tender: 3w (21 days) is shorter than the "
        "statutory minimum: Procurement Act 2023 s.54(4): 25 days (open procedure)",
    ]


def test_light_touch_drops_the_minimums_but_not_silently_the_standstill(
    plan_dir: PlanDir,
) -> None:
    light = HEAD + LOT.replace(
        "      evaluation: 2w\n",
        "      evaluation: 2w\n      tender: 3w\n      light_touch: true\n",
    )
    plan_dir.plan(light, None)
    from transition_planner.plan.load import load_plan

    load_plan(plan_dir.root / "plan.yaml")  # valid: no statutory minimum for light touch
    text = HEAD + LOT.replace(
        "      evaluation: 2w\n", "      evaluation: 2w\n      standstill: false\n"
    )
    assert problems(plan_dir, text, None) == [
        "plan.yaml:24:19: lots[new-lot].procurement.standstill: the Procurement Act 2023 s.51 "
        "requires a standstill of 8 working days; only a light touch contract "
        "(light_touch: true) may do without",
    ]


def test_lot_references(plan_dir: PlanDir) -> None:
    text = (HEAD + LOT).replace("replaces: [old]", "replaces: [olde]") + (
        "actions:\n"
        "  - {id: a1, duration: 1d, after: [lot_open:new-lots]}\n"
        "  - {id: a2, duration: 1d, after: [award:new-lot]}\n"
    )
    assert problems(plan_dir, text.replace("route: open", "route: partnership"), None) == [
        "plan.yaml:19:16: lots[new-lot].replaces[0]: unknown site 'olde' (did you mean 'old'?)",
        "plan.yaml:26:36: actions[a1].after[0]: unknown lot 'new-lots' in 'lot_open:new-lots' "
        "(did you mean 'new-lot'?)",
        "plan.yaml:27:36: actions[a2].after[0]: 'award:new-lot': the partnership route has no "
        "award step",
    ]


def test_outcome_references_and_trajectory(plan_dir: PlanDir) -> None:
    from tests.schedule.test_outcomes import PLAN

    text = (
        PLAN.format(capacity=5)
        .replace("service: hub", "service: hubb")
        .replace("target: 20}", "target: 8}")
    )
    assert problems(plan_dir, text, None) == [
        "plan.yaml:19:14: outcomes[paid-work].service: unknown lot or site 'hubb' "
        "(did you mean 'hub'?)",
        "plan.yaml:23:7: outcomes[paid-work].trajectory: cumulative targets fall over time; each "
        "is the total expected by its date",
    ]


def test_carers_records_are_checked_where_they_are_written(plan_dir: PlanDir) -> None:
    text = RESPITE.replace("needs: moderate}\ncarers", "needs: moderate, carer: true}\ncarers") + (
        "  - {id: C2, cared_for: P9, site: olde, needs: moderate}\n"
        "  - {id: C3, site: old, needs: lots}\n"
        "  - {id: C1, site: old, needs: moderate}\n"
    )
    assert problems(plan_dir, text, None) == [
        "plan.yaml:18:25: carers[C1].cared_for: 'P1' also has carer: true, which would assess "
        "the same carer twice (this record's review is the carer's assessment); drop carer: "
        "true from 'P1'",
        "plan.yaml:19:25: carers[C2].cared_for: unknown person 'P9'",
        "plan.yaml:19:35: carers[C2].site: unknown site 'olde' (did you mean 'old'?)",
        "plan.yaml:20:32: carers[C3].needs: expected one of 'moderate', 'substantial', 'complex' "
        "or 'unknown'; got 'lots'",
        "plan.yaml:21:10: carers[C1].id: duplicate id 'C1' (first at line 18)",
    ]


def test_a_carer_with_no_respite_service_to_go_to(plan_dir: PlanDir) -> None:
    # The person rule, located at the carer's own record (a carer has no cohort key).
    text = RESPITE.replace("cohorts: [carers]", "cohorts: [LD]")
    assert problems(plan_dir, text, None) == [
        "plan.yaml:18:5: carers[C1]: no receiving site can take this person (pathway move; "
        "cohort carers); give a site the features, cohort and pathway, or set pathway: community"
    ]
