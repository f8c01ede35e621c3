"""The competence supply plan: needs carried over without retyping, levels, matched courses
accepted, agreement freezes a version, a new draft starts from it; the spider and print view."""

import datetime
import itertools

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from samspil.catalogue.models import CompetenceArea, Offering, Provider
from samspil.discovery import services as discovery
from samspil.discovery.models import Invitation, NeedDecision, Survey
from samspil.plans import services
from samspil.plans.models import CompetencePlan, PlanNeed
from samspil.testing.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def company_with_needs(world, survey):
    """Ikast Metal answered the survey with a need for robots, and WS2 decided on data."""
    discovery.send_survey(actor=world.member, survey=survey)
    survey = Survey.objects.get(pk=survey.pk)
    robots, data = survey.statements.order_by("position")
    invitation = Invitation.objects.get(email="kim@example.dk")
    discovery.save_answers(
        invitation,
        {
            robots.pk: discovery.AnswerInput(relevance="5", need="high", employees="4"),
            data.pk: discovery.AnswerInput(relevance="2", need="none"),
        },
    )
    NeedDecision.objects.create(
        survey=survey,
        statement=data,
        company=invitation.company,
        kind="new_course",
        responsible=world.organisation_a,
    )
    return invitation.company


def test_a_plan_starts_with_the_needs_from_the_survey_and_workshop_2(
    client_for, world, company_with_needs
):
    client = client_for(world.member)
    response = client.post(
        reverse("company-plan", args=[company_with_needs.pk]), {"project": world.project_a.pk}
    )
    plan = CompetencePlan.objects.get()
    assert response["Location"] == plan.get_absolute_url()
    needs = {n.description: n for n in plan.needs.select_related("area")}
    robots = needs["Vi mangler robotteknikere"]
    assert (robots.source, robots.priority, robots.employees, robots.area.name) == (
        "survey",
        "high",
        4,
        "Automation og robotter",
    )
    assert needs["Operatører skal bruge data"].source == "ws2"
    assert services.carry_over(actor=world.member, plan=plan) == 0  # never twice
    assert plan.needs.count() == 2


def test_levels_are_checked(world, company_with_needs):
    plan = services.draft_for(
        actor=world.member, company=company_with_needs, project=world.project_a
    )
    area = CompetenceArea.objects.get(name="Ledelse")
    with pytest.raises(ValidationError) as below:
        services.save_need(
            actor=world.member,
            plan=plan,
            area=area,
            description="Ledelse",
            current_level=3,
            target_level=2,
        )
    assert below.value.message_dict["target_level"] == [
        "Målniveauet ligger under det nuværende niveau."
    ]
    with pytest.raises(ValidationError) as outside:
        services.save_need(
            actor=world.member,
            plan=plan,
            area=area,
            description="Ledelse",
            current_level=1,
            target_level=6,
        )
    assert "target_level" in outside.value.message_dict
    assert not plan.needs.exists()


def test_agreeing_freezes_the_version_and_a_new_draft_copies_it(
    client_for, world, company_with_needs
):
    plan = services.draft_for(
        actor=world.member, company=company_with_needs, project=world.project_a
    )
    services.carry_over(actor=world.member, plan=plan)
    provider = Provider.objects.create(name="Tradium")
    course = Offering.objects.create(
        code="R1",
        title="Robotbetjening",
        kind="amu_course",
        provider=provider,
        description="Programmering af robotter",
    )
    course.competence_areas.add(CompetenceArea.objects.get(name="Automation og robotter"))
    need = plan.needs.get(description="Vi mangler robotteknikere")
    client = client_for(world.member)
    page = client.get(reverse("plans:need-detail", args=[need.pk]))
    assert "Robotbetjening" in page.content.decode()  # suggested, with its reasons
    client.post(reverse("plans:need-detail", args=[need.pk]), {"accept": course.pk})
    assert list(need.offerings.all()) == [course]
    response = client.post(
        reverse("plans:agree", args=[plan.pk]),
        {"agreed_by": "Kim Poulsen, direktør", "agreed_on": timezone.localdate().isoformat()},
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.is_frozen and plan.agreed_by == "Kim Poulsen, direktør"
    with pytest.raises(ValidationError, match="frosset"):
        services.save_need(
            actor=world.member, plan=plan, need=need, description="Ændret", area=need.area
        )
    assert client.post(
        reverse("plans:need-detail", args=[need.pk]), {"accept": course.pk}
    ).status_code in (302, 403)
    client.post(reverse("plans:new-draft", args=[plan.pk]))
    draft = CompetencePlan.objects.get(status="draft")
    assert (draft.version, draft.based_on) == (2, plan)
    copied = draft.needs.get(description="Vi mangler robotteknikere")
    assert list(copied.offerings.all()) == [course] and copied.pk != need.pk
    assert plan.needs.count() == draft.needs.count()


def test_the_plan_page_shows_the_spider_with_a_table_and_prints(
    client_for, world, company_with_needs
):
    plan = services.draft_for(
        actor=world.member, company=company_with_needs, project=world.project_a
    )
    services.carry_over(actor=world.member, plan=plan)
    client = client_for(world.member)
    page = client.get(plan.get_absolute_url()).content.decode()
    assert "plan-chart" in page and "Behov pr. fagområde" in page
    printable = client.get(reverse("plans:plan-print", args=[plan.pk])).content.decode()
    assert "Vi mangler robotteknikere" in printable and "<nav" not in printable


def test_plans_belong_to_the_projects_team(client_for, api_for, world, company_with_needs):
    plan = services.draft_for(
        actor=world.member, company=company_with_needs, project=world.project_a
    )
    assert client_for(world.other_member).get(plan.get_absolute_url()).status_code == 404
    assert api_for(world.other_member).get("/api/v1/plans/").json()["results"] == []
    assert api_for(world.member).get(f"/api/v1/plans/{plan.pk}/").status_code == 200


def test_the_plan_page_costs_the_same_queries_at_two_sizes(client_for, world, company_with_needs):
    plan = services.draft_for(
        actor=world.member, company=company_with_needs, project=world.project_a
    )
    provider = Provider.objects.create(name="Tradium")
    areas = list(CompetenceArea.objects.all())
    numbers = itertools.count()

    def grow(needs=areas[1:7]):
        for area in needs:
            n = next(numbers)
            need = PlanNeed.objects.create(
                plan=plan,
                area=area,
                description=f"Behov {n}",
                horizon=timezone.localdate() + datetime.timedelta(days=90),
            )
            need.offerings.add(
                Offering.objects.create(
                    code=f"C{n}", title=f"Kursus {n}", kind="amu_course", provider=provider
                )
            )

    grow(areas[:1])  # the smaller size has one need with a course, so every query runs
    assert_constant_queries(client_for(world.member), plan.get_absolute_url(), grow)
