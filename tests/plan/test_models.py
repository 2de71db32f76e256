"""Plan lookups: which team reviews a person, which sites can take them, in which order.

They are built once per plan (records are frozen); these tests pin the answers to what a scan
of the plan's lists gives, and that loading and compiling no longer scan every site for every
person.
"""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from tests.conftest import BASE_PLAN, PlanDir
from transition_planner.plan import models
from transition_planner.plan.load import load_plan
from transition_planner.plan.models import Person, Plan, accepts
from transition_planner.problem.compile import compile_plan


def plan(**changes: Any) -> Plan:
    data = yaml.safe_load(BASE_PLAN)
    data.pop("people")
    data.update(changes)
    return Plan.model_validate(data)


def person(pid: str = "P1", **changes: Any) -> Person:
    return Person.model_validate(
        {"id": pid, "site": "old-centre", "cohort": "LD", "needs": "moderate", **changes}
    )


SITES = [
    {"id": "old-centre", "status": "closing"},
    {"id": "hall", "status": "receiving", "capacity": 5},
    {"id": "annex", "status": "receiving", "capacity": 5, "features": ["hoist"]},
    {"id": "east", "status": "receiving", "capacity": 5, "cohorts": ["PD"]},
    {"id": "full", "status": "receiving", "capacity": 0},
]


def test_team_for_prefers_the_named_team_then_the_first_covering_then_one_covering_all() -> None:
    p = plan(
        teams=[
            {"id": "all", "capacity": 1},
            {"id": "north", "capacity": 1, "sites": ["old-centre"]},
            {"id": "north-2", "capacity": 1, "sites": ["old-centre", "elsewhere"]},
        ]
    )
    assert p.team_for(person()).id == "north"  # type: ignore[union-attr]
    assert p.team_for(person(site="elsewhere")).id == "north-2"  # type: ignore[union-attr]
    assert p.team_for(person(site="nowhere")).id == "all"  # type: ignore[union-attr]
    assert p.team_for(person(team="all")).id == "all"  # type: ignore[union-attr]
    assert p.team_for(person(team="missing")) is None


def test_team_for_is_none_when_no_team_covers_the_site() -> None:
    p = plan(teams=[{"id": "north", "capacity": 1, "sites": ["elsewhere"]}])
    assert p.team_for(person()) is None


def test_accepting_matches_a_scan_of_every_site_for_every_kind_of_person() -> None:
    p = plan(sites=SITES)
    kinds = [
        person(),
        person(cohort="PD"),
        person(requires=["hoist"]),
        person(cohort="PD", requires=["hoist"]),
        person(site="hall"),
        person(pathway="employment"),
    ]
    for who in kinds:
        assert p.accepting(who) == [s for s in p.sites if accepts(s, who)], who
    assert [s.id for s in p.accepting(person())] == ["hall", "annex"]
    assert [s.id for s in p.accepting(person(cohort="PD"))] == ["hall", "annex", "east"]
    assert [s.id for s in p.accepting(person(requires=["hoist"]))] == ["annex"]
    assert [s.id for s in p.accepting(person(site="hall"))] == ["annex"]


def test_destinations_put_preferred_sites_first_in_the_persons_order() -> None:
    p = plan(sites=SITES)
    got = p.destinations_for(person(cohort="PD", preferred=["east", "annex"]))
    assert [s.id for s in got] == ["east", "annex", "hall"]
    # a preference the person cannot use is ignored, and the answer for the next person of
    # the same kind is not coloured by this one's preferences
    assert [s.id for s in p.destinations_for(person(preferred=["east"]))] == ["hall", "annex"]
    assert [s.id for s in p.destinations_for(person())] == ["hall", "annex"]


def test_site_looks_up_by_id() -> None:
    p = plan(sites=SITES)
    assert p.site("east").cohorts == ["PD"]
    with pytest.raises(KeyError, match="missing"):
        p.site("missing")


def test_load_and_compile_check_each_site_once_per_kind_of_person(
    plan_dir: PlanDir, monkeypatch: pytest.MonkeyPatch
) -> None:
    sites = "".join(
        f"  - id: r{k}\n    status: receiving\n    capacity: 40\n"
        + ("    features: [hoist]\n" if k % 2 else "")
        for k in range(30)
    )
    text = BASE_PLAN.replace(
        "  - id: new-centre\n    status: receiving\n    capacity: 10\n    features: [hoist]\n",
        sites,
    )
    rows = [
        f"P{i},old-centre,{'LD' if i % 2 else 'PD'},moderate,{'hoist' if i % 3 == 0 else ''},"
        f"r{i % 30},g{i % 50},no"
        for i in range(600)
    ]
    plan_dir.plan(text, "id,site,cohort,needs,requires,preferred,group,carer\n" + "\n".join(rows))
    calls = 0
    real = models.accepts

    def counting(site: Any, who: Any, cohorts: Any = None) -> bool:
        nonlocal calls
        calls += 1
        return real(site, who, cohorts)

    monkeypatch.setattr(models, "accepts", counting)
    loaded = load_plan(plan_dir.root / "plan.yaml")
    compiled = compile_plan(loaded.plan)
    kinds = 4  # cohort LD/PD x hoist or not
    assert calls == kinds * len(loaded.plan.sites)
    options = {c.activity: len(c.options) for c in compiled.problem.choices}
    assert options["move:P3"] == 15  # hoist: the odd-numbered sites only
    assert options["move:P1"] == 30
    assert len(options) == 600
