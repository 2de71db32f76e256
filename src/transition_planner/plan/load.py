"""Plan file (+ people, staff and carers files) -> a typed, cross-checked Plan, or every problem
found."""

from __future__ import annotations

import hashlib
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from transition_planner.errors import Diagnostic, PlanError
from transition_planner.plan.input_files import InputRefused, clip, resolve_input
from transition_planner.plan.models import Plan
from transition_planner.plan.source import Location, PathKey, SourceMap, key_path, read_yaml
from transition_planner.plan.tables import read_table, split_sheet
from transition_planner.plan.validate import UNREAD_FILE, check_plan, table_name_problem
from transition_planner.suggest import did_you_mean

TABLE_KEYS = ("people", "staff", "carers")


@dataclass
class LoadedPlan:
    """A valid plan with where it came from: the source map locates any record for messages."""

    plan: Plan
    path: Path
    display: str
    source: SourceMap
    digest: str
    warnings: list[Diagnostic] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)
    # How each people/staff file was read ("people.csv (Windows-1252)"), for the summary.
    inputs: dict[str, str] = field(default_factory=dict)


def load_plan(path: Path | str, *, strict: bool = False, allow_outside: bool = False) -> LoadedPlan:
    """Load and validate a plan. Raises PlanError with every problem (and warnings if strict).

    People and staff files are read only from the plan's folder or below it (after resolving
    symlinks) unless ``allow_outside``.
    """
    path = Path(path)
    display = str(path)
    data, source, problems = read_yaml(path, display)
    files: dict[str, str] = {}
    inputs: dict[str, str] = {}
    if data is not None and not isinstance(data, dict):
        problems.append(
            Diagnostic(
                display,
                1,
                1,
                "",
                "expected a mapping of sections "
                "(programme, sites, people, ...) at the top of the plan",
            )
        )
        data = None
    if data is None:
        raise PlanError(problems)
    if "changes" in data and "programme" not in data:
        # A what-if overlay given where a plan is expected: say so, not twenty missing keys.
        where = source.find(("changes",))
        raise PlanError(
            [
                Diagnostic(
                    where.file,
                    where.line,
                    where.column,
                    "changes",
                    "this is a scenario (a what-if on a plan), not a plan; compare it with "
                    "its plan: tplan compare PLAN --scenario " + display,
                )
            ]
        )
    digest = hashlib.sha256()
    # read_yaml has checked that the plan is a regular file within the size limit.
    digest.update(path.read_bytes())
    table_warnings: list[Diagnostic] = []
    reported: set[PathKey] = set()
    # plan keys whose file could not be read whole: what the records would have brought (the
    # carers cohort, say) is not reported missing again
    unread: dict[str, set[str]] = {}
    for key in TABLE_KEYS:
        value = data.get(key)
        if isinstance(value, str) and (bad := table_name_problem(value)) is not None:
            where = source.find((key,))
            problems.append(Diagnostic(where.file, where.line, where.column, key, bad))
            data[key] = []
            unread[key] = {UNREAD_FILE}
        elif isinstance(value, str):
            name, sheet = split_sheet(value)
            table_display = str(Path(display).parent / name)
            files[key] = table_display
            try:
                table_path = resolve_input(path.parent, name, allow_outside=allow_outside)
            except InputRefused as exc:
                where = source.find((key,))
                problems.append(Diagnostic(where.file, where.line, where.column, key, exc.message))
                data[key] = []
                unread[key] = {UNREAD_FILE}
                continue
            table = read_table(table_path, table_display, key, source, sheet=sheet)
            problems += table.errors
            table_warnings += table.warnings
            reported |= table.reported
            data[key] = table.records
            if table.errors and not table.records:
                unread[key] = {UNREAD_FILE}
            if table.description is not None:
                inputs[key] = table.description
            if table.data is not None:
                digest.update(table.data)
    plan: Plan | None = None
    warnings: list[Diagnostic] = []
    try:
        plan = Plan.model_validate(data)
    except ValidationError as exc:
        problems += [
            _diagnostic(err, data, source)
            for err in exc.errors()
            if not _already_reported(err["loc"], reported)
        ]
        # Check references among the records that are valid, so one pass reports everything.
        partial = _partial(data, source, exc)
        if partial is not None:
            p_plan, p_data, p_source, p_dropped = partial
            errors, _ = check_plan(p_plan, p_data, p_source, {**unread, **p_dropped})
            problems += errors
    if plan is not None:
        errors, warnings = check_plan(plan, data, source, unread)
        problems += errors
    warnings = table_warnings + warnings
    if strict and warnings:
        problems += [
            Diagnostic(w.file, w.line, w.column, w.path, w.message, strict=True) for w in warnings
        ]
    if problems or plan is None:
        raise PlanError(problems, [] if strict else warnings)
    return LoadedPlan(plan, path, display, source, digest.hexdigest()[:12], warnings, files, inputs)


def _already_reported(loc: tuple[int | str, ...], reported: set[PathKey]) -> bool:
    """A validation error on a cell the table reader has already explained (a formula)."""
    return any(loc[: len(cell)] == cell for cell in reported)


def _partial(
    data: dict[str, Any], source: SourceMap, exc: ValidationError
) -> tuple[Plan, dict[str, Any], SourceMap, dict[str, set[str]]] | None:
    """The plan without the list records that failed, re-indexed, or None if more is wrong."""
    bad: dict[str, set[int]] = {}
    for err in exc.errors():
        loc = err["loc"]
        listed = len(loc) >= 2 and isinstance(loc[0], str) and isinstance(loc[1], int)
        if listed and isinstance(data.get(str(loc[0])), list):
            bad.setdefault(str(loc[0]), set()).add(int(loc[1]))
            continue
        return None
    kept = {key: [i for i in range(len(data[key])) if i not in rows] for key, rows in bad.items()}
    new_data = dict(data)
    for key, keep in kept.items():
        new_data[key] = [data[key][i] for i in keep]
    new_source = SourceMap(source.default_file)
    renumber = {key: {old: new for new, old in enumerate(keep)} for key, keep in kept.items()}
    for path, where in source.locations.items():
        if len(path) >= 2 and path[0] in renumber and isinstance(path[1], int):
            new_index = renumber[str(path[0])].get(path[1])
            if new_index is None:
                continue
            path = (path[0], new_index, *path[2:])
        new_source.add(path, where)
    # By section, so a refused site hides no unknown team of the same name; a record with no
    # id (a lease is known by its site) can be named by nothing else.
    dropped = {
        key: {
            str(data[key][i][ident])
            for i in rows
            if isinstance(data[key][i], dict) and ident in data[key][i]
        }
        for key, rows in bad.items()
        for ident in ["site" if key == "leases" else "id"]
    }
    try:
        return Plan.model_validate(new_data), new_data, new_source, dropped
    except ValidationError:
        return None


# --- pydantic errors -> diagnostics ---------------------------------------------------------


def _location(loc: PathKey, source: SourceMap, *, key: bool = False) -> Location:
    if key:
        found = source.locations.get((*loc, "__key__"))
        if found is not None:
            return found
    return source.find(loc)


def _diagnostic(err: ErrorDetails, data: Any, source: SourceMap) -> Diagnostic:
    raw_loc = tuple(err["loc"])
    loc = _strip_union_tags(raw_loc)
    kind = err["type"]
    value = err.get("input")
    if kind == "extra_forbidden":
        name = str(loc[-1])
        allowed = allowed_keys(loc[:-1], data)
        where = _location(loc, source, key=True)
        hint = did_you_mean(name, allowed)
        if not hint and allowed:
            hint = f" (expected one of: {', '.join(sorted(allowed))})"
        return Diagnostic(
            where.file,
            where.line,
            where.column,
            key_path(loc[:-1], data),
            f"unknown key '{name}'{hint}",
        )
    if kind == "missing":
        where = _location(loc[:-1], source)
        return Diagnostic(
            where.file,
            where.line,
            where.column,
            key_path(loc[:-1], data),
            f"missing required key '{loc[-1]}'",
        )
    where = _location(loc, source)
    return Diagnostic(
        where.file, where.line, where.column, key_path(loc, data), _message(kind, err, value)
    )


def _strip_union_tags(loc: tuple[int | str, ...]) -> PathKey:
    out: list[int | str] = []
    for part in loc:
        if isinstance(part, str) and (part.startswith("function-") or part == "[key]"):
            continue
        out.append(part)
    return tuple(out)


def _shown(value: Any) -> str:
    # Clipped: a value echoed from a file should not reveal much of it (a symlinked secret).
    return f"'{clip(value)}'" if isinstance(value, str) else clip(str(value))


def _message(kind: str, err: ErrorDetails, value: Any) -> str:
    ctx = err.get("ctx") or {}
    if kind.startswith("date") or kind.startswith("datetime"):
        return f"expected an ISO date (YYYY-MM-DD), got {_shown(value)}"
    if kind == "greater_than_equal":
        bound = ctx.get("ge")
        if bound == 0:
            return f"cannot be negative, got {_shown(value)}"
        return f"must be at least {bound}, got {_shown(value)}"
    if kind == "less_than_equal":
        return f"must be at most {ctx.get('le')}, got {_shown(value)}"
    if kind in {"int_parsing", "int_type", "int_from_float"}:
        return f"expected a whole number, got {_shown(value)}"
    if kind in {"decimal_parsing", "decimal_type", "float_parsing", "float_type"}:
        return f"expected an amount in pounds (a number), got {_shown(value)}"
    if kind in {"bool_parsing", "bool_type"}:
        return f"expected yes/no (true/false), got {_shown(value)}"
    if kind in {"enum", "literal_error"}:
        options = [
            o.strip(" '") for o in str(ctx.get("expected", "")).replace(" or ", ", ").split(",")
        ]
        hint = did_you_mean(str(value), options)
        return f"expected one of {ctx.get('expected')}; got {_shown(value)}{hint}"
    if kind == "list_type":
        return f"expected a list, got {_shown(value)}"
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        return f"expected a mapping of keys, got {_shown(value)}"
    if kind == "string_type":
        return f"expected text, got {_shown(value)}"
    if kind == "string_pattern_mismatch":
        return f"expected an id of letters, digits, '-', '_' or '.', got {_shown(value)}"
    if kind == "too_short":
        return "must not be empty"
    if kind == "value_error":
        return str(ctx.get("error", err["msg"]))
    return err["msg"][0].lower() + err["msg"][1:]


# --- which keys a path allows (for 'did you mean') ------------------------------------------


def allowed_keys(loc: PathKey, data: Any) -> list[str]:
    model: Any = Plan
    for part in loc:
        model = _unwrap(model)
        if isinstance(part, int):
            model = _item_type(model)
        elif isinstance(model, type) and issubclass(model, BaseModel):
            info = model.model_fields.get(part)
            if info is None:
                info = next((f for f in model.model_fields.values() if f.alias == part), None)
            model = info.annotation if info else None
        else:
            model = _value_type(model)
    model = _unwrap(model)
    if isinstance(model, type) and issubclass(model, BaseModel):
        return [f.alias or name for name, f in model.model_fields.items()]
    return []


def _unwrap(tp: Any) -> Any:
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            models = [a for a in args if isinstance(a, type) and issubclass(a, BaseModel)]
            tp = models[0] if models else (args[0] if args else None)
        else:
            return tp


def _item_type(tp: Any) -> Any:
    args = typing.get_args(tp)
    return args[0] if args else None


def _value_type(tp: Any) -> Any:
    args = typing.get_args(tp)
    return args[-1] if args else None
