"""The one entrance in a real browser: a school consultant of one partnership plans a visit to a
company a jobcentre consultant of another partnership visited last week, is offered a joint
visit, and the company page shows both organisations' contacts in one timeline."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from samspil.companies.models import Contact
from samspil.organisations.models import OrganisationKind, System
from samspil.testing import factories as f

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_planning_a_visit_becomes_a_joint_visit(page, live_server, world, axe):
    school = f.OrganisationFactory(
        name="Teknisk Skole Silkeborg", kind=OrganisationKind.EDUCATION, system=System.EDUCATION
    )
    teacher = f.UserFactory(
        username="veu", first_name="Anders", last_name="Holm", email="anders@ts.dk"
    )
    f.OrganisationMembershipFactory(user=teacher, organisation=school)
    f.PartnershipMembershipFactory(user=teacher, partnership=world.partnership_a)
    f.ProjectMembershipFactory(user=teacher, project=world.project_a)
    world.other_member.email = "jobcenter@randers.dk"
    world.other_member.save()
    company = f.CompanyFactory(name="Ikast Metal ApS")
    f.ContactFactory(
        company=company,
        organisations=[world.organisation_b],
        consultants=[world.other_member],
        project=world.project_b,
        partnership=world.partnership_b,
        date=timezone.localdate() - datetime.timedelta(days=7),
        purpose="Rekruttering af svejsere",
    )

    base = live_server.url
    page.goto(base + "/")
    page.get_by_label("Brugernavn").fill("veu")
    page.get_by_label("Adgangskode").fill("secret-pass-123")
    page.get_by_role("button", name="Log ind").click()

    page.goto(base + reverse("companies:list"))
    axe(page)
    page.get_by_label("Navn eller CVR").fill("ikast")
    expect(page.get_by_role("status")).to_contain_text("1 virksomhed")  # filtered by htmx
    page.get_by_role("link", name="Ikast Metal ApS").click()
    expect(page.locator("h1")).to_have_text("Ikast Metal ApS")
    axe(page)
    # The other partnership's contact is in the timeline, without its purpose.
    timeline = page.locator("#timeline-results")
    expect(timeline).to_contain_text("Jobcenter Randers")
    expect(timeline).not_to_contain_text("Rekruttering af svejsere")

    page.get_by_role("link", name="Planlæg eller registrer en kontakt").click()
    panel = page.locator("#coordination-panel")
    expect(panel).to_contain_text("Jobcenter Randers")
    axe(page)
    panel.get_by_role("link", name="Inviter dem, og gør det til et sambesøg").click()

    expect(page.get_by_label("Type")).to_have_value("joint_visit")
    expect(page.get_by_label("Jobcenter Randers")).to_be_checked()
    expect(page.get_by_label("Teknisk Skole Silkeborg")).to_be_checked()
    invite = page.get_by_role("group", name="Inviter til sambesøg")
    expect(invite.get_by_label(world.other_member.get_full_name())).to_be_checked()
    next_week = (timezone.localdate() + datetime.timedelta(days=7)).isoformat()
    page.get_by_label("Dato").fill(next_week)
    page.get_by_label("Formål").fill("Sambesøg om svejsere og EUV")
    axe(page)
    page.get_by_role("button", name="Gem").click()

    expect(page.get_by_role("status").first).to_contain_text("Kontakten er gemt")
    timeline = page.locator("#timeline-results")
    expect(timeline).to_contain_text("Sambesøg")
    expect(timeline).to_contain_text("Sambesøg om svejsere og EUV")
    expect(timeline).to_contain_text("Jobcenter Randers, Teknisk Skole Silkeborg")
    joint = Contact.objects.get(kind="joint_visit")
    assert {o.name for o in joint.organisations.all()} == {
        "Jobcenter Randers",
        "Teknisk Skole Silkeborg",
    }

    for path in [
        reverse("companies:coordination"),
        reverse("companies:cluster-list"),
        reverse("companies:cluster-create"),
        joint.get_absolute_url(),
        reverse("companies:contact-person-create", args=[company.pk]),
        reverse("companies:update", args=[company.pk]),
    ]:
        page.goto(base + path)
        axe(page)


def test_the_import_page_is_accessible(page, live_server, world, axe):
    page.goto(live_server.url + "/")
    page.get_by_label("Brugernavn").fill("operator")
    page.get_by_label("Adgangskode").fill("secret-pass-123")
    page.get_by_role("button", name="Log ind").click()
    page.goto(live_server.url + reverse("companies:import"))
    axe(page)
    page.get_by_label("Fil (CSV eller XLSX)").set_input_files(
        files=[{"name": "v.csv", "mimeType": "text/csv", "buffer": b"cvr;name\n1358562;Kort ApS\n"}]
    )
    page.get_by_role("button", name="Importer").click()
    expect(page.get_by_role("alert")).to_contain_text("Række 2, cvr")
    axe(page)
