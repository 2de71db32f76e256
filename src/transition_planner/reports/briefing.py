"""The panel briefing note: council order, figures from the plan and schedule, narrative from
the plan's ``briefing:`` section (or a plain generated sentence), and no personal data: no
names, no ids, small counts suppressed (see ``suppress``)."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from reportlab.platypus import ListFlowable, ListItem, Paragraph, Spacer

from transition_planner.plan.models import Briefing, Plan
from transition_planner.plan.steps import StepKind as K
from transition_planner.reports.commissioning import briefing_paragraphs, outcome_paragraphs
from transition_planner.reports.figures import Figures, figures
from transition_planner.reports.phasing import briefing_indicators
from transition_planner.reports.style import TEXT_WIDTH, build_pdf, day, money, styles, table
from transition_planner.reports.suppress import breakdown, count
from transition_planner.schedule.model import Schedule

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
    def __init__(self, plan: Plan, schedule: Schedule) -> None:
        self.plan = plan
        self.s = schedule
        self.b = plan.briefing or Briefing()
        self.below = self.b.suppress_below
        self.f: Figures = figures(plan, schedule)
        self.st = styles()

    def n(self, value: int) -> str:
        return count(value, self.below)

    def para(self, text: str) -> Paragraph:
        return Paragraph(text, self.st["body"])

    def own(self, text: str | None, fallback: str) -> list[Any]:
        return [self.para(text or fallback)]

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

    def summary(self) -> list[Any]:
        f = self.f
        made = (
            f"The programme closes {_plural(f.closing_sites, 'site')} and supports "
            f"{self.n(f.people)} "
            f"people to new provision; {self.timing()}. It saves "
            f"{money(self.plan.programme.savings.full_year)} a year; each month of delay costs "
            f"{money(f.monthly_slippage)}."
        )
        out = self.own(self.b.summary, made)
        if self.b.summary:
            out.append(self.para(f"On the current schedule {self.timing()}."))
        return out

    def recommendations(self) -> list[Any]:
        items = self.b.recommendations or [
            "That the Panel notes the timetable for reviews, moves and closures and the forecast "
            "date services cease.",
            "That the Panel notes that each month of delay costs "
            f"{money(self.f.monthly_slippage)}.",
        ]
        return [
            ListFlowable(
                [ListItem(self.para(text)) for text in items],
                bulletType="1",
                leftIndent=14,
                bulletFontName="DejaVuSans",
                bulletFontSize=8.5,
            )
        ]

    def detail(self) -> list[Any]:
        f = self.f
        people = breakdown({"move": f.moving, "plan": f.transition_plans}, self.below)
        text = (
            f"{_cap(people.total)} people use the services that close. "
            f"{_cap(people.cells['move'])} are moving to a new day service or the employment "
            "service; "
            f"{people.cells['plan']} have a transition plan to community support. Every person "
            f"is reviewed before any move, with at least "
            f"{self.plan.durations.notice_to_person.describe()}' notice to them and their carers."
        )
        out = [self.para(self.b.background)] if self.b.background else []
        cohorts = Counter(str(p.cohort) for p in self.plan.people)
        shown = breakdown(dict(sorted(cohorts.items())), self.below)
        rows = [[k, v] for k, v in shown.cells.items()] + [["total", shown.total]]
        out += [
            self.para(text),
            *briefing_paragraphs(self.plan, self.s, self.below),
            *outcome_paragraphs(self.plan, self.s),
            *briefing_indicators(self.plan, self.s, self.below),
            Spacer(1, 3),
            table(["People by group", "Number"], rows, [TEXT_WIDTH * 0.4, TEXT_WIDTH * 0.2]),
        ]
        return out

    def priorities(self) -> list[Any]:
        return self.own(
            self.b.council_priorities,
            "The proposals focus resources on those most in need and support people to live "
            "independent lives.",
        )

    def risks(self) -> list[Any]:
        tight = min((o.slack_days for o in self.s.sites if o.slack_days is not None), default=None)
        made = (
            f"Each month, or part of a month, by which services cease after "
            f"{day(self.plan.programme.target_end)} costs {money(self.f.monthly_slippage)} "
            f"(the full-year saving of {money(self.plan.programme.savings.full_year)} / 12)."
        )
        if tight is not None:
            made += (
                f" On the current schedule the tightest site has {tight} days' slack."
                if tight >= 0
                else f" On the current schedule a site closes {-tight} days late."
            )
        out = [self.para(self.b.risks)] if self.b.risks else []
        return [*out, self.para(made)]

    def finance(self) -> list[Any]:
        b = self.s.cost_breakdown
        prog = self.plan.programme
        monthly = self.f.monthly_slippage
        leavers = self.f.redundant + self.f.vr_accepted
        exit_pay = (
            money(b.get("redundancy", 0) + b.get("strain", 0))
            if leavers >= self.below
            else f"not shown (fewer than {self.below} people)"
        )
        in_year = prog.savings.in_year
        rows = [
            ["Full-year efficiency", money(prog.savings.full_year)],
            ["In-year saving (planned)", money(in_year) if in_year else "not given"],
            ["Cost of each month of slippage", money(monthly)],
            ["Slippage on the current schedule", money(self.s.slippage_cost)],
        ]
        if in_year:
            # Slippage is saving not made, so it comes out of this year's figure first.
            after = int(in_year) - self.s.slippage_cost
            rows += [
                ["Part-year risk: in-year saving on the current schedule", money(after)],
                [
                    "Part-year risk: in-year saving if services cease a month later",
                    money(after - monthly),
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
        return [
            table(["Item", "Amount"], rows, [TEXT_WIDTH * 0.55, TEXT_WIDTH * 0.25], numeric=[1])
        ]

    def legal(self) -> list[Any]:
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
        out = [self.para(self.b.legal)] if self.b.legal else []
        return [*out, self.para(text.strip())]

    def property(self) -> list[Any]:
        closes = "; ".join(
            f"{self.plan.site(o.id).label} closes {day(o.closes)}" for o in self.s.sites
        )
        out = [self.para(self.b.property)] if self.b.property else []
        return [*out, self.para(f"On the current schedule: {closes}.")]

    def health(self) -> list[Any]:
        return self.own(
            self.b.health_and_wellbeing,
            "Moves are planned around each person's review, with notice to them and their "
            "carers and a post-move review to check the new service meets their needs.",
        )

    def staffing(self) -> list[Any]:
        f = self.f
        posts = breakdown(
            {"at risk": f.at_risk, "vacancies deleted": f.vacancies_deleted}, self.below
        )
        outcomes = breakdown(
            {
                "redundant": f.redundant,
                "voluntary redundancy": f.vr_accepted,
                "redeployed": f.redeployed,
            },
            self.below,
            rounded=posts.suppressed,
        )
        rows = [
            ["Posts affected", posts.total],
            ["Staff at risk", posts.cells["at risk"]],
            ["Vacant posts deleted", posts.cells["vacancies deleted"]],
            ["Redeployed (after a 4-week trial)", outcomes.cells["redeployed"]],
            ["Voluntary redundancy", outcomes.cells["voluntary redundancy"]],
            ["Compulsory redundancy", outcomes.cells["redundant"]],
        ]
        return [table(["Staffing", "Number"], rows, [TEXT_WIDTH * 0.55, TEXT_WIDTH * 0.25])]

    def equality(self) -> list[Any]:
        return self.own(
            self.b.equality,
            "An equality impact assessment informs the proposals; the Council must have due "
            "regard to the Public Sector Equality Duty (Equality Act 2010 s.149).",
        )

    def consultation(self) -> list[Any]:
        return self.own(
            self.b.consultation,
            "Service users, carers, staff and trade unions are consulted before decisions are "
            "made, with easy-read information.",
        )

    def story(self, produced: date) -> list[Any]:
        st, prog = self.st, self.plan.programme
        title = self.b.title or f"{prog.name}: progress and risks"
        head = [
            ["To", self.b.to or "Scrutiny panel"],
            ["From", self.b.author or prog.organisation],
            ["Date", day(produced)],
        ]
        out: list[Any] = [
            table(["Briefing note", prog.organisation], head, [TEXT_WIDTH * 0.2, TEXT_WIDTH * 0.8]),
            Spacer(1, 6),
            Paragraph(title, st["title"]),
        ]
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
        for n, (heading, part) in enumerate(zip(SECTIONS, parts, strict=True), start=1):
            out.append(Paragraph(f"{n}. {heading}", st["h1"]))
            out += part()
        return out


def briefing_pdf(plan: Plan, schedule: Schedule, produced: date) -> bytes:
    note = _Note(plan, schedule)
    title = (plan.briefing.title if plan.briefing else None) or plan.programme.name
    return build_pdf(note.story(produced), title, f"{plan.programme.organisation}: briefing note")
