"""Planning and logging contacts: the rules, the coordination guard, the budget, invitations."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from samspil.companies.coordination import Quarter, coordination_picture
from samspil.companies.models import Contact
from samspil.testing import factories as f

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def contact_form(world, **overrides):
    data = {
        "kind": "visit",
        "status": "planned",
        "date": (TODAY() + datetime.timedelta(days=7)).isoformat(),
        "organisations": [world.organisation_a.pk],
        "consultants": [world.member.pk],
        "project": world.project_a.pk,
        "partnership": world.partnership_a.pk,
        "purpose": "Rekruttering af svejsere",
        "notes": "Fortroligt: ordrebogen er halveret",
    }
    data.update(overrides)
    return data


def post_contact(client, company, data):
    return client.post(reverse("companies:contact-create", args=[company.pk]), data)


def test_a_consultant_plans_a_visit_and_it_shows_in_the_timeline(client_for, world):
    company = f.CompanyFactory()
    client = client_for(world.member)
    response = post_contact(client, company, contact_form(world))
    assert response.status_code == 302
    contact = Contact.objects.get()
    assert contact.created_by == world.member
    assert list(contact.organisations.all()) == [world.organisation_a]
    page = client.get(company.get_absolute_url()).content.decode()
    assert "Rekruttering af svejsere" in page and "planlagt" in page


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        (
            {"status": "done", "date": "2099-01-01"},
            "date",
            "En gennemført kontakt kan ikke have en dato i fremtiden.",
        ),
        ({"organisations": []}, "organisations", "Vælg mindst én deltagende organisation."),
        ({"date": ""}, "date", "Dette felt er påkrævet."),
    ],
)
def test_bad_contacts_are_refused_on_the_field_and_nothing_is_saved(
    client_for, world, overrides, field, message
):
    response = post_contact(
        client_for(world.member), f.CompanyFactory(), contact_form(world, **overrides)
    )
    assert response.status_code == 200
    assert message in response.context["form"].errors[field]
    assert not Contact.objects.exists()


def test_a_joint_visit_needs_two_systems(client_for, world, schools):
    client = client_for(world.member)
    company = f.CompanyFactory()
    same_system = contact_form(
        world, kind="joint_visit", organisations=[world.organisation_a.pk, world.organisation_b.pk]
    )
    response = post_contact(client, company, same_system)
    assert "mindst to af de tre systemer" in response.content.decode()
    two_systems = contact_form(
        world, kind="joint_visit", organisations=[world.organisation_a.pk, schools["school"].pk]
    )
    assert post_contact(client, company, two_systems).status_code == 302


def test_one_cannot_log_a_contact_under_someone_elses_project(client_for, world):
    response = post_contact(
        client_for(world.member),
        f.CompanyFactory(),
        contact_form(world, project=world.project_b.pk),
    )
    assert "project" in response.context["form"].errors
    assert not Contact.objects.exists()


def test_the_guard_shows_other_actors_contacts_in_the_window_and_every_planned_one(world, schools):
    company = f.CompanyFactory()
    last_week = f.ContactFactory(
        company=company,
        organisations=[world.organisation_b],
        date=TODAY() - datetime.timedelta(days=7),
        project=world.project_b,
    )
    long_ago = f.ContactFactory(
        company=company,
        organisations=[world.organisation_b],
        date=TODAY() - datetime.timedelta(days=91),
    )
    planned = f.ContactFactory(
        company=company,
        organisations=[schools["school"]],
        status="planned",
        date=TODAY() + datetime.timedelta(days=30),
    )
    own = f.ContactFactory(
        company=company, organisations=[world.organisation_a], project=world.project_a
    )
    picture = coordination_picture(
        company, organisation_ids=[world.organisation_a.pk], project_id=world.project_a.pk
    )
    assert picture.others == [planned, last_week]
    assert long_ago not in picture.others and own not in picture.others


def test_the_window_is_a_setting(world, settings):
    settings.SAMSPIL_COORDINATION_WINDOW_DAYS = 5
    company = f.CompanyFactory()
    f.ContactFactory(
        company=company,
        organisations=[world.organisation_b],
        date=TODAY() - datetime.timedelta(days=7),
    )
    assert coordination_picture(company, organisation_ids=[world.organisation_a.pk]).others == []


def test_the_planning_page_offers_a_joint_visit_with_whoever_was_there(client_for, world):
    company = f.CompanyFactory(name="Ikast Metal ApS")
    f.ContactFactory(
        company=company,
        organisations=[world.organisation_b],
        consultants=[world.other_member],
        date=TODAY() - datetime.timedelta(days=7),
    )
    client = client_for(world.member)
    page = client.get(reverse("companies:contact-create", args=[company.pk])).content.decode()
    assert "Jobcenter Randers" in page
    assert "Inviter dem, og gør det til et sambesøg" in page
    offer = client.get(
        reverse("companies:contact-create", args=[company.pk]),
        {"invite_organisation": world.organisation_b.pk, "invite_user": world.other_member.pk},
    )
    form = offer.context["form"]
    assert form.initial["kind"] == "joint_visit"
    assert set(form.initial["organisations"]) == {world.organisation_a.pk, world.organisation_b.pk}
    assert form.initial["invite"] == [world.other_member.pk]


def test_the_panel_is_an_htmx_fragment(client_for, world):
    company = f.CompanyFactory()
    client = client_for(world.member)
    url = reverse("companies:coordination-panel", args=[company.pk])
    assert client.get(url).status_code == 404
    fragment = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in fragment and "Andre, der arbejder med virksomheden" in fragment


def test_invited_consultants_get_one_email(
    client_for, world, schools, django_capture_on_commit_callbacks
):
    company = f.CompanyFactory(name="Ikast Metal ApS")
    world.other_member.email = "mette@jobcenter.dk"
    world.other_member.save()
    data = contact_form(
        world,
        kind="joint_visit",
        # Invited are people of the organisations taking part (issue 15).
        organisations=[world.organisation_a.pk, world.organisation_b.pk, schools["school"].pk],
        invite=[world.other_member.pk],
    )
    f.ContactFactory(
        company=company, organisations=[world.organisation_b], consultants=[world.other_member]
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = post_contact(client_for(world.member), company, data)
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["mette@jobcenter.dk"]
    assert "Invitation: sambesøg hos Ikast Metal ApS" in message.subject
    assert "/virksomheder/kontakter/" in message.body


class TestContactBudget:
    def outreach(self, company, world, n, **extra):
        for _ in range(n):
            f.ContactFactory(company=company, organisations=[world.organisation_b], **extra)

    def test_the_third_uncoordinated_contact_in_a_quarter_needs_a_reason_which_is_kept(
        self, client_for, world
    ):
        company = f.CompanyFactory(name="Randers Robotteknik A/S")
        self.outreach(company, world, 2)
        client = client_for(world.member)
        today = TODAY().isoformat()
        response = post_contact(client, company, contact_form(world, status="done", date=today))
        errors = response.context["form"].errors["budget_override_reason"]
        assert "har allerede haft 2 ukoordinerede henvendelser" in errors[0]
        assert Contact.objects.count() == 2
        response = post_contact(
            client,
            company,
            contact_form(
                world, status="done", date=today, budget_override_reason="Virksomheden ringede selv"
            ),
        )
        assert response.status_code == 302
        assert (
            Contact.objects.get(budget_override_reason="Virksomheden ringede selv").created_by
            == world.member
        )

    def test_joint_visits_and_workshops_do_not_count(self, client_for, world, schools):
        company = f.CompanyFactory()
        self.outreach(company, world, 2, kind="joint_visit")
        self.outreach(company, world, 2, kind="workshop")
        self.outreach(company, world, 1)
        response = post_contact(
            client_for(world.member),
            company,
            contact_form(world, status="done", date=TODAY().isoformat()),
        )
        assert response.status_code == 302

    def test_the_budget_is_per_quarter_and_a_setting(self, client_for, world, settings):
        company = f.CompanyFactory()
        last_quarter_day = Quarter.of(TODAY()).start - datetime.timedelta(days=1)
        self.outreach(company, world, 2, date=last_quarter_day)
        client = client_for(world.member)
        assert post_contact(client, company, contact_form(world)).status_code == 302
        settings.SAMSPIL_CONTACT_BUDGET_PER_QUARTER = 1
        response = post_contact(client, company, contact_form(world))
        assert "budget_override_reason" in response.context["form"].errors

    def test_the_page_warns_before_the_budget_is_exceeded(self, client_for, world):
        company = f.CompanyFactory()
        self.outreach(company, world, 2)
        page = client_for(world.member).get(reverse("companies:contact-create", args=[company.pk]))
        assert "Kontaktbudgettet er brugt op" in page.content.decode()


def test_notes_are_shown_only_within_the_partnership_or_project(client_for, world, api_for):
    company = f.CompanyFactory()
    contact = f.ContactFactory(
        company=company,
        organisations=[world.organisation_a],
        project=world.project_a,
        partnership=world.partnership_a,
        purpose="Fortroligt formål",
        notes="Hemmelig note",
    )
    inside = client_for(world.member).get(company.get_absolute_url()).content.decode()
    assert "Fortroligt formål" in inside and "Hemmelig note" in inside
    client = client_for(world.other_member)
    outside = client.get(company.get_absolute_url()).content.decode()
    assert "Jobcenter Silkeborg" in outside  # who and when is shared
    assert "Fortroligt formål" not in outside and "Hemmelig note" not in outside
    detail = client.get(contact.get_absolute_url()).content.decode()
    assert "Hemmelig note" not in detail and "Kun for" not in detail
    assert "vises kun for det samarbejde" in detail
    data = api_for(world.other_member).get(f"/api/v1/contacts/{contact.pk}/").json()
    assert data["notes"] is None and data["purpose"] is None and data["details_visible"] is False
    data = api_for(world.member).get(f"/api/v1/contacts/{contact.pk}/").json()
    assert data["notes"] == "Hemmelig note"


def test_only_those_who_took_part_or_lead_may_change_a_contact(client_for, world):
    contact = f.ContactFactory(
        organisations=[world.organisation_a], project=world.project_a, consultants=[world.member]
    )
    url = reverse("companies:contact-update", args=[contact.pk])
    assert client_for(world.member).get(url).status_code == 200
    assert client_for(world.operator).get(url).status_code == 200  # operates the project
    assert client_for(world.other_member).get(url).status_code == 403
    assert client_for(world.outsider).get(url).status_code == 403
