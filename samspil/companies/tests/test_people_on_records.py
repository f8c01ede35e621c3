"""People named on a record belong to it: a contact's consultants and those invited to it,
a workshop's facilitators and a meeting's attendees are members of its organisations,
partnership or project. Naming or inviting an outsider is refused, on the page and in the
API, with a Danish message on the field; the forms offer only people who belong."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from samspil.companies.models import Contact
from samspil.discovery import services as discovery_services
from samspil.discovery.models import Workshop
from samspil.partnerships import services as partnership_services
from samspil.partnerships.models import Meeting
from samspil.testing import factories as f

pytestmark = pytest.mark.django_db

REFUSED = "er ikke medlem af partnerskabet, projektet eller en af de deltagende organisationer"
NEXT_WEEK = (timezone.localdate() + datetime.timedelta(days=7)).isoformat()


def contact_form(world, **overrides):
    data = {
        "kind": "visit",
        "status": "planned",
        "date": NEXT_WEEK,
        "organisations": [world.organisation_a.pk],
        "consultants": [world.member.pk],
        "project": world.project_a.pk,
        "partnership": world.partnership_a.pk,
        "purpose": "Rekruttering af svejsere",
    }
    data.update(overrides)
    return data


def name(user):
    from django.utils.html import escape

    return escape(user.get_full_name() or user.username)


def post_contact(client, company, data):
    return client.post(reverse("companies:contact-create", args=[company.pk]), data)


def test_naming_an_outsider_on_a_contact_is_refused_on_the_page(client_for, world):
    company = f.CompanyFactory()
    client = client_for(world.member)
    response = post_contact(client, company, contact_form(world, consultants=[world.outsider.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert f"{name(world.outsider)} {REFUSED}" in page
    assert not Contact.objects.exists()
    # Another organisation's consultant is refused too, until that organisation takes part.
    response = post_contact(
        client, company, contact_form(world, consultants=[world.member.pk, world.other_member.pk])
    )
    assert REFUSED in response.content.decode() and not Contact.objects.exists()
    joint = contact_form(
        world,
        consultants=[world.member.pk, world.other_member.pk],
        organisations=[world.organisation_a.pk, world.organisation_b.pk],
    )
    assert post_contact(client, company, joint).status_code == 302
    assert set(Contact.objects.get().consultants.all()) == {world.member, world.other_member}


def test_the_contact_form_offers_only_people_who_belong(client_for, world):
    company = f.CompanyFactory()
    page = client_for(world.member).get(reverse("companies:contact-create", args=[company.pk]))
    choices = {value for value, _label in page.context["form"].fields["consultants"].widget.choices}
    assert world.member.pk in choices and world.operator.pk in choices  # project A's team
    assert world.outsider.pk not in choices and world.other_member.pk not in choices


def test_naming_an_outsider_on_a_contact_is_refused_by_the_api(api_for, world):
    company = f.CompanyFactory()
    response = api_for(world.member).post(
        "/api/v1/contacts/",
        {
            "company": company.pk,
            "kind": "visit",
            "status": "planned",
            "date": NEXT_WEEK,
            "organisations": [world.organisation_a.pk],
            "consultants": ["member", "outsider"],
            "project": world.project_a.pk,
        },
        format="json",
    )
    assert response.status_code == 400, response.content
    (message,) = response.json()["consultants"]
    assert message.startswith(f"{name(world.outsider)} {REFUSED}")
    assert not Contact.objects.exists()


def test_inviting_an_outsider_is_refused_and_no_mail_is_sent(api_for, client_for, world):
    world.outsider.email = "outsider@example.dk"
    world.outsider.save()
    company = f.CompanyFactory()
    response = api_for(world.member).post(
        "/api/v1/contacts/",
        {
            "company": company.pk,
            "kind": "visit",
            "status": "planned",
            "date": NEXT_WEEK,
            "organisations": [world.organisation_a.pk],
            "consultants": ["member"],
            "invite": ["outsider"],
        },
        format="json",
    )
    assert response.status_code == 400, response.content
    assert REFUSED in response.json()["invite"][0]
    assert not Contact.objects.exists() and mail.outbox == []


def test_inviting_a_member_of_an_organisation_taking_part_sends_the_mail(
    django_capture_on_commit_callbacks, world
):
    from samspil.companies import services

    world.other_member.email = "other@example.dk"
    world.other_member.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.save_contact(
            actor=world.member,
            company=f.CompanyFactory(),
            kind="visit",
            status="planned",
            date=timezone.localdate(),
            organisations=[world.organisation_a, world.organisation_b],
            consultants=[world.member],
            invite=[world.other_member],
        )
    assert [m.to for m in mail.outbox] == [["other@example.dk"]]


def test_a_workshop_facilitator_from_outside_the_project_is_refused(world):
    fields = {
        "project": world.project_a,
        "kind": "ws1",
        "date": timezone.localdate(),
        "theme": "Digitalisering",
    }
    with pytest.raises(ValidationError) as refused:
        discovery_services.save_workshop(
            actor=world.member, facilitators=[world.member, world.other_member], **fields
        )
    assert REFUSED in refused.value.message_dict["facilitators"][0]
    assert not Workshop.objects.exists()
    workshop = discovery_services.save_workshop(
        actor=world.member, facilitators=[world.member, world.operator], **fields
    )
    assert set(workshop.facilitators.all()) == {world.member, world.operator}


def test_a_meeting_attendee_from_outside_the_partnership_is_refused(world):
    with pytest.raises(ValidationError) as refused:
        partnership_services.plan_meeting(
            actor=world.coordinator,
            partnership=world.partnership_a,
            attendees=[world.member, world.outsider],
            date=timezone.localdate(),
        )
    assert REFUSED in refused.value.message_dict["attendees"][0]
    assert not Meeting.objects.exists()
    meeting = partnership_services.plan_meeting(
        actor=world.coordinator,
        partnership=world.partnership_a,
        attendees=[world.member],
        date=timezone.localdate(),
    )
    with pytest.raises(ValidationError):
        partnership_services.update_meeting(
            actor=world.coordinator, meeting=meeting, attendees=[world.other_member]
        )
    assert list(meeting.attendees.all()) == [world.member]
