"""The library calls behind each command: plan -> one schedule -> every output made from it.

The CLI is a thin layer over these; nothing here prints, exits or names a command-line flag.
One programme has one schedule behind all its papers: the papers a command writes come either
from the schedule it has just made and verified, or from a ``schedule.json`` that is checked to
belong to the plan (``read_schedule_for``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Literal

from transition_planner.errors import (
    Infeasible,
    InputFileError,
    NoScheduleFound,
    OutputError,
    VerificationFailed,
)
from transition_planner.exports.atomic import write_files
from transition_planner.exports.calendar_ics import milestones_ics, previous_calendar
from transition_planner.exports.schedule_files import (
    lots_csv,
    schedule_csv,
    schedule_json,
    schedule_xlsx,
)
from transition_planner.plan.load import LoadedPlan
from transition_planner.plan.models import Plan
from transition_planner.plan.summary import describe
from transition_planner.problem.compile import compile_plan
from transition_planner.reports.action_plan import action_plan_pdf
from transition_planner.reports.briefing import briefing_docx, briefing_pdf
from transition_planner.reports.register import Register, build_register
from transition_planner.reports.register_files import register_xlsx
from transition_planner.schedule.build import broken_in_words, decode
from transition_planner.schedule.model import Schedule, read_schedule
from transition_planner.schedule.verify import verify
from transition_planner.schedule.why import explain_in_words
from transition_planner.solver import ProgressHook, solve

SolverName = Literal["cpsat", "greedy"]
DEFAULT_BUDGET = 20.0
STARTER_FILES = {"plan.yaml": "starter.yaml", "people.csv": "people.csv"}


@dataclass(frozen=True)
class ScheduleOptions:
    """``budget`` is search effort in deterministic seconds; ``workers`` CP-SAT's threads."""

    solver: SolverName = "cpsat"
    budget: float = DEFAULT_BUDGET
    workers: int = 2


def make_schedule(
    loaded: LoadedPlan,
    options: ScheduleOptions = ScheduleOptions(),
    progress: ProgressHook | None = None,
) -> Schedule:
    """Compile, solve and decode a loaded plan.

    Raises:
        Infeasible: no schedule meets the hard constraints (with the conflicting set in words).
        NoScheduleFound: the search ended with none found and none proved impossible.
    """
    compiled = compile_plan(loaded.plan)
    try:
        solution = solve(
            compiled.problem,
            solver=options.solver,
            budget=options.budget,
            workers=options.workers,
            progress=progress,
        )
    except Infeasible as error:
        raise explain_in_words(loaded.plan, error) from None
    if solution.status not in ("OPTIMAL", "FEASIBLE"):
        broken = "; ".join(broken_in_words(loaded, compiled, solution)[:3])
        broken = broken or "no schedule within the budget"
        raise NoScheduleFound(
            f"{options.solver} found no schedule that meets every hard constraint, and did not "
            f"prove that none exists ({broken})",
            remedy="optimiser" if options.solver == "greedy" else "budget",
        )
    return decode(loaded, compiled, solution)


def verified_schedule(
    loaded: LoadedPlan,
    options: ScheduleOptions = ScheduleOptions(),
    progress: ProgressHook | None = None,
) -> Schedule:
    """``make_schedule``, then ``verify``; raises VerificationFailed with every fault found."""
    schedule = make_schedule(loaded, options, progress)
    faults = verify(loaded.plan, schedule)
    if faults:
        raise VerificationFailed([f"{f.subject}: {f.message}" for f in faults])
    return schedule


def read_schedule_file(path: Path) -> Schedule:
    """Parse a ``schedule.json``. Raises InputFileError (exit 2) naming what is wrong."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputFileError(f"{path}: cannot read: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise InputFileError(f"{path}: not a schedule.json (not UTF-8 text)") from exc
    return read_schedule(text, str(path))


def read_schedule_for(loaded: LoadedPlan, path: Path) -> Schedule:
    """A saved schedule of this very plan, to make papers from without solving again.

    Raises:
        InputFileError: the file cannot be read, is malformed, or was made from another plan
            (or another version of it): its ``plan_digest`` differs from the plan's.
    """
    schedule = read_schedule_file(path)
    if schedule.plan_digest != loaded.digest:
        raise InputFileError(
            f"{path}: this schedule was made from another plan or another version of it "
            f"(plan {schedule.plan_digest or 'unknown'}; {loaded.display} is plan "
            f"{loaded.digest}); schedule the plan again"
        )
    return schedule


def verify_file(loaded: LoadedPlan, path: Path) -> tuple[Schedule, bool]:
    """Re-check a saved schedule against the plan with no solver code.

    Returns the schedule and whether it was made from this version of the plan (a schedule of
    an earlier version is still checked, rule by rule).

    Raises:
        InputFileError: the file cannot be read or is malformed.
        VerificationFailed: the schedule breaks a rule; every fault, prefixed with the file.
    """
    schedule = read_schedule_file(path)
    faults = verify(loaded.plan, schedule)
    if faults:
        raise VerificationFailed([f"{path}: {f.subject}: {f.message}" for f in faults])
    return schedule, not schedule.plan_digest or schedule.plan_digest == loaded.digest


def schedule_files(schedule: Schedule, plan: Plan, *, posts: bool = True) -> dict[str, bytes]:
    """``schedule.json``, ``.csv`` and ``.xlsx``, by file name. ``posts=False`` leaves the
    per-post rows out of the CSV and workbook (``schedule.json``, which ``verify`` reads, keeps
    them under its protective marking). A plan with lots also gets ``lots.csv``, the workbook's
    lots sheet."""
    files = {
        "schedule.json": schedule_json(schedule),
        "schedule.csv": schedule_csv(schedule, plan, posts=posts),
        "schedule.xlsx": schedule_xlsx(schedule, plan, posts=posts),
    }
    if plan.lots:
        files["lots.csv"] = lots_csv(schedule, plan)
    return files


def register_for(plan: Plan, schedule: Schedule) -> Register:
    """The at-risk staff register of ``schedule`` (the one output with names)."""
    return build_register(plan, schedule)


def action_plan(
    loaded: LoadedPlan, schedule: Schedule, produced: date, *, posts: bool = True
) -> bytes:
    """The board's action-plan PDF for ``schedule``, dated ``produced``; ``posts=False`` leaves
    out the per-post appendix (marked OFFICIAL-SENSITIVE when present)."""
    register = build_register(loaded.plan, schedule)
    return action_plan_pdf(loaded.plan, schedule, produced, register, posts=posts)


def briefing(loaded: LoadedPlan, schedule: Schedule, produced: date) -> bytes:
    """The panel's briefing-note PDF for ``schedule`` (no personal data), dated ``produced``."""
    return briefing_pdf(loaded.plan, schedule, produced)


def run_outputs(
    loaded: LoadedPlan,
    schedule: Schedule,
    produced: date,
    *,
    posts: bool = True,
    previous_ics: Path | None = None,
) -> dict[str, bytes]:
    """Every output of ``tplan run``, by file name, all made from the one ``schedule``.

    ``previous_ics`` is the ``milestones.ics`` an earlier run wrote, if any: unchanged events
    keep their SEQUENCE and DTSTAMP so that calendar clients replace only what moved.
    """
    plan = loaded.plan
    register = build_register(plan, schedule)
    previous = previous_calendar(previous_ics) if previous_ics is not None else None
    return {
        "plan-summary.txt": describe(loaded).encode(),
        **schedule_files(schedule, plan, posts=posts),
        "staff-register.xlsx": register_xlsx(register, plan.programme.start),
        "action-plan.pdf": action_plan_pdf(plan, schedule, produced, register, posts=posts),
        "briefing.pdf": briefing_pdf(plan, schedule, produced),
        "briefing.docx": briefing_docx(plan, schedule, produced),
        "milestones.ics": milestones_ics(plan, schedule, produced, previous),
    }


def write_starter_plan(directory: Path) -> list[Path]:
    """Write the commented starter ``plan.yaml`` and ``people.csv`` into ``directory``.

    Raises:
        OutputError: either file already exists (nothing is written, nothing overwritten).
    """
    templates = resources.files("transition_planner") / "templates"
    clashes = [name for name in STARTER_FILES if (directory / name).exists()]
    if clashes:
        raise OutputError(
            f"{directory / clashes[0]} already exists; nothing was written (choose an empty folder)"
        )
    return write_files(
        directory, {name: (templates / src).read_bytes() for name, src in STARTER_FILES.items()}
    )
