"""Cross-record checks of the commissioning parts of a plan, each error located by key path.

Called from ``validate._Checker`` (one method there): cohorts known to the plan, age bands and
dates of birth, people who stay, lots (ids, places, the sites they replace) and their
procurement (periods below the statutory minimum, a standstill dropped where the law needs it).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from transition_planner.plan.commissioning import Route, stages, tender_minimum
from transition_planner.plan.models import CARERS_COHORT, Plan, SiteStatus
from transition_planner.plan.source import PathKey
from transition_planner.plan.steps import StepKind as K
from transition_planner.suggest import did_you_mean


class _Checker(Protocol):
    plan: Plan
    site_ids: set[str]

    def gone(self, ident: str, *sections: str) -> bool: ...

    def unread(self, section: str) -> bool: ...

    def error(self, loc: PathKey, message: str) -> None: ...

    def warn(self, loc: PathKey, message: str) -> None: ...

    def _step_ok(self, loc: PathKey, ref: str) -> bool: ...


def check_commissioning(c: _Checker) -> None:
    _cohorts(c)
    _people(c)
    _carers(c)
    _lots(c)
    _outcomes(c)
    _phases(c)
    _indicators(c)


def _phases(c: _Checker) -> None:
    for i, phase in enumerate(c.plan.phases):
        if phase.end < phase.start:
            c.error(("phases", i, "end"), f"{phase.end} is before start {phase.start}")
        for j, ref in enumerate(phase.milestones):
            c._step_ok(("phases", i, "milestones", j), ref)


PATHWAYS = ("move", "employment", "community", "direct-payment", "stay")


def _indicators(c: _Checker) -> None:
    plan = c.plan
    outcomes = [o.id for o in plan.outcomes]
    places = [s.id for s in plan.all_sites]
    for i, ind in enumerate(plan.indicators):
        rule = ind.compute
        if rule is None:
            continue
        loc: PathKey = ("indicators", i, "compute")
        if rule.measure == "outcome":
            if rule.outcome not in outcomes:
                name = rule.outcome or ""
                c.error(
                    (*loc, "outcome"), f"unknown outcome '{name}'{did_you_mean(name, outcomes)}"
                )
            continue
        if rule.cohort is not None and rule.cohort not in plan.cohort_defs:
            hint = did_you_mean(rule.cohort, list(plan.cohort_defs))
            c.error((*loc, "cohort"), f"unknown cohort '{rule.cohort}'{hint}")
        if rule.pathway is not None and rule.pathway not in PATHWAYS:
            c.error((*loc, "pathway"), f"expected one of {_one_of(dict.fromkeys(PATHWAYS))}")
        if (
            rule.destination is not None
            and rule.destination not in places
            and not c.gone(rule.destination, "sites", "lots")
        ):
            hint = did_you_mean(rule.destination, places)
            c.error((*loc, "destination"), f"unknown lot or site '{rule.destination}'{hint}")


def _outcomes(c: _Checker) -> None:
    plan = c.plan
    services = [s.id for s in plan.all_sites]
    for i, outcome in enumerate(plan.outcomes):
        if outcome.service not in services:
            if c.gone(outcome.service, "sites", "lots"):
                continue
            c.error(
                ("outcomes", i, "service"),
                f"unknown lot or site '{outcome.service}'{did_you_mean(outcome.service, services)}",
            )
        elif plan.caseload(outcome) == 0:
            c.error(
                ("outcomes", i, "caseload"),
                f"'{outcome.service}' has no places; give the outcome a caseload",
            )
        if outcome.time_to_outcome.days() == 0:
            c.error(("outcomes", i, "time_to_outcome"), "must be longer than 0 days")
        changes = outcome.caseload_changes
        for j in range(1, len(changes)):
            if changes[j].from_ <= changes[j - 1].from_:
                c.error(
                    ("outcomes", i, "caseload_changes", j, "from"),
                    f"{changes[j].from_} is not after the change before it "
                    f"({changes[j - 1].from_}); list the changes in date order",
                )
        dates = [p.date for p in outcome.trajectory]
        targets = [p.target for p in outcome.trajectory]
        if dates != sorted(set(dates)):
            c.error(("outcomes", i, "trajectory"), "review dates are not in date order")
        elif targets != sorted(targets):
            c.error(
                ("outcomes", i, "trajectory"),
                "cumulative targets fall over time; each is the total expected by its date",
            )


def _cohorts(c: _Checker) -> None:
    plan = c.plan
    known = plan.cohort_defs
    for i, cohort in enumerate(plan.cohorts or []):
        if (
            cohort.age is not None
            and cohort.age.max is not None
            and cohort.age.max < cohort.age.min
        ):
            c.error(("cohorts", i, "age", "max"), f"{cohort.age.max} is below min {cohort.age.min}")
    seen: dict[str, int] = {}
    for i, cohort in enumerate(plan.cohorts or []):
        if cohort.id in seen:
            c.error(("cohorts", i, "id"), f"duplicate cohort '{cohort.id}'")
        seen.setdefault(cohort.id, i)
    refs = [("sites", i, s.cohorts) for i, s in enumerate(plan.sites)]
    refs += [("lots", i, lot.cohorts) for i, lot in enumerate(plan.lots)]
    unread_carers = c.unread("carers")
    for section, i, cohorts in refs:
        for j, ref in enumerate(cohorts or []):
            if ref not in known and not (ref == CARERS_COHORT and unread_carers):
                c.error(
                    (section, i, "cohorts", j),
                    f"unknown cohort '{ref}'{did_you_mean(ref, list(known))}",
                )


def _people(c: _Checker) -> None:
    plan = c.plan
    known = plan.cohort_defs
    for i, person in enumerate(plan.people):
        cohort = known.get(person.cohort)
        if cohort is None:
            c.error(
                ("people", i, "cohort"), f"expected one of {_one_of(known)}; got '{person.cohort}'"
            )
        elif cohort.age is not None:
            age = plan.age_of(person)
            if age is None:
                c.error(
                    ("people", i, "cohort"),
                    f"cohort '{cohort.id}' is an age band ({cohort.age.describe()}); "
                    "give this person a date_of_birth",
                )
            elif not cohort.age.contains(age):
                c.error(
                    ("people", i, "date_of_birth"),
                    f"aged {age} on {plan.programme.start}, outside cohort '{cohort.id}' "
                    f"({cohort.age.describe()})",
                )
        if person.date_of_birth is not None and person.date_of_birth >= plan.programme.start:
            c.error(("people", i, "date_of_birth"), f"{person.date_of_birth} is not in the past")
        if person.stays and person.site in c.site_ids:
            status = plan.site(person.site).status
            if status is SiteStatus.closing:
                c.error(
                    ("people", i, "pathway"),
                    f"'{person.site}' is closing, so no one can stay there; give a move "
                    "pathway or keep the site open (status: continuing)",
                )


def _carers(c: _Checker) -> None:
    """A carer's ``cared_for`` names one of the plan's own people, whose ``carer`` flag would
    schedule a second carer's assessment for the same carer."""
    plan = c.plan
    given = plan.people[: plan.given_people]
    ids = {p.id: p for p in given}
    for j, carer in enumerate(plan.carers):
        ref = carer.cared_for
        if ref is None or c.gone(ref, "people"):
            continue
        person = ids.get(ref)
        if person is None:
            c.error(
                ("carers", j, "cared_for"), f"unknown person '{ref}'{did_you_mean(ref, list(ids))}"
            )
        elif person.carer:
            c.error(
                ("carers", j, "cared_for"),
                f"'{ref}' also has carer: true, which would assess the same carer twice (this "
                f"record's review is the carer's assessment); drop carer: true from '{ref}'",
            )


def _lots(c: _Checker) -> None:
    plan = c.plan
    first: dict[str, int] = {}
    for i, lot in enumerate(plan.lots):
        if lot.id in c.site_ids:
            c.error(("lots", i, "id"), f"'{lot.id}' is also a site id")
        if lot.id in first:
            c.error(("lots", i, "id"), f"duplicate lot '{lot.id}'")
        first.setdefault(lot.id, i)
        for j, site_id in enumerate(lot.replaces):
            if site_id not in c.site_ids:
                if not c.gone(site_id, "sites"):
                    c.error(
                        ("lots", i, "replaces", j),
                        f"unknown site '{site_id}'{did_you_mean(site_id, c.site_ids)}",
                    )
            elif plan.site(site_id).status is not SiteStatus.closing:
                c.error(
                    ("lots", i, "replaces", j),
                    f"'{site_id}' is {plan.site(site_id).status.value}, not closing; only a "
                    "closing site can be replaced",
                )
        if lot.double_running is not None and not lot.replaces:
            c.warn(
                ("lots", i, "double_running"),
                "double running needs the sites the lot replaces (replaces: [SITE])",
            )
        _procurement(c, i)


def _procurement(c: _Checker, i: int) -> None:
    lot = c.plan.lots[i]
    proc = lot.procurement
    minimum, source = tender_minimum(proc)
    if proc.tender is not None:
        if proc.route not in (Route.open, Route.competitive_flexible):
            c.warn(
                ("lots", i, "procurement", "tender"),
                f"a {proc.route.value} route has no tendering period; this is ignored",
            )
        elif proc.tender.days() < minimum:
            c.error(
                ("lots", i, "procurement", "tender"),
                f"{proc.tender} ({proc.tender.days()} days) is shorter than the statutory "
                f"minimum: {source}",
            )
    if not proc.standstill and not proc.light_touch and proc.route is not Route.partnership:
        c.error(
            ("lots", i, "procurement", "standstill"),
            "the Procurement Act 2023 s.51 requires a standstill of 8 working days; only a "
            "light touch contract (light_touch: true) may do without",
        )
    if proc.not_before is not None and proc.not_before < c.plan.programme.start:
        c.warn(
            ("lots", i, "procurement", "not_before"),
            f"{proc.not_before} is before programme.start {c.plan.programme.start}: "
            "the procurement is scheduled from the programme start",
        )


def check_lot_step(c: _Checker, loc: PathKey, kind: K, subject: str) -> bool:
    """Whether ``kind:subject`` names a step a lot generates (errors located at ``loc``)."""
    lots = {lot.id: lot for lot in c.plan.lots}
    lot = lots.get(subject)
    if lot is None:
        hint = did_you_mean(subject, list(lots))
        c.error(loc, f"unknown lot '{subject}' in '{kind.value}:{subject}'{hint}")
        return False
    if kind is not K.lot_open and kind.value not in {s.kind for s in stages(lot)}:
        c.error(
            loc,
            f"'{kind.value}:{subject}': the {lot.procurement.route.value} route has no "
            f"{kind.value} step",
        )
        return False
    return True


def _one_of(known: Mapping[str, object]) -> str:
    """``'LD', 'autism' or 'other'``: the cohorts a person may be given."""
    names = [f"'{k}'" for k in known]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]
