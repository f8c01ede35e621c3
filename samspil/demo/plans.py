"""Agreed competence supply plans for the demo cluster's companies that answered the survey,
with levels set and courses from the catalogue accepted."""

import datetime

from django.utils import timezone

from samspil.catalogue.matching import rank
from samspil.companies.models import Company
from samspil.plans.models import CompetencePlan
from samspil.plans.services import needs_from_discovery
from samspil.programmes.models import Project

COMPANIES = ["Herning Plast A/S", "Ikast Metal ApS", "Herning Automatik ApS"]


def build() -> dict:
    project = Project.objects.filter(code="smuk").first()
    if project is None or CompetencePlan.objects.exists():
        return {"plans": 0}
    made = 0
    today = timezone.localdate()
    for position, name in enumerate(COMPANIES):
        company = Company.objects.filter(name=name).first()
        if company is None:
            continue
        plan = CompetencePlan.objects.create(company=company, project=project)
        if not needs_from_discovery(plan):
            plan.delete()
            continue
        for level, need in enumerate(plan.needs.select_related("area"), start=1):
            need.current_level = 1 + level % 2
            need.target_level = 3 + level % 3
            need.horizon = today + datetime.timedelta(days=120)
            need.save()
            for match in rank(need.description, areas=[need.area], company=company, top=1):
                need.offerings.add(match.offering)
        if position < 2:  # two agreed with the company, one still a draft
            plan.status = CompetencePlan.Status.AGREED
            plan.agreed_on = today - datetime.timedelta(days=3)
            plan.agreed_by = company.contact_persons.values_list("name", flat=True).first() or ""
            plan.save()
        made += 1
    return {"plans": made}
