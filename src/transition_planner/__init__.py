"""transition-planner: plan the closure and redesign of public services."""

__version__ = "0.1.0"
