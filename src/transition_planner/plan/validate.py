"""Checks across records: ids, references, dates in order, dependency cycles, obvious shortfalls."""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

import networkx as nx

from transition_planner.errors import Diagnostic
from transition_planner.plan.calendar import add_months
from transition_planner.plan.models import (
    PLACE_STATUSES,
    Carer,
    Plan,
    SiteStatus,
    StaffStatus,
    VacancyUse,
    suitable,
)
from transition_planner.plan.source import PathKey, SourceMap, key_path
from transition_planner.plan.steps import (
    LOT_KINDS,
    PERSON_KINDS,
    SERVICES_CEASE,
    SITE_CHAIN,
    SITE_KINDS,
    StepKind,
    StepKind as K,
    parse_user_step,
    step_id,
)
from transition_planner.plan.validate_commissioning import check_commissioning, check_lot_step
from transition_planner.plan.values import (
    FIRST_RATES_DATE,
    MAX_DURATION,
    MAX_HORIZON_YEARS,
)
from transition_planner.suggest import did_you_mean

# Records refused by validation: section ("sites", "people", ...) -> the ids refused there.
Dropped = Mapping[str, set[str]]
# in ``Dropped``: the section's file could not be read at all
UNREAD_FILE = "*"

STEP_HINT = " (steps are named like close:SITE, lease_exit:SITE or services_cease)"
# Cycles shown per group of actions that depend on each other; the rest are counted.
CYCLES_SHOWN = 3
# Cycles looked at per group to pick the shortest to show (there can be factorially many).
CYCLES_SCANNED = 200


class _Checker:
    def __init__(self, plan: Plan, data: Any, source: SourceMap, dropped: Dropped):
        self.plan = plan
        # Ids of records that failed validation, by section: references to them are not
        # reported again (a dropped site hides no unknown team of the same name).
        self.dropped = dropped
        self.data = data
        self.source = source
        self.errors: list[Diagnostic] = []
        self.warnings: list[Diagnostic] = []
        self.site_ids = {s.id for s in plan.sites}
        self.action_ids = {a.id for a in plan.actions}
        self.person_ids = {p.id for p in plan.people}
        self.lot_ids = {lot.id for lot in plan.lots}

    def _add(self, bucket: list[Diagnostic], loc: PathKey, message: str, severity: str) -> None:
        loc = self._carer_loc(loc)

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

    def _carer_loc(self, loc: PathKey) -> PathKey:
        """A person past the plan's own is a carer's record: locate it under ``carers``, at the
        same key if a carer has it (a carer has no ``cohort``: the record itself)."""
        given = self.plan.given_people
        if len(loc) < 2 or loc[0] != "people" or not isinstance(loc[1], int) or loc[1] < given:
            return loc
        where: PathKey = ("carers", loc[1] - given)
        if len(loc) > 2 and loc[2] in Carer.model_fields:
            where = (*where, *loc[2:])
        return where

    def error(self, loc: PathKey, message: str) -> None:
        self._add(self.errors, loc, message, "error")

    def warn(self, loc: PathKey, message: str) -> None:
        self._add(self.warnings, loc, message, "warning")

    def unread(self, section: str) -> bool:
        """Whether the file ``section`` names (people, staff, carers) could not be read at all."""
        return UNREAD_FILE in self.dropped.get(section, ())

    def gone(self, ident: str, *sections: str) -> bool:
        """Whether ``ident`` is a record of one of ``sections`` that failed validation."""
        return any(ident in self.dropped.get(section, ()) for section in sections)

    def site_ref(self, loc: PathKey, site_id: str) -> bool:
        if site_id in self.site_ids:
            return True
        if self.gone(site_id, "sites", "lots"):
            return False
        self.error(loc, f"unknown site '{site_id}'{did_you_mean(site_id, self.site_ids)}")
        return False

    # --- the checks, in a fixed order ---------------------------------------------------------

    def run(self) -> None:
        self.unique_ids()
        self.no_repeats()
        self.programme_dates()
        self.horizon()
        self.windows()
        self.sites()
        self.leases()
        self.teams()
        self.people()
        self.staff_and_vacancies()
        self.actions()
        self.action_cycles()
        self.places()
        self.commissioning()

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
                    was = self.source.find(self._carer_loc((key, first[ident])))
                    now = self.source.find(self._carer_loc((key, i)))
                    # A carer's file repeating a person's id of the plan: name the other file.
                    at = f"line {was.line}" if was.file == now.file else f"{was.file}:{was.line}"
                    what = "a second lease for site" if key == "leases" else "duplicate id"
                    self.error((key, i, attr), f"{what} '{ident}' (first at {at})")
                else:
                    first[ident] = i
        posts = {s.id for s in self.plan.staff}
        for i, v in enumerate(self.plan.vacancies):
            if v.id in posts:
                self.error(("vacancies", i, "id"), f"id '{v.id}' is also a staff id")

    def no_repeats(self) -> None:
        """A value listed twice in a list (``preferred: [a, a]``, or ``a;a`` in a cell)."""
        lists: list[tuple[str, Sequence[Any], tuple[str, ...]]] = [
            ("sites", self.plan.sites, ("available_after", "features", "cohorts", "pathways")),
            ("leases", self.plan.leases, ("break_dates",)),
            ("teams", self.plan.teams, ("sites",)),
            ("people", self.plan.people, ("requires", "preferred")),
            ("actions", self.plan.actions, ("after", "before")),
        ]
        for key, records, fields in lists:
            for i, record in enumerate(records):
                for name in fields:
                    self._repeats((key, i, name), getattr(record, name) or [])
        self._repeats(("programme", "calendar", "holidays"), self.plan.programme.calendar.holidays)

    def _repeats(self, loc: PathKey, values: Sequence[Any]) -> None:
        seen: dict[Any, int] = {}
        for j, value in enumerate(values):
            if value in seen:
                shown = getattr(value, "value", value)
                self.error(
                    (*loc, j),
                    f"'{shown}' is listed twice (also item {seen[value] + 1} of the list)",
                )
            else:
                seen[value] = j

    def horizon(self) -> None:
        """Every date the schedule is built against within MAX_HORIZON_YEARS of the start, and
        the custom actions, end to end, within the longest duration: the solver's day range."""
        start = self.plan.programme.start
        last = add_months(start, 12 * MAX_HORIZON_YEARS)
        found: list[tuple[PathKey, Any]] = [
            (("programme", "target_end"), self.plan.programme.target_end)
        ]
        for i, site in enumerate(self.plan.sites):
            if site.close_by is not None:
                found.append((("sites", i, "close_by"), site.close_by.date))
            found.append((("sites", i, "available_from"), site.available_from))
        for i, lease in enumerate(self.plan.leases):
            found += [(("leases", i, "break_dates", j), d) for j, d in enumerate(lease.break_dates)]
            found.append((("leases", i, "expiry"), lease.expiry))
        for i, team in enumerate(self.plan.teams):
            for j, period in enumerate(team.availability):
                found.append((("teams", i, "availability", j, "from"), period.start))
        for i, vacancy in enumerate(self.plan.vacancies):
            found.append((("vacancies", i, "available_from"), vacancy.available_from))
        for i, action in enumerate(self.plan.actions):
            found.append((("actions", i, "not_before"), action.not_before))
            if action.deadline is not None:
                found.append((("actions", i, "deadline"), action.deadline.date))
        for loc, d in found:
            if d is not None and d > last:
                self.error(
                    loc,
                    f"{d} is more than {MAX_HORIZON_YEARS} years after programme.start {start}; "
                    f"a programme's dates must fall by {last}",
                )
        total = sum(a.duration.days() for a in self.plan.actions)
        if total > MAX_DURATION["d"]:
            self.error(
                ("actions",),
                f"the custom actions take {total} days laid end to end; at most "
                f"{MAX_DURATION['d']} days (10 years) in all",
            )

    def windows(self) -> None:
        pmr = self.plan.durations.post_move_review
        if pmr.latest.days() < pmr.earliest.days():
            self.error(
                ("durations", "post_move_review", "latest"),
                f"{pmr.latest} is before earliest {pmr.earliest}: "
                "the review window ends before it opens",
            )

    def programme_dates(self) -> None:
        prog = self.plan.programme
        first = FIRST_RATES_DATE
        if self.plan.staff and prog.start < first:
            self.error(
                ("programme", "start"),
                f"{prog.start} is before {first}, the first day the statutory redundancy "
                "figures (rules/rates.yaml) cover; a plan with staff must start on or after it",
            )
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
                if ref not in self.action_ids and not self.gone(ref, "actions"):
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
        if self.plan.people and not self.plan.teams and not self.dropped.get("teams"):
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
                if status not in (SiteStatus.closing, SiteStatus.redeveloping) and not person.stays:
                    self.warn(
                        ("people", i, "site"),
                        f"'{person.site}' is {status.value}, not closing: is this person affected?",
                    )
            for j, dest in enumerate(person.preferred):
                if dest in self.lot_ids:
                    continue
                if self.site_ref(("people", i, "preferred", j), dest):
                    site = self.plan.site(dest)
                    if site.status not in PLACE_STATUSES:
                        self.error(
                            ("people", i, "preferred", j),
                            f"'{dest}' is {site.status.value} and takes no one",
                        )
            if person.team is not None:
                if person.team not in team_ids and not self.gone(person.team, "teams"):
                    self.error(
                        ("people", i, "team"),
                        f"unknown team '{person.team}'{did_you_mean(person.team, team_ids)}",
                    )
            elif (
                self.plan.teams
                and not self.dropped.get("teams")
                and person.site not in site_team
                and not all_sites_team
            ):
                self.error(
                    ("people", i),
                    f"no team reviews people at '{person.site}'; "
                    "add the site to a team's sites or give the person a team",
                )
            known = person.cohort in self.plan.cohort_defs  # else reported as unknown
            if (
                person.needs_place
                and known
                and not self.dropped.get("sites")
                and not self.dropped.get("lots")
                and not self.plan.accepting(person)
            ):
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
        needs = [f"pathway {person.pathway.value}", f"cohort {person.cohort}"]
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
                if member.status is StaffStatus.not_at_risk:
                    self.warn(
                        ("staff", i, "start_date"), f"{member.start_date} is after programme.start"
                    )
                else:
                    # their notice could end before they start: no redundancy figures exist
                    self.error(
                        ("staff", i, "start_date"),
                        f"{member.start_date} is after programme.start "
                        f"{self.plan.programme.start}: staff at risk are in post when it starts",
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
                if self.gone(ref, "vacancies"):
                    continue
                self.error(loc, f"unknown vacancy '{ref}'{did_you_mean(ref, list(vacancies))}")
            elif vacancies[ref].use is not VacancyUse.redeploy:
                self.error(loc, f"vacancy '{ref}' is to be deleted, not filled (use: delete)")
            elif not suitable(member, vacancies[ref]):
                vacancy = vacancies[ref]
                self.error(
                    loc,
                    f"vacancy '{ref}' is for {_post(vacancy.role, vacancy.grade)}; "
                    f"{member.id} is {_post(member.role, member.grade)} (a redeployment is "
                    "to the same role and grade)",
                )
            elif ref in agreed:
                self.error(loc, f"vacancy '{ref}' is already agreed for {agreed[ref]}")
            else:
                agreed[ref] = member.id

    def _step_ok(self, loc: PathKey, ref: str) -> bool:
        if ref in self.action_ids or self.gone(ref, "actions"):
            return ref in self.action_ids
        step = parse_user_step(ref)
        if step is None:
            hint = did_you_mean(ref, self.action_ids) or STEP_HINT
            self.error(loc, f"unknown action or step '{ref}'{hint}")
            return False
        if step.kind in SITE_KINDS and step.subject is not None:
            if step.subject not in self.site_ids:
                if self.gone(step.subject, "sites"):
                    return False
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
                    if self.gone(step.subject, "leases"):
                        return False
                    self.error(loc, f"'{ref}': site '{step.subject}' has no lease")
                    return False
                if step.kind is K.dilapidations and leases[0].dilapidations.works.days() == 0:
                    self.error(
                        loc,
                        f"'{ref}': the lease has no dilapidation works; use close:{step.subject}",
                    )
                    return False
        if step.kind in LOT_KINDS:
            return check_lot_step(self, loc, step.kind, step.subject or "")
        if step.kind in PERSON_KINDS:
            person = next((p for p in self.plan.people if p.id == step.subject), None)
            if person is None:
                if self.gone(step.subject or "", "people", "carers"):
                    return False
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
        # Per group of steps that depend on each other (a strongly connected component), the
        # shortest few cycles and a count: listing every cycle can take exponential time.
        components = [c for c in nx.strongly_connected_components(graph) if len(c) > 1]
        components.sort(key=lambda c: min(index.get(n, len(index)) for n in c))
        for component in components:
            actions = sorted((n for n in component if n in index), key=index.__getitem__)
            if not actions:
                continue
            sub = graph.subgraph(component)
            shown: list[list[str]] = []
            for node in actions:
                cycle = _shortest_cycle(sub, node)
                if frozenset(cycle) not in {frozenset(c) for c in shown}:
                    shown.append(cycle)
                if len(shown) == CYCLES_SHOWN:
                    break
            for cycle in shown:
                start = min((n for n in cycle if n in index), key=index.__getitem__)
                k = cycle.index(start)
                ordered = [*cycle[k:], *cycle[:k], start]
                self.error(("actions", index[start]), "dependency cycle: " + " -> ".join(ordered))
            found = sum(1 for _ in itertools.islice(nx.simple_cycles(sub), CYCLES_SCANNED + 1))
            if found > len(shown):
                more = f"over {CYCLES_SCANNED}" if found > CYCLES_SCANNED else str(found)
                steps = sorted(component, key=lambda n: (n not in index, index.get(n, 0), n))
                self.error(
                    ("actions", index[actions[0]]),
                    f"{more} dependency cycles in all among these {len(steps)} steps: "
                    + ", ".join(steps)
                    + "; break one of their after or before links",
                )

    def commissioning(self) -> None:
        """Cohorts, age bands, people who stay, lots and their procurement (commissioning.py)."""
        check_commissioning(self)

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
        total = sum(s.capacity or 0 for s in self.plan.all_sites if s.status in PLACE_STATUSES)
        if len(needing) > total:
            self.warn(
                ("sites",),
                f"{len(needing)} people need a place but the receiving sites "
                f"have {total} places in all",
            )


def check_plan(
    plan: Plan, data: Any, source: SourceMap, dropped: Dropped | None = None
) -> tuple[list[Diagnostic], list[Diagnostic]]:
    """Cross-record checks; ``dropped`` names, by section, the records already reported as
    invalid (references to them are not reported again)."""
    checker = _Checker(plan, data, source, dropped or {})
    checker.run()
    return checker.errors, checker.warnings


def _post(role: str, grade: str | None) -> str:
    return f"{role!r}" + (f", {grade!r}" if grade else "")


def _shortest_cycle(graph: nx.DiGraph, node: str) -> list[str]:
    """The shortest cycle through ``node`` (ties by name), ``node`` first."""
    paths = nx.single_source_shortest_path(graph, node)
    back = sorted(
        (paths[u] for u in graph.predecessors(node) if u in paths),
        key=lambda path: (len(path), path),
    )
    return list(back[0])


MAX_NAME_BYTES = 255  # one file or folder name (Linux, macOS and Windows)
MAX_PATH_BYTES = 1024


def table_name_problem(name: str) -> str | None:
    """Why ``name`` (a people, staff or carers file named in the plan) cannot be a file name, if
    so."""
    if "\0" in name:
        return "a file name cannot contain a NUL character"
    longest = max((len(part.encode()) for part in name.replace("\\", "/").split("/")), default=0)
    if longest > MAX_NAME_BYTES:
        return f"file name too long: {longest} bytes; a file or folder name has at most 255"
    if len(name.encode()) > MAX_PATH_BYTES:
        return f"file path too long: {len(name.encode())} bytes; at most {MAX_PATH_BYTES}"
    return None
