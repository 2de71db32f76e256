"""Names of the steps the scheduler generates, which custom actions may name in after/before."""

from __future__ import annotations

from dataclasses import dataclass

# kind -> what its subject must be ("site" for close:SITE; None for a bare name).
SITE_STEPS = ("close", "dilapidations", "lease_notice", "lease_exit")
PERSON_STEPS = ("review", "move")
PROGRAMME_STEPS = ("services_cease",)

# The order generated site steps always follow (used to find cycles through them).
SITE_CHAIN = ("close", "dilapidations", "lease_exit")


@dataclass(frozen=True)
class StepRef:
    kind: str
    subject: str | None

    @property
    def name(self) -> str:
        return self.kind if self.subject is None else f"{self.kind}:{self.subject}"


def parse_step(ref: str) -> StepRef | None:
    """``close:electrium-point`` -> StepRef('close', 'electrium-point'); None if not a step name."""
    if ":" in ref:
        kind, _, subject = ref.partition(":")
        if kind in SITE_STEPS or kind in PERSON_STEPS:
            return StepRef(kind, subject)
        return None
    if ref in PROGRAMME_STEPS:
        return StepRef(ref, None)
    return None


def known_step_kinds() -> list[str]:
    return (
        [f"{k}:SITE" for k in SITE_STEPS]
        + [f"{k}:PERSON" for k in PERSON_STEPS]
        + list(PROGRAMME_STEPS)
    )
