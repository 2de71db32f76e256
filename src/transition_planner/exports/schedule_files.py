"""schedule.json, schedule.csv and schedule.xlsx, the same bytes for the same schedule."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import PurePath
from typing import Any

from transition_planner.exports.csv_text import csv_bytes
from transition_planner.exports.workbook import Cell, Column, Sheet, workbook_bytes
from transition_planner.plan.commissioning import double_running_cost
from transition_planner.plan.models import Plan
from transition_planner.plan.owners import owner_of
from transition_planner.plan.steps import STAFF_KINDS, StepKind as K, step_id
from transition_planner.schedule.model import Schedule, ScheduledAction
from transition_planner.schedule.week import Week

# Per-post rows (a person's HR steps) are sensitive even without names.
PROTECTIVE_MARKING = "OFFICIAL-SENSITIVE"
STAFF_STEP_KINDS = frozenset(STAFF_KINDS)

ACTION_COLUMNS = (
    Column("Step"),
    Column("Kind"),
    Column("Subject"),
    Column("Starts", "date"),
    Column("Ends", "date"),
    Column("Days", "integer"),
    Column("Team"),
    Column("Destination"),
    Column("Workstream"),
    Column("Title"),
    Column("Owner"),
)


def action_rows(schedule: Schedule, plan: Plan, *, posts: bool = True) -> list[list[Any]]:
    """One row per step (``posts=False``: without the per-post HR steps)."""
    return [
        [
            a.id,
            a.kind,
            a.subject,
            a.start,
            a.end,
            a.days,
            a.resource or "",
            a.destination or "",
            a.workstream,
            a.title,
            owner_of(plan, a.kind, a.id, a.resource),
        ]
        for a in schedule.actions
        if posts or a.kind not in STAFF_STEP_KINDS
    ]


def schedule_json(schedule: Schedule) -> bytes:
    """The schedule as ``tplan verify`` reads it. It holds every post's HR steps, so it carries
    the protective marking when it has any."""
    data = schedule.to_json()
    if any(a.kind in STAFF_STEP_KINDS for a in schedule.actions):
        data = {"protective_marking": PROTECTIVE_MARKING, **data}
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def schedule_csv(schedule: Schedule, plan: Plan, *, posts: bool = True) -> bytes:
    """The actions, one a row, as UTF-8 with a BOM; text that looks like a formula is quoted."""
    return csv_bytes([c.header for c in ACTION_COLUMNS], action_rows(schedule, plan, posts=posts))


LOT_STAGES = (
    (K.market_engagement, "Market engagement"),
    (K.tender, "Tender"),
    (K.evaluation, "Evaluation"),
    (K.award, "Award notice"),
    (K.standstill, "Standstill"),
    (K.mobilisation, "Mobilisation"),
)

LOT_COLUMNS = (
    Column("Lot"),
    Column("Name"),
    Column("Route"),
    *(Column(f"{label} {edge}", "date") for _, label in LOT_STAGES for edge in ("starts", "ends")),
    Column("Opens", "date"),
    Column("Capacity", "integer"),
    Column("People moving", "integer"),
    Column("Double running"),
    Column("Old service runs to", "date"),
    Column("Double running cost", "money"),
    Column("Paid by"),
)


def lot_rows(schedule: Schedule, plan: Plan) -> list[list[Any]]:
    """One row per lot: each procurement stage's first and last day (blank where the route has
    no such stage), the opening day, places, people moving to it, and its double running: the
    period, the last day the services it replaces must run to, the cost and who pays."""
    by_id = {a.id: a for a in schedule.actions}
    moving: dict[str, int] = {}
    for a in schedule.actions:
        if a.kind is K.move and a.destination:
            moving[a.destination] = moving.get(a.destination, 0) + 1
    rows: list[list[Any]] = []
    for lot in plan.lots:
        stages: list[date | None] = []
        for kind, _ in LOT_STAGES:
            step = by_id.get(step_id(kind, lot.id))
            stages += [None, None] if step is None else [step.start, step.end]
        opened = by_id.get(step_id(K.lot_open, lot.id))
        opens = None if opened is None else opened.start
        dr = lot.double_running
        runs_to = (
            opens + timedelta(days=lot.double_running_days() - 1)
            if dr is not None and opens is not None
            else None
        )
        rows.append(
            [
                lot.id,
                lot.label,
                lot.procurement.route.value,
                *stages,
                opens,
                lot.capacity,
                moving.get(lot.id, 0),
                "" if dr is None else dr.period.describe(),
                runs_to,
                None if dr is None else double_running_cost(lot),
                "" if dr is None else dr.paid_by.value,
            ]
        )
    return rows


def lots_csv(schedule: Schedule, plan: Plan) -> bytes:
    """The lots sheet as CSV (``lots.csv``, written when the plan has lots)."""
    return csv_bytes([c.header for c in LOT_COLUMNS], lot_rows(schedule, plan))


def plan_name(schedule: Schedule) -> str:
    """The plan's file name without its folder: papers travel, paths do not."""
    return PurePath(schedule.plan_file).name if schedule.plan_file else ""


def schedule_xlsx(
    schedule: Schedule, plan: Plan, *, posts: bool = True, weeks: list[Week] | None = None
) -> bytes:
    """Sheets: summary, actions, people, sites, leases, lots (when the plan has any), staff,
    costs, and with ``weeks`` (a re-plan's weeks ahead) a week sheet: each week's steps by
    owner. No names: staff appear by post id (names belong only in the HR register). The sheets
    with per-post rows are marked OFFICIAL-SENSITIVE; ``posts=False`` leaves those rows (and
    the staff sheet) out."""
    by_id = {a.id: a for a in schedule.actions}

    def at(action_id: str, end: bool = False) -> date | None:
        a = by_id.get(action_id)
        return None if a is None else (a.end if end else a.start)

    def dest(action: ScheduledAction | None) -> str | None:
        return None if action is None or action.failed else action.destination

    def trial_outcome(action: ScheduledAction | None) -> str | None:
        """A trial recorded failed, kept as history (nobody is redeployed by it)."""
        if action is None or not action.failed:
            return None
        return f"trial in {action.destination} failed {action.end} (recorded)"

    summary: list[list[Any]] = [
        ["Status", schedule.status],
        ["Solver", schedule.solver],
        ["Plan", f"{plan_name(schedule)} ({schedule.plan_digest})"],
        ["Target end", schedule.target_end],
        ["Services cease", schedule.services_cease],
        ["Programme end", schedule.programme_end],
        ["Months late", schedule.slippage_months],
        ["Slippage cost", schedule.slippage_cost],
        ["Total cost", schedule.total_cost],
        ["Lower bound", schedule.bound],
        ["Gap to the bound", None if schedule.gap is None else f"{schedule.gap:.1%}"],
        ["Gap in pounds", schedule.gap_pounds],
        ["Floor (every step at its earliest)", schedule.floor],
        ["Avoidable (cost above the floor)", schedule.avoidable],
        [
            "Gap as a share of the avoidable",
            None if schedule.gap_of_avoidable is None else f"{schedule.gap_of_avoidable:.1%}",
        ],
        ["Search limit", schedule.stats.get("search_limit")],
    ]
    people = [
        [
            p.id,
            p.site,
            p.cohort,
            p.needs.value,
            p.pathway.value,
            at(step_id(K.review, p.id)),
            at(step_id(K.review, p.id), end=True),
            dest(by_id.get(step_id(K.move, p.id))),
            at(step_id(K.move, p.id)),
            at(step_id(K.transition_plan, p.id), end=True),
            at(step_id(K.post_move_review, p.id)),
        ]
        for p in plan.people
    ]
    staff = [
        [
            m.id,
            m.role,
            m.site,
            m.grade,
            m.status.value,
            at(step_id(K.one_to_one, m.id)),
            at(step_id(K.notice, m.id)),
            at(step_id(K.leave, m.id)),
            at(step_id(K.trial, m.id)),
            dest(by_id.get(step_id(K.trial, m.id))),
            trial_outcome(by_id.get(step_id(K.trial, m.id))),
        ]
        for m in plan.staff
    ]
    has_posts = posts and any(a.kind in STAFF_STEP_KINDS for a in schedule.actions)
    marking = PROTECTIVE_MARKING if has_posts else None
    sheets = [
        Sheet("summary", [Column("Item"), Column("Value")], _summary_cells(summary)),
        Sheet("actions", ACTION_COLUMNS, action_rows(schedule, plan, posts=posts), marking),
        Sheet(
            "people",
            [
                Column("Person"),
                Column("Site"),
                Column("Cohort"),
                Column("Needs"),
                Column("Pathway"),
                Column("Review starts", "date"),
                Column("Review ends", "date"),
                Column("Destination"),
                Column("Moves", "date"),
                Column("Transition plan ends", "date"),
                Column("Post-move review", "date"),
            ],
            people,
        ),
        Sheet(
            "sites",
            [
                Column("Site"),
                Column("Closes", "date"),
                Column("Close by", "date"),
                Column("Months late", "integer"),
                Column("Slack (days)", "integer"),
            ],
            [[o.id, o.closes, o.close_by, o.months_late, o.slack_days] for o in schedule.sites],
        ),
        Sheet(
            "leases",
            [
                Column("Site"),
                Column("Break notice served", "date"),
                Column("Notice due by", "date"),
                Column("Exit", "date"),
                Column("Break date", "date"),
                Column("At expiry"),
            ],
            [
                [x.site, x.notice_served, x.notice_by, x.exit, x.break_date, x.on_expiry]
                for x in schedule.leases
            ],
        ),
    ]
    if plan.lots:
        sheets.append(Sheet("lots", LOT_COLUMNS, lot_rows(schedule, plan)))
    if posts:
        sheets.append(
            Sheet(
                "staff",
                [
                    Column("Post"),
                    Column("Role"),
                    Column("Site"),
                    Column("Grade"),
                    Column("Status"),
                    Column("First 1:1", "date"),
                    Column("Notice issued", "date"),
                    Column("Leaves", "date"),
                    Column("Trial starts", "date"),
                    Column("Redeployed to"),
                    Column("Trial outcome"),
                ],
                staff,
                marking,
            )
        )
    sheets.append(
        Sheet(
            "costs",
            [Column("Cost"), Column("Site or action"), Column("Amount", "money"), Column("How")],
            [[c.kind, c.subject, c.amount, c.detail] for c in schedule.cost_lines],
        )
    )
    if weeks is not None:
        sheets.append(week_sheet(weeks, posts=posts))
    return workbook_bytes(sheets, schedule.programme_start)


WEEK_COLUMNS = (
    Column("Week of", "date"),
    Column("Owner"),
    Column("Status"),
    Column("Step"),
    Column("Kind"),
    Column("Starts", "date"),
    Column("Ends", "date"),
    Column("Title"),
)


def week_sheet(weeks: list[Week], *, posts: bool = True) -> Sheet:
    """This week and the next two: one row per step in progress or due, by week and owner
    (as ``tplan week`` lists them); marked when it has per-post rows."""
    rows: list[list[Any]] = []
    marked = False
    for week in weeks:
        for owner, items in week.owners.items():
            for item in items:
                a = item.action
                if a.kind in STAFF_STEP_KINDS:
                    if not posts:
                        continue
                    marked = True
                rows.append([week.first, owner, item.status, a.id, a.kind, a.start, a.end, a.title])
    return Sheet("week", WEEK_COLUMNS, rows, PROTECTIVE_MARKING if marked else None)


def _summary_cells(rows: list[list[Any]]) -> list[list[Any]]:
    """Item/value pairs of mixed kinds: one value column, so each value formatted by itself."""
    money = {
        "Slippage cost",
        "Total cost",
        "Lower bound",
        "Gap in pounds",
        "Floor (every step at its earliest)",
        "Avoidable (cost above the floor)",
    }
    return [[k, Cell(v, "money") if k in money else v] for k, v in rows]
