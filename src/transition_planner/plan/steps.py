"""The step vocabulary: the one owner of every generated step id and what each kind means.

A step id is ``KIND:SUBJECT`` (``review:P001``, ``close:electrium-point``, ``notice:S017``), or a
bare ``KIND`` for a programme-wide step (``services_cease``). A custom action's id is the plan's
own action id, which may not contain ``:``. The grammar is part of the public format (README.md,
``docs/plan-format.md``): users name steps in ``after``/``before`` and later in progress files.

Resources and explanation groups have ids of the same shape (``team:north``, ``hr:centre``,
``places:new-base``); they are built here too so that no other module spells one by hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Literal


class StepKind(StrEnum):
    """Every kind of step the scheduler generates, plus ``custom`` for the plan's own actions."""

    review = "review"
    carer_assessment = "carer_assessment"
    move = "move"
    post_move_review = "post_move_review"
    transition_plan = "transition_plan"
    close = "close"
    lease_notice = "lease_notice"
    lease_exit = "lease_exit"
    dilapidations = "dilapidations"
    custom = "custom"
    consultation = "consultation"
    hr1 = "hr1"
    vr_window = "vr_window"
    one_to_one = "one_to_one"
    notice = "notice"
    trial = "trial"
    leave = "leave"
    services_cease = "services_cease"
    market_engagement = "market_engagement"
    tender = "tender"
    evaluation = "evaluation"
    award = "award"
    standstill = "standstill"
    mobilisation = "mobilisation"
    lot_open = "lot_open"


K = StepKind

# Tuples, not sets: iteration order must not depend on string hashing (same plan, same bytes).
PERSON_KINDS = (K.review, K.carer_assessment, K.move, K.post_move_review, K.transition_plan)
"""Kinds whose subject is a person (a service user)."""
SITE_KINDS = (K.close, K.lease_notice, K.lease_exit, K.dilapidations)
"""Kinds whose subject is a site."""
STAFF_KINDS = (K.one_to_one, K.notice, K.leave, K.trial)
"""Kinds whose subject is a member of staff."""
ESTABLISHMENT_KINDS = (K.consultation, K.hr1, K.vr_window)
"""Kinds whose subject is an establishment (a site, or ``programme``)."""
PROGRAMME_KINDS = (K.services_cease,)
"""Programme-wide kinds: a bare id, no subject."""
PROCUREMENT_KINDS = (
    K.market_engagement,
    K.tender,
    K.evaluation,
    K.award,
    K.standstill,
    K.mobilisation,
)
"""A lot's procurement chain, in order (a route uses some of them; mobilisation always)."""
LOT_KINDS = (*PROCUREMENT_KINDS, K.lot_open)
"""Kinds whose subject is a lot: its procurement stages and its first day of service."""

REVIEW_TEAM_KINDS = (K.review, K.carer_assessment, K.post_move_review)
"""Kinds done by a review team: each occupies one of its places while it runs."""
RESOURCED_KINDS = (*REVIEW_TEAM_KINDS, K.one_to_one)
"""Kinds that occupy a resource (a review team, or an establishment's 1:1 slots)."""
MILESTONE_KINDS = (
    K.close,
    K.lease_notice,
    K.lease_exit,
    K.dilapidations,
    K.consultation,
    K.hr1,
    K.award,
    K.lot_open,
)
"""Kinds shown as milestones (key dates) rather than as people's own steps."""

USER_NAMEABLE_KINDS = (
    K.close,
    K.dilapidations,
    K.lease_notice,
    K.lease_exit,
    K.review,
    K.move,
    *LOT_KINDS,
)
"""Kinds a custom action may name in ``after``/``before`` (with ``services_cease``)."""
SITE_CHAIN = (K.close, K.dilapidations, K.lease_exit)
"""The order generated site steps always follow (used to find cycles through them)."""

KIND_LABELS = {
    K.review: "reviews",
    K.carer_assessment: "carers' assessments",
    K.move: "moves",
    K.post_move_review: "post-move reviews",
    K.transition_plan: "transition plans",
    K.one_to_one: "1:1 meetings",
    K.notice: "notice periods",
    K.leave: "leaving dates",
    K.trial: "trial periods",
}
"""Plural labels for grouped person and staff steps in the papers."""

# Workstreams: every step belongs to one; custom actions name their own.
TRANSITION = "service user transition"
PROPERTY = "decommissioning and property"
STAFFING = "staffing"
COMMISSIONING = "commissioning"
WORKSTREAMS = (PROPERTY, STAFFING, TRANSITION, COMMISSIONING)

SERVICES_CEASE = K.services_cease.value

OwnedKind = Literal[
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
]

"""The kinds a plan's ``owners:`` may name: every step kind but the programme-wide milestone."""


@dataclass(frozen=True)
class StepRef:
    """A parsed step id: its kind and subject (None for a programme-wide step)."""

    kind: StepKind
    subject: str | None

    @property
    def id(self) -> str:
        return step_id(self.kind, self.subject)


def step_id(kind: StepKind, subject: str | None = None) -> str:
    """The id of the ``kind`` step for ``subject``: ``step_id(K.review, "P1") == "review:P1"``.

    A programme-wide kind takes no subject; every other generated kind needs one. A custom
    action's id is its own subject.

    Raises:
        ValueError: a subject where none belongs, or none where one is needed.
    """
    if kind in PROGRAMME_KINDS:
        if subject is not None:
            raise ValueError(f"{kind} takes no subject")
        return kind.value
    if not subject:
        raise ValueError(f"{kind} needs a subject")
    if kind is K.custom:
        return subject
    return f"{kind.value}:{subject}"


def parse_step_id(text: str) -> StepRef | None:
    """``"close:electrium-point"`` -> ``StepRef(close, "electrium-point")``.

    Returns None when ``text`` is not a generated step id (it may still be a custom action's).
    """
    if text in PROGRAMME_KINDS:
        return StepRef(StepKind(text), None)
    kind, sep, subject = text.partition(":")
    if not sep or not subject or kind not in StepKind.__members__:
        return None
    parsed = StepKind(kind)
    if parsed in PROGRAMME_KINDS or parsed is K.custom:
        return None
    return StepRef(parsed, subject)


def parse_user_step(text: str) -> StepRef | None:
    """A step a plan's ``after``/``before`` may name, or None (then it must be an action id)."""
    ref = parse_step_id(text)
    if ref is None or not (ref.kind in USER_NAMEABLE_KINDS or ref.kind in PROGRAMME_KINDS):
        return None
    return ref


class ResourceKind(StrEnum):
    """Capacity pools: a review team, an establishment's 1:1 slots, a site's places."""

    team = "team"
    hr = "hr"
    places = "places"


def resource_id(kind: ResourceKind, subject: str) -> str:
    """``resource_id(ResourceKind.team, "north") == "team:north"``."""
    return f"{kind.value}:{subject}"


class GroupKind(StrEnum):
    """Labels of hard-constraint groups, named in infeasibility explanations."""

    team = "team"
    places = "places"
    available = "available"
    deadline = "deadline"
    not_before = "not_before"
    close_by = "close_by"
    lease = "lease"
    order = "order"
    figures = "figures"
    progress = "progress"
    freeze = "freeze"


def group_id(kind: GroupKind, *subjects: str) -> str:
    """``group_id(GroupKind.close_by, "hub") == "close_by:hub"``; several subjects join by ``:``."""
    return ":".join((kind.value, *subjects))


FAILED = "failed"
"""The outcome of a trial recorded failed: kept in a re-plan as history (``StepInfo.outcome``,
``ScheduledAction.outcome``), with notice from the day it failed."""


@dataclass(frozen=True)
class StepInfo:
    """What a problem activity stands for in the plan; the solvers never read it.

    ``resource`` is the team id for review-team steps and ``hr:ESTABLISHMENT`` for 1:1s (as in
    ``schedule.json``); ``destination`` a fixed destination (a chosen one comes from the solution);
    ``outcome`` a recorded outcome the step is kept for as history (``"failed"``: a trial
    recorded failed, from its start to the day it failed).
    """

    kind: StepKind
    subject: str
    workstream: str
    title: str = ""
    resource: str = ""
    destination: str = ""
    outcome: str = ""
