"""A jobcentre consultant in a real browser: sees the opening a company's plan created, is
offered a suitable candidate with reasons, refers and proposes them for a job rotation that the
rules check first refuses and then passes, and the candidate starts and becomes a participant
with the start form. axe-core on every page."""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from samspil.catalogue.models import CompetenceArea
from samspil.organisations.models import OrganisationKind, System
from samspil.participants.models import Enrolment
from samspil.plans.models import CompetencePlan, PlanNeed
from samspil.recruitment.tests.conftest import make_candidate
from samspil.testing import factories as f

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_jobcentre_consultant_fills_a_rotation_post_and_the_substitute_starts(
    page, live_server, world, axe
):
    today = datetime.date.today()
    jobcentre = f.OrganisationFactory(
        name="Jobcenter Herning", kind=OrganisationKind.EMPLOYMENT, system=System.EMPLOYMENT
    )
    f.OrganisationMembershipFactory(user=world.member, organisation=jobcentre)
    world.company = f.CompanyFactory(name="Ikast Metal ApS")
    area = CompetenceArea.objects.get(name="Produktionsteknologi")
    plan = CompetencePlan.objects.create(company=world.company, project=world.project_a)
    need = PlanNeed.objects.create(plan=plan, area=area, description="CNC-operatør")
    candidate = make_candidate(
        world,
        jobcentre,
        name="Morten Vestergaard",
        education_level="unskilled",
        unemployed_since=today - datetime.timedelta(days=300),
        available_from=today,
    )
    candidate.competence_areas.add(area)
    make_candidate(world, jobcentre, name="Jesper Kragh", consent=False)

    base = live_server.url
    page.goto(base + reverse("login"))
    page.get_by_label("Brugernavn").fill("member")
    page.get_by_label("Adgangskode").fill("secret-pass-123")
    page.get_by_role("button", name="Log ind").click()

    # The company's plan becomes an opening without retyping.
    page.goto(base + reverse("plans:need-detail", args=[need.pk]))
    page.get_by_role("link", name="Dæk behovet med arbejdskraft: gør det til en stilling").click()
    expect(page.get_by_label("Rolle")).to_have_value("CNC-operatør")
    axe(page)
    page.get_by_label("Type").select_option("rotation")
    page.get_by_label("Timer om ugen").fill("37")
    page.get_by_label("Fra", exact=True).fill((today + datetime.timedelta(days=14)).isoformat())
    page.get_by_label("Til (valgfri)").fill((today + datetime.timedelta(days=120)).isoformat())
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("CNC-operatør")

    # A suitable candidate with reasons; the one without consent is not offered.
    main = page.locator("main")
    expect(main).to_contain_text("Fælles kompetenceområder: Produktionsteknologi")
    expect(main).not_to_contain_text("Jesper Kragh")
    axe(page)
    page.get_by_role("button", name="Henvis til stillingen Morten Vestergaard").click()
    expect(page.get_by_role("table", name="Kandidater i forløbet")).to_contain_text("Henvist")

    # The rotation: first with an employee hired too recently, then right.
    page.get_by_label("Vikar").select_option(label="Morten Vestergaard")
    page.get_by_label("Medarbejder under uddannelse").fill("Karsten Holm")
    page.get_by_label("Medarbejderen ansat siden").fill(today.isoformat())
    page.get_by_label("Planlagte uddannelsestimer").fill("148")
    page.get_by_role("button", name="Tjek og gem jobrotationen").click()
    expect(page.get_by_role("alert")).to_contain_text("ansat mindst 3 måneder")
    axe(page)
    page.get_by_label("Medarbejderen ansat siden").fill("2015-03-01")
    page.get_by_role("button", name="Tjek og gem jobrotationen").click()
    expect(main).to_contain_text("Forventet tilskud: 30.069,16 kr.")
    expect(main).not_to_contain_text("Brudt")

    # The substitute starts and becomes a participant with the start form.
    row = page.get_by_role("row", name="Morten Vestergaard")
    row.get_by_label("Trin: Morten Vestergaard").select_option("started")
    row.get_by_role("button", name="Flyt Morten Vestergaard").click()
    expect(page.get_by_role("status").first).to_contain_text("er nu deltager")
    enrolment = Enrolment.objects.get(participant=candidate.person, project=world.project_a)
    assert enrolment.employment_status == "unemployed"
    assert page.url.endswith(reverse("participants:enrolment-edit", args=[enrolment.pk]))
    axe(page)
