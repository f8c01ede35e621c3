"""The analysis on a hand-checked example, workshop 2's decisions, and the workshop on the
companies' timelines."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import timezone

from samspil.companies.models import Contact
from samspil.discovery import services
from samspil.discovery.analysis import analyse
from samspil.discovery.models import Answer, Invitation, NeedDecision, Survey, Workshop
from samspil.testing import factories as f
from samspil.testing.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(world, survey):
    services.send_survey(actor=world.member, survey=survey)
    survey = Survey.objects.get(pk=survey.pk)
    robots, data = survey.statements.order_by("position")
    # Hand-made answers:            robots (relevance, need, employees)   data
    table = {
        "lene@example.dk": ((5, "high", 4), (3, "none", None)),
        "kim@example.dk": ((4, "some", 2), ("?", "some", 6)),
        "ole@example.dk": ((2, "none", None), (1, "none", None)),
    }
    for email, rows in table.items():
        invitation = Invitation.objects.get(email=email)
        answers = {
            statement.pk: services.AnswerInput(
                relevance="dont_know" if rel == "?" else str(rel),
                need=need,
                employees=str(emp or ""),
            )
            for statement, (rel, need, emp) in zip((robots, data), rows, strict=True)
        }
        assert services.save_answers(invitation, answers, final=email != "ole@example.dk") == {}
    return survey, robots, data


def test_the_numbers_by_hand(answered):
    survey, robots, data = answered
    result = analyse(survey)
    first, second = result.results
    assert (result.invited, result.answered) == (3, 2)
    assert first.mean_relevance == 3.67  # (5 + 4 + 2) / 3
    assert first.distribution == [0, 1, 0, 1, 1, 0]
    assert (first.companies_with_need, first.high_need, first.employees) == (2, 1, 6)
    assert second.mean_relevance == 2.0  # (3 + 1) / 2; "don't know" is not a rating
    assert second.distribution == [1, 0, 1, 0, 0, 1]
    assert (second.companies_with_need, second.employees) == (1, 6)
    assert [r.statement for r in result.by_relevance()] == [robots, data]
    assert [r.statement for r in result.by_need()] == [robots, data]
    kim = next(c for c in result.companies if c["name"] == "Ikast Metal ApS")
    assert result.heat[(kim["pk"], robots.pk)] == 4 and result.heat[(kim["pk"], data.pk)] == "?"


def test_a_second_respondent_of_the_same_company_replaces_not_adds(answered, world):
    survey, robots, _data = answered
    kim = Invitation.objects.get(email="kim@example.dk")
    colleague = Invitation.objects.create(
        survey=survey, company=kim.company, email="chef@example.dk"
    )
    services.save_answers(colleague, {robots.pk: services.AnswerInput(relevance="1", need="none")})
    first = analyse(survey).results[0]
    assert first.answers == 3 and first.mean_relevance == 2.67  # (5 + 1 + 2) / 3


def test_the_analysis_page_and_its_workbook(client_for, world, answered):
    survey, _robots, _data = answered
    client = client_for(world.member)
    url = reverse("discovery:analysis", args=[survey.pk])
    page = client.get(url).content.decode()
    assert "3.67" in page or "3,67" in page
    assert "Ikast Metal ApS" in page and "analysis-chart" in page
    workbook = client.get(url, {"export": "xlsx"})
    assert workbook["Content-Disposition"] == 'attachment; filename="analyse.xlsx"'
    assert client_for(world.other_member).get(url).status_code == 404


def test_the_analysis_costs_the_same_queries_at_two_sizes(client_for, world, answered):
    survey, robots, data = answered
    client = client_for(world.member)

    def grow():
        from samspil.discovery.models import Statement

        extra = [
            Statement.objects.create(workshop=survey.workshop, text=f"Udsagn {n}", theme="T")
            for n in range(5)
        ]
        survey.statements.add(*extra)
        for n in range(8):
            company = f.CompanyFactory()
            invitation = Invitation.objects.create(
                survey=survey, company=company, email=f"x{n}@example.dk"
            )
            for statement in [robots, data, *extra]:
                Answer.objects.create(
                    invitation=invitation,
                    statement=statement,
                    relevance=3,
                    need="some",
                    employees=2,
                    comment="Vigtigt",
                )

    assert_constant_queries(client, reverse("discovery:analysis", args=[survey.pk]), grow)


def test_a_referral_becomes_a_planned_contact_for_the_receiving_organisation(
    client_for, world, answered
):
    survey, robots, _data = answered
    client = client_for(world.member)
    response = client.post(
        reverse("discovery:analysis", args=[survey.pk]),
        {
            "statement": robots.pk,
            "kind": "refer",
            "responsible": world.organisation_b.pk,
            "status": "open",
            "due_on": (timezone.localdate() + datetime.timedelta(days=7)).isoformat(),
        },
    )
    assert response.status_code == 302
    decision = NeedDecision.objects.get()
    contacts = Contact.objects.filter(organisations=world.organisation_b, status="planned")
    # Herning Plast (high) and Ikast Metal (some) had the need; Sunds Tekstil had none.
    assert sorted(c.company.name for c in contacts) == ["Herning Plast A/S", "Ikast Metal ApS"]
    assert set(decision.referral_contacts.all()) == set(contacts)
    company = contacts.get(company__name="Ikast Metal ApS").company
    page = client.get(company.get_absolute_url()).content.decode()
    assert "Behov besluttet på workshop 2" in page and "Henvis til rekrutteringsservice" in page
    outside = client_for(world.other_member).get(company.get_absolute_url()).content.decode()
    assert "Behov besluttet på workshop 2" not in outside


def test_a_workshop_is_logged_on_every_attending_companys_timeline(client_for, world, cluster):
    companies = list(cluster.companies.order_by("name"))
    client = client_for(world.member)
    response = client.post(
        reverse("discovery:workshop-create"),
        {
            "project": world.project_a.pk,
            "cluster": cluster.pk,
            "kind": "ws1",
            "date": timezone.localdate().isoformat(),
            "theme": "Robotter",
            "facilitators": [world.member.pk],
            "companies": [c.pk for c in companies],
        },
    )
    workshop = Workshop.objects.get()
    assert response["Location"] == workshop.get_absolute_url()
    logged = Contact.objects.filter(kind="workshop")
    assert sorted(c.company.name for c in logged) == [c.name for c in companies]
    assert all(list(c.organisations.all()) == [world.organisation_a] for c in logged)
    services.save_workshop(
        actor=world.member,
        workshop=workshop,
        companies=companies[:1],
        facilitators=[world.member],
        date=timezone.localdate() + datetime.timedelta(days=3),
    )
    logged = Contact.objects.filter(kind="workshop")
    assert [(c.company, c.status) for c in logged] == [(companies[0], "planned")]
    assert client_for(world.other_member).get(workshop.get_absolute_url()).status_code == 404


def test_the_api_keeps_tokens_within_the_team(api_for, world, answered):
    survey, _robots, _data = answered
    team = (
        api_for(world.member).get("/api/v1/invitations/", {"survey": survey.pk}).json()["results"]
    )
    # The personal links are shown only to the project's operators (issue 15), each showing
    # logged; the rest of the team sees who has answered.
    assert len(team) == 3 and all(i["link"] is None for i in team)
    operated = api_for(world.operator).get("/api/v1/invitations/", {"survey": survey.pk})
    assert all("/spoergeskema/" in i["link"] for i in operated.json()["results"])
    shown = LogEntry.objects.filter(action=LogEntry.Action.ACCESS, actor=world.operator)
    assert shown.count() == 3
    assert api_for(world.other_member).get("/api/v1/invitations/").json()["results"] == []
    assert api_for(world.other_member).get("/api/v1/answers/").json()["results"] == []
    analysis = api_for(world.member).get(f"/api/v1/surveys/{survey.pk}/analysis/").json()
    assert analysis["statements"][0]["mean_relevance"] == 3.67
    again = api_for(world.member).post(f"/api/v1/surveys/{survey.pk}/send/")
    assert again.status_code == 400 and "allerede udsendt" in str(again.json())
