"""The programmes and figures of the seeds: KOMPETENCEFORSYNINGmidt holds its two projects,
and Kompetencer til vækst carries the Vækstforum proposal's budget and financing table
(45 million DKK over 2017-2019, half from the ESF), with the first half-year's spend."""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model

from samspil.core.models import Region
from samspil.programmes import budget
from samspil.programmes.models import BudgetLine, Programme, Project, Spend

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
