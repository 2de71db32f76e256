"""Named, dated baselines: a verified schedule kept beside the plan to compare later ones with.

A baseline is ``baselines/<plan stem>.<name>.json`` in the plan's folder: the schedule's own
JSON (``schedule.json``) under ``schedule``, with the baseline's ``name`` and the date it was
``saved``; indented and in a fixed order, so two baselines can be read and diffed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from transition_planner.errors import InputFileError, OptionsError
from transition_planner.schedule.model import Schedule, read_schedule

BASELINE_DIR = "baselines"
NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


@dataclass(frozen=True)
class Baseline:
    name: str
    saved: date
    schedule: Schedule


def baseline_path(plan_path: Path, name: str) -> Path:
    """Where the baseline ``name`` of the plan at ``plan_path`` is kept.

    Raises:
        OptionsError: ``name`` is not a plain name (letters, digits, ``-``, ``_``, ``.``).
    """
    if not NAME.match(name):
        raise OptionsError(
            f"baseline name {name!r}: use letters, digits, '-', '_' or '.' (e.g. 2016-04-11)"
        )
    return plan_path.parent / BASELINE_DIR / f"{plan_path.stem}.{name}.json"


def baseline_json(schedule: Schedule, name: str, saved: date) -> bytes:
    data = {"baseline": name, "saved": saved.isoformat(), "schedule": schedule.to_json()}
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def read_baseline(path: Path) -> Baseline:
    """Parse a baseline file. Raises InputFileError naming what is wrong."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputFileError(f"{path}: cannot read: {exc.strerror}") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputFileError(f"{path}: not a baseline file ({exc})") from exc
    if not isinstance(data, dict) or not {"baseline", "saved", "schedule"} <= set(data):
        raise InputFileError(f"{path}: not a baseline file (no baseline, saved and schedule)")
    try:
        saved = date.fromisoformat(str(data["saved"]))
    except ValueError as exc:
        raise InputFileError(f"{path}: saved: expected an ISO date") from exc
    schedule = read_schedule(json.dumps(data["schedule"]), f"{path}: schedule")
    return Baseline(str(data["baseline"]), saved, schedule)


def find_baseline(plan_path: Path, name_or_file: str, sites: Collection[str]) -> Baseline:
    """The baseline called ``name_or_file`` beside the plan, or the file of that name;
    ``sites`` are the plan's site ids.

    Raises:
        InputFileError: there is no such baseline (the saved ones are listed), or it is a
            baseline of another plan (none of the sites it closes is a site of this plan).
    """
    given = Path(name_or_file)
    if given.suffix == ".json" and given.is_file():
        return _of_this_plan(read_baseline(given), given, plan_path, sites)
    path = baseline_path(plan_path, name_or_file)
    if not path.is_file():
        folder = path.parent
        prefix = f"{plan_path.stem}."
        saved = (
            sorted(p.name[len(prefix) : -len(".json")] for p in folder.glob(f"{prefix}*.json"))
            if folder.is_dir()
            else []
        )
        known = f"; saved: {', '.join(saved)}" if saved else "; none saved (tplan baseline save)"
        raise InputFileError(f"no baseline {name_or_file!r} for {plan_path}{known}")
    return _of_this_plan(read_baseline(path), path, plan_path, sites)


def _of_this_plan(
    baseline: Baseline, path: Path, plan_path: Path, sites: Collection[str]
) -> Baseline:
    # A plan changes between baselines (its digest with it), but the sites it closes stay;
    # measured against another plan's baseline every date would be reported as moved.
    closed = [s.id for s in baseline.schedule.sites]
    if closed and not set(closed) & set(sites):
        raise InputFileError(
            f"{path}: a baseline of another plan ({baseline.schedule.plan_file}): none of the "
            f"sites it closes ({', '.join(closed)}) is in {plan_path}; give a baseline of this "
            "plan"
        )
    return baseline
