"""The action plan's progress pages: what was done and what slipped since the last report, and
this week's and the next two weeks' work by owner (``schedule.tracking``)."""

from __future__ import annotations

from collections import Counter
from typing import Any
from xml.sax.saxutils import escape

from reportlab.platypus import PageBreak, Paragraph, Spacer

from transition_planner.plan.models import Plan
from transition_planner.plan.steps import KIND_LABELS, PERSON_KINDS, STAFF_KINDS, StepKind as K
from transition_planner.reports.style import TEXT_WIDTH, day, money, styles, table
from transition_planner.schedule.model import Schedule
from transition_planner.schedule.tracking import Tracking, by_kind, kind_of
from transition_planner.schedule.variance import DateVariance
from transition_planner.schedule.week import Item

GROUPED = (*PERSON_KINDS, *STAFF_KINDS)


def kind_label(kind: K) -> str:
    """A kind in the plural as the papers name it (custom actions: "other actions")."""
    if kind is K.custom:
        return "other actions"
    return KIND_LABELS.get(kind, kind.value.replace("_", " "))


def step_label(plan: Plan, schedule: Schedule, row: DateVariance) -> str:
    """A site's or milestone's name as the board reads it (no ids where a name exists)."""
    if row.section == "site":
        return plan.site(row.id).label
    if row.id == K.services_cease.value:
        return "Services cease"
    action = next((a for a in schedule.actions if a.id == row.id), None)
    return _capital(action.title if action is not None and action.title else row.id)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def since_last_report(plan: Plan, schedule: Schedule, t: Tracking) -> list[Any]:
    """Done and in progress by kind, milestones done, what slipped (days) and the money."""
    st = styles()
    w = TEXT_WIDTH
    v = t.variance
    if t.baseline is not None:
        opening = (
            f"Progress recorded as of {day(t.as_of)}, against the baseline "
            f"<b>{escape(v.baseline_name)}</b> of {day(t.since)}: what has been done since, what "
            "is in progress, and what has slipped."
        )
    else:
        opening = (
            f"Progress recorded as of {day(t.as_of)}. No baseline was given, so nothing is "
            "measured as slipped."
        )
    done, started = t.done(), t.started()
    done_kinds, started_kinds = by_kind(done), by_kind(started)
    rows = [
        [kind_label(k), str(done_kinds[k]), str(started_kinds[k])]
        for k in GROUPED
        if done_kinds[k] or started_kinds[k]
    ]
    other_done = sum(n for k, n in done_kinds.items() if k not in GROUPED)
    other_started = sum(n for k, n in started_kinds.items() if k not in GROUPED)
    if other_done or other_started:
        rows.append(["milestones and other actions", str(other_done), str(other_started)])
    rows.append(["<b>total</b>", f"<b>{len(done)}</b>", f"<b>{len(started)}</b>"])
    by_id = {a.id: a for a in schedule.actions}
    milestones = [
        [escape(_capital(by_id[s].title or s) if s in by_id else s), day(by_id[s].end)]
        for s in done
        if kind_of(s) not in GROUPED and s in by_id
    ]
    out: list[Any] = [
        Paragraph("Since the last report", st["h1"]),
        Paragraph(opening, st["body"]),
        Spacer(1, 4),
        table(
            ["Steps", "Done" + (f" since {day(t.since)}" if t.since else ""), "In progress"],
            rows,
            [w * 0.4, w * 0.25, w * 0.2],
            numeric=[1, 2],
        ),
    ]
    if milestones:
        out += [
            Spacer(1, 6),
            table(["Milestone or action done", "Finished"], milestones, [w * 0.7, w * 0.15]),
        ]
    if t.left:
        out.append(
            Paragraph(
                f"{t.left} {'person has' if t.left == 1 else 'people have'} left the programme.",
                st["body"],
            )
        )
    if t.baseline is None:
        return out
    slipped = [
        [escape(step_label(plan, schedule, r)), day(r.baseline), day(r.current), str(r.days), r.rag]
        for r in t.slipped()
    ]
    out.append(Paragraph("What has slipped", st["h2"]))
    if slipped:
        out.append(
            table(
                ["Site or milestone", "Baseline", "Now", "Days later", "RAG"],
                slipped,
                [w * 0.44, w * 0.14, w * 0.14, w * 0.14, w * 0.12],
                numeric=[3],
            )
        )
    else:
        out.append(Paragraph("No site or milestone is later than the baseline.", st["body"]))
    out.append(Spacer(1, 4))
    later, earlier = t.moved("person")
    staff_later, staff_earlier = t.moved("post")
    out.append(
        Paragraph(
            f"Steps for people: {later} later than the baseline, {earlier} earlier. "
            f"Steps for posts: {staff_later} later, {staff_earlier} earlier.",
            st["body"],
        )
    )
    changed = [m for m in v.money if m.change]
    money_rows = [
        [m.line.replace("_", " "), money(m.baseline), money(m.current), _signed(m.change)]
        for m in [*changed, v.total]
    ]
    out += [
        Paragraph("Money against the baseline", st["h2"]),
        table(
            ["Cost", "Baseline", "Now", "Change"],
            money_rows,
            [w * 0.34, w * 0.2, w * 0.2, w * 0.2],
            numeric=[1, 2, 3],
        ),
    ]
    return out


def _signed(amount: int) -> str:
    if amount == 0:
        return money(0)
    return ("+" if amount > 0 else "-") + money(abs(amount))


def week_cell(items: list[Item]) -> str:
    """One owner's steps in one week: steps for people and posts counted by kind, the others
    by name; ``in progress`` marked."""
    counts: Counter[K] = Counter()
    running: Counter[K] = Counter()
    named: list[str] = []
    for item in items:
        a = item.action
        if a.kind in GROUPED:
            counts[a.kind] += 1
            running[a.kind] += item.status == "in progress"
        else:
            title = escape(a.title or a.id)
            named.append(f"{title} (in progress)" if item.status == "in progress" else title)
    grouped = [
        f"{kind_label(k)}: {n}" + (f" ({running[k]} in progress)" if running[k] else "")
        for k, n in sorted(counts.items(), key=lambda kv: GROUPED.index(kv[0]))
    ]
    return "<br/>".join([*grouped, *named])


def weeks_page(t: Tracking) -> list[Any]:
    """This week's and the next two weeks' work, one row per owner, one column per week."""
    st = styles()
    owners = sorted({o for week in t.weeks for o in week.owners})
    rows = [[escape(o), *(week_cell(week.owners.get(o, [])) for week in t.weeks)] for o in owners]
    rows.append(["<b>steps</b>", *(f"<b>{week.count}</b>" for week in t.weeks)])
    w = TEXT_WIDTH
    share = 0.78 / max(len(t.weeks), 1)
    return [
        PageBreak(),
        Paragraph("This week and the next two weeks", st["h1"]),
        Paragraph(
            f"As of {day(t.as_of)}: the steps in progress or due in each week (Monday to "
            "Sunday), by owner. Steps for people and posts are counted by kind; the step list "
            "is in the workbook's week sheet.",
            st["small"],
        ),
        table(
            ["Owner", *(f"Week of {day(week.first)}" for week in t.weeks)],
            rows,
            [w * 0.22, *([w * share] * len(t.weeks))],
        ),
    ]
