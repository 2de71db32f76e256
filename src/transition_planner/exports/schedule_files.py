"""schedule.json, schedule.csv and schedule.xlsx, the same bytes for the same schedule."""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

from transition_planner.exports.workbook import Sheet, workbook_bytes
from transition_planner.plan.models import Plan
from transition_planner.plan.steps import StepKind as K, step_id
from transition_planner.schedule.model import Schedule

ACTION_COLUMNS = (
    "id",
    "kind",
    "subject",
    "start",
    "end",
    "days",
    "resource",
    "destination",
    "workstream",
    "title",
)


def action_rows(schedule: Schedule) -> list[list[Any]]:
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
        ]
        for a in schedule.actions
    ]


def schedule_json(schedule: Schedule) -> bytes:
    return schedule.dumps().encode("utf-8")


def schedule_csv(schedule: Schedule) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(ACTION_COLUMNS)
    for row in action_rows(schedule):
        writer.writerow([v.isoformat() if hasattr(v, "isoformat") else v for v in row])
    return out.getvalue().encode("utf-8")


def schedule_xlsx(schedule: Schedule, plan: Plan) -> bytes:
    """Sheets: summary, actions, people, sites, leases, staff, costs. No names: staff appear by
    post id (names belong only in the HR register)."""
    by_id = {a.id: a for a in schedule.actions}

    def at(action_id: str, end: bool = False) -> date | None:
        a = by_id.get(action_id)
        return None if a is None else (a.end if end else a.start)

    summary: list[list[Any]] = [
        ["status", schedule.status],
        ["solver", schedule.solver],
        ["plan", f"{schedule.plan_file} ({schedule.plan_digest})"],
        ["target end", schedule.target_end],
        ["services cease", schedule.services_cease],
        ["programme end", schedule.programme_end],
        ["months late", schedule.slippage_months],
        ["slippage cost", schedule.slippage_cost],
        ["total cost", schedule.total_cost],
        ["bound", schedule.bound],
        ["gap", schedule.gap],
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
            (by_id[step_id(K.move, p.id)].destination if step_id(K.move, p.id) in by_id else None),
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
            (
                by_id[step_id(K.trial, m.id)].destination
                if step_id(K.trial, m.id) in by_id
                else None
            ),
        ]
        for m in plan.staff
    ]
    sheets = [
        Sheet("summary", ["item", "value"], summary),
        Sheet("actions", ACTION_COLUMNS, action_rows(schedule)),
        Sheet(
            "people",
            [
                "id",
                "site",
                "cohort",
                "needs",
                "pathway",
                "review_start",
                "review_end",
                "destination",
                "move",
                "transition_plan_end",
                "post_move_review",
            ],
            people,
        ),
        Sheet(
            "sites",
            ["id", "closes", "close_by", "months_late", "slack_days"],
            [[o.id, o.closes, o.close_by, o.months_late, o.slack_days] for o in schedule.sites],
        ),
        Sheet(
            "leases",
            ["site", "notice_served", "notice_by", "exit", "break_date", "on_expiry"],
            [
                [x.site, x.notice_served, x.notice_by, x.exit, x.break_date, x.on_expiry]
                for x in schedule.leases
            ],
        ),
        Sheet(
            "staff",
            [
                "post",
                "role",
                "site",
                "grade",
                "status",
                "one_to_one",
                "notice",
                "leaves",
                "trial_start",
                "redeployed_to",
            ],
            staff,
        ),
        Sheet(
            "costs",
            ["kind", "subject", "amount", "detail"],
            [[c.kind, c.subject, c.amount, c.detail] for c in schedule.cost_lines],
            frozenset({"amount"}),
        ),
    ]
    return workbook_bytes(sheets, schedule.programme_start)
