"""``milestones.ics``: closures, break notices and exits, consultation ends, HR1 dates and
deadlines as all-day events a calendar app imports; the same schedule gives the same bytes."""

from __future__ import annotations

from datetime import date, timedelta

from transition_planner.plan.models import Plan
from transition_planner.schedule.model import Schedule

PRODID = "-//transition-planner//milestones//EN"


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


def _event(uid: str, when: date, summary: str, description: str, stamp: str) -> list[str]:
    return [
        "BEGIN:VEVENT",
        f"UID:{uid}@transition-planner",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{when:%Y%m%d}",
        f"DTEND;VALUE=DATE:{when + timedelta(days=1):%Y%m%d}",
        f"SUMMARY:{_escape(summary)}",
        f"DESCRIPTION:{_escape(description)}",
        "END:VEVENT",
    ]


def milestones_ics(plan: Plan, schedule: Schedule) -> bytes:
    stamp = f"{plan.programme.start:%Y%m%d}T000000Z"
    # Consultation and HR1 subjects are establishments: a site, or the whole programme.
    labels = {site.id: site.label for site in plan.sites}
    events: list[tuple[date, str, str, str]] = []
    for a in schedule.actions:
        where = labels.get(a.subject, a.subject)
        if a.kind == "close":
            events.append((a.start, a.id, f"Close {where}", "last day"))
        elif a.kind == "lease_notice":
            events.append((a.start, a.id, f"Serve break notice: {where}", a.title))
        elif a.kind == "lease_exit":
            events.append((a.start, a.id, f"Lease exit: {where}", a.title))
        elif a.kind == "consultation":
            events.append((a.end, f"{a.id}:end", f"Consultation minimum ends: {where}", a.title))
        elif a.kind == "hr1":
            events.append((a.start, a.id, f"File HR1: {where}", a.title))
    for site in plan.sites:
        if site.close_by is not None:
            events.append(
                (
                    site.close_by.date,
                    f"deadline:close:{site.id}",
                    f"Deadline: close {site.label}",
                    "hard" if site.close_by.hard else "costed",
                )
            )
    for action in plan.actions:
        if action.deadline is not None:
            events.append(
                (
                    action.deadline.date,
                    f"deadline:{action.id}",
                    f"Deadline: {action.title or action.id}",
                    "hard" if action.deadline.hard else "",
                )
            )
    target = plan.programme.target_end
    events.append((target, "deadline:target_end", "Target: services cease", plan.programme.name))
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{_escape(plan.programme.name)} milestones",
    ]
    for when, uid, summary, description in sorted(events):
        lines += _event(uid, when, summary, description, stamp)
    lines.append("END:VCALENDAR")
    folded = [part for line in lines for part in _fold(line)]
    return ("\r\n".join(folded) + "\r\n").encode("utf-8")
