"""Who owns each step: a custom action's own ``owner``, else the plan's ``owners:`` entry for
the step's kind, else a default by kind (HR for the HR chain, the property lead for lease
steps, the review team for reviews and assessments, the programme manager otherwise)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from transition_planner.plan.models import Plan

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

HR = "HR"
PROPERTY_LEAD = "Property lead"
REVIEW_TEAM = "Review team"
PROGRAMME_MANAGER = "Programme manager"

DEFAULT_OWNERS: dict[str, str] = {
    **dict.fromkeys(
        ("consultation", "hr1", "vr_window", "one_to_one", "notice", "trial", "leave"), HR
    ),
    **dict.fromkeys(("lease_notice", "lease_exit", "dilapidations"), PROPERTY_LEAD),
}
# Steps a review team does: their default owner is the team that does them.
TEAM_KINDS = frozenset({"review", "carer_assessment", "post_move_review"})


def owner_of(plan: Plan, kind: str, action_id: str, resource: str | None = None) -> str:
    """The owner of a scheduled step (``resource``: the team that does it, if any)."""
    if kind == "custom":
        own = next((a.owner for a in plan.actions if a.id == action_id), None)
        if own:
            return own
    if kind in plan.owners:
        return plan.owners[kind]
    if kind in DEFAULT_OWNERS:
        return DEFAULT_OWNERS[kind]
    if kind in TEAM_KINDS:
        team = next((t for t in plan.teams if t.id == resource), None)
        return (team.name or team.id) if team else REVIEW_TEAM
    return PROGRAMME_MANAGER
