"""The plan's records, version 1. Every section is a typed model; nothing downstream sees a dict.

Key names follow the design sketch; the few departures are documented on the field.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum
from functools import cached_property
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from transition_planner.plan.calendar import Region, region_bank_holidays
from transition_planner.plan.commissioning import DEFAULT_COHORTS, CohortDef, Lot
from transition_planner.plan.money import pounds
from transition_planner.plan.outcomes import Outcome
from transition_planner.plan.phasing import Indicator, Phase
from transition_planner.plan.steps import OwnedKind
from transition_planner.plan.text import Name, Text
from transition_planner.plan.values import (
    MAX_PLACES,
    MAX_TEAM_CAPACITY,
    Duration,
    DurationField,
    Id,
    Money,
    PersonalDate,
    PlanDate,
    StepDuration,
)

FORMAT_VERSION = 1


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class SiteStatus(StrEnum):
    closing = "closing"
    receiving = "receiving"
    continuing = "continuing"
    redeveloping = "redeveloping"


class Needs(StrEnum):
    moderate = "moderate"
    substantial = "substantial"
    complex = "complex"
    unknown = "unknown"


class Cohort(StrEnum):
    LD = "LD"
    autism = "autism"
    PMLD = "PMLD"
    OP = "OP"
    PD = "PD"
    MH = "MH"
    sensory = "sensory"
    other = "other"


class Pathway(StrEnum):
    move = "move"
    employment = "employment"
    community = "community"
    direct_payment = "direct-payment"
    stay = "stay"  # reviewed where they are, not moved (a continuing service)


# Pathways that need a place at a destination; the others need a transition plan instead.
PLACE_PATHWAYS = frozenset({Pathway.move, Pathway.employment})


class Assessment(StrEnum):
    review = "review"
    reassessment = "reassessment"
    # A carer's own record (``carers:``): their review is a carer's assessment (Care Act s.10).
    carer_assessment = "carer_assessment"


CARERS_COHORT = "carers"
"""The cohort every carer's own record belongs to (defined by the plan, or added for it)."""


class StaffStatus(StrEnum):
    at_risk = "at_risk"
    vr_requested = "vr_requested"
    not_at_risk = "not_at_risk"


class VacancyUse(StrEnum):
    delete = "delete"
    redeploy = "redeploy"


# --- programme -----------------------------------------------------------------------------


class Savings(Record):
    full_year: Money = Field(description="Full-year saving in pounds once the programme is done.")
    in_year: Money | None = Field(
        default=None, description="Saving expected in the current financial year, if known."
    )


class Slippage(Record):
    monthly_cost: Money | None = Field(
        default=None,
        description="Cost of each started calendar month late; defaults to savings.full_year / 12.",
    )
    pro_rata: bool = Field(
        default=False, description="Charge part months pro rata by day instead of whole months."
    )


class Calendar(Record):
    holidays: list[PlanDate] = Field(
        default_factory=list,
        description="Bank holidays: no moves, closures or notices on these days.",
    )
    weekends: bool = Field(
        default=False, description="Whether moves, closures and notices may fall on weekends."
    )
    region: Region | Literal["none"] = Field(
        default="england-and-wales",
        description="Whose bank holidays to add to `holidays` (england-and-wales, scotland, "
        "northern-ireland, or none).",
    )

    def is_move_day(self, day: date) -> bool:
        """Moves, closures and notices fall on working days: not holidays (the plan's own and
        the region's bank holidays), nor weekends unless the plan allows them. Reviews run
        through both (their durations are calendar time)."""
        if day in self.holidays or (self.region != "none" and self.is_bank_holiday(day)):
            return False
        return self.weekends or day.weekday() < 5

    def is_bank_holiday(self, day: date) -> bool:
        """Whether ``day`` is a bank holiday in the plan's region (never with region none)."""
        return self.region != "none" and day in region_bank_holidays(self.region, day.year)


class Programme(Record):
    name: Name = Field(min_length=1)
    organisation: Name = Field(min_length=1)
    start: PlanDate = Field(description="First day work can start (ISO date).")
    target_end: PlanDate = Field(description="Date by which services should cease (ISO date).")
    savings: Savings
    slippage: Slippage = Field(default_factory=Slippage)
    calendar: Calendar = Field(default_factory=Calendar)

    @property
    def monthly_slippage_cost(self) -> Decimal:
        if self.slippage.monthly_cost is not None:
            return self.slippage.monthly_cost
        return Decimal(pounds(self.savings.full_year / 12))


# --- deadlines -----------------------------------------------------------------------------


class Deadline(Record):
    """A date something should be done by: hard (must) or costed (each started month late costs)."""

    date: PlanDate
    hard: bool = Field(default=False, description="If true, a schedule that misses it is invalid.")
    cost_per_month: Money = Field(
        default=Decimal(0), description="Pounds per started calendar month late (costed deadlines)."
    )

    @model_validator(mode="before")
    @classmethod
    def _from_date(cls, value: Any) -> Any:
        # `close_by: 2016-05-31` is shorthand for `close_by: {date: 2016-05-31}`.
        if isinstance(value, (date, str)):
            return {"date": value}
        return value


# --- sites, leases, teams ------------------------------------------------------------------


class Site(Record):
    id: Id
    name: Name | None = None
    status: SiteStatus
    capacity: int | None = Field(
        default=None,
        ge=0,
        le=MAX_PLACES,
        description="Places for people moving in (receiving sites).",
    )
    close_by: Deadline | None = Field(default=None, description="Closing sites: date or deadline.")
    available_from: PlanDate | None = Field(
        default=None, description="First date people can move in."
    )
    available_after: list[str] = Field(
        default_factory=list,
        description="Actions that must finish before people can move in (e.g. a redevelopment). "
        "The design sketch called this `after`; renamed because a site has no single step.",
    )
    running_cost_per_month: Money = Decimal(0)
    features: list[str] = Field(default_factory=list, description="e.g. hoist, changing-places.")
    cohorts: list[Id] | None = Field(
        default=None, description="Cohorts the site accepts (plan cohort ids); omitted means all."
    )
    pathways: list[Pathway] = Field(
        default_factory=lambda: [Pathway.move],
        description="Pathways it offers places for: move (day service) and/or employment.",
    )

    @property
    def label(self) -> str:
        return self.name or self.id


class Dilapidations(Record):
    estimate: Money = Decimal(0)
    works: DurationField = Field(
        default=Duration(0, "d"), description="Works before exit, e.g. 6w."
    )


class Lease(Record):
    site: Id
    landlord: Name | None = None
    rent_per_month: Money
    notice_months: int = Field(ge=0, le=120, description="Break notice period in calendar months.")
    notice_margin: DurationField = Field(
        default=Duration(2, "w"), description="Lead time for serving the notice safely."
    )
    break_dates: list[PlanDate] = Field(default_factory=list)
    expiry: PlanDate | None = None
    dilapidations: Dilapidations = Field(default_factory=Dilapidations)


class Availability(Record):
    start: PlanDate = Field(alias="from")
    end: PlanDate | None = Field(default=None, alias="to")
    capacity: int = Field(
        ge=0, le=MAX_TEAM_CAPACITY, description="Reviews in progress at once during this period."
    )


class Team(Record):
    id: Id
    name: Name | None = None
    capacity: int = Field(
        ge=1, le=MAX_TEAM_CAPACITY, description="Reviews or assessments in progress at once."
    )
    sites: list[Id] = Field(default_factory=list, description="Sites it reviews; empty means all.")
    availability: list[Availability] = Field(
        default_factory=list, description="Periods with a different capacity (leave, vacancies)."
    )

    def capacity_on(self, day: date) -> int:
        """Reviews or assessments the team can carry on ``day``: the last availability period
        covering the day (``to`` inclusive, open-ended if absent), else ``capacity``."""
        capacity = self.capacity
        for period in self.availability:
            if period.start <= day and (period.end is None or day <= period.end):
                capacity = period.capacity
        return capacity

    def capacity_changes(self) -> list[tuple[date, int]]:
        """``(day, capacity)`` from each day the capacity may change on, in date order: the
        same answer as ``capacity_on`` for every day on or after the first of them."""
        days = {p.start for p in self.availability}
        days |= {p.end + timedelta(days=1) for p in self.availability if p.end is not None}
        return [(day, self.capacity_on(day)) for day in sorted(days)]


class PostMoveReview(Record):
    duration: StepDuration = Duration(1, "d")
    earliest: DurationField = Duration(6, "w")
    latest: DurationField = Duration(8, "w")


class Durations(Record):
    review: dict[Needs, StepDuration] = Field(
        default_factory=lambda: {
            Needs.moderate: Duration(1, "w"),
            Needs.substantial: Duration(2, "w"),
            Needs.complex: Duration(3, "w"),
        },
        description="Review length by needs level; unknown needs use complex.",
    )
    reassessment: dict[Needs, StepDuration] | None = Field(
        default=None, description="Reassessment length by needs level; defaults to review + 1w."
    )
    carer_assessment: StepDuration = Duration(1, "w")
    notice_to_person: DurationField = Duration(2, "w")
    move: StepDuration = Duration(1, "d")
    transition_plan: StepDuration = Duration(2, "w")
    post_move_review: PostMoveReview = Field(default_factory=PostMoveReview)


# --- people and staff ----------------------------------------------------------------------


class Person(Record):
    id: Id = Field(description="A pseudonymous id; never a name.")
    site: Id
    cohort: Id = Field(description="A cohort id: one of the plan's cohorts, or the default list.")
    needs: Needs
    requires: list[str] = Field(default_factory=list)
    preferred: list[Id] = Field(default_factory=list, description="Destinations, best first.")
    group: str | None = Field(default=None, description="Friends moved together share a group.")
    carer: bool = False
    pathway: Pathway = Pathway.move
    eligible: bool = Field(default=True, description="False: found ineligible; transition plan.")
    assessment: Assessment = Assessment.review
    team: Id | None = None
    date_of_birth: date | None = Field(
        default=None, description="For cohorts with an age band (e.g. 18-25)."
    )

    @property
    def needs_place(self) -> bool:
        return self.eligible and self.pathway in PLACE_PATHWAYS

    @property
    def stays(self) -> bool:
        """Reviewed where they are, not moved: no move and no transition plan."""
        return self.pathway is Pathway.stay


class Carer(Record):
    """An unpaid carer as their own record, where respite is the service: assessed (a carer's
    assessment under the Care Act 2014 s.10, by the team, for ``durations.carer_assessment``)
    and moved to a respite service like a person (``as_person``), in the ``carers`` cohort."""

    id: Id = Field(description="A pseudonymous id; never a name.")
    cared_for: Id | None = Field(
        default=None, description="The person (a people id) they care for, if in the plan."
    )
    site: Id = Field(description="The site whose respite service they use now.")
    needs: Needs = Field(description="The carer's needs for respite.")
    requires: list[str] = Field(default_factory=list)
    preferred: list[Id] = Field(default_factory=list, description="Respite services, best first.")
    group: str | None = None
    pathway: Pathway = Field(
        default=Pathway.move,
        description="move (to a respite service), stay (assessed, not moved), direct-payment, ...",
    )
    team: Id | None = None

    def as_person(self) -> Person:
        """The carer as a person of the ``carers`` cohort whose review is a carer's assessment:
        every person rule (places, moves, team load, verify) applies unchanged."""
        return Person(
            id=self.id,
            site=self.site,
            cohort=CARERS_COHORT,
            needs=self.needs,
            requires=self.requires,
            preferred=self.preferred,
            group=self.group,
            pathway=self.pathway,
            team=self.team,
            assessment=Assessment.carer_assessment,
        )


class Staff(Record):
    id: Id
    name: Name = Field(min_length=1)
    role: Name = Field(min_length=1)
    site: Id
    grade: Name | None = None
    weekly_pay: Money
    start_date: PersonalDate
    date_of_birth: PersonalDate
    contractual_notice: DurationField | None = None
    status: StaffStatus = StaffStatus.at_risk
    pension_member: bool = False
    strain_estimate: Money | None = Field(default=None, description="The fund's strain estimate.")
    redeploy_to: Id | None = Field(
        default=None, description="A redeploy vacancy already agreed for this person (its id)."
    )
    pay_in_lieu: bool = Field(
        default=False,
        description="Notice paid in lieu: leaves the day notice is given (ERA s.145(2)(b)); "
        "the relevant date for redundancy pay is extended by the statutory notice (s.145(5)).",
    )
    protected: Protected | None = Field(
        default=None,
        description="Pregnancy or family leave giving priority for suitable vacancies from "
        "6 April 2024 (SI 2024/264).",
    )


FamilyStatusName = Literal["pregnant", "maternity_leave", "adoption_leave", "shared_parental_leave"]


class Protected(Record):
    """The dates the redeployment-priority rule needs (rules/family.py); leave out the ones
    that do not apply."""

    status: FamilyStatusName
    informed_of_pregnancy: date | None = None
    expected_week: date | None = None
    birth: date | None = None
    pregnancy_ended: date | None = None
    leave_start: date | None = None
    leave_end: date | None = None
    placement: date | None = None
    spl_consecutive_weeks: int = Field(default=0, ge=0)

    @model_validator(mode="after")
    def _dates_needed(self) -> Protected:
        # what rules/family.py protected_period reads for each status
        needs: dict[str, list[tuple[str, ...]]] = {
            "pregnant": [("informed_of_pregnancy",), ("birth", "expected_week", "pregnancy_ended")],
            "maternity_leave": [("leave_start",), ("birth", "expected_week")],
            "adoption_leave": [("leave_start",), ("placement", "leave_end")],
            "shared_parental_leave": [("leave_start",), ("leave_end",)],
        }
        for options in needs[self.status]:
            if all(getattr(self, name) is None for name in options):
                columns = ", ".join(f"protected_{name}" for name in options)
                raise ValueError(
                    f"{self.status} needs {' or '.join(options)} (in a staff file: {columns})"
                )
        if self.leave_start and self.leave_end and self.leave_end < self.leave_start:
            raise ValueError(f"leave_end {self.leave_end} is before leave_start {self.leave_start}")
        return self


class Vacancy(Record):
    id: Id
    role: Name
    grade: Name | None = None
    site: Id
    use: VacancyUse = Field(description="delete: deleted post; redeploy: open to at-risk staff.")
    available_from: PlanDate | None = None


# --- actions and workforce -----------------------------------------------------------------


class Action(Record):
    id: Id
    title: Name | None = None
    workstream: Name = Field(default="decommissioning and property")
    owner: Name | None = None
    duration: StepDuration
    after: list[str] = Field(
        default_factory=list,
        description="Actions or generated steps (close:SITE, dilapidations:SITE, "
        "lease_notice:SITE, lease_exit:SITE, review:PERSON, move:PERSON, services_cease) "
        "that must finish first.",
    )
    before: list[str] = Field(default_factory=list, description="Steps that must wait for this.")
    not_before: PlanDate | None = None
    deadline: Deadline | None = None


class Enhancement(Record):
    use_actual_pay: bool = Field(default=False, description="Reg 5: actual, uncapped week's pay.")
    multiplier: Decimal = Field(default=Decimal(1), ge=1, le=10)
    max_weeks: int = Field(default=104, ge=0, le=104)


class Establishment(StrEnum):
    site = "site"
    programme = "programme"


class Workforce(Record):
    one_to_one_per_week: int = Field(
        default=10,
        ge=1,
        le=1_000,
        description="1:1 meetings a week per establishment, held on working days (at most "
        "a fifth of them, and at least one, on any one day).",
    )
    vr_window: StepDuration = Field(
        default=Duration(2, "w"), description="How long the call for VR stays open."
    )
    accept_vr: bool = Field(
        default=True, description="Accept every VR request; if false, volunteers stay at risk."
    )
    establishment: Establishment = Field(
        default=Establishment.site,
        description="Count proposed dismissals per site (each centre an establishment) or "
        "across the whole programme, for the collective-consultation thresholds.",
    )
    individual_consultation: StepDuration = Field(
        default=Duration(2, "w"),
        description="Consultation length where no collective minimum applies (under 20).",
    )
    enhancement: Enhancement = Field(default_factory=Enhancement)


class Briefing(Record):
    to: Name | None = None
    author: Name | None = None
    title: Name | None = None
    summary: Text | None = None
    recommendations: list[Text] = Field(default_factory=list)
    background: Text | None = None
    council_priorities: Text | None = None
    risks: Text | None = None
    legal: Text | None = None
    property: Text | None = None
    health_and_wellbeing: Text | None = None
    equality: Text | None = None
    consultation: Text | None = None
    suppress_below: int = Field(
        default=5, ge=1, le=1_000, description="Counts 1..n-1 shown as 'fewer than n'."
    )


class Tracking(Record):
    """Running the programme week by week: progress, re-planning and RAG status."""

    progress: str | None = Field(
        default=None, description="The progress file (CSV/XLSX beside the plan) to re-plan from."
    )
    freeze: DurationField = Field(
        default=Duration(2, "w"),
        description="From the status date, baseline dates inside this window stay fixed.",
    )
    amber_days: int = Field(
        default=14, ge=0, description="Amber when a milestone's slack falls under this many days."
    )


# --- the plan ------------------------------------------------------------------------------


class Plan(Record):
    version: int = Field(
        default=FORMAT_VERSION, ge=1, le=FORMAT_VERSION, description="Plan format version."
    )
    programme: Programme
    sites: list[Site] = Field(min_length=1)
    leases: list[Lease] = Field(default_factory=list)
    teams: list[Team] = Field(default_factory=list)
    durations: Durations = Field(default_factory=Durations)
    people: list[Person] = Field(
        default_factory=list, description="Inline list, or a CSV/XLSX file name beside the plan."
    )
    staff: list[Staff] = Field(
        default_factory=list, description="Inline list, or a CSV/XLSX file name beside the plan."
    )
    carers: list[Carer] = Field(
        default_factory=list,
        description="Unpaid carers as their own records where respite is the service; each is "
        "also one of ``people`` (after the plan's own), in the carers cohort. Inline list, or a "
        "CSV/XLSX file name beside the plan.",
    )
    vacancies: list[Vacancy] = Field(default_factory=list)
    actions: list[Action] = Field(default_factory=list)
    workforce: Workforce = Field(default_factory=Workforce)
    briefing: Briefing | None = None
    owners: dict[OwnedKind, Name] = Field(
        default_factory=dict,
        description="Owner of the generated steps by kind (e.g. hr1: HR Business Partner); "
        "defaults: HR for the HR chain, Property lead for lease steps, the team for reviews, "
        "Programme manager otherwise. A custom action's own owner comes first.",
    )
    # Commissioning (plan/commissioning.py); helpers in the methods marked "commissioning".
    cohorts: list[CohortDef] | None = Field(
        default=None, description="The plan's cohorts; omitted means the default list."
    )
    lots: list[Lot] = Field(default_factory=list, description="New services to commission.")
    outcomes: list[Outcome] = Field(
        default_factory=list, description="Outcomes over time, with trajectories and payment."
    )
    phases: list[Phase] = Field(default_factory=list, description="Programme phases (years).")
    indicators: list[Indicator] = Field(default_factory=list, description="Success indicators.")
    tracking: Tracking = Field(default_factory=Tracking)

    @model_validator(mode="after")
    def _carers_are_people(self) -> Plan:
        # Carers' records join ``people`` after the plan's own, so one set of person rules
        # (compile, costing, verify, papers) covers both; ``given_people`` says where they start.
        if self.carers:
            everyone = [*self.people, *(c.as_person() for c in self.carers)]
            object.__setattr__(self, "people", everyone)
        return self

    @property
    def given_people(self) -> int:
        """How many of ``people`` are the plan's own (the rest are its carers' records)."""
        return len(self.people) - len(self.carers)

    def site(self, site_id: str) -> Site:
        return self._sites_by_id[site_id]

    def people_at(self, site_id: str) -> list[Person]:
        """The people whose current site is ``site_id``, in plan order."""
        return self._people_by_site.get(site_id, [])

    def team_for(self, person: Person) -> Team | None:
        """The person's team, else the first team covering their site, else one covering all."""
        by_id, by_site, general = self._teams_index
        if person.team is not None:
            return by_id.get(person.team)
        return by_site.get(person.site, general)

    # Records are frozen, so these lookups are built once: a scan per person was quadratic
    # in plans whose team and site counts grow with the people.
    @cached_property
    def _sites_by_id(self) -> dict[str, Site]:
        by_id: dict[str, Site] = {}
        for s in self.all_sites:
            by_id.setdefault(s.id, s)
        return by_id

    @cached_property
    def _people_by_site(self) -> dict[str, list[Person]]:
        at: dict[str, list[Person]] = {}
        for p in self.people:
            at.setdefault(p.site, []).append(p)
        return at

    @cached_property
    def _teams_index(self) -> tuple[dict[str, Team], dict[str, Team], Team | None]:
        by_id: dict[str, Team] = {}
        by_site: dict[str, Team] = {}
        for t in self.teams:
            by_id.setdefault(t.id, t)
            for site in t.sites:
                by_site.setdefault(site, t)
        general = next((t for t in self.teams if not t.sites), None)
        return by_id, by_site, general

    def accepting(self, person: Person) -> list[Site]:
        """Sites that offer what the person needs (``accepts``), in plan order."""
        kind = (*_kind(person), self.cohorts_of(person))
        if kind not in self._site_lists:
            cohorts = self.cohorts_of(person)
            self._site_lists[kind] = [s for s in self.all_sites if accepts(s, person, cohorts)]
        return self._site_lists[kind]

    def destinations_for(self, person: Person) -> list[Site]:
        """Sites that can take the person, preferred ones first (in order), then by plan order."""
        key = (*_kind(person), self.cohorts_of(person), tuple(person.preferred))
        if key not in self._site_lists:
            fits = self.accepting(person)
            ranked = [s for p in person.preferred for s in fits if s.id == p]
            self._site_lists[key] = ranked + [s for s in fits if s not in ranked]
        return self._site_lists[key]

    # most people share a few combinations of needs and preferences, so the scan of every site
    # (people x sites in all) is done once per combination
    @cached_property
    def _site_lists(self) -> dict[tuple[object, ...], list[Site]]:
        return {}

    # --- commissioning: cohorts by rule, lots as receiving sites ------------------------------

    @cached_property
    def cohort_defs(self) -> dict[str, CohortDef]:
        """The plan's cohorts by id (the default list when it defines none)."""
        defs = self.cohorts or [CohortDef(id=c) for c in DEFAULT_COHORTS]
        found = {c.id: c for c in defs}
        if self.carers and CARERS_COHORT not in found:
            found[CARERS_COHORT] = CohortDef(id=CARERS_COHORT, name="Unpaid carers")
        return found

    def age_of(self, person: Person) -> int | None:
        """Age in complete years on ``programme.start`` (None without a date of birth)."""
        born = person.date_of_birth
        if born is None:
            return None
        start = self.programme.start
        return start.year - born.year - ((start.month, start.day) < (born.month, born.day))

    def cohorts_of(self, person: Person) -> frozenset[str]:
        """The person's cohort and every age-band cohort their age puts them in."""
        age = self.age_of(person)
        banded = {
            c.id
            for c in self.cohort_defs.values()
            if c.age is not None and age is not None and c.age.contains(age)
        }
        return frozenset({person.cohort, *banded})

    @cached_property
    def lot_sites(self) -> list[Site]:
        """Each lot as a receiving site that takes people once its mobilisation ends."""
        return [
            Site(
                id=lot.id,
                name=lot.name,
                status=SiteStatus.receiving,
                capacity=lot.capacity,
                available_after=[f"mobilisation:{lot.id}"],
                features=lot.features,
                cohorts=lot.cohorts,
                pathways=[Pathway(p) for p in lot.pathways],
            )
            for lot in self.lots
        ]

    def caseload(self, outcome: Outcome) -> int:
        """People the outcome's service works with at once: its own caseload, else the
        capacity of the lot or site that provides it."""
        if outcome.caseload is not None:
            return outcome.caseload
        site = self._sites_by_id.get(outcome.service)
        return (site.capacity or 0) if site is not None else 0

    def service_opens(self, outcome: Outcome) -> date | None:
        """For a site's service: when it takes people (available_from, else the programme
        start). A lot's opening comes from the schedule, so this is None for a lot."""
        if any(lot.id == outcome.service for lot in self.lots):
            return None
        site = self._sites_by_id.get(outcome.service)
        if site is None:
            return None
        return site.available_from or self.programme.start

    @cached_property
    def all_sites(self) -> list[Site]:
        """The plan's sites, then its lots as receiving sites."""
        return [*self.sites, *self.lot_sites]

    def review_duration(self, person: Person) -> Duration:
        table = self.durations.review
        if person.assessment is Assessment.carer_assessment:
            return self.durations.carer_assessment
        if person.assessment is Assessment.reassessment:
            if self.durations.reassessment is not None:
                table = self.durations.reassessment
            else:
                base = _lookup_needs(table, person.needs)
                return Duration(base.days() + 7, "d")
        return _lookup_needs(table, person.needs)

    def team_work_days(self, person: Person) -> int:
        """Team-days of work before ``person`` can leave their site: their review (or
        reassessment) and, if they have a carer, the carer's assessment."""
        days = self.review_duration(person).days()
        return days + (self.durations.carer_assessment.days() if person.carer else 0)


PLACE_STATUSES = frozenset({SiteStatus.receiving, SiteStatus.continuing, SiteStatus.redeveloping})


def accepts(site: Site, person: Person, cohorts: frozenset[str] | None = None) -> bool:
    """Whether ``site`` offers what ``person`` needs: pathway, cohort, features and places.

    ``cohorts`` are the person's cohorts by the plan's rules (``Plan.cohorts_of``); by default
    only their own ``cohort``."""
    mine = cohorts if cohorts is not None else frozenset({person.cohort})
    return (
        site.status in PLACE_STATUSES
        and site.id != person.site
        and (site.capacity or 0) > 0
        and person.pathway in site.pathways
        and (site.cohorts is None or not mine.isdisjoint(site.cohorts))
        and set(person.requires) <= set(site.features)
    )


def suitable(member: Staff, vacancy: Vacancy) -> bool:
    """A redeploy vacancy in the same role and grade (a grade left blank matches any)."""
    return (
        vacancy.use is VacancyUse.redeploy
        and vacancy.role.casefold() == member.role.casefold()
        and (vacancy.grade is None or member.grade is None or vacancy.grade == member.grade)
    )


def _kind(person: Person) -> tuple[object, ...]:
    """What decides which sites can take a person."""
    return (person.site, person.pathway, person.cohort, frozenset(person.requires))


def _lookup_needs(table: dict[Needs, Duration], needs: Needs) -> Duration:
    for key in (needs, Needs.complex, Needs.substantial, Needs.moderate):
        if key in table:
            return table[key]
    return Duration(3, "w")


PlanField = Annotated[Plan, Field()]
