"""Generate a valid, realistic plan of a given size: the plan YAML and its people and staff CSVs.

Every figure is invented (ILLUSTRATIVE) except the needs mix, which follows Birmingham's
council-run day centres (10 moderate, 111 substantial, 473 complex, 48 unknown needs). The
shape follows the seed case: closing centres (about three in five sites), receiving and
redeveloping centres that take people, leases with quarter-day breaks, area review teams,
friendship groups, carers, staff at risk and vacancies.

Places are sized from demand: each person is given a "home" destination that can take them and
every receiving site gets its home demand plus about 12% spare, so the places always suffice;
the home is everyone's first preference, so first preferences never exceed a site's places.
In big plans (8 or more receiving sites) the receiving sites form transport areas of six, each
with a hub that takes everyone; a person needs their area's route (a ``route-N`` feature), as
people travel to centres near them. Teams are sized from their review and
assessment work so that it fits in about 80% of the time before the deadline: tight, but
reachable. The same options and seed give the same files, byte for byte.
"""

from __future__ import annotations

import csv
import io
import math
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

from transition_planner.errors import OptionsError, OutputError
from transition_planner.exports.atomic import write_files
from transition_planner.plan.steps import StepKind as K, step_id
from transition_planner.plan.tables import PEOPLE_COLUMNS, STAFF_COLUMNS

# Birmingham's council-run centres: needs of 642 people whose needs were recorded or unknown.
NEEDS_MIX: Mapping[str, int] = {"moderate": 10, "substantial": 111, "complex": 473, "unknown": 48}
COHORT_MIX: Mapping[str, int] = {
    "LD": 55,
    "autism": 12,
    "PMLD": 10,
    "OP": 10,
    "PD": 8,
    "MH": 3,
    "sensory": 2,
}
# Receiving sites specialise once there are enough of them: cohorts each one accepts.
COHORT_SETS: tuple[tuple[str, ...], ...] = (
    ("LD", "autism"),
    ("PMLD", "PD", "LD"),
    ("OP", "PD", "sensory"),
    ("LD", "MH", "autism"),
)
FEATURE_SETS: tuple[tuple[str, ...], ...] = (
    ("hoist", "changing-places", "sensory-room"),
    ("hoist",),
    ("quiet-room",),
)
REVIEW_DAYS = {"moderate": 7, "substantial": 14, "complex": 21, "unknown": 21}
START = date(2025, 4, 1)
TARGET_END = date(2025, 9, 30)
NOTICE_DAYS = 14
HOLIDAYS = (
    date(2025, 4, 18),
    date(2025, 4, 21),
    date(2025, 5, 5),
    date(2025, 5, 26),
    date(2025, 8, 25),
    date(2025, 12, 25),
    date(2025, 12, 26),
    date(2026, 1, 1),
    date(2026, 4, 3),
    date(2026, 4, 6),
    date(2026, 5, 4),
    date(2026, 5, 25),
    date(2026, 8, 31),
    date(2026, 12, 25),
    date(2026, 12, 28),
)
PLACES = [
    "acocks-green",
    "aston",
    "balsall-heath",
    "bartley-green",
    "billesley",
    "bordesley",
    "castle-vale",
    "digbeth",
    "edgbaston",
    "erdington",
    "frankley",
    "garretts-green",
    "hall-green",
    "handsworth",
    "harborne",
    "highgate",
    "hodge-hill",
    "kings-heath",
    "kings-norton",
    "kingstanding",
    "ladywood",
    "longbridge",
    "moseley",
    "nechells",
    "northfield",
    "perry-barr",
    "quinton",
    "shard-end",
    "selly-oak",
    "small-heath",
    "sparkbrook",
    "stechford",
    "stirchley",
    "sutton-coldfield",
    "tyburn",
    "ward-end",
    "weoley",
    "yardley",
]
FIRST_NAMES = [
    "Aisha",
    "Amrit",
    "Barbara",
    "Carl",
    "Chloe",
    "Darren",
    "Deborah",
    "Elaine",
    "Farah",
    "Gary",
    "Hannah",
    "Imran",
    "Janet",
    "Joseph",
    "Karen",
    "Lee",
    "Lorraine",
    "Marcus",
    "Maxine",
    "Nadia",
    "Neil",
    "Patricia",
    "Rajesh",
    "Sandra",
    "Shaun",
    "Tariq",
    "Tracey",
    "Wayne",
    "Yvonne",
    "Zoe",
]
SURNAMES = [
    "Ahmed",
    "Bates",
    "Begum",
    "Brennan",
    "Clarke",
    "Davies",
    "Edwards",
    "Fletcher",
    "Green",
    "Hussain",
    "Jones",
    "Kaur",
    "Khan",
    "Lewis",
    "Morris",
    "Nash",
    "O'Neill",
    "Patel",
    "Price",
    "Riley",
    "Shah",
    "Singh",
    "Taylor",
    "Turner",
    "Walker",
    "Webb",
    "Wright",
]
ROLES = (
    # role, grade, weekly pay range, contractual notice
    ("Centre Manager", "Grade 10", (720, 820), "2m"),
    ("Senior Day Centre Officer", "Grade 8", (540, 600), "1m"),
    ("Day Centre Officer", "Grade 6", (430, 480), ""),
    ("Support Worker", "Grade 4", (360, 400), ""),
    ("Driver/Escort", "Grade 4", (350, 390), ""),
    ("Cook", "Grade 3", (330, 360), ""),
)


@dataclass(frozen=True)
class GenerateOptions:
    """What to generate. ``name`` is the stem of the files (``NAME.yaml``, ``NAME-people.csv``)."""

    people: int = 300
    sites: int = 8
    staff: int = 60
    seed: int = 0
    name: str = "plan"
    title: str | None = None

    def check(self) -> list[str]:
        problems = []
        if self.people < 1:
            problems.append("people must be at least 1")
        if self.sites < 2:
            problems.append("sites must be at least 2 (one closing, one receiving)")
        if self.staff < 0:
            problems.append("staff must not be negative")
        if not self.name or any(c in self.name for c in "/\\"):
            problems.append(f"name {self.name!r} must be a plain file name (no / or \\)")
        return problems


@dataclass(frozen=True)
class GeneratedPlan:
    """The plan's files, by name: ``NAME.yaml``, ``NAME-people.csv``, ``NAME-staff.csv``."""

    plan_file: str
    files: dict[str, str] = field(default_factory=dict)

    def encoded(self) -> dict[str, bytes]:
        return {name: text.encode("utf-8") for name, text in self.files.items()}


def apportion(total: int, weights: Mapping[str, int]) -> dict[str, int]:
    """Split ``total`` in proportion to ``weights`` (largest remainders, ties by key order)."""
    whole = sum(weights.values())
    exact = {k: total * w / whole for k, w in weights.items()}
    counts = {k: math.floor(v) for k, v in exact.items()}
    order = sorted(weights, key=lambda k: (-(exact[k] - counts[k]), list(weights).index(k)))
    for k in order[: total - sum(counts.values())]:
        counts[k] += 1
    return counts


def _spread(rng: random.Random, counts: Mapping[str, int]) -> list[str]:
    values = [k for k, n in counts.items() for _ in range(n)]
    rng.shuffle(values)
    return values


def _site_ids(n: int, suffix: str, offset: int) -> list[str]:
    ids = []
    for i in range(n):
        k = (i + offset) % len(PLACES)
        lap = (i + offset) // len(PLACES)
        ids.append(f"{PLACES[k]}-{suffix}" + (f"-{lap + 1}" if lap else ""))
    return ids


@dataclass
class _Person:
    id: str
    site: str
    cohort: str
    needs: str
    requires: tuple[str, ...]
    carer: bool
    pathway: str
    eligible: bool
    assessment: str
    preferred: list[str] = field(default_factory=list)
    group: str = ""
    home: str = ""

    @property
    def needs_place(self) -> bool:
        return self.eligible and self.pathway in ("move", "employment")


@dataclass
class _Receiving:
    id: str
    status: str
    cohorts: tuple[str, ...] | None
    features: tuple[str, ...]
    pathways: tuple[str, ...]
    demand: int = 0

    def accepts(self, p: _Person) -> bool:
        return (
            p.pathway in self.pathways
            and (self.cohorts is None or p.cohort in self.cohorts)
            and set(p.requires) <= set(self.features)
        )


def generate_plan(options: GenerateOptions) -> GeneratedPlan:
    """The plan's YAML and CSV texts for ``options`` (deterministic for a seed)."""
    problems = options.check()
    if problems:
        raise OptionsError("; ".join(problems))
    rng = random.Random(options.seed)
    n_closing = max(1, min(options.sites - 1, round(options.sites * 0.6)))
    n_receiving = options.sites - n_closing
    closing = _site_ids(n_closing, "day-centre", 0)
    receiving = _receiving_sites(n_receiving)
    people = _people(rng, options.people, closing, receiving)
    _groups(rng, people)
    _homes_and_preferences(rng, people, receiving)
    teams = _teams(people, closing)
    staff, vacancies = _staff(rng, options.staff, closing, receiving, people)
    stem = options.name
    files = {
        f"{stem}-people.csv": _csv(PEOPLE_COLUMNS, [_person_row(p) for p in people]),
        f"{stem}-staff.csv": _csv(STAFF_COLUMNS, staff),
    }
    per_site: dict[str, int] = {}
    for row in staff:
        per_site[row["site"]] = per_site.get(row["site"], 0) + 1
    biggest = max(per_site.values(), default=0)
    data = _plan_data(options, rng, closing, receiving, people, teams, vacancies, biggest)
    files = {f"{stem}.yaml": _header(options, len(people)) + _dump(data), **files}
    return GeneratedPlan(f"{stem}.yaml", files)


def write_generated(out_dir: Path, generated: GeneratedPlan) -> list[Path]:
    """Write the files into ``out_dir``; refuse (writing nothing) if any of them exists."""
    odd = sorted(name for name in generated.files if Path(name).name != name)
    if odd:
        raise OutputError(f"{', '.join(odd)}: a file name may not contain a folder")
    existing = sorted(name for name in generated.files if (out_dir / name).exists())
    if existing:
        raise OutputError(
            f"{out_dir}: {', '.join(existing)} already exist{'s' if len(existing) == 1 else ''}; "
            "nothing was written (choose another folder or name)"
        )
    return write_files(out_dir, generated.encoded())


# --- the parts ------------------------------------------------------------------------------


AREA_SIZE = 6


def _areas(n_receiving: int) -> int:
    """Transport areas: with 8 or more receiving sites, one per 6 of them (else none)."""
    return math.ceil(n_receiving / AREA_SIZE) if n_receiving >= 8 else 0


def _receiving_sites(n: int) -> list[_Receiving]:
    """Receiving sites; in big plans grouped in transport areas of 6, each area's first site a
    hub that takes everyone, the others specialised by cohort and features."""
    areas = _areas(n)
    ids = _site_ids(n, "centre", 17)
    sites = []
    for j, sid in enumerate(ids):
        hub = j < 2 if not areas else j % AREA_SIZE == 0
        status = "redeveloping" if j % 5 == 1 else "receiving"
        features = FEATURE_SETS[0] if hub or not areas else FEATURE_SETS[j % 3]
        if areas:
            features = (*features, f"route-{j // AREA_SIZE + 1}")
        cohorts = None if hub or not areas else COHORT_SETS[j % 4]
        pathways = ("move", "employment") if j % 4 == 0 or hub else ("move",)
        sites.append(_Receiving(sid, status, cohorts, features, pathways))
    return sites


def _people(
    rng: random.Random, n: int, closing: Sequence[str], receiving: Sequence[_Receiving]
) -> list[_Person]:
    needs = _spread(rng, apportion(n, NEEDS_MIX))
    cohorts = _spread(rng, apportion(n, COHORT_MIX))
    # bigger centres first: a centre's share of people falls off gently with its rank
    weights = [1.0 / (1 + 0.15 * i) for i in range(len(closing))]
    areas = _areas(len(receiving))
    route = {s: f"route-{i % areas + 1}" for i, s in enumerate(closing)} if areas else {}
    width = len(str(n))
    people = []
    for i in range(n):
        cohort = cohorts[i]
        requires: tuple[str, ...] = ()
        if cohort == "PMLD":
            requires = ("hoist", "changing-places")
        elif cohort == "PD" and rng.random() < 0.5:
            requires = ("hoist",)
        site = rng.choices(closing, weights)[0]
        if site in route:  # transport reaches the centres of the closing site's area only
            requires = (*requires, route[site])
        roll = rng.random()
        pathway = (
            "employment"
            if roll < 0.06
            else "community"
            if roll < 0.12
            else "direct-payment"
            if roll < 0.15
            else "move"
        )
        person = _Person(
            id=f"P{i + 1:0{width}d}",
            site=site,
            cohort=cohort,
            needs=needs[i],
            requires=requires,
            carer=rng.random() < 0.4,
            pathway=pathway,
            eligible=rng.random() >= 0.02,
            assessment="reassessment" if rng.random() < 0.2 else "review",
        )
        if person.needs_place and not any(s.accepts(person) for s in receiving):
            person.requires = tuple(r for r in requires if r.startswith("route-"))
            if not any(s.accepts(person) for s in receiving):
                person.pathway = "community"
        people.append(person)
    return people


def _groups(rng: random.Random, people: list[_Person]) -> None:
    """Friendship groups of 2 to 4 among people at one site who can go to the same places."""
    pools: dict[tuple[str, str, tuple[str, ...], str], list[_Person]] = {}
    for p in people:
        if p.needs_place:
            pools.setdefault((p.site, p.cohort, p.requires, p.pathway), []).append(p)
    n = 0
    for key in sorted(pools):
        pool = pools[key]
        k = 0
        while k + 1 < len(pool):
            if rng.random() < 0.12:
                size = min(rng.randint(2, 4), len(pool) - k)
                n += 1
                for p in pool[k : k + size]:
                    p.group = f"friends-{n}"
                k += size
            else:
                k += 1


def _homes_and_preferences(
    rng: random.Random, people: list[_Person], receiving: list[_Receiving]
) -> None:
    """A home site per person (groups share one), and preferences no site is swamped by."""
    home_of_group: dict[str, _Receiving] = {}
    for p in people:
        if not p.needs_place:
            continue
        fits = [s for s in receiving if s.accepts(p)]
        if p.group and p.group in home_of_group:
            home = home_of_group[p.group]
        else:
            home = rng.choice(fits)
            if p.group:
                home_of_group[p.group] = home
        home.demand += 1
        p.home = home.id
        # everyone's first preference is their home (so no site is over-asked), some have a
        # second one
        p.preferred = [home.id]
        others = [s.id for s in fits if s is not home]
        if others and rng.random() < 0.25:
            p.preferred.append(rng.choice(others))


def _teams(people: list[_Person], closing: Sequence[str]) -> list[dict[str, Any]]:
    n_teams = max(1, math.ceil(len(closing) / 4))
    window = (TARGET_END - START).days - NOTICE_DAYS - 7
    teams = []
    for k in range(n_teams):
        sites = [s for i, s in enumerate(closing) if i % n_teams == k]
        mine = [p for p in people if p.site in set(sites)]
        days = sum(
            REVIEW_DAYS[p.needs] + (7 if p.assessment == "reassessment" else 0) for p in mine
        )
        days += sum(7 for p in mine if p.carer) + sum(1 for p in mine if p.needs_place)
        capacity = max(2, math.ceil(days / (window * 0.8)))
        teams.append(
            {
                "id": f"review-team-{k + 1}" if n_teams > 1 else "review-team",
                "name": f"Day services review team {k + 1}" if n_teams > 1 else None,
                "capacity": capacity,
                "sites": sites,
                "availability": [
                    {
                        "from": date(2025, 8, 4),
                        "to": date(2025, 8, 15),
                        "capacity": max(1, capacity * 3 // 4),
                    }
                ],
            }
        )
    for t in teams:
        if t["name"] is None:
            t["name"] = "Day services review team"
    return teams


def _staff(
    rng: random.Random,
    n: int,
    closing: Sequence[str],
    receiving: Sequence[_Receiving],
    people: Sequence[_Person],
) -> tuple[list[dict[str, str]], list[dict[str, Any]]]:
    size = {s: 0 for s in closing}
    for p in people:
        size[p.site] += 1
    counts = apportion(n, {s: max(1, size[s]) for s in closing})
    rows: list[dict[str, str]] = []
    width = len(str(max(n, 1)))
    k = 0
    for site in closing:
        for j in range(counts[site]):
            k += 1
            role, grade, (lo, hi), notice = ROLES[0] if j == 0 else rng.choice(ROLES[1:])
            born = date(1960, 1, 1) + timedelta(days=rng.randrange(40 * 365))
            earliest = born + timedelta(days=18 * 366)
            span = max(1, (START - earliest).days - 30)
            started = earliest + timedelta(days=rng.randrange(span))
            rows.append(
                {
                    "id": f"S{k:0{width}d}",
                    "name": f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}",
                    "role": role,
                    "site": site,
                    "grade": grade,
                    "weekly_pay": f"{rng.uniform(lo, hi):.2f}",
                    "start_date": started.isoformat(),
                    "date_of_birth": born.isoformat(),
                    "contractual_notice": notice,
                    "status": "vr_requested" if rng.random() < 0.08 else "at_risk",
                    "pension_member": "yes" if rng.random() < 0.8 else "no",
                    "strain_estimate": "",
                    "redeploy_to": "",
                }
            )
    vacancies: list[dict[str, Any]] = []
    for v in range(max(0, n // 20)):
        role, grade, _, _ = ROLES[2 + v % 3]
        vacancies.append(
            {"id": f"V{v + 1:04d}", "role": role, "grade": grade, "site": closing[v % len(closing)]}
            | {"use": "delete"}
        )
    # Posts in the new model: most already agreed with someone in the same role and grade
    # (redeploy_to), two manager posts left open for the planner to match.
    seekers: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        if row["status"] == "at_risk":
            seekers.setdefault(row["role"], []).append(row)
    posts = [ROLES[1 + v % 4] for v in range(n // 10)] + [ROLES[0]] * min(2, n // 10)
    for v, (role, grade, _, _) in enumerate(posts):
        vid = f"V{5001 + v:04d}"
        vacancies.append(
            {
                "id": vid,
                "role": role,
                "grade": grade,
                "site": receiving[v % len(receiving)].id,
                "use": "redeploy",
                "available_from": START + timedelta(days=60 + 7 * (v % 8)),
            }
        )
        if role != ROLES[0][0] and seekers.get(role):
            seekers[role].pop()["redeploy_to"] = vid
    return rows, vacancies


def _plan_data(
    options: GenerateOptions,
    rng: random.Random,
    closing: Sequence[str],
    receiving: Sequence[_Receiving],
    people: Sequence[_Person],
    teams: list[dict[str, Any]],
    vacancies: list[dict[str, Any]],
    biggest: int,
) -> dict[str, Any]:
    size = {s: 0 for s in closing}
    for p in people:
        size[p.site] += 1
    sites: list[dict[str, Any]] = []
    leases: list[dict[str, Any]] = []
    running = 0
    for i, sid in enumerate(closing):
        cost = 2000 + 150 * size[sid] + 100 * rng.randrange(20)
        running += cost
        sites.append(
            {
                "id": sid,
                "name": sid.replace("-", " ").title(),
                "status": "closing",
                "close_by": TARGET_END,
                "running_cost_per_month": cost,
            }
        )
        if i % 3 == 0:
            rent = 1000 * (3 + rng.randrange(10))
            running += rent
            leases.append(
                {
                    "site": sid,
                    "landlord": "Private landlord",
                    "rent_per_month": rent,
                    "notice_months": 6 if i % 2 == 0 else 3,
                    "notice_margin": "2w",
                    "break_dates": [date(2025, 12, 25), date(2026, 3, 25), date(2026, 9, 29)],
                    "expiry": date(2027, 6, 24),
                    "dilapidations": {
                        "estimate": 5000 * (2 + rng.randrange(8)),
                        "works": f"{3 + rng.randrange(4)}w",
                    },
                }
            )
    actions: list[dict[str, Any]] = [
        {
            "id": "cabinet-decision",
            "title": "Cabinet approves the closures and the new day opportunities model",
            "workstream": "governance",
            "owner": "Director of Adult Social Care",
            "duration": "1d",
            "not_before": START + timedelta(days=7),
        },
        {
            "id": "family-communications",
            "title": "Letters to service users and families, easy-read versions, drop-ins",
            "workstream": "service user transition",
            "owner": "Head of Day Opportunities",
            "duration": "2w",
            "after": ["cabinet-decision"],
            "deadline": {"date": START + timedelta(days=42), "hard": True},
        },
        {
            "id": "transport-replanning",
            "title": "Re-plan transport routes and escorts to the new destinations",
            "workstream": "service user transition",
            "owner": "Transport Manager",
            "duration": "4w",
            "after": ["cabinet-decision"],
            "before": ["services_cease"],
        },
        {
            "id": "staff-consultation-launch",
            "title": "Launch consultation with staff and trade unions; s.188 letter; HR1",
            "workstream": "staffing",
            "owner": "HR Business Partner",
            "duration": "1d",
            "not_before": START,
        },
        {
            "id": "outcomes-report",
            "title": "Report outcomes to the Scrutiny Panel",
            "workstream": "governance",
            "owner": "Programme Manager",
            "duration": "2w",
            "after": ["services_cease"],
        },
    ]
    for j, r in enumerate(receiving):
        site: dict[str, Any] = {
            "id": r.id,
            "name": r.id.replace("-", " ").title(),
            "status": r.status,
            "capacity": max(2, math.ceil(r.demand * 1.12) + 2),
            "features": list(r.features),
        }
        if r.cohorts is not None:
            site["cohorts"] = list(r.cohorts)
        if r.pathways != ("move",):
            site["pathways"] = list(r.pathways)
        if r.status == "redeveloping":
            refit = f"refit-{r.id}"
            site["available_after"] = [refit]
            actions.append(
                {
                    "id": refit,
                    "title": f"Works at {site['name']}: hoists, changing places, sensory room",
                    "owner": "Corporate Landlord",
                    "duration": f"{4 + rng.randrange(5)}w",
                    "after": ["cabinet-decision"],
                }
            )
        elif j % 5 == 2:
            site["available_from"] = START + timedelta(days=28)
        sites.append(site)
    for lease in leases:
        actions.append(
            {
                "id": f"strip-out-{lease['site']}",
                "title": f"Strip-out at {lease['site']}",
                "owner": "Corporate Landlord",
                "duration": "1w",
                "after": [step_id(K.close, lease["site"])],
                "before": [step_id(K.dilapidations, lease["site"])],
            }
        )
    full_year = 12 * running + 9000 * len(closing)
    return {
        "version": 1,
        "programme": {
            "name": options.title or f"Day services redesign ({len(people)} people)",
            "organisation": "Example City Council",
            "start": START,
            "target_end": TARGET_END,
            "savings": {"full_year": full_year},
            "slippage": {"pro_rata": False},
            "calendar": {"holidays": list(HOLIDAYS), "weekends": False},
        },
        "sites": sites,
        "leases": leases,
        "teams": teams,
        "durations": {
            "review": {"moderate": "1w", "substantial": "2w", "complex": "3w"},
            "reassessment": {"moderate": "2w", "substantial": "3w", "complex": "4w"},
            "carer_assessment": "1w",
            "notice_to_person": f"{NOTICE_DAYS // 7}w",
            "move": "1d",
            "transition_plan": "2w",
            "post_move_review": {"duration": "1d", "earliest": "6w", "latest": "8w"},
        },
        "people": f"{options.name}-people.csv",
        "staff": f"{options.name}-staff.csv",
        "vacancies": vacancies,
        "actions": actions,
        # enough 1:1s a week to see everyone at the biggest centre within 8 working days
        "workforce": {
            "one_to_one_per_week": max(10, math.ceil(biggest * 5 / 8)),
            "vr_window": "2w",
        },
    }


# --- text -----------------------------------------------------------------------------------


def _header(options: GenerateOptions, n: int) -> str:
    return (
        f"# A generated plan: {n} people, {options.sites} sites, {options.staff} staff "
        f"(seed {options.seed}).\n"
        "#\n"
        "# ILLUSTRATIVE throughout: sites, people, staff, costs and dates are invented by\n"
        "# `tplan generate`. Only the needs mix follows a real programme: Birmingham's\n"
        "# council-run day centres (10 moderate, 111 substantial, 473 complex, 48 unknown needs).\n"
        f"# Re-create it: tplan generate --people {options.people} --sites {options.sites} "
        f"--staff {options.staff} --seed {options.seed} --name {options.name} -o DIR\n\n"
    )


class _Dumper(yaml.SafeDumper):
    """Plain YAML: no anchors and aliases for repeated dates."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _dump(data: dict[str, Any]) -> str:
    return str(yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100))


def _person_row(p: _Person) -> dict[str, str]:
    return {
        "id": p.id,
        "site": p.site,
        "cohort": p.cohort,
        "needs": p.needs,
        "requires": ";".join(p.requires),
        "preferred": ";".join(p.preferred),
        "group": p.group,
        "carer": "yes" if p.carer else "no",
        "pathway": "" if p.pathway == "move" else p.pathway,
        "eligible": "" if p.eligible else "no",
        "assessment": "" if p.assessment == "review" else p.assessment,
        "team": "",
    }


def _csv(columns: Sequence[str], rows: Sequence[Mapping[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({c: row.get(c, "") for c in columns})
    return out.getvalue()
