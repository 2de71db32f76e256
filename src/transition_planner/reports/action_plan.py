"""The action-plan PDF for the programme board: key facts, Gantt, milestones, sites, load,
places, costs, the critical chain, and an appendix per person (pseudonymous) and per post."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date
from typing import Any
from xml.sax.saxutils import escape

from reportlab.platypus import KeepTogether, PageBreak, Paragraph, Spacer

from transition_planner.exports.schedule_files import PROTECTIVE_MARKING, plan_name
from transition_planner.plan.models import Plan, SiteStatus
from transition_planner.plan.owners import owner_of
from transition_planner.plan.steps import (
    KIND_LABELS,
    MILESTONE_KINDS,
    PERSON_KINDS,
    REVIEW_TEAM_KINDS,
    STAFF_KINDS,
    WORKSTREAMS,
    StepKind,
    StepKind as K,
    step_id,
)
from transition_planner.reports.charts import PALETTE, Bar, Marker, bars_chart, gantt
from transition_planner.reports.commissioning import commissioning_section, outcomes_section
from transition_planner.reports.figures import (
    cumulative,
    figures,
    subject_site,
    weekly,
)
from transition_planner.reports.phasing import phasing_section
from transition_planner.reports.register import Register
from transition_planner.reports.style import (
    TEXT_WIDTH,
    StartMarking,
    build_pdf,
    day,
    money,
    styles,
    table,
)
from transition_planner.reports.tracking import since_last_report, weeks_page
from transition_planner.schedule.model import Schedule, ScheduledAction
from transition_planner.schedule.text import status_in_words
from transition_planner.schedule.tracking import Tracking

STATUS_TEXT = {
    "OPTIMAL": "optimal (proven by the solver)",
    "FEASIBLE": "feasible (not proven optimal)",
}


def action_plan_pdf(
    plan: Plan,
    schedule: Schedule,
    produced: date,
    register: Register | None = None,
    *,
    posts: bool = True,
    tracking: Tracking | None = None,
) -> bytes:
    """The board's action plan. The per-post appendix (from ``register``) is marked
    OFFICIAL-SENSITIVE on its pages; ``posts=False`` leaves it out. With ``tracking`` (a
    re-plan), a status column in the milestones, what was done and what slipped since the last
    report, and a page of this week's and the next two weeks' work by owner."""
    st = styles()
    story: list[Any] = []
    story += _cover(plan, schedule, produced)
    if tracking is not None:
        story += since_last_report(plan, schedule, tracking)
        story += weeks_page(tracking)
    story += _gantt(plan, schedule)
    story += _milestones(plan, schedule, tracking)
    story += _sites(plan, schedule)
    story += commissioning_section(plan, schedule) + outcomes_section(plan, schedule)
    story += phasing_section(plan, schedule)
    story += _charts(plan, schedule)
    story += _costs(schedule)
    story += _critical(plan, schedule)
    story += [PageBreak(), Paragraph("Appendix A: people", st["h1"])]
    story += _people(plan, schedule)
    if posts and register is not None and register.posts:
        story += [StartMarking(), Paragraph("Appendix B: posts", st["h1"])]
        story += _posts(register)
    footer = f"{plan.programme.name}: action plan, {day(produced)}, plan {schedule.plan_digest}"
    return build_pdf(story, f"{plan.programme.name}: action plan", footer, PROTECTIVE_MARKING)


def _status(s: Schedule) -> str:
    if s.stats.get("proven") == "cost":
        return status_in_words(s)
    return STATUS_TEXT.get(s.status, s.status)


def _cover(plan: Plan, s: Schedule, produced: date) -> list[Any]:
    st = styles()
    prog = plan.programme
    f = figures(plan, s)
    gap = "" if s.gap is None else f", gap to the bound {s.gap:.1%}"
    late = f"{s.slippage_months} month(s) late" if s.slippage_months else "on time"
    bound = (
        f"{money(s.bound)} (gap {s.gap:.1%})"
        if s.bound is not None and s.gap is not None
        else "none: this solver proves no bound"
    )
    facts = [
        ("Services to cease by (target)", day(prog.target_end)),
        ("Forecast: services cease", f"{day(s.services_cease)} ({late})"),
        ("Months late", str(s.slippage_months)),
        ("Slippage cost", money(s.slippage_cost)),
        ("Each further month late costs", money(int(prog.monthly_slippage_cost))),
        ("Full-year saving", money(prog.savings.full_year)),
        ("In-year saving (planned)", money(f.in_year_planned)),
        ("In-year saving (forecast on this schedule)", money(f.in_year_forecast)),
        ("Total cost of this schedule", money(s.total_cost)),
        ("Lower bound proved by the solver", bound),
        *_gap_facts(s),
        ("Last follow-up step", day(s.programme_end)),
    ]
    return [
        Paragraph(prog.name, st["title"]),
        Paragraph(f"{prog.organisation}: action plan for the programme board", st["h2"]),
        Spacer(1, 6),
        Paragraph(
            f"Produced {day(produced)} from <b>{escape(plan_name(s))}</b> (plan {s.plan_digest}). "
            f"Schedule {_status(s)}{gap}; solver {s.solver}.",
            st["body"],
        ),
        Paragraph("Key facts", st["h1"]),
        table(["Measure", "Figure"], facts, [TEXT_WIDTH * 0.45, TEXT_WIDTH * 0.55]),
    ]


def _gap_facts(s: Schedule) -> list[tuple[str, str]]:
    """The gap in pounds and as a share of the money still avoidable (the cost above the
    precedence floor, which no schedule can beat)."""
    if s.floor is None or s.avoidable is None:
        return []
    facts = [
        ("Avoidable money (cost above the floor of " + money(s.floor) + ")", money(s.avoidable))
    ]
    if s.gap_pounds is not None and s.gap_of_avoidable is not None:
        facts.append(
            (
                "Gap to the bound in pounds",
                f"{money(s.gap_pounds)} ({s.gap_of_avoidable:.1%} of the avoidable money)",
            )
        )
    return facts


# bars per Gantt drawing: 60 rows and the axis fill most of an A4 frame
GANTT_ROWS = 60


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def gantt_bars(plan: Plan, s: Schedule, workstream: str) -> list[Bar]:
    """One bar per milestone or custom action; the many per-person and per-post steps as one bar
    per kind and site, from the first start to the last end."""
    sites = subject_site(plan)
    names = {site.id for site in plan.sites}
    grouped: dict[tuple[StepKind, str], list[ScheduledAction]] = defaultdict(list)
    singles: list[Bar] = []
    for a in s.actions:
        if a.workstream != workstream:
            continue
        if a.kind in PERSON_KINDS or a.kind in STAFF_KINDS:
            grouped[(a.kind, sites.get(a.subject, ""))].append(a)
        else:
            singles.append(Bar(_capital(a.title or a.id), a.start, a.end, a.start == a.end))
    bars = sorted(singles, key=lambda b: (b.start, b.label))
    for (kind, site), acts in sorted(grouped.items(), key=lambda kv: min(a.start for a in kv[1])):
        where = plan.site(site).label if site in names else site
        label = _capital(f"{KIND_LABELS.get(kind, kind)}, {where} ({len(acts)})")
        bars.append(Bar(label, min(a.start for a in acts), max(a.end for a in acts)))
    return bars


def _gantt(plan: Plan, s: Schedule) -> list[Any]:
    st = styles()
    markers = [Marker("target end", plan.programme.target_end)]
    markers += [Marker(site.id, site.close_by.date) for site in plan.sites if site.close_by]
    first, last = plan.programme.start, s.programme_end
    out: list[Any] = [
        PageBreak(),
        Paragraph("Timeline by workstream", st["h1"]),
        Paragraph(
            "Bars run from first start to last end; the many steps for people and posts are "
            "grouped by kind and site (count in brackets). Dashed red lines: the target end and "
            "each site's close-by date.",
            st["small"],
        ),
    ]
    for ws in WORKSTREAMS:
        bars = gantt_bars(plan, s, ws)
        # a drawing cannot break across pages: a long workstream goes in page-sized parts
        for n in range(0, len(bars), GANTT_ROWS):
            drawing = gantt(bars[n : n + GANTT_ROWS], first, last, markers, PALETTE[ws])
            heading = ws.capitalize() + (" (continued)" if n else "")
            out.append(KeepTogether([Paragraph(heading, st["h2"]), drawing]))
    return out


def _milestones(plan: Plan, s: Schedule, tracking: Tracking | None = None) -> list[Any]:
    st = styles()
    deadlines: dict[str, date] = {}
    deadlines.update({a.id: a.deadline.date for a in plan.actions if a.deadline})
    deadlines.update({step_id(K.close, x.id): x.close_by.date for x in plan.sites if x.close_by})
    deadlines.update({step_id(K.lease_notice, x.site): x.notice_by for x in s.leases})
    rows = []
    for a in s.actions:
        if a.kind is not StepKind.custom and a.kind not in MILESTONE_KINDS:
            continue
        due = deadlines.get(a.id)
        slack = "" if due is None else f"{(due - a.end).days} days"
        row = [
            escape(a.title or a.id),
            owner_of(plan, a.kind, a.id, a.resource),
            day(a.start),
            day(a.end),
            day(due),
            slack,
        ]
        rows.append(row if tracking is None else [*row, tracking.status(a.id)])
    w = TEXT_WIDTH
    header = ["Action", "Owner", "Start", "End", "Deadline", "Slack"]
    widths = [w * 0.32, w * 0.15, w * 0.14, w * 0.14, w * 0.14, w * 0.11]
    note: list[Any] = []
    if tracking is not None:
        header.append("Status")
        widths = [w * 0.24, w * 0.13, w * 0.14, w * 0.14, w * 0.14, w * 0.09, w * 0.12]
        against = (
            f"the baseline {escape(tracking.variance.baseline_name)}"
            if tracking.baseline is not None
            else "its deadline"
        )
        note = [
            Paragraph(
                f"Status as of {day(tracking.as_of)}: done or in progress as recorded; "
                f"otherwise red when late against {against}"
                + (" or its deadline" if tracking.baseline is not None else "")
                + f", amber when under {plan.tracking.amber_days} days' slack, else green.",
                st["small"],
            )
        ]
    return [Paragraph("Milestones", st["h1"]), *note, table(header, rows, widths)]


def _sites(plan: Plan, s: Schedule) -> list[Any]:
    st = styles()
    out: list[Any] = [Paragraph("Site by site", st["h1"])]
    leases = {x.site: x for x in s.leases}
    moves = [a for a in s.actions if a.kind is K.move]
    people_site = {p.id: p.site for p in plan.people}
    for outcome in s.sites:
        site = plan.site(outcome.id)
        going = Counter(a.destination for a in moves if people_site.get(a.subject) == site.id)
        plans = sum(
            1
            for a in s.actions
            if a.kind is K.transition_plan and people_site[a.subject] == site.id
        )
        against = (
            f"against a close-by date of {day(outcome.close_by)} ({outcome.slack_days} days' slack)"
            if outcome.close_by and (outcome.slack_days or 0) >= 0
            else f"{outcome.months_late} month(s) after its close-by date {day(outcome.close_by)}"
            if outcome.close_by
            else "(no close-by date)"
        )
        text = (
            f"<b>{site.label}</b> closes {day(outcome.closes)} {against}. "
            f"{sum(going.values())} people move: "
            + (
                ", ".join(
                    f"{n} to {plan.site(dest).label if dest else 'an unrecorded destination'}"
                    for dest, n in sorted(going.items(), key=lambda kv: kv[0] or "")
                )
                or "none"
            )
            + f"; {plans} have a transition plan to community support."
        )
        if site.id in leases:
            lease = leases[site.id]
            text += (
                f" Lease: break notice served {day(lease.notice_served)} (due by "
                f"{day(lease.notice_by)}), exit {day(lease.exit)}"
                + (" at expiry." if lease.on_expiry else " on a break date.")
            )
        out.append(Paragraph(text, st["body"]))
        out.append(Spacer(1, 4))
    return out


def _charts(plan: Plan, s: Schedule) -> list[Any]:
    st = styles()
    charts: list[list[Any]] = []
    first, last = plan.programme.start, s.programme_end
    for team in plan.teams:
        acts = [a for a in s.actions if a.kind in REVIEW_TEAM_KINDS and a.resource == team.id]
        labels, load = weekly(acts, first, last)
        charts.append(
            [
                Paragraph(f"{team.name or team.id}: reviews and assessments by week", st["h2"]),
                Paragraph("Average number in progress each week.", st["small"]),
                bars_chart(load, labels, float(team.capacity)),
            ]
        )
    moves = [a for a in s.actions if a.kind is K.move]
    for site in plan.sites:
        if site.status is SiteStatus.closing or not site.capacity:
            continue
        days = [a.start for a in moves if a.destination == site.id]
        if not days:
            continue
        labels, taken = cumulative(days, first, last)
        charts.append(
            [
                Paragraph(f"{site.label}: places taken by week", st["h2"]),
                Paragraph("People moved in so far, against the places available.", st["small"]),
                bars_chart(taken, labels, float(site.capacity)),
            ]
        )
    heading = Paragraph("Load and places", st["h1"])
    if not charts:
        return [heading, Paragraph("No team or receiving-site load to show.", st["body"])]
    # A heading's keepWithNext does not hold across a KeepTogether, so the section heading
    # goes inside the first chart's block.
    charts[0].insert(0, heading)
    return [KeepTogether(block) for block in charts]


def _costs(s: Schedule) -> list[Any]:
    st = styles()
    rows = [[kind.replace("_", " "), money(amount)] for kind, amount in s.cost_breakdown.items()]
    rows.append(["<b>total</b>", f"<b>{money(s.total_cost)}</b>"])
    by_site = [
        [c.kind.replace("_", " "), c.subject, money(c.amount), c.detail]
        for c in s.cost_lines
        if c.kind in ("running_costs", "rent", "late_sites", "late_actions", "dilapidations")
    ]
    w = TEXT_WIDTH
    return [
        KeepTogether(
            [
                Paragraph("Costs", st["h1"]),
                table(["Cost", "Amount"], rows, [w * 0.5, w * 0.25], numeric=[1]),
            ]
        ),
        Spacer(1, 6),
        table(
            ["Cost", "Site or action", "Amount", "How"],
            by_site,
            [w * 0.16, w * 0.28, w * 0.14, w * 0.42],
            numeric=[2],
        ),
    ]


def _critical(plan: Plan, s: Schedule) -> list[Any]:
    st = styles()
    by_id = {a.id: a for a in s.actions}
    rows = [
        [day(by_id[i].start), day(by_id[i].end), by_id[i].title or i, by_id[i].resource or ""]
        for i in s.critical_chain
        if i in by_id
    ]
    monthly = money(int(plan.programme.monthly_slippage_cost))
    late = [o for o in s.sites if o.slack_days is not None and o.slack_days < 0]
    tight = [o for o in s.sites if o.slack_days is not None and 0 <= o.slack_days < 14]
    risk = (
        f"Any delay to these steps moves the date services cease; each month (or part) late "
        f"costs {monthly}. "
        + (
            "Sites closing after their close-by date: "
            + ", ".join(f"{o.id} ({-(o.slack_days or 0)} days late)" for o in late)
            + ". "
            if late
            else ""
        )
        + (
            "Sites with under two weeks' slack: "
            + ", ".join(f"{o.id} ({o.slack_days} days)" for o in tight)
            + "."
            if tight
            else ""
        )
        + (
            ""
            if late or tight
            else "Every site has at least two weeks' slack against its close-by date."
        )
    )
    w = TEXT_WIDTH
    return [
        KeepTogether(
            [
                Paragraph("Critical chain and risk", st["h1"]),
                Paragraph(risk, st["body"]),
                Spacer(1, 4),
                table(
                    ["Start", "End", "Step", "Team"], rows, [w * 0.15, w * 0.15, w * 0.48, w * 0.22]
                ),
            ]
        )
    ]


def _people(plan: Plan, s: Schedule) -> list[Any]:
    by_id = {a.id: a for a in s.actions}
    rows = []
    for p in plan.people:
        review = by_id.get(step_id(K.review, p.id))
        move = by_id.get(step_id(K.move, p.id))
        tp = by_id.get(step_id(K.transition_plan, p.id))
        rows.append(
            [
                p.id,
                p.site,
                f"{day(review.start)} to {day(review.end)}" if review else "",
                move.destination if move else "community (transition plan)",
                day(move.start) if move else (f"plan ends {day(tp.end)}" if tp else ""),
            ]
        )
    w = TEXT_WIDTH
    return [
        table(
            ["Person", "Site", "Review", "Destination", "Move"],
            rows,
            [w * 0.09, w * 0.2, w * 0.27, w * 0.22, w * 0.22],
        )
    ]


def _posts(register: Register) -> list[Any]:
    """One row per post, except a post that is the only one of its role at its site: those
    would name the person to anyone who knows the site, so they are counted together."""
    st = styles()
    alike = Counter((r.role, r.site) for r in register.posts)
    rows = [
        [r.post, r.role, r.site, r.status, day(r.leaving_date) or r.redeployed_to]
        for r in register.posts
        if alike[(r.role, r.site)] > 1
    ]
    single = Counter(r.status for r in register.posts if alike[(r.role, r.site)] == 1)
    w = TEXT_WIDTH
    out: list[Any] = [
        table(
            ["Post", "Role", "Site", "Outcome", "Leaves / moves to"],
            rows,
            [w * 0.1, w * 0.28, w * 0.24, w * 0.18, w * 0.2],
        )
    ]
    if single:
        n = sum(single.values())
        outcomes = ", ".join(f"{count} {status}" for status, count in sorted(single.items()))
        out += [
            Spacer(1, 4),
            Paragraph(
                f"{n} more post{'s' if n != 1 else ''}, each the only one of its role at its "
                f"site, shown only together: {outcomes}.",
                st["body"],
            ),
        ]
    return out
