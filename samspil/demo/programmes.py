"""The programmes and figures of the seeds: KOMPETENCEFORSYNINGmidt holds its two projects,
Kompetencer til vækst carries the Vækstforum proposal's budget and financing table (45 million
DKK over 2017-2019, half from the ESF) with the first half-year's spend, and the projects carry
the target figures of their applications (SMUK, Region Hovedstaden, Smart Kompetens) with
Region Hovedstaden's activities 1-7. The seeds give no figures for the two
KOMPETENCEFORSYNINGmidt projects; theirs are marked as illustrative."""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model

from samspil.core.models import Region
from samspil.organisations.models import Organisation
from samspil.programmes import budget, progress
from samspil.programmes.models import (
    Activity,
    BudgetLine,
    Programme,
    Project,
    ProjectPartner,
    Spend,
    Target,
)

T = 1000  # the proposal's table is in 1.000 kr.
YEARS = (2017, 2018, 2019)
LINES = {
    "Styrkelse af virksomhedernes kompetenceforsyning": 2500,
    "Tiltrækning og fastholdelse af talenter": 1000,
    "Efter- og videreuddannelse": 10000,
    "Udvikling af partnerskabet": 1500,
}
FINANCING = {"eu_fund": 7500, "region": 3000, "other_public": 4500}


def build() -> dict:
    made = {"programmes": 0, "budgets": 0}
    programme, created = Programme.objects.get_or_create(
        code="kfmidt",
        defaults={
            "name": "KOMPETENCEFORSYNINGmidt 2.0",
            "description": "Region Midtjyllands program for kompetenceforsyning gennem de "
            "lokale koordinerende samarbejder (LKS), med to ESF-projekter.",
        },
    )
    made["programmes"] += created
    Project.objects.filter(code__startswith="kfmidt-", programme__isnull=True).update(
        programme=programme
    )
    project = Project.objects.filter(code="kompetencer-til-vaekst").first()
    if project is None or BudgetLine.objects.filter(project=project).exists():
        return made
    project.region = Region.objects.filter(name__icontains="Midtjylland").first()
    project.priority_axis = "Akse 1 og 4"
    project.specific_objective = "1b: Øge beskæftigelsen i ESF-støttede virksomheder"
    project.co_financing_rate = Decimal("50")
    project.eu_support = Decimal(22500 * T)
    project.save()
    operator = get_user_model().objects.get(username="operator")
    budget.save_budget(
        actor=operator,
        project=project,
        lines={name: dict.fromkeys(YEARS, amount * T) for name, amount in LINES.items()},
        financing={
            source: dict.fromkeys(YEARS, amount * T) for source, amount in FINANCING.items()
        },
    )
    for line, spent in zip(project.budget_lines.all(), (1100, 380, 4200, 700), strict=True):
        Spend.objects.create(
            line=line,
            period_start=datetime.date(2017, 1, 1),
            period_end=datetime.date(2017, 6, 30),
            amount=spent * T,
            note="Statusrapport august 2017",
        )
    made["budgets"] += 1
    return made


ILLUSTRATIVE = "Illustrativt demo-tal; ikke fra ansøgningen"
# project code: [(indicator, value, due, note)]
TARGETS = {
    # The seed's expected effect (docs/demo.md): knap 30 SMEs, 1,400 employees with a general
    # lift, 140 with a specific, targeted lift, and knap 60 more people employed after two years.
    "smuk": [
        ("smes_supported", 30, "2022-12-31", "Knap 30 SMV'er i Region Midtjylland drager nytte"),
        ("participants", 1400, "2022-12-31", "Generelt kompetenceløft til 1.400 medarbejdere"),
        ("targeted_lifts", 140, "2022-12-31", "Specifikt og målrettet kompetenceløft til 140"),
        ("jobs_filled", 60, "2022-12-31", "Øget beskæftigelse på knap 60 medarbejdere"),
        ("workshops", 8, "2022-12-31", "Workshop 1 og 2 i hver af de fire klynger"),
    ],
    "hovedstaden-netvaerk": [
        ("participants", 1200, "2020-12-31", "Ansøgningen: ca. 1.200 deltagere"),
        ("employed_participants", 900, "2020-12-31", "Heraf 900 beskæftigede"),
        ("unemployed_participants", 300, "2020-12-31", "Heraf 300 ledige (aktivitet 5)"),
        ("unskilled_to_skilled_completed", 500, "2020-12-31", "500 fra ufaglært til faglært"),
        ("unskilled_to_skilled_started", 1000, "2020-12-31", "Yderligere 500 starter"),
        ("skilled_to_academy_completed", 30, "2020-12-31", "30 fra faglært til akademi"),
        ("skilled_to_academy_started", 50, "2020-12-31", "Yderligere 20 starter"),
        ("rkv_done", 1500, "2020-12-31", "RKV for omkring 1.500 deltagere"),
    ],
    "smart-kompetens": [
        ("companies_supported", 58, "2020-08-31", "58 företag"),
        ("participants", 4649, "2020-08-31", "4 649 deltagare"),
        ("women_share", 20, "2020-08-31", "20 % kvinnor"),
    ],
    # Running projects (see foundation.RUNNING): due at the project's end.
    "kfmidt-vaekst": [
        ("smes_supported", 10, "end", ILLUSTRATIVE),
        ("joint_visits", 4, "end", ILLUSTRATIVE),
        ("CO05", 25, "end", ILLUSTRATIVE),
    ],
    "kfmidt-erhvervsfaglige": [
        ("smes_supported", 8, "end", ILLUSTRATIVE),
        ("joint_visits", 4, "end", ILLUSTRATIVE),
        ("unskilled_to_skilled_started", 15, "end", ILLUSTRATIVE),
    ],
}
# The two KOMPETENCEFORSYNINGmidt projects: illustrative budgets that add up, ESF at 50 %.
KFMIDT_BUDGETS = {
    "kfmidt-vaekst": {
        "Konsulentbistand i LKS": 3000,
        "Kompetenceudvikling": 5000,
        "Administration": 1000,
    },
    "kfmidt-erhvervsfaglige": {
        "Konsulentbistand i LKS": 2000,
        "Løn under uddannelse": 6000,
        "Administration": 1000,
    },
}
HOVEDSTADEN_ACTIVITIES = [
    (
        "Etablering af projektadministration og fælles koncept for det tværgående konsulentkorps",
        "Administrativt set-up hos leadpartneren, fælles standarder for RKV, statistik på "
        "fremdriften og koordinering med andre projekter i et advisory board.",
        "Fælles koncept og advisory board etableret",
        "2018-03-31",
    ),
    (
        "Rekruttering af virksomhedsnetværk og identifikation af kompetencebehov",
        "Workshop 1, e-survey og workshop 2 for hvert netværk; henvisning til "
        "rekrutteringsservice.",
        "Første netværk gennem WS1, e-survey og WS2",
        "2018-09-30",
    ),
    (
        "Udarbejdelse af kompetenceforsyningsplaner",
        "En plan pr. virksomhed på fagområdeniveau, sammen med medarbejdernes RKV-planer.",
        "Første kompetenceforsyningsplaner aftalt",
        "2018-12-31",
    ),
    (
        "Rekruttering af medarbejdere",
        "Match mellem kompetencegab og uddannelsestilbud; uddannelsesplan for hver medarbejder.",
        "De første uddannelsesplaner",
        "2019-03-31",
    ),
    (
        "Rekruttering af ledige deltagere",
        "Infokampagner og konsulentbesøg i regionens 26 jobcentre; ca. 300 ledige.",
        "Alle 26 jobcentre besøgt",
        "2019-06-30",
    ),
    (
        "Gennemførsel af behovsspecifikke uddannelsesforløb",
        "EUV og AMU-pakker fra ufaglært til faglært, akademiuddannelser; RKV for ca. 1.500.",
        "500 faglærte og 30 på akademiniveau",
        "2020-12-31",
    ),
    (
        "Forankring af projektets resultater og pointer",
        "Aktionsforskning, koordinering og formidling; en videnskabelig artikel.",
        "Artikel og forankringsplan",
        "2020-12-31",
    ),
]
HOVEDSTADEN_PARTNERS = [("NEXT Uddannelse København", "Leadpartner")]
REGISTER = {
    # The seed: EU support 3,472,012 of 6,956,147 kr. eligible costs (49.91 %).
    "smuk": {
        "priority_axis": "Akse 1",
        "co_financing_rate": Decimal("49.91"),
        "eu_support": Decimal(3_472_012),
    },
    "hovedstaden-netvaerk": {"priority_axis": "Akse 1", "co_financing_rate": Decimal("50")},
    "kfmidt-vaekst": {"priority_axis": "Akse 1", "co_financing_rate": Decimal("50")},
    "kfmidt-erhvervsfaglige": {"priority_axis": "Akse 1", "co_financing_rate": Decimal("50")},
}


# SMUK's eligible costs and their financing as the seed gives them (kr.): the EU support, the
# decentral business promotion funds, and the rest (the seed does not name it: the companies'
# own share, chiefly wages during training, is our reading). The seed gives no split by year or
# line: one line, spread over the project's years by its days in each (our split).
SMUK_TOTAL = 6_956_147
SMUK_FINANCING = {"eu_fund": 3_472_012, "other_public": 972_163}
SMUK_LINE = "Samlede støtteberettigede projektudgifter"


def _smuk_budget(operator, project) -> None:
    financing = {**SMUK_FINANCING, "private": SMUK_TOTAL - sum(SMUK_FINANCING.values())}
    days = {
        year: (
            min(project.end_date, datetime.date(year, 12, 31))
            - max(project.start_date, datetime.date(year, 1, 1))
        ).days
        + 1
        for year in range(project.start_date.year, project.end_date.year + 1)
    }
    total_days = sum(days.values())
    by_source = {}
    for source, amount in financing.items():
        split = {year: amount * n // total_days for year, n in days.items()}
        split[max(days)] += amount - sum(split.values())  # the rounding in the last year
        by_source[source] = split
    lines = {SMUK_LINE: {year: sum(s[year] for s in by_source.values()) for year in days}}
    budget.save_budget(actor=operator, project=project, lines=lines, financing=by_source)


def build_targets() -> dict:
    """Targets, activities, partners and the illustrative KOMPETENCEFORSYNINGmidt budgets."""
    made = {"targets": 0, "activities": 0}
    projects = Project.objects.in_bulk(list(TARGETS), field_name="code")
    if not projects or Target.objects.filter(project__in=projects.values()).exists():
        return made
    operator = get_user_model().objects.get(username="operator")
    for code, fields in REGISTER.items():
        if code in projects:
            Project.objects.filter(pk=projects[code].pk).update(**fields)
            for name, value in fields.items():
                setattr(projects[code], name, value)
    for code, targets in TARGETS.items():
        if code not in projects:
            continue
        for indicator, value, due, note in targets:
            progress.save_target(
                actor=operator,
                target=Target(
                    project=projects[code],
                    indicator=indicator,
                    value=value,
                    due_on=projects[code].end_date
                    if due == "end"
                    else datetime.date.fromisoformat(due),
                    note=note,
                ),
            )
            made["targets"] += 1
    for code, lines in KFMIDT_BUDGETS.items():
        if code not in projects:
            continue
        project = projects[code]
        years = range(project.start_date.year, project.end_date.year + 1)
        total_per_year = sum(lines.values())
        budget.save_budget(
            actor=operator,
            project=projects[code],
            lines={name: dict.fromkeys(years, amount * T) for name, amount in lines.items()},
            financing={
                "eu_fund": dict.fromkeys(years, total_per_year * T / 2),
                "region": dict.fromkeys(years, total_per_year * T / 2),
            },
        )
        # The first year's spend, from the accounts: 80 % of the year's budget.
        for line in project.budget_lines.all():
            Spend.objects.create(
                line=line,
                period_start=project.start_date,
                period_end=datetime.date(project.start_date.year, 12, 31),
                amount=lines[line.name] * T * Decimal("0.8"),
                note=ILLUSTRATIVE,
            )
    if "smuk" in projects:
        _smuk_budget(operator, projects["smuk"])
    hovedstaden = projects.get("hovedstaden-netvaerk")
    if hovedstaden:
        for number, (title, description, milestone, due) in enumerate(
            HOVEDSTADEN_ACTIVITIES, start=1
        ):
            Activity.objects.create(
                project=hovedstaden,
                number=number,
                title=title,
                description=description,
                milestone=milestone,
                milestone_due=datetime.date.fromisoformat(due),
            )
            made["activities"] += 1
        for name, role in HOVEDSTADEN_PARTNERS:
            organisation = Organisation.objects.filter(name=name).first()
            if organisation:
                ProjectPartner.objects.get_or_create(
                    project=hovedstaden, organisation=organisation, defaults={"role": role}
                )
    return made
