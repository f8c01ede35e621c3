"""A participant in a real browser: a consultant registers an employee with the ESF start
form (a mistyped CPR number is refused on the field), records the prior-learning assessment,
makes the education plan with school periods, and sees it in the company's matrix and the
project's ESF report. axe-core on every page."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from samspil.catalogue.models import CompetenceArea, Offering, Provider
from samspil.plans.models import CompetencePlan, PlanNeed
from samspil.testing import factories as f

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_consultant_enrols_an_employee_and_plans_the_education(page, live_server, world, axe):
    company = f.CompanyFactory(name="Ikast Metal ApS")
    school = Provider.objects.create(name="Tradium", kind="vocational_school")
    area = CompetenceArea.objects.get(name="Automation og robotter")
    euv = Offering.objects.create(
        code="EUV-AUTO", title="Automatiktekniker (EUV)", kind="euv", provider=school
    )
    euv.competence_areas.add(area)
    plan = CompetencePlan.objects.create(company=company, project=world.project_a)
    PlanNeed.objects.create(plan=plan, area=area, description="Vi mangler automatikteknikere")

    base = live_server.url
    page.goto(base + reverse("login"))
    page.get_by_label("Brugernavn").fill("member")
    page.get_by_label("Adgangskode").fill("secret-pass-123")
    page.get_by_role("button", name="Log ind").click()
    page.goto(base + reverse("participants:project-participants", args=[world.project_a.pk]))
    axe(page)
    page.get_by_role("link", name="Tilmeld en deltager").click()
    page.get_by_label("Identifikationstype").select_option("cpr")
    page.get_by_label("Identifikation", exact=True).fill("320185-1234")
    page.get_by_label("Navn").fill("Jonas Lærling")
    page.get_by_label("Arbejdsgiver").select_option(label="Ikast Metal ApS")
    page.get_by_label("Startdato").fill("2025-04-01")
    page.get_by_label("Beskæftigelsesstatus ved start").select_option("employed")
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_role("alert")).to_contain_text("Identifikation:")
    axe(page)
    page.get_by_label("Identifikation", exact=True).fill("150385-1234")
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Jonas Lærling")
    expect(page.locator("main")).to_contain_text("150385-xxxx")
    axe(page)

    page.get_by_role("link", name="Registrér en vurdering").click()
    page.get_by_label("Skole").select_option(label="Tradium")
    page.get_by_label("Dato for vurdering").fill("2025-04-10")
    page.get_by_label("Bedømmer").fill("Lars Faglærer")
    page.get_by_label("Forløb").select_option("euv2")
    page.get_by_label("Resulterende længde (uger)").fill("42")
    axe(page)
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_role("heading", name="EUV2")).to_be_visible()

    page.get_by_role("link", name="Lav en uddannelsesplan").click()
    page.get_by_label("Uddannelse", exact=True).select_option(
        label="Automatiktekniker (EUV) – Tradium"
    )
    page.get_by_label("Udbyder").select_option(label="Tradium")
    page.get_by_label("Startdato").fill("2025-05-01")
    page.get_by_label("Forventet slutdato").fill("2026-06-30")
    page.locator("#id_periods-0-start").fill("2025-04-01")
    page.locator("#id_periods-0-end").fill("2025-06-01")
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_role("alert")).to_contain_text("Skoleperiode 1")
    axe(page)
    page.locator("#id_periods-0-start").fill("2025-05-05")
    page.get_by_role("button", name="Gem").click()
    expect(page.locator("main")).to_contain_text("05-05-2025 – 01-06-2025")

    page.goto(base + company.get_absolute_url())
    page.get_by_role("link", name="Hvem tager hvilken uddannelse").click()
    row = page.get_by_role("row", name="Jonas Lærling")
    expect(row).to_contain_text("Automatiktekniker (EUV)")
    axe(page)
    page.goto(base + reverse("participants:esf-report", args=[world.project_a.pk]))
    expect(page.locator("main")).to_contain_text("CO05")
    labels = page.evaluate("Chart.getChart('esf-chart').data.labels")
    assert labels[:2] == ["CO01", "CO02"]  # the chart has the report's figures
    axe(page)
    page.goto(base + world.project_a.get_absolute_url())
    # The budget is the project's operators' (docs/scoping.md): a consultant is not shown it.
    expect(page.get_by_role("link", name="Budget og finansiering")).to_have_count(0)
    page.get_by_role("link", name="Mål og fremdrift").click()
    expect(page.get_by_role("table")).to_contain_text("Ingen mål endnu.")
    axe(page)
