"""The panel briefing note: council order, figures from the plan and schedule, narrative from
the plan's ``briefing:`` section (or a plain generated sentence), and no personal data: no
names, no ids, small counts suppressed (see ``suppress``)."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

from transition_planner.plan.models import Briefing, Plan
from transition_planner.plan.steps import (
    KIND_LABELS,
    PERSON_KINDS,
    SERVICES_CEASE,
    STAFF_KINDS,
    StepKind as K,
)
from transition_planner.reports.blocks import (
    Block,
    Numbered,
    Paper,
    Para,
    Section,
    Table,
    paper_docx,
    paper_flowables,
    paper_pdf_ua,
    tagged_pdf_available,
)
from transition_planner.reports.commissioning import briefing_paragraphs, outcome_paragraphs
from transition_planner.reports.figures import Figures, figures
from transition_planner.reports.phasing import briefing_indicators
from transition_planner.reports.style import build_pdf, day, money
from transition_planner.reports.suppress import breakdown, count, family
from transition_planner.schedule.model import Schedule
from transition_planner.schedule.tracking import Tracking, by_kind

PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
SECTIONS = (
    "Summary",
    "Recommendations",
    "Report detail",
    "Council priorities",
    "Risk management",
    "Financial implications",
    "Legal implications",
    "Property implications",
    "Health and wellbeing implications",
    "Staffing implications",
    "Equality implications",
    "Consultation",
)


def _plural(n: int, one: str, many: str | None = None) -> str:
    """A count of things that are not people (sites, establishments), so never suppressed."""
    return f"{n} {one}" if n == 1 else f"{n} {many or one + 's'}"


def _cap(text: str) -> str:
    """A figure that opens a sentence ("fewer than 5" -> "Fewer than 5")."""
    return text[:1].upper() + text[1:]


class _Note:
    def __init__(self, plan: Plan, schedule: Schedule, tracking: Tracking | None = None) -> None:
        self.plan = plan
        self.s = schedule
        self.t = tracking
        self.b = plan.briefing or Briefing()
        self.below = self.b.suppress_below
        self.f: Figures = figures(plan, schedule)
        f = self.f
        # One suppression pass over every count the note publishes, before any is written.
        cohorts = Counter(str(p.cohort) for p in plan.people)
        stays = sum(p.stays for p in plan.people)
        self.people = family(
            f.people,
            {
                "pathway": {
                    "move": f.moving,
                    "plan": f.transition_plans,
                    **({"stay": stays} if stays else {}),
                },
                "cohort": dict(sorted(cohorts.items())),
            },
            self.below,
        )
        self.posts = family(
            f.at_risk + f.vacancies_deleted,
            {
                "posts": {"at risk": f.at_risk, "vacancies deleted": f.vacancies_deleted},
                "outcomes": {
                    "redundant": f.redundant,
                    "voluntary redundancy": f.vr_accepted,
                    "redeployed": f.redeployed,
                },
            },
            self.below,
        )
        prog = plan.programme
        self.values = {
            "target_end": day(prog.target_end),
            "services_cease": day(schedule.services_cease),
            "months_late": str(schedule.slippage_months),
            "full_year_saving": money(prog.savings.full_year),
            "monthly_slippage": money(f.monthly_slippage),
            "slippage_cost": money(schedule.slippage_cost),
            "in_year_planned": money(f.in_year_planned),
            "in_year_forecast": money(f.in_year_forecast),
        }

    def n(self, value: int) -> str:
        return count(value, self.below)

    def para(self, text: str) -> Para:
        return Para(text)

    def fill(self, text: str) -> str:
        """The plan's narrative with {services_cease} and the other figures filled in from
        the schedule, so the text follows the forecast; unknown {names} are left as written."""
        return PLACEHOLDER.sub(lambda m: self.values.get(m.group(1), m.group(0)), text)

    def own(self, text: str | None, fallback: str) -> list[Block]:
        return [self.para(self.fill(text) if text else fallback)]

    def late(self) -> str | None:
        """A recommendation on the slippage, when the forecast is later than the target."""
        s, v = self.s, self.values
        if not s.slippage_months:
            return None
        return (
            f"That the Panel notes that services are now forecast to cease on "
            f"{v['services_cease']}, {_plural(s.slippage_months, 'month')} after the target of "
            f"{v['target_end']}; the delay costs {v['slippage_cost']}, leaving an in-year "
            f"saving of {v['in_year_forecast']} against the {v['in_year_planned']} planned."
        )

    def timing(self) -> str:
        s, prog = self.s, self.plan.programme
        if s.slippage_months:
            return (
                f"services are forecast to cease on {day(s.services_cease)}, "
                f"{_plural(s.slippage_months, 'month')} after the target of "
                f"{day(prog.target_end)}"
            )
        return (
            f"services are forecast to cease on {day(s.services_cease)}, by the target of "
            f"{day(prog.target_end)}"
        )

    # --- sections, in council order -------------------------------------------------------

    def summary(self) -> list[Block]:
        f = self.f
        made = (
            f"The programme closes {_plural(f.closing_sites, 'site')} and supports "
            f"{self.people.total} "
            f"people to new provision; {self.timing()}. It saves "
            f"{money(self.plan.programme.savings.full_year)} a year; each month of delay costs "
            f"{money(f.monthly_slippage)}."
        )
        out = self.own(self.b.summary, made)
        if self.b.summary:
            out.append(self.para(f"On the current schedule {self.timing()}."))
        return out

    def recommendations(self) -> list[Block]:
        items = [self.fill(text) for text in self.b.recommendations] or [
            "That the Panel notes the timetable for reviews, moves and closures, and that "
            f"{self.timing()}.",
            "That the Panel notes that each month of delay costs "
            f"{money(self.f.monthly_slippage)}.",
        ]
        late = self.late()
        if late is not None:
            items = [late, *items]
        return [Numbered(items)]

    def detail(self) -> list[Block]:
        people = self.people.parts["pathway"]
        text = (
            f"{_cap(self.people.total)} people use the services that close. "
            f"{_cap(people.cells['move'])} are moving to a new day service or the employment "
            "service; "
            f"{people.cells['plan']} have a transition plan to community support. Every person "
            f"is reviewed before any move, with at least "
            f"{self.plan.durations.notice_to_person.describe()}' notice to them and their carers."
        )
        out: list[Block] = [self.para(self.fill(self.b.background))] if self.b.background else []
        shown = self.people.parts["cohort"]
        rows = [[k, v] for k, v in shown.cells.items()] + [["total", self.people.total]]
        out += [
            self.para(text),
            *self.progress(),
            *briefing_paragraphs(self.plan, self.s, self.below),
            *outcome_paragraphs(self.plan, self.s),
            *briefing_indicators(self.plan, self.s, self.below),
            Table(["People by group", "Number"], rows, [0.4, 0.2], row_headers=True),
        ]
        return out

    def progress(self) -> list[Block]:
        """What has been done and what has slipped since the baseline: counts of steps for
        people and posts by kind (suppressed as every count of people is), sites by name,
        money in pounds; no names or ids."""
        t = self.t
        if t is None:
            return []
        since = (
            f"Since the approved plan of {day(t.since)}"
            if t.since is not None
            else f"By {day(t.as_of)}"
        )
        done, started = by_kind(t.done()), by_kind(t.started())
        rows = []
        for kind in (*PERSON_KINDS, *STAFF_KINDS):
            if not (done[kind] or started[kind]):
                continue
            shown = breakdown({"done": done[kind], "in progress": started[kind]}, self.below)
            rows.append([_cap(KIND_LABELS[kind]), shown.cells["done"], shown.cells["in progress"]])
        others = sum(n for k, n in done.items() if k not in (*PERSON_KINDS, *STAFF_KINDS))
        text = (
            f"{since}, progress to {day(t.as_of)}: "
            + (
                f"{_plural(others, 'milestone or action', 'milestones and actions')} done"
                if others
                else "no milestone done"
            )
            + (f"; {self.n(t.left)} people have left the programme" if t.left else "")
            + "."
        )
        out: list[Block] = [self.para(text)]
        if rows:
            out.append(
                Table(
                    ["Steps for people and staff", "Done", "In progress"],
                    rows,
                    [0.4, 0.2, 0.2],
                    numeric=[1, 2],
                    row_headers=True,
                )
            )
        if t.baseline is None:
            return out
        sites = [d for d in t.slipped() if d.section == "site"]
        milestones = [d for d in t.slipped() if d.section == "milestone"]
        cease = next((d for d in milestones if d.id == SERVICES_CEASE), None)
        parts = []
        if cease is not None and cease.days:
            parts.append(
                f"services are now forecast to cease on {day(cease.current)}, "
                f"{_plural(cease.days, 'day')} later than the {day(cease.baseline)} planned"
            )
        if sites:
            parts.append(
                "; ".join(
                    f"{self.plan.site(d.id).label} closes {_plural(d.days or 0, 'day')} later "
                    f"({day(d.current)})"
                    for d in sites
                )
            )
        others = len([d for d in milestones if d.id != SERVICES_CEASE])
        if others:
            parts.append(f"{_plural(others, 'other milestone')} later than planned")
        slipped = (
            "What has slipped: " + "; ".join(parts) + "."
            if parts
            else "Nothing has slipped against the approved plan."
        )
        total = t.variance.total
        change = total.change
        cost = (
            f" The forecast cost is {money(total.current)}, "
            + (
                f"{money(abs(change))} {'more' if change > 0 else 'less'} than planned"
                if change
                else "as planned"
            )
            + (f", of which slippage {money(self.s.slippage_cost)}" if self.s.slippage_cost else "")
            + "."
        )
        out.append(self.para(slipped + cost))
        return out

    def priorities(self) -> list[Block]:
        return self.own(
            self.b.council_priorities,
            "The proposals focus resources on those most in need and support people to live "
            "independent lives.",
        )

    def risks(self) -> list[Block]:
        tight = min((o.slack_days for o in self.s.sites if o.slack_days is not None), default=None)
        f, full_year = self.f, money(self.plan.programme.savings.full_year)
        basis = (
            f"the full-year saving of {full_year} / 12"
            if f.monthly_slippage == f.full_year_over_12
            else f"the plan's figure; the full-year saving of {full_year} / 12 is "
            f"{money(f.full_year_over_12)}"
        )
        made = (
            f"Each month, or part of a month, by which services cease after "
            f"{day(self.plan.programme.target_end)} costs {money(f.monthly_slippage)} "
            f"({basis})."
        )
        if tight is not None:
            made += (
                f" On the current schedule the tightest site has {tight} days' slack."
                if tight >= 0
                else f" On the current schedule a site closes {-tight} days late."
            )
        out = [self.para(self.fill(self.b.risks))] if self.b.risks else []
        return [*out, self.para(made)]

    def finance(self) -> list[Block]:
        b = self.s.cost_breakdown
        prog = self.plan.programme
        monthly = self.f.monthly_slippage
        leavers = self.f.redundant + self.f.vr_accepted
        exit_pay = (
            money(b.get("redundancy", 0) + b.get("strain", 0))
            if leavers >= self.below
            else f"not shown (fewer than {self.below} people)"
        )
        f = self.f
        rows = [
            ["Full-year efficiency", money(prog.savings.full_year)],
            ["In-year saving (planned)", money(f.in_year_planned)],
            ["Cost of each month of slippage", money(monthly)],
            ["Slippage on the current schedule", money(self.s.slippage_cost)],
            ["In-year saving (forecast on the current schedule)", money(f.in_year_forecast)],
            [
                "Part-year risk: in-year saving if services cease a month later",
                money(f.in_year_forecast - monthly),
            ],
        ]
        rows += [
            ["One-off: redundancy and pension strain", exit_pay],
            ["One-off: dilapidations", money(b.get("dilapidations", 0))],
            [
                "Running costs and rent until closure and exit",
                money(b.get("running_costs", 0) + b.get("rent", 0)),
            ],
        ]
        return [Table(["Item", "Amount"], rows, [0.55, 0.25], numeric=[1], row_headers=True)]

    def legal(self) -> list[Block]:
        f = self.f
        text = (
            f"Care Act 2014: every service user is reviewed or reassessed, and {self.n(f.carers)} "
            "carers are offered an assessment, before any move, with a review 6 to 8 weeks after. "
        )
        if f.collective_sites:
            hr1 = [a for a in self.s.actions if a.kind is K.hr1]
            text += (
                f"Collective consultation (TULRCA 1992 s.188) applies at "
                f"{_plural(len(hr1), 'establishment')} with 20 or more proposed dismissals; "
                "the HR1 is filed on "
                f"{', '.join(day(a.start) for a in hr1)}, before any notice is issued. "
            )
        else:
            text += "No establishment reaches 20 proposed dismissals, so no HR1 is needed. "
        # The plan format records no transfer to another provider; say what that means.
        text += (
            "The plan transfers no service to another provider, so TUPE 2006 does not apply; "
            "if one did, the staff assigned to it would transfer on their existing terms. "
        )
        for lease in self.s.leases:
            text += (
                f"The lease at {self.plan.site(lease.site).label}: break notice served by "
                f"{day(lease.notice_by)} for exit on {day(lease.exit)}. "
            )
        out = [self.para(self.fill(self.b.legal))] if self.b.legal else []
        return [*out, self.para(text.strip())]

    def property(self) -> list[Block]:
        closes = "; ".join(
            f"{self.plan.site(o.id).label} closes {day(o.closes)}" for o in self.s.sites
        )
        out = [self.para(self.fill(self.b.property))] if self.b.property else []
        return [*out, self.para(f"On the current schedule: {closes}.")]

    def health(self) -> list[Block]:
        return self.own(
            self.b.health_and_wellbeing,
            "Moves are planned around each person's review, with notice to them and their "
            "carers and a post-move review to check the new service meets their needs.",
        )

    def staffing(self) -> list[Block]:
        posts, outcomes = self.posts.parts["posts"], self.posts.parts["outcomes"]
        rows = [
            ["Posts affected", self.posts.total],
            ["Staff at risk", posts.cells["at risk"]],
            ["Vacant posts deleted", posts.cells["vacancies deleted"]],
            ["Redeployed (after a 4-week trial)", outcomes.cells["redeployed"]],
            ["Voluntary redundancy", outcomes.cells["voluntary redundancy"]],
            ["Compulsory redundancy", outcomes.cells["redundant"]],
        ]
        return [Table(["Staffing", "Number"], rows, [0.55, 0.25], row_headers=True)]

    def equality(self) -> list[Block]:
        return self.own(
            self.b.equality,
            "An equality impact assessment informs the proposals; the Council must have due "
            "regard to the Public Sector Equality Duty (Equality Act 2010 s.149).",
        )

    def consultation(self) -> list[Block]:
        return self.own(
            self.b.consultation,
            "Service users, carers, staff and trade unions are consulted before decisions are "
            "made, with easy-read information.",
        )

    def paper(self, produced: date) -> Paper:
        """The whole note, in council order."""
        prog = self.plan.programme
        head = Table(
            ["Briefing note", prog.organisation],
            [
                ["To", self.b.to or "Scrutiny panel"],
                ["From", self.b.author or prog.organisation],
                ["Date", day(produced)],
            ],
            [0.2, 0.8],
            row_headers=True,
        )
        parts = (
            self.summary,
            self.recommendations,
            self.detail,
            self.priorities,
            self.risks,
            self.finance,
            self.legal,
            self.property,
            self.health,
            self.staffing,
            self.equality,
            self.consultation,
        )
        return Paper(
            title=self.b.title or f"{prog.name}: progress and risks",
            subject=f"{prog.organisation}: briefing note",
            author=self.b.author or prog.organisation,
            produced=produced,
            head=head,
            sections=[
                Section(f"{n}. {heading}", part())
                for n, (heading, part) in enumerate(zip(SECTIONS, parts, strict=True), start=1)
            ],
        )


def briefing_paper(
    plan: Plan, schedule: Schedule, produced: date, tracking: Tracking | None = None
) -> Paper:
    return _Note(plan, schedule, tracking).paper(produced)


def briefing_pdf(
    plan: Plan, schedule: Schedule, produced: date, tracking: Tracking | None = None
) -> bytes:
    """The note as a tagged PDF/UA file; untagged (reportlab) where WeasyPrint cannot load.
    With ``tracking`` (a re-plan), the report detail says what has been done and what has
    slipped since the baseline."""
    paper = briefing_paper(plan, schedule, produced, tracking)
    if tagged_pdf_available():
        return paper_pdf_ua(paper)
    return build_pdf(paper_flowables(paper), paper.title, paper.subject)


def briefing_docx(
    plan: Plan, schedule: Schedule, produced: date, tracking: Tracking | None = None
) -> bytes:
    """The note as a Word file, for officers to edit before it goes to the panel."""
    return paper_docx(briefing_paper(plan, schedule, produced, tracking))
