"""The library's one error hierarchy. The CLI turns these into messages and exit codes once."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem found in a user's file, with enough context to find and fix it.

    Rendered as ``file:line:col: path: message``, e.g.
    ``plans/x.yaml:42:7: staff[S017].site: unknown site 'electrium-pt' (did you mean ...?)``.
    """

    file: str
    line: int | None
    column: int | None
    path: str
    message: str
    severity: Severity = "error"
    strict: bool = False
    """A warning that counts as an error because strict checking was asked for."""

    def render(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        prefix = "warning: " if self.severity == "warning" else ""
        subject = f"{self.path}: " if self.path else ""
        return f"{where}: {prefix}{subject}{self.message}"


class TransitionPlannerError(Exception):
    """Base of every error the library raises on purpose."""

    exit_code = 1


class PlanError(TransitionPlannerError):
    """The plan (or a file it names) is invalid. Carries every problem found in one pass."""

    exit_code = 2

    def __init__(self, diagnostics: list[Diagnostic], warnings: list[Diagnostic] | None = None):
        self.diagnostics = sorted(diagnostics, key=_diag_key)
        self.warnings = sorted(warnings or [], key=_diag_key)
        super().__init__("\n".join(d.render() for d in self.diagnostics))


class InputFileError(TransitionPlannerError):
    """A file other than the plan (a schedule JSON, a progress file) cannot be read."""

    exit_code = 2


@dataclass
class InfeasibilityReason:
    """One constraint group of the smallest conflicting set, in the plan's own words."""

    group: str
    explanation: str


@dataclass
class Infeasible(TransitionPlannerError):
    """No schedule meets the hard constraints; ``reasons`` is the smallest conflicting set found."""

    reasons: list[InfeasibilityReason] = field(default_factory=list)
    exit_code = 3

    def __str__(self) -> str:
        lines = ["no schedule meets the hard constraints; these conflict:"]
        lines += [f"  - {r.explanation}" for r in self.reasons]
        return "\n".join(lines)


class VerificationFailed(TransitionPlannerError):
    """A schedule breaks the plan's rules; ``faults`` lists each one found, ``note`` (if any)
    says what may explain them."""

    exit_code = 4

    def __init__(self, faults: list[str], note: str | None = None):
        self.faults = faults
        self.note = note
        super().__init__("\n".join([*faults, *([note] if note else [])]))


class OutputError(TransitionPlannerError):
    """An output could not be written (nothing partial is left behind)."""

    exit_code = 1


def _diag_key(d: Diagnostic) -> tuple[str, int, int, str, str]:
    return (d.file, d.line or 0, d.column or 0, d.path, d.message)


Remedy = Literal["optimiser", "budget"]


class NoScheduleFound(TransitionPlannerError):
    """The search ended without a schedule meeting every hard constraint, and without proving
    that none exists (the greedy planner got stuck, or the budget ran out).

    ``remedy`` says what may help: the optimiser (after the greedy) or a larger budget.
    """

    exit_code = 3

    def __init__(self, message: str, remedy: Remedy = "budget"):
        self.remedy = remedy
        super().__init__(message)

    def with_remedy(self) -> str:
        """The message and what may help, as ``tplan`` prints it (after ``error: ``)."""
        return f"{self}; {REMEDIES[self.remedy]}"


REMEDIES: dict[Remedy, str] = {
    "optimiser": "try --solver cpsat, which searches further",
    "budget": "try a larger --budget",
}


class ColumnsWithoutSchedule(TransitionPlannerError):
    """``compare`` wrote every column, but some have no schedule (their conflicts are listed
    under the table): exit 3, as for a plan no schedule meets."""

    exit_code = 3

    def __init__(self, names: list[str], columns: int):
        self.names = names
        count = len(names)
        super().__init__(
            f"{count} of {columns} columns {'has' if count == 1 else 'have'} no schedule "
            f"({', '.join(names)}); why is listed under the table"
        )


class RulesError(TransitionPlannerError):
    """A statutory rule cannot answer: bad input, or a date the dated tables do not cover."""


class OptionsError(TransitionPlannerError):
    """An option given to a library call is out of range (the CLI maps it to its flag)."""

    exit_code = 2
