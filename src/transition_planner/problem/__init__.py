"""The solver-neutral scheduling problem (activities, constraints, costs on integer days)."""

from transition_planner.problem.model import (
    Activity,
    At,
    Choice,
    Demand,
    LinearCost,
    Option,
    Places,
    PlaceUse,
    Precedence,
    Problem,
    Resource,
    SameChoice,
    Step,
    StepCost,
    capacity_segments,
)
from transition_planner.problem.symmetry import Symmetry

__all__ = [
    "Activity",
    "At",
    "Choice",
    "Demand",
    "LinearCost",
    "Option",
    "PlaceUse",
    "Places",
    "Precedence",
    "Problem",
    "Resource",
    "SameChoice",
    "Step",
    "StepCost",
    "Symmetry",
    "capacity_segments",
]
