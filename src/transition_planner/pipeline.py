"""The library calls behind each command: plan -> one schedule -> every output made from it.

The CLI is a thin layer over these; nothing here prints, exits or names a command-line flag.
One programme has one schedule behind all its papers: the papers a command writes come either
from the schedule it has just made and verified, or from a ``schedule.json`` that is checked to
belong to the plan (``read_schedule_for``).
"""

from __future__ import annotations

import dataclasses
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Literal

from transition_planner.errors import (
    ColumnsWithoutSchedule,
    Diagnostic,
    Infeasible,
    InputFileError,
    NoScheduleFound,
    OptionsError,
    OutputError,
    PlanError,
    VerificationFailed,
)
from transition_planner.exports.atomic import write_files
from transition_planner.exports.calendar_ics import milestones_ics, previous_calendar
from transition_planner.exports.compare_xlsx import compare_xlsx
from transition_planner.exports.schedule_files import (
    lots_csv,
    schedule_csv,
    schedule_json,
    schedule_xlsx,
)
from transition_planner.plan.load import LoadedPlan, load_plan
from transition_planner.plan.models import Plan
from transition_planner.plan.progress import Progress, apply_to_plan, read_progress
from transition_planner.plan.scenario import Scenario, read_scenario
from transition_planner.plan.steps import SERVICES_CEASE
from transition_planner.plan.summary import describe
from transition_planner.problem.compile import Compiled, compile_plan
from transition_planner.problem.progress import DEFAULT_FREEZE_DAYS, apply_progress
from transition_planner.reports.action_plan import action_plan_pdf
from transition_planner.reports.briefing import briefing_docx, briefing_pdf
from transition_planner.reports.compare import compare_pdf
from transition_planner.reports.register import Register, build_register
from transition_planner.reports.register_files import register_xlsx
from transition_planner.reports.status_html import status_html
from transition_planner.schedule.baseline import (
    Baseline,
    baseline_json,
    baseline_path,
    find_baseline,
)
from transition_planner.schedule.build import broken_in_words, decode
from transition_planner.schedule.compare import (
    Figures,
    figures,
    format_compare,
    no_schedule,
    unscheduled,
)
from transition_planner.schedule.model import Schedule, read_schedule
from transition_planner.schedule.replan import verify_replan
from transition_planner.schedule.tracking import Tracking, tracking
from transition_planner.schedule.variance import Variance, variance
from transition_planner.schedule.verify import verify
from transition_planner.schedule.week import Week, format_weeks
from transition_planner.schedule.why import explain_in_words
from transition_planner.solver import ProgressHook, solve

SolverName = Literal["cpsat", "greedy"]
DEFAULT_BUDGET = 20.0
STARTER_FILES = {"plan.yaml": "starter.yaml", "people.csv": "people.csv"}


@dataclass(frozen=True)
class ScheduleOptions:
    """``budget`` is search effort in deterministic seconds; ``workers`` CP-SAT's threads.

    ``time_limit`` (wall-clock seconds), when given, replaces ``budget``: the wait is then
    predictable but the schedule is not reproducible (it depends on the machine and its load).
    """

    solver: SolverName = "cpsat"
    budget: float = DEFAULT_BUDGET
    workers: int = 2
    time_limit: float | None = None

    def limit_in_words(self) -> str:
        """Which limit the search ran under, as the command line would give it."""
        if self.solver == "greedy":
            return "--solver greedy (no search)"
        workers = f", --workers {self.workers}" if self.workers != 2 else ""
        if self.time_limit is not None:
            return f"--time-limit {self.time_limit:g} s{workers} (wall clock: not reproducible)"
        return f"--budget {self.budget:g} deterministic s{workers} (reproducible)"


def make_schedule(
    loaded: LoadedPlan,
    options: ScheduleOptions = ScheduleOptions(),
    progress: ProgressHook | None = None,
    hint: Schedule | None = None,
) -> Schedule:
    """Compile, solve and decode a loaded plan.

    ``hint``: a schedule to start the search from (e.g. the plan's own, for a scenario of it);
    used only when it has every step of this plan, keeps every hard constraint and costs no
    more than the greedy schedule. The result depends on it (same hint, same schedule).

    Raises:
        Infeasible: no schedule meets the hard constraints (with the conflicting set in words).
        NoScheduleFound: the search ended with none found and none proved impossible.
    """
    return _solve_and_decode(loaded, compile_plan(loaded.plan), options, progress, hint)


def _solve_and_decode(
    loaded: LoadedPlan,
    compiled: Compiled,
    options: ScheduleOptions,
    progress: ProgressHook | None = None,
    hint: Schedule | None = None,
) -> Schedule:
    try:
        solution = solve(
            compiled.problem,
            solver=options.solver,
            budget=options.budget,
            workers=options.workers,
            progress=progress,
            hint=_starts_of(compiled, hint) if hint is not None else None,
            time_limit=options.time_limit,
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
    schedule = _with_proof(decode(loaded, compiled, solution))
    schedule.stats["search_limit"] = options.limit_in_words()
    return schedule


def _with_proof(schedule: Schedule) -> Schedule:
    """Mark a schedule whose cost is proven optimal but not every later aim (the bound at the
    cost, the status FEASIBLE): ``stats["proven"] = "cost"``, kept in ``schedule.json``."""
    if schedule.status == "FEASIBLE" and schedule.bound == schedule.total_cost:
        schedule.stats["proven"] = "cost"
    return schedule


def _starts_of(
    compiled: Compiled, schedule: Schedule
) -> tuple[dict[str, int], dict[str, str]] | None:
    """A schedule's dates as start days and choices of ``compiled`` (None if it lacks any)."""
    by_id = {a.id: a for a in schedule.actions}
    starts: dict[str, int] = {}
    for activity in compiled.problem.activities:
        action = by_id.get(activity.id)
        if action is not None:
            starts[activity.id] = (action.start - compiled.day0).days
        elif activity.id == SERVICES_CEASE and schedule.services_cease is not None:
            starts[activity.id] = (schedule.services_cease - compiled.day0).days
        else:
            return None
    choices = {}
    for choice in compiled.problem.choices:
        destination = by_id[choice.activity].destination
        if destination is None:
            return None
        choices[choice.activity] = destination
    return starts, choices


def verified_schedule(
    loaded: LoadedPlan,
    options: ScheduleOptions = ScheduleOptions(),
    progress: ProgressHook | None = None,
    hint: Schedule | None = None,
) -> Schedule:
    """``make_schedule``, then ``verify``; raises VerificationFailed with every fault found."""
    schedule = make_schedule(loaded, options, progress, hint)
    faults = verify(loaded.plan, schedule)
    if faults:
        raise VerificationFailed([f"{f.subject}: {f.message}" for f in faults])
    return schedule


def progress_for(loaded: LoadedPlan, path: Path) -> Progress:
    """Read and check a progress file against the plan.

    Raises:
        PlanError: every problem in the file, located ``file:row:col`` (exit 2).
    """
    return read_progress(path, loaded.plan)


def replan_for(
    loaded: LoadedPlan, progress_path: Path | None, baseline: str | None = None
) -> Replan | None:
    """What a re-plan keeps: the progress file given, else the plan's ``tracking.progress``
    (None when neither names one), the baseline called ``baseline`` and the plan's freeze.

    Raises:
        PlanError: the progress file is invalid (every problem, located).
        InputFileError: no such baseline.
        OptionsError: a baseline without a progress file.
    """
    tracking = loaded.plan.tracking
    if progress_path is None and tracking.progress:
        progress_path = loaded.path.parent / tracking.progress
    if progress_path is None:
        if baseline is not None:
            raise OptionsError("a baseline is kept when re-planning: give a progress file too")
        return None
    kept = find_baseline(loaded.path, baseline, _site_ids(loaded)) if baseline is not None else None
    return Replan(
        progress_for(loaded, progress_path),
        kept.schedule if kept is not None else None,
        tracking.freeze.days(),
        kept,
    )


def current_plan(loaded: LoadedPlan, progress: Progress) -> LoadedPlan:
    """The loaded plan as it now stands (people who left, decisions made); same digest."""
    return dataclasses.replace(loaded, plan=apply_to_plan(loaded.plan, progress))


@dataclass(frozen=True)
class Replan:
    """What a re-plan keeps: the progress, and the baseline whose dates are commitments."""

    progress: Progress
    baseline: Schedule | None = None
    freeze_days: int = DEFAULT_FREEZE_DAYS
    named: Baseline | None = None
    """The saved baseline behind ``baseline`` (its name and date, for the papers)."""


@dataclass(frozen=True)
class Replanned:
    """A verified re-plan and the warnings on recorded history (rules the past broke)."""

    schedule: Schedule
    warnings: list[Diagnostic]


def replan_schedule(
    loaded: LoadedPlan,
    replan: Replan,
    options: ScheduleOptions = ScheduleOptions(),
    progress: ProgressHook | None = None,
) -> Replanned:
    """Re-plan from ``replan.progress.as_of``: recorded facts kept, nothing new before the
    status date, the same objective, then as few baseline commitments moved as money allows
    (baseline dates inside the freeze window kept). Verified against the plan and the progress.

    Raises:
        PlanError: the progress contradicts the plan's steps (exit 2).
        Infeasible, NoScheduleFound: as for ``make_schedule``.
        VerificationFailed: the re-plan breaks a rule or a recorded fact.
    """
    current = current_plan(loaded, replan.progress)
    baseline = (
        {a.id: a.start for a in replan.baseline.actions} if replan.baseline is not None else None
    )
    transformed = apply_progress(
        compile_plan(current.plan), replan.progress, baseline, replan.freeze_days
    )
    # the baseline, where it still holds, is where the search starts: a re-plan then moves
    # only what money requires
    schedule = _solve_and_decode(
        current, transformed.compiled, options, progress, hint=replan.baseline
    )
    targets = transformed.compiled.problem.targets
    by_id = {a.id: a for a in schedule.actions}
    schedule.stats["as_of"] = replan.progress.as_of.isoformat()
    schedule.stats["recorded"] = len(transformed.fixed)
    schedule.stats["frozen"] = len(transformed.frozen)
    if replan.baseline is not None:
        schedule.stats["commitments"] = len(targets) + len(transformed.frozen)
        schedule.stats["commitments_moved"] = sum(
            1
            for a in targets
            if a in by_id and by_id[a].start != transformed.compiled.date_of(targets[a])
        )
    faults = verify_replan(loaded.plan, schedule, replan.progress)
    if faults:
        raise VerificationFailed([f"{f.subject}: {f.message}" for f in faults])
    return Replanned(schedule, [*replan.progress.warnings, *transformed.warnings])


def verify_progress_file(loaded: LoadedPlan, path: Path, progress: Progress) -> Schedule:
    """Re-check a saved re-plan against the plan and the progress file (recorded facts kept,
    nothing new before ``as_of``).

    Raises:
        InputFileError: the file cannot be read or is malformed.
        VerificationFailed: every fault, prefixed with the file.
    """
    schedule = read_schedule_file(path)
    faults = verify_replan(loaded.plan, schedule, progress)
    if faults:
        raise VerificationFailed([f"{path}: {f.subject}: {f.message}" for f in faults])
    return schedule


def saved_replan(loaded: LoadedPlan, path: Path, replan: Replan) -> tuple[LoadedPlan, Schedule]:
    """A saved re-plan of this plan (``schedule.json`` by ``schedule``/``run --progress``),
    checked against ``replan.progress``; with the plan as it now stands, for the papers.

    Raises:
        InputFileError: the file cannot be read, is malformed, or belongs to another plan.
        VerificationFailed: it breaks a rule or a recorded fact; every fault, prefixed.
    """
    schedule = read_schedule_for(loaded, path)
    faults = verify_replan(loaded.plan, schedule, replan.progress)
    if faults:
        raise VerificationFailed([f"{path}: {f.subject}: {f.message}" for f in faults])
    return current_plan(loaded, replan.progress), schedule


def save_baseline(
    loaded: LoadedPlan,
    schedule_path: Path,
    name: str,
    saved: date,
    progress: Progress | None = None,
) -> Path:
    """Keep a verified schedule of this plan as the baseline ``name``, dated ``saved``, in
    ``baselines/`` beside the plan. A re-plan is verified against its ``progress``.

    Raises:
        InputFileError: the schedule cannot be read or belongs to another plan.
        VerificationFailed: it breaks a rule.
        OutputError: a baseline of that name exists already (baselines are never overwritten).
    """
    schedule = read_schedule_for(loaded, schedule_path)
    if progress is not None:
        faults = verify_replan(loaded.plan, schedule, progress)
    else:
        faults = verify(loaded.plan, schedule)
    if faults:
        raise VerificationFailed([f"{schedule_path}: {f.subject}: {f.message}" for f in faults])
    path = baseline_path(loaded.path, name)
    if path.exists():
        raise OutputError(f"{path} already exists; baselines are kept, never overwritten")
    write_files(path.parent, {path.name: baseline_json(schedule, name, saved)})
    return path


def baseline_for(loaded: LoadedPlan, name: str) -> Baseline:
    """The baseline ``name`` kept beside the plan (or a baseline file given by path)."""
    return find_baseline(loaded.path, name, _site_ids(loaded))


def _site_ids(loaded: LoadedPlan) -> set[str]:
    return {s.id for s in loaded.plan.sites}


def variance_against(loaded: LoadedPlan, baseline: Baseline, schedule: Schedule) -> Variance:
    """``schedule`` against ``baseline``: dates, RAG and money by cost line."""
    return variance(loaded.plan, baseline.schedule, schedule, baseline.name, baseline.saved)


# compare's search effort per solve, half a schedule's: a 1-worker deterministic second costs
# about the CPU of a 2-worker one, so on two cores four scenarios take about 1.5-1.7 times one
# schedule, and with the plan solved too about twice (benchmarks/compare_bench.py)
COMPARE_BUDGET = 10.0


@dataclass(frozen=True)
class CompareJob:
    """One solve of ``compare``, by file names so that it can run in another process.

    ``hint``: the plan's own ``schedule.json``, where the scenario's search starts."""

    plan: Path
    scenario: Path | None
    progress: Path | None
    options: ScheduleOptions
    hint: Path | None = None


def scenario_plan(loaded: LoadedPlan, path: Path) -> tuple[LoadedPlan, Scenario]:
    """The plan with the scenario at ``path`` applied, and the scenario.

    Raises:
        PlanError: the scenario is invalid or makes an invalid plan (every problem, located).
    """
    scenario = read_scenario(path, loaded.plan)
    edited = dataclasses.replace(
        loaded, plan=scenario.plan, digest=f"{loaded.digest}+{scenario.digest}"
    )
    return edited, scenario


def solve_scenario(job: CompareJob) -> Figures:
    """The figures of one scenario (or of the plan as it stands, with no scenario): those of
    ``verified_schedule`` (or ``replan_schedule`` with a progress file) on the edited plan
    with ``job.options`` and the plan's schedule at ``job.hint`` as hint."""
    loaded = load_plan(job.plan)
    hint = read_schedule_for(loaded, job.hint) if job.hint is not None else None
    name, changes = "plan", tuple[str, ...]()
    if job.scenario is not None:
        loaded, scenario = scenario_plan(loaded, job.scenario)
        name, changes = scenario.name, scenario.changes
    try:
        if job.progress is not None:
            facts = progress_for(loaded, job.progress)
            replan = Replan(facts, None, loaded.plan.tracking.freeze.days())
            schedule = replan_schedule(loaded, replan, job.options).schedule
        else:
            schedule = verified_schedule(loaded, job.options, hint=hint)
    except Infeasible as error:
        # one scenario the team cannot meet should not hide the others
        return no_schedule(name, changes, tuple(str(error).splitlines()))
    except NoScheduleFound as error:
        return no_schedule(name, changes, (error.with_remedy(),))
    return figures(name, changes, schedule)


def compare(
    plan: Path,
    scenarios: list[Path],
    progress: Path | None = None,
    options: ScheduleOptions = ScheduleOptions(budget=COMPARE_BUDGET, workers=1),
    processes: int = 2,
    saved: Path | None = None,
) -> list[Figures]:
    """The plan as it stands and each scenario, one ``Figures`` each, in the order given.

    Each scenario is solved with ``options`` in one of ``processes`` parallel processes; its
    figures are those of ``verified_schedule(edited plan, options, hint=...)`` (or of
    ``replan_schedule`` with ``progress``). ``saved``: the plan's own verified schedule (a
    re-plan with ``progress``), used as the plan's column instead of solving it again and,
    without ``progress``, as every scenario's hint. A column with no schedule (the plan's
    too) gets a ``no_schedule`` column with its conflicts, not an error: the others are still
    solved (``check_scheduled`` then raises, once their outputs are written).

    Raises:
        PlanError: the plan, a scenario or the progress file is invalid (checked first, so
            nothing is solved when any is).
        InputFileError: ``saved`` cannot be read or belongs to another plan.
        VerificationFailed: ``saved`` breaks a rule (or a recorded fact).
    """
    loaded = load_plan(plan)
    named: dict[str, Path] = {}
    clashes = []
    for path in scenarios:
        name = scenario_plan(loaded, path)[1].name
        # each column is known by its name alone: two the same could not be told apart
        if name == "plan" or name in named:
            other = "the plan's own column" if name == "plan" else str(named[name])
            clashes.append(
                Diagnostic(
                    str(path),
                    None,
                    None,
                    "name",
                    f"'{name}' is also the name of {other}; give each scenario its own name",
                )
            )
        named.setdefault(name, path)
    if clashes:
        raise PlanError(clashes)
    facts = progress_for(loaded, progress) if progress is not None else None
    first: list[Figures] = []
    hint = None
    if saved is not None:
        schedule = read_schedule_for(loaded, saved)
        if facts is not None:
            faults = verify_replan(loaded.plan, schedule, facts)
        else:
            faults = verify(loaded.plan, schedule)
            hint = saved
        if faults:
            raise VerificationFailed([f"{saved}: {f.subject}: {f.message}" for f in faults])
        first = [dataclasses.replace(figures("plan", (), schedule), note=f"from {saved}")]
    jobs = [CompareJob(plan, s, progress, options, hint) for s in scenarios]
    if saved is None:
        jobs.insert(0, CompareJob(plan, None, progress, options))
    if processes <= 1 or len(jobs) == 1:
        return first + [solve_scenario(j) for j in jobs]
    with ProcessPoolExecutor(max_workers=min(processes, len(jobs))) as pool:
        return first + list(pool.map(solve_scenario, jobs))


def check_scheduled(results: list[Figures]) -> None:
    """Raise when any column of ``compare`` has no schedule.

    Raises:
        ColumnsWithoutSchedule: naming those columns (exit 3).
    """
    missing = unscheduled(results)
    if missing:
        raise ColumnsWithoutSchedule(missing, len(results))


def compare_files(
    plan: Path, results: list[Figures], produced: date, how: str = ""
) -> dict[str, bytes]:
    """``compare.txt`` (ending with ``how``, the search each column had), ``compare.xlsx`` and
    ``compare.pdf``, the action plan's comparison page, dated ``produced``."""
    programme = load_plan(plan).plan.programme.name
    return {
        "compare.txt": (format_compare(results) + how).encode("utf-8"),
        "compare.xlsx": compare_xlsx(results, produced),
        "compare.pdf": compare_pdf(programme, results, produced, how),
    }


@dataclass(frozen=True)
class WeekView:
    """This week and the next two by owner, as text, and the whole status page."""

    weeks: list[Week]
    text: str
    html: str


def week_view(
    loaded: LoadedPlan,
    schedule: Schedule,
    progress: Progress,
    baseline: Baseline | None = None,
) -> WeekView:
    """The weeks from ``progress.as_of`` and ``status.html``, from the one ``tracking`` every
    paper uses: milestones with their status (done, in progress, else RAG against ``baseline``
    if given, else against their deadlines) and the Gantt with the baseline."""
    t = tracking(loaded.plan, schedule, progress, baseline)
    page = status_html(loaded.plan, schedule, t)
    return WeekView(t.weeks, format_weeks(t.weeks, progress.as_of, progress.display), page)


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
        note = f"{path}: {replan_hint(schedule)}" if replanned_as_of(schedule) else None
        raise VerificationFailed([f"{path}: {f.subject}: {f.message}" for f in faults], note)
    return schedule, not schedule.plan_digest or schedule.plan_digest == loaded.digest


def replanned_as_of(schedule: Schedule) -> str | None:
    """The as_of date of a saved re-plan (``stats.as_of``), None for a first plan."""
    as_of = schedule.stats.get("as_of")
    return str(as_of) if as_of else None


def replan_hint(schedule: Schedule) -> str:
    """What to do when a re-plan is verified against the plan alone."""
    return (
        f"this is a re-plan as of {replanned_as_of(schedule)}; check it with --progress FILE "
        "(the progress file it was planned from): against the plan alone, what was recorded "
        "is not checked and can read as faults"
    )


def schedule_files(
    schedule: Schedule, plan: Plan, *, posts: bool = True, tracking: Tracking | None = None
) -> dict[str, bytes]:
    """``schedule.json``, ``.csv`` and ``.xlsx``, by file name. ``posts=False`` leaves the
    per-post rows out of the CSV and workbook (``schedule.json``, which ``verify`` reads, keeps
    them under its protective marking). With ``tracking``, the workbook has a week sheet. A
    plan with lots also gets ``lots.csv``, the workbook's lots sheet."""
    weeks_ahead = tracking.weeks if tracking is not None else None
    files = {
        "schedule.json": schedule_json(schedule),
        "schedule.csv": schedule_csv(schedule, plan, posts=posts),
        "schedule.xlsx": schedule_xlsx(schedule, plan, posts=posts, weeks=weeks_ahead),
    }
    if plan.lots:
        files["lots.csv"] = lots_csv(schedule, plan)
    return files


def register_for(plan: Plan, schedule: Schedule) -> Register:
    """The at-risk staff register of ``schedule`` (the one output with names)."""
    return build_register(plan, schedule)


def action_plan(
    loaded: LoadedPlan,
    schedule: Schedule,
    produced: date,
    *,
    posts: bool = True,
    replan: Replan | None = None,
) -> bytes:
    """The board's action-plan PDF for ``schedule``, dated ``produced``; ``posts=False`` leaves
    out the per-post appendix (marked OFFICIAL-SENSITIVE when present). With ``replan`` (what
    a re-plan kept) it follows progress as ``run`` does: the status column, "since the last
    report" (with a baseline) and the weeks ahead by owner."""
    register = build_register(loaded.plan, schedule)
    t = tracking_for(loaded, schedule, replan) if replan is not None else None
    return action_plan_pdf(loaded.plan, schedule, produced, register, posts=posts, tracking=t)


def briefing(
    loaded: LoadedPlan,
    schedule: Schedule,
    produced: date,
    *,
    docx: bool = False,
    replan: Replan | None = None,
) -> bytes:
    """The panel's briefing note for ``schedule`` (no personal data), dated ``produced``: the
    tagged PDF, or with ``docx`` the Word file officers edit (the same text). With ``replan``
    its report section says what has been done and what has slipped, as ``run`` writes it."""
    make = briefing_docx if docx else briefing_pdf
    t = tracking_for(loaded, schedule, replan) if replan is not None else None
    return make(loaded.plan, schedule, produced, t)


def tracking_for(loaded: LoadedPlan, schedule: Schedule, replan: Replan) -> Tracking:
    """What the papers show of a re-plan's progress: status, what was done and slipped since
    the baseline (when the re-plan kept one), and the weeks ahead by owner."""
    return tracking(loaded.plan, schedule, replan.progress, replan.named)


def run_outputs(
    loaded: LoadedPlan,
    schedule: Schedule,
    produced: date,
    *,
    posts: bool = True,
    previous_ics: Path | None = None,
    replan: Replan | None = None,
) -> dict[str, bytes]:
    """Every output of ``tplan run``, by file name, all made from the one ``schedule``.

    ``previous_ics`` is the ``milestones.ics`` an earlier run wrote, if any: unchanged events
    keep their SEQUENCE and DTSTAMP so that calendar clients replace only what moved.
    ``replan``: what a re-plan kept (progress, baseline); the papers then follow progress.
    """
    plan = loaded.plan
    register = build_register(plan, schedule)
    previous = previous_calendar(previous_ics) if previous_ics is not None else None
    t = tracking_for(loaded, schedule, replan) if replan is not None else None
    return {
        "plan-summary.txt": describe(loaded).encode(),
        **schedule_files(schedule, plan, posts=posts, tracking=t),
        "staff-register.xlsx": register_xlsx(register, plan.programme.start),
        "action-plan.pdf": action_plan_pdf(
            plan, schedule, produced, register, posts=posts, tracking=t
        ),
        "briefing.pdf": briefing_pdf(plan, schedule, produced, t),
        "briefing.docx": briefing_docx(plan, schedule, produced, t),
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
