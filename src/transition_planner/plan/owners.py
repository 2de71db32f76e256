"""Who owns each step: a custom action's own ``owner``, else the plan's ``owners:`` entry for
the step's kind, else a default by kind (HR for the HR chain, the property lead for lease
steps, the review team for reviews and assessments, the programme manager otherwise)."""

from __future__ import annotations

from transition_planner.plan.models import Plan
from transition_planner.plan.steps import (
    ESTABLISHMENT_KINDS,
    REVIEW_TEAM_KINDS,
    STAFF_KINDS,
    StepKind as K,
)

HR = "HR"
PROPERTY_LEAD = "Property lead"
REVIEW_TEAM = "Review team"
PROGRAMME_MANAGER = "Programme manager"

DEFAULT_OWNERS: dict[str, str] = {
    **dict.fromkeys((*ESTABLISHMENT_KINDS, *STAFF_KINDS), HR),
    **dict.fromkeys((K.lease_notice, K.lease_exit, K.dilapidations), PROPERTY_LEAD),
}


def owner_of(plan: Plan, kind: str, action_id: str, resource: str | None = None) -> str:
    """The owner of a scheduled step (``resource``: the team that does it, if any)."""
    if kind == K.custom:
        own = next((a.owner for a in plan.actions if a.id == action_id), None)
        if own:
            return own
    if kind in plan.owners:
        return plan.owners[kind]
    if kind in DEFAULT_OWNERS:
        return DEFAULT_OWNERS[kind]
    # Steps a review team does: their default owner is the team that does them.
    if kind in REVIEW_TEAM_KINDS:
        team = next((t for t in plan.teams if t.id == resource), None)
        return (team.name or team.id) if team else REVIEW_TEAM
    return PROGRAMME_MANAGER
