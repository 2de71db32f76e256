"""``milestones.ics``: closures, break notices and exits, the last safe day for each break
notice, consultation ends, HR1 dates, each lot's award notice, standstill end and opening day,
and deadlines, as all-day events a calendar app imports.

Each event's UID names the plan (a slug and hash of its organisation and programme name) and
the step, so importing a re-plan replaces that plan's own events and never another plan's.
SEQUENCE and DTSTAMP come from the calendar written before into the same folder, if any: an
event whose date or text is unchanged keeps both, so the same schedule gives the same bytes;
one that changed gets SEQUENCE + 1 and the production date (``--date``) as its DTSTAMP; a new
one gets SEQUENCE 0 and the production date.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from transition_planner.plan.models import Plan
from transition_planner.plan.steps import StepKind as K, step_id
from transition_planner.rules.employment import collective_consultation
from transition_planner.schedule.model import Schedule
from transition_planner.workforce.chain import establishments

PRODID = "-//transition-planner//milestones//EN"


@dataclass(frozen=True)
class Milestone:
    when: date
    step: str
    summary: str
    description: str


@dataclass(frozen=True)
class Stamped:
    """What a calendar written before said about one event."""

    when: str
    summary: str
    description: str
    sequence: int
    stamp: str


def plan_id(plan: Plan) -> str:
    """A stable id for the plan in UIDs: readable, and unique to organisation and programme."""
    prog = plan.programme
    digest = hashlib.sha256(f"{prog.organisation}\n{prog.name}".encode()).hexdigest()[:10]
    slug = re.sub(r"[^a-z0-9]+", "-", prog.name.lower()).strip("-")[:40]
    return f"{slug}-{digest}" if slug else digest


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> list[str]:
    """RFC 5545 3.1: lines of at most 75 octets, continued with a leading space."""
    out: list[str] = []
    current = ""
    for ch in line:
        limit = 75 if not out else 74
        if len((current + ch).encode("utf-8")) > limit:
            out.append(current)
            current = ch
        else:
            current += ch
    out.append(current)
    return [out[0], *(" " + part for part in out[1:])]


def milestones(plan: Plan, schedule: Schedule) -> list[Milestone]:
    """Every milestone and deadline of the schedule, in date order."""
    # Consultation and HR1 subjects are establishments: a site, or the whole programme.
    labels = {site.id: site.label for site in plan.sites}
    labels |= {lot.id: lot.label for lot in plan.lots}
    events: list[Milestone] = []
    for a in schedule.actions:
        where = labels.get(a.subject, a.subject)
        if a.kind is K.close:
            events.append(Milestone(a.start, a.id, f"Close {where}", "last day"))
        elif a.kind is K.lease_notice:
            events.append(Milestone(a.start, a.id, f"Serve break notice: {where}", a.title))
        elif a.kind is K.lease_exit:
            events.append(Milestone(a.start, a.id, f"Lease exit: {where}", a.title))
        elif a.kind is K.consultation:
            events.append(
                Milestone(a.end, f"{a.id}:end", f"Consultation minimum ends: {where}", a.title)
            )
        elif a.kind is K.hr1:
            events.append(Milestone(a.start, a.id, f"File HR1: {where}", a.title))
        elif a.kind is K.award:
            events.append(Milestone(a.start, a.id, f"Contract award notice: {where}", a.title))
        elif a.kind is K.standstill:
            events.append(
                Milestone(
                    a.end,
                    f"{a.id}:end",
                    f"Standstill ends: {where}",
                    "the contract may be entered into from the next day",
                )
            )
        elif a.kind is K.lot_open:
            events.append(Milestone(a.start, a.id, f"Opens: {where}", "first day of service"))
    for lease in schedule.leases:
        where = labels.get(lease.site, lease.site)
        events.append(
            Milestone(
                lease.notice_by,
                f"deadline:lease_notice:{lease.site}",
                f"Last safe day to serve break notice: {where}",
                f"for exit on {lease.exit.isoformat()}, with the plan's notice period and margin",
            )
        )
    events += _hr1_deadlines(plan, schedule, labels)
    for site in plan.sites:
        if site.close_by is not None:
            events.append(
                Milestone(
                    site.close_by.date,
                    f"deadline:close:{site.id}",
                    f"Deadline: close {site.label}",
                    "hard" if site.close_by.hard else "costed",
                )
            )
    for action in plan.actions:
        if action.deadline is not None:
            events.append(
                Milestone(
                    action.deadline.date,
                    f"deadline:{action.id}",
                    f"Deadline: {action.title or action.id}",
                    "hard" if action.deadline.hard else "",
                )
            )
    target = plan.programme.target_end
    events.append(
        Milestone(target, "deadline:target_end", "Target: services cease", plan.programme.name)
    )
    return sorted(events, key=lambda m: (m.when, m.step))


def _hr1_deadlines(plan: Plan, schedule: Schedule, labels: dict[str, str]) -> list[Milestone]:
    """The last day each HR1 can be filed: the statutory minimum before the first dismissal
    takes effect (TULRCA s.193), and before the first notice is issued."""
    by_id = {a.id: a for a in schedule.actions}
    out: list[Milestone] = []
    for group in establishments(plan):
        leaves = [a.start for m in group.members if (a := by_id.get(step_id(K.leave, m.id)))]
        notices = [a.start for m in group.members if (a := by_id.get(step_id(K.notice, m.id)))]
        rule = collective_consultation(len(group.members), min(leaves)) if leaves else None
        if rule is None or not group.collective:
            continue
        due = min([rule.hr1_due, *(n - timedelta(days=1) for n in notices)])
        out.append(
            Milestone(
                due,
                f"deadline:hr1:{group.id}",
                f"Deadline: HR1 for {labels.get(group.id, group.id)}",
                f"{rule.days} days before the first dismissal on {rule.first_dismissal}, "
                "and before any notice is issued",
            )
        )
    return out


def previous_calendar(path: Path) -> bytes | None:
    """The calendar a previous run wrote at ``path``, if there is one to read."""
    try:
        return path.read_bytes()
    except OSError:
        return None


def _stamped(previous: bytes | None) -> dict[str, Stamped]:
    """UID -> what the previous calendar said; anything unreadable is simply not there."""
    if not previous:
        return {}
    text = previous.decode("utf-8", errors="replace").replace("\r\n ", "").replace("\n ", "")
    found: dict[str, Stamped] = {}
    for block in re.findall(r"BEGIN:VEVENT\r?\n(.*?)END:VEVENT", text, re.S):
        props: dict[str, str] = {}
        for line in block.splitlines():
            name, _, value = line.partition(":")
            props[name.split(";")[0]] = value
        try:
            found[props["UID"]] = Stamped(
                props["DTSTART"],
                props.get("SUMMARY", ""),
                props.get("DESCRIPTION", ""),
                int(props.get("SEQUENCE", "0")),
                props["DTSTAMP"],
            )
        except (KeyError, ValueError):
            continue
    return found


def milestones_ics(
    plan: Plan, schedule: Schedule, produced: date | None = None, previous: bytes | None = None
) -> bytes:
    """The milestones as an iCalendar file (METHOD:PUBLISH, all-day, free time).

    ``produced``: the DTSTAMP of new or changed events (default: the programme start);
    ``previous``: the milestones.ics a previous run wrote, for SEQUENCE and DTSTAMP.
    """
    stamp = f"{produced or plan.programme.start:%Y%m%d}T000000Z"
    before = _stamped(previous)
    ident = plan_id(plan)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_escape(plan.programme.name)} milestones",
    ]
    for m in milestones(plan, schedule):
        uid = f"{m.step}/{ident}@transition-planner"
        when, summary, description = f"{m.when:%Y%m%d}", _escape(m.summary), _escape(m.description)
        seen = before.get(uid)
        if seen is None:
            sequence, dtstamp = 0, stamp
        elif (seen.when, seen.summary, seen.description) == (when, summary, description):
            sequence, dtstamp = seen.sequence, seen.stamp
        else:
            sequence, dtstamp = seen.sequence + 1, stamp
        lines += [
            "BEGIN:VEVENT",
            f"UID:{uid}",
            f"DTSTAMP:{dtstamp}",
            f"SEQUENCE:{sequence}",
            f"DTSTART;VALUE=DATE:{when}",
            f"DTEND;VALUE=DATE:{m.when + timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{summary}",
            f"DESCRIPTION:{description}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    folded = [part for line in lines for part in _fold(line)]
    return ("\r\n".join(folded) + "\r\n").encode("utf-8")
