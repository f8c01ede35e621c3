"""Workshop 2's referrals plan their contacts through the companies' services, so the
contact budget applies to them as to any contact."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from samspil.companies.models import Company, Contact
from samspil.discovery import services
from samspil.discovery.models import NeedDecision
from samspil.discovery.tests.test_analysis_and_decisions import answered  # noqa: F401
from samspil.testing import factories as f

pytestmark = pytest.mark.django_db

DUE = timezone.localdate() + datetime.timedelta(days=7)


def referral(survey, statement, organisation):
    return {
        "statement": statement.pk,
        "kind": "refer",
        "responsible": organisation.pk,
        "status": "open",
        "due_on": DUE.isoformat(),
    }


def spend_the_budget(company):
    """Two uncoordinated contacts in the due date's quarter: the quarter's quota."""
    for _ in range(2):
        f.ContactFactory(company=company, date=DUE, status="planned")


def test_a_referral_over_the_contact_budget_is_refused_on_the_page(client_for, world, answered):  # noqa: F811
    survey, robots, _data = answered
    ikast = Company.objects.get(name="Ikast Metal ApS")
    spend_the_budget(ikast)
    before = Contact.objects.count()
    response = client_for(world.member).post(
        reverse("discovery:analysis", args=[survey.pk]),
        referral(survey, robots, world.organisation_b),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Ikast Metal ApS" in page and "Henvisningen af Ikast Metal ApS" in page
    assert NeedDecision.objects.count() == 0  # nothing half-saved
    assert Contact.objects.count() == before


def test_a_referral_over_the_contact_budget_is_refused_by_the_service(world, answered):  # noqa: F811
    survey, robots, _data = answered
    spend_the_budget(Company.objects.get(name="Herning Plast A/S"))
    with pytest.raises(Exception) as refused:
        services.decide_need(
            actor=world.member,
            survey=survey,
            statement=robots,
            kind="refer",
            responsible=world.organisation_b,
            status="open",
            due_on=DUE,
        )
    assert "Herning Plast A/S" in " ".join(refused.value.messages)
    assert not NeedDecision.objects.exists()


def test_a_referral_within_the_budget_is_planned_and_audited(world, answered):  # noqa: F811
    from auditlog.models import LogEntry

    survey, robots, _data = answered
    decision = services.decide_need(
        actor=world.member,
        survey=survey,
        statement=robots,
        kind="refer",
        responsible=world.organisation_b,
        status="open",
        due_on=DUE,
    )
    contacts = list(decision.referral_contacts.all())
    assert len(contacts) == 2
    for contact in contacts:
        assert contact.created_by == world.member
        entries = LogEntry.objects.get_for_object(contact)
        assert entries and {entry.actor for entry in entries} == {world.member}


def test_the_api_refuses_a_referral_over_the_budget(api_for, world, answered):  # noqa: F811
    survey, robots, _data = answered
    spend_the_budget(Company.objects.get(name="Ikast Metal ApS"))
    response = api_for(world.member).post(
        "/api/v1/need-decisions/",
        {
            "survey": survey.pk,
            "statement": robots.pk,
            "kind": "refer",
            "responsible": world.organisation_b.pk,
            "status": "open",
            "due_on": DUE.isoformat(),
        },
        format="json",
    )
    assert response.status_code == 400, response.content
    assert "Ikast Metal ApS" in str(response.json())
    assert not NeedDecision.objects.exists()
