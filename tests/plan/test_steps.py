"""The step-id vocabulary (plan/steps.py): ``KIND:SUBJECT``, bare programme-wide ids, custom
actions named by their own id; the grammar is public (users write it in after/before)."""

from __future__ import annotations

import pytest

from transition_planner.plan.steps import (
    ESTABLISHMENT_KINDS,
    LOT_KINDS,
    MILESTONE_KINDS,
    PERSON_KINDS,
    PROGRAMME_KINDS,
    RESOURCED_KINDS,
    REVIEW_TEAM_KINDS,
    SERVICES_CEASE,
    SITE_CHAIN,
    SITE_KINDS,
    STAFF_KINDS,
    USER_NAMEABLE_KINDS,
    GroupKind,
    ResourceKind,
    StepKind,
    StepKind as K,
    StepRef,
    group_id,
    parse_step_id,
    parse_user_step,
    resource_id,
    step_id,
)

SUBJECT_KINDS = [k for k in StepKind if k not in PROGRAMME_KINDS and k is not K.custom]


def test_every_kind_is_listed_here() -> None:
    # If a kind is added, the tests below (and the tuples' documentation) must say where it goes.
    assert [k.value for k in StepKind] == [
        "review",
        "carer_assessment",
        "move",
        "post_move_review",
        "transition_plan",
        "close",
        "lease_notice",
        "lease_exit",
        "dilapidations",
        "custom",
        "consultation",
        "hr1",
        "vr_window",
        "one_to_one",
        "notice",
        "trial",
        "leave",
        "services_cease",
        "market_engagement",
        "tender",
        "evaluation",
        "award",
        "standstill",
        "mobilisation",
        "lot_open",
    ]


@pytest.mark.parametrize("kind", SUBJECT_KINDS, ids=str)
def test_step_id_round_trip_for_every_kind_with_a_subject(kind: StepKind) -> None:
    text = step_id(kind, "electrium-point")
    assert text == f"{kind.value}:electrium-point"
    ref = parse_step_id(text)
    assert ref == StepRef(kind, "electrium-point")
    assert ref.id == text


def test_examples_from_the_docstrings() -> None:
    assert step_id(K.review, "P1") == "review:P1"
    assert step_id(K.notice, "S017") == "notice:S017"
    assert parse_step_id("close:electrium-point") == StepRef(K.close, "electrium-point")


def test_a_subject_may_itself_contain_a_colon() -> None:
    # Only the first ':' separates kind from subject.
    assert parse_step_id("move:a:b") == StepRef(K.move, "a:b")
    assert step_id(K.move, "a:b") == "move:a:b"


def test_programme_wide_step_is_a_bare_kind() -> None:
    assert step_id(K.services_cease) == "services_cease"
    assert SERVICES_CEASE == "services_cease"
    ref = parse_step_id("services_cease")
    assert ref == StepRef(K.services_cease, None)
    assert ref.id == "services_cease"
    # With a subject it is not a step id at all.
    assert parse_step_id("services_cease:programme") is None


def test_a_custom_action_is_named_by_its_own_id() -> None:
    assert step_id(K.custom, "letters-to-families") == "letters-to-families"
    # And it never parses as a generated step: not by its id, nor spelt with the kind.
    assert parse_step_id("letters-to-families") is None
    assert parse_step_id("custom:letters-to-families") is None


@pytest.mark.parametrize(
    "text",
    [
        "",
        "review",  # a subject kind without its subject
        "review:",  # an empty subject
        ":P1",  # an empty kind
        "reveiw:P1",  # not a kind
        "Review:P1",  # kinds are lower case
        "services_cease:x",
        "custom:x",
    ],
)
def test_not_a_generated_step_id(text: str) -> None:
    assert parse_step_id(text) is None


def test_step_id_refuses_a_subject_for_a_programme_wide_kind() -> None:
    with pytest.raises(ValueError, match=r"^services_cease takes no subject$"):
        step_id(K.services_cease, "programme")


@pytest.mark.parametrize("kind", [*SUBJECT_KINDS, K.custom], ids=str)
@pytest.mark.parametrize("subject", [None, ""])
def test_step_id_needs_a_subject_for_every_other_kind(kind: StepKind, subject: str | None) -> None:
    with pytest.raises(ValueError, match=rf"^{kind.value} needs a subject$"):
        step_id(kind, subject)


@pytest.mark.parametrize(
    "text",
    [
        "close:hub",
        "dilapidations:hub",
        "lease_notice:hub",
        "lease_exit:hub",
        "review:P1",
        "move:P1",
    ],
)
def test_user_nameable_steps(text: str) -> None:
    ref = parse_user_step(text)
    assert ref is not None
    assert ref.id == text


def test_services_cease_is_user_nameable() -> None:
    assert parse_user_step("services_cease") == StepRef(K.services_cease, None)


@pytest.mark.parametrize(
    "kind",
    [k for k in SUBJECT_KINDS if k not in USER_NAMEABLE_KINDS],
    ids=str,
)
def test_other_generated_steps_are_not_user_nameable(kind: StepKind) -> None:
    # e.g. notice:S1 parses as a step id but a plan may not order its own actions against it.
    text = step_id(kind, "x")
    assert parse_step_id(text) is not None
    assert parse_user_step(text) is None


def test_user_step_rejects_what_is_no_step_id() -> None:
    assert parse_user_step("letters-to-families") is None
    assert parse_user_step("clse:hub") is None


def test_the_user_nameable_kinds_are_the_six_documented() -> None:
    # README: after/before name actions or steps such as close:SITE, dilapidations:SITE,
    # lease_exit:SITE, move:PERSON, services_cease (plan/steps.py adds lease_notice, review).
    # Commissioning adds a lot's procurement stages and its opening (docs/commissioning.md).
    assert set(USER_NAMEABLE_KINDS) == {
        K.close,
        K.dilapidations,
        K.lease_notice,
        K.lease_exit,
        K.review,
        K.move,
        *LOT_KINDS,
    }


def test_resource_ids() -> None:
    assert resource_id(ResourceKind.team, "north") == "team:north"
    assert resource_id(ResourceKind.hr, "centre") == "hr:centre"
    assert resource_id(ResourceKind.places, "new-base") == "places:new-base"


def test_group_ids() -> None:
    assert group_id(GroupKind.close_by, "hub") == "close_by:hub"
    assert group_id(GroupKind.order, "a", "b") == "order:a:b"
    assert group_id(GroupKind.figures) == "figures"


def test_subject_kinds_partition_every_kind_but_custom() -> None:
    # Each kind's subject is exactly one of: a person, a site, a member of staff, an
    # establishment, or nothing (programme-wide); custom actions are their own subject.
    groups = [
        PERSON_KINDS,
        SITE_KINDS,
        STAFF_KINDS,
        ESTABLISHMENT_KINDS,
        LOT_KINDS,
        PROGRAMME_KINDS,
    ]
    listed = [k for group in groups for k in group]
    assert len(listed) == len(set(listed)) == 24
    assert set(listed) | {K.custom} == set(StepKind)
    assert set(PERSON_KINDS) == {
        K.review,
        K.carer_assessment,
        K.move,
        K.post_move_review,
        K.transition_plan,
    }
    assert set(SITE_KINDS) == {K.close, K.lease_notice, K.lease_exit, K.dilapidations}
    assert set(STAFF_KINDS) == {K.one_to_one, K.notice, K.leave, K.trial}
    assert set(ESTABLISHMENT_KINDS) == {K.consultation, K.hr1, K.vr_window}
    assert (K.services_cease,) == PROGRAMME_KINDS


def test_derived_kind_tuples_are_as_documented() -> None:
    # Review teams do reviews, carers' assessments and post-move reviews; resourced kinds add
    # the 1:1s (an establishment's HR slots). Moves, closures and notices hold no resource.
    assert (K.review, K.carer_assessment, K.post_move_review) == REVIEW_TEAM_KINDS
    assert (*REVIEW_TEAM_KINDS, K.one_to_one) == RESOURCED_KINDS
    assert set(REVIEW_TEAM_KINDS) < set(PERSON_KINDS)
    # Milestones: the site steps, the consultation and HR1, and a lot's award and opening;
    # never a person's own step.
    assert set(MILESTONE_KINDS) == {*SITE_KINDS, K.consultation, K.hr1, K.award, K.lot_open}
    assert not set(MILESTONE_KINDS) & set(PERSON_KINDS)
    # Site steps follow close -> dilapidations -> lease_exit (lease_notice runs beside them).
    assert (K.close, K.dilapidations, K.lease_exit) == SITE_CHAIN
    assert set(USER_NAMEABLE_KINDS) <= set(PERSON_KINDS) | set(SITE_KINDS) | set(LOT_KINDS)
