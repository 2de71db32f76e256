"""Realistic plans of any size, for benchmarks and demonstrations (``tplan generate``)."""

from transition_planner.generate.scale import (
    NEEDS_MIX,
    GeneratedPlan,
    GenerateOptions,
    apportion,
    generate_plan,
    write_generated,
)

__all__ = [
    "NEEDS_MIX",
    "GenerateOptions",
    "GeneratedPlan",
    "apportion",
    "generate_plan",
    "write_generated",
]
