"""Checks across records: ids, references, dates in order, dependency cycles, obvious shortfalls."""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Sequence
from typing import Any

import networkx as nx

from transition_planner.errors import Diagnostic
from transition_planner.plan.models import PLACE_STATUSES, Plan, SiteStatus, VacancyUse
from transition_planner.plan.source import PathKey, SourceMap, key_path
from transition_planner.plan.steps import (
    PERSON_KINDS,
    SERVICES_CEASE,
    SITE_CHAIN,
    SITE_KINDS,
    StepKind,
    StepKind as K,
    parse_user_step,
    step_id,
)
from transition_planner.suggest import did_you_mean

STEP_HINT = " (steps are named like close:SITE, lease_exit:SITE or services_cease)"


class _Checker:
    def __init__(self, plan: Plan, data: Any, source: SourceMap, dropped: set[str]):
        self.plan = plan
        # Ids of records that failed validation: references to them are not reported again.
        self.dropped = dropped
        self.data = data
        self.source = source
        self.errors: list[Diagnostic] = []
        self.warnings: list[Diagnostic] = []
        self.site_ids = {s.id for s in plan.sites}
        self.action_ids = {a.id for a in plan.actions}
        self.person_ids = {p.id for p in plan.people}

    def _add(self, bucket: list[Diagnostic], loc: PathKey, message: str, severity: str) -> None:

        where = self.source.find(loc)
        bucket.append(
            Diagnostic(
                where.file,
                where.line,
                where.column,
                key_path(loc, self.data),
                message,
                "warning" if severity == "warning" else "error",
            )
        )

    def error(self, loc: PathKey, message: str) -> None:
        self._add(self.errors, loc, message, "error")

    def warn(self, loc: PathKey, message: str) -> None:
        self._add(self.warnings, loc, message, "warning")

    def site_ref(self, loc: PathKey, site_id: str) -> bool:
        if site_id in self.site_ids:
            return True
        if site_id in self.dropped:
            return False
        self.error(loc, f"unknown site '{site_id}'{did_you_mean(site_id, self.site_ids)}")
        return False

    # --- the checks, in a fixed order ---------------------------------------------------------

    def run(self) -> None:
        self.unique_ids()
        self.programme_dates()
        self.sites()
        self.leases()
        self.teams()
        self.people()
        self.staff_and_vacancies()
        self.actions()
        self.action_cycles()
        self.places()

    def unique_ids(self) -> None:
        sections: list[tuple[str, Sequence[Any], str]] = [
            ("sites", self.plan.sites, "id"),
            ("teams", self.plan.teams, "id"),
            ("people", self.plan.people, "id"),
            ("staff", self.plan.staff, "id"),
            ("vacancies", self.plan.vacancies, "id"),
            ("actions", self.plan.actions, "id"),
            ("leases", self.plan.leases, "site"),
        ]
        for key, records, attr in sections:
            first: dict[str, int] = {}
            for i, record in enumerate(records):
                ident = getattr(record, attr)
                if ident in first:
                    line = self.source.find((key, first[ident])).line
                    what = "a second lease for site" if key == "leases" else "duplicate id"
                    self.error((key, i, attr), f"{what} '{ident}' (first at line {line})")
                else:
                    first[ident] = i
        posts = {s.id for s in self.plan.staff}
        for i, v in enumerate(self.plan.vacancies):
            if v.id in posts:
                self.error(("vacancies", i, "id"), f"id '{v.id}' is also a staff id")

    def programme_dates(self) -> None:
        prog = self.plan.programme
        if prog.target_end <= prog.start:
            self.error(
                ("programme", "target_end"),
                f"{prog.target_end} is not after programme.start {prog.start}",
            )

    def sites(self) -> None:
        start = self.plan.programme.start
        for i, site in enumerate(self.plan.sites):
            if site.close_by is not None:
                if site.status not in (SiteStatus.closing, SiteStatus.redeveloping):
                    self.warn(
                        ("sites", i, "close_by"),
                        f"close_by is ignored for a {site.status.value} site",
                    )
                if site.close_by.date < start:
                    self.error(
                        ("sites", i, "close_by"),
                        f"{site.close_by.date} is before programme.start {start}",
                    )
            if site.status is SiteStatus.receiving and site.capacity is None:
                self.error(
                    ("sites", i),
                    "missing required key 'capacity' (receiving sites need their number of places)",
                )
            for j, ref in enumerate(site.available_after):
                if ref not in self.action_ids:
                    self.error(
                        ("sites", i, "available_after", j),
                        f"unknown action '{ref}'{did_you_mean(ref, self.action_ids)}",
                    )

    def leases(self) -> None:
        start = self.plan.programme.start
        for i, lease in enumerate(self.plan.leases):
            self.site_ref(("leases", i, "site"), lease.site)
            if not lease.break_dates and lease.expiry is None:
                self.error(("leases", i), "a lease needs break_dates or an expiry to exit on")
            ordered = sorted(lease.break_dates)
            if list(lease.break_dates) != ordered:
                self.error(("leases", i, "break_dates"), "break dates are not in date order")
            if lease.expiry is not None:
                for j, d in enumerate(lease.break_dates):
                    if d > lease.expiry:
                        self.error(
                            ("leases", i, "break_dates", j),
                            f"break date {d} is after the expiry {lease.expiry}",
                        )
                if lease.expiry < start:
                    self.error(
                        ("leases", i, "expiry"), f"{lease.expiry} is before programme.start {start}"
                    )

    def teams(self) -> None:
        for i, team in enumerate(self.plan.teams):
            for j, site_id in enumerate(team.sites):
                self.site_ref(("teams", i, "sites", j), site_id)
            for j, period in enumerate(team.availability):
                if period.end is not None and period.end < period.start:
                    self.error(
                        ("teams", i, "availability", j, "to"),
                        f"{period.end} is before 'from' {period.start}",
                    )
        if self.plan.people and not self.plan.teams and not self.dropped:
            self.error(
                ("teams",),
                "people need a team to review them; add a team "
                "(e.g. teams: [{id: review-team, capacity: 4}])",
            )

    def people(self) -> None:
        team_ids = {t.id for t in self.plan.teams}
        site_team = {s: t.id for t in self.plan.teams for s in t.sites}
        all_sites_team = any(not t.sites for t in self.plan.teams)
        for i, person in enumerate(self.plan.people):
            if self.site_ref(("people", i, "site"), person.site):
                status = self.plan.site(person.site).status
                if status not in (SiteStatus.closing, SiteStatus.redeveloping):
                    self.warn(
                        ("people", i, "site"),
                        f"'{person.site}' is {status.value}, not closing: is this person affected?",
                    )
            for j, dest in enumerate(person.preferred):
                if self.site_ref(("people", i, "preferred", j), dest):
                    site = self.plan.site(dest)
                    if site.status not in PLACE_STATUSES:
                        self.error(
                            ("people", i, "preferred", j),
                            f"'{dest}' is {site.status.value} and takes no one",
                        )
            if person.team is not None:
                if person.team not in team_ids:
                    self.error(
                        ("people", i, "team"),
                        f"unknown team '{person.team}'{did_you_mean(person.team, team_ids)}",
                    )
            elif (
                self.plan.teams
                and not self.dropped
                and person.site not in site_team
                and not all_sites_team
            ):
                self.error(
                    ("people", i),
                    f"no team reviews people at '{person.site}'; "
                    "add the site to a team's sites or give the person a team",
                )
            if person.needs_place and not self.dropped and not self.plan.accepting(person):
                self.error(("people", i), self._no_destination(person))
        groups: dict[str, list[int]] = {}
        for i, person in enumerate(self.plan.people):
            if person.group and person.needs_place:
                groups.setdefault(person.group, []).append(i)
        for name, members in sorted(groups.items()):
            common = set.intersection(
                *({s.id for s in self.plan.accepting(self.plan.people[m])} for m in members)
            )
            if len(members) > 1 and not common:
                self.warn(
                    ("people", members[0], "group"),
                    f"no destination suits every member of group '{name}' "
                    f"({len(members)} people); they will be split",
                )

    def _no_destination(self, person: Any) -> str:
        needs = [f"pathway {person.pathway.value}", f"cohort {person.cohort.value}"]
        if person.requires:
            needs.append("requires " + ", ".join(person.requires))
        return (
            "no receiving site can take this person (" + "; ".join(needs) + "); give a "
            "site the features, cohort and pathway, or set pathway: community"
        )

    def staff_and_vacancies(self) -> None:
        for i, member in enumerate(self.plan.staff):
            self.site_ref(("staff", i, "site"), member.site)
            if member.date_of_birth >= member.start_date:
                self.error(
                    ("staff", i, "date_of_birth"),
                    f"{member.date_of_birth} is not before start_date {member.start_date}",
                )
            if member.start_date > self.plan.programme.start:
                self.warn(
                    ("staff", i, "start_date"), f"{member.start_date} is after programme.start"
                )
        for i, vacancy in enumerate(self.plan.vacancies):
            self.site_ref(("vacancies", i, "site"), vacancy.site)
        vacancies = {v.id: v for v in self.plan.vacancies}
        agreed: dict[str, str] = {}
        for i, member in enumerate(self.plan.staff):
            ref = member.redeploy_to
            if ref is None:
                continue
            loc: PathKey = ("staff", i, "redeploy_to")
            if ref not in vacancies:
                self.error(loc, f"unknown vacancy '{ref}'{did_you_mean(ref, list(vacancies))}")
            elif vacancies[ref].use is not VacancyUse.redeploy:
                self.error(loc, f"vacancy '{ref}' is to be deleted, not filled (use: delete)")
            elif ref in agreed:
                self.error(loc, f"vacancy '{ref}' is already agreed for {agreed[ref]}")
            else:
                agreed[ref] = member.id

    def _step_ok(self, loc: PathKey, ref: str) -> bool:
        if ref in self.action_ids or ref in self.dropped:
            return ref in self.action_ids
        step = parse_user_step(ref)
        if step is None:
            hint = did_you_mean(ref, self.action_ids) or STEP_HINT
            self.error(loc, f"unknown action or step '{ref}'{hint}")
            return False
        if step.kind in SITE_KINDS and step.subject is not None:
            if step.subject not in self.site_ids:
                hint = did_you_mean(step.subject, self.site_ids)
                self.error(loc, f"unknown site '{step.subject}' in '{ref}'{hint}")
                return False
            if self.plan.site(step.subject).status is not SiteStatus.closing:
                self.error(
                    loc,
                    f"'{ref}': site '{step.subject}' is not closing, so it has no {step.kind} step",
                )
                return False
            leases = [x for x in self.plan.leases if x.site == step.subject]
            if step.kind in (K.lease_notice, K.lease_exit, K.dilapidations):
                if not leases:
                    self.error(loc, f"'{ref}': site '{step.subject}' has no lease")
                    return False
                if step.kind is K.dilapidations and leases[0].dilapidations.works.days() == 0:
                    self.error(
                        loc,
                        f"'{ref}': the lease has no dilapidation works; use close:{step.subject}",
                    )
                    return False
        if step.kind in PERSON_KINDS:
            person = next((p for p in self.plan.people if p.id == step.subject), None)
            if person is None:
                self.error(loc, f"unknown person '{step.subject}' in '{ref}'")
                return False
            if step.kind is K.move and not person.needs_place:
                self.error(
                    loc,
                    f"'{ref}': {person.id} does not move (pathway "
                    f"{person.pathway.value}{'' if person.eligible else ', ineligible'})",
                )
                return False
        return True

    def actions(self) -> None:
        start = self.plan.programme.start
        for i, action in enumerate(self.plan.actions):
            for key in ("after", "before"):
                for j, ref in enumerate(getattr(action, key)):
                    if ref == action.id:
                        self.error(("actions", i, key, j), "an action cannot depend on itself")
                    else:
                        self._step_ok(("actions", i, key, j), ref)
            if action.deadline is not None and action.deadline.date < start:
                self.error(
                    ("actions", i, "deadline"),
                    f"{action.deadline.date} is before programme.start {start}",
                )
            if action.not_before and action.deadline and action.not_before > action.deadline.date:
                self.error(
                    ("actions", i, "not_before"),
                    f"{action.not_before} is after the deadline {action.deadline.date}",
                )

    def action_cycles(self) -> None:
        graph: nx.DiGraph = nx.DiGraph()
        for action in self.plan.actions:
            graph.add_node(action.id)
            for ref in action.after:
                graph.add_edge(ref, action.id)
            for ref in action.before:
                graph.add_edge(action.id, ref)
        for site in self.plan.sites:
            for a, b in itertools.pairwise(SITE_CHAIN):
                graph.add_edge(step_id(a, site.id), step_id(b, site.id))
            graph.add_edge(step_id(StepKind.close, site.id), SERVICES_CEASE)
        index = {a.id: i for i, a in enumerate(self.plan.actions)}
        reported: set[frozenset[str]] = set()
        for cycle in sorted(nx.simple_cycles(graph), key=lambda c: (len(c), sorted(c))):
            key = frozenset(cycle)
            if key in reported or not any(n in index for n in cycle):
                continue
            reported.add(key)
            start = min(n for n in cycle if n in index)
            k = cycle.index(start)
            ordered = cycle[k:] + cycle[:k] + [start]
            self.error(("actions", index[start]), "dependency cycle: " + " -> ".join(ordered))
            if len(reported) >= 10:
                break

    def places(self) -> None:
        needing = [p for p in self.plan.people if p.needs_place]
        first_choice = Counter(p.preferred[0] for p in needing if p.preferred)
        for i, site in enumerate(self.plan.sites):
            if site.status not in PLACE_STATUSES or not site.capacity:
                continue
            prefer_first = first_choice[site.id]
            if prefer_first > site.capacity:
                self.warn(
                    ("sites", i, "capacity"),
                    f"{prefer_first} people prefer '{site.id}' first but it has "
                    f"{site.capacity} places",
                )
        total = sum(s.capacity or 0 for s in self.plan.sites if s.status in PLACE_STATUSES)
        if len(needing) > total:
            self.warn(
                ("sites",),
                f"{len(needing)} people need a place but the receiving sites "
                f"have {total} places in all",
            )


def check_plan(
    plan: Plan, data: Any, source: SourceMap, dropped: set[str] | None = None
) -> tuple[list[Diagnostic], list[Diagnostic]]:
    """Cross-record checks; ``dropped`` names records already reported as invalid."""
    checker = _Checker(plan, data, source, dropped or set())
    checker.run()
    return checker.errors, checker.warnings
