"""The operator steers by the programme in a real browser: the programme page with live
actuals and a warning, a figure followed to the records behind it, a target refused and then
added on the project's progress page (chart and table), spend recorded, and the status report
downloaded as XLSX. axe-core on every page."""

import datetime
import io
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect

from samspil.programmes import budget
from samspil.programmes.models import Programme, Target
from samspil.testing import factories as f

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_operator_follows_the_programme_and_exports_the_status_report(
    page, live_server, world, axe
):
    today = timezone.localdate()
    project = world.project_a
    programme = Programme.objects.create(code="kfmidt", name="KOMPETENCEFORSYNINGmidt 2.0")
    project.programme = programme
    project.start_date = today - datetime.timedelta(days=365)
    project.end_date = today + datetime.timedelta(days=365)
    project.save()
    years = range(project.start_date.year, project.end_date.year + 1)
    budget.save_budget(
        actor=world.operator,
        project=project,
        lines={"Konsulenter": dict.fromkeys(years, 1000)},
        financing={"region": dict.fromkeys(years, 1000)},
    )
    Target.objects.create(
        project=project, indicator="companies_supported", value=10, due_on=project.end_date
    )
    f.ContactFactory(
        company=f.CompanyFactory(name="Ikast Metal ApS"),
        project=project,
        date=today - datetime.timedelta(days=30),
    )

    base = live_server.url
    page.goto(base + reverse("login"))
    page.get_by_label("Brugernavn").fill("operator")
    page.get_by_label("Adgangskode").fill("secret-pass-123")
    page.get_by_role("button", name="Log ind").click()
    page.get_by_role("link", name="Programmer").first.click()
    page.get_by_role("link", name="KOMPETENCEFORSYNINGmidt 2.0").click()
    expect(page.get_by_role("status")).to_contain_text("Støttede virksomheder")  # the warning
    axe(page)

    # The figure leads to the contact behind it.
    page.get_by_role("link", name="1: registreringerne bag Støttede virksomheder").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Støttede virksomheder")
    expect(page.locator("main")).to_contain_text("Ikast Metal ApS")
    axe(page)

    page.goto(base + reverse("programmes:progress", args=[project.pk]))
    expect(page.locator("#progress-chart")).to_be_visible()
    page.get_by_label("Indikator").select_option("participants")
    page.get_by_label("Mål", exact=True).fill("-4")
    page.get_by_label("Senest").fill((project.end_date + datetime.timedelta(days=1)).isoformat())
    page.get_by_role("button", name="Tilføj målet").click()
    expect(page.get_by_role("alert")).to_contain_text("Datoen ligger uden for projektperioden.")
    axe(page)
    page.get_by_label("Mål", exact=True).fill("40")
    page.get_by_label("Senest").fill(project.end_date.isoformat())
    page.get_by_role("button", name="Tilføj målet").click()
    expect(page.get_by_role("table", name="Mål mod faktiske tal")).to_contain_text("Deltagere")

    page.goto(base + reverse("programmes:spend", args=[project.pk]))
    page.get_by_label("Budgetpost").select_option(label="Konsulenter")
    page.get_by_label("Fra").fill(project.start_date.isoformat())
    page.get_by_label("Til").fill(today.isoformat())
    page.get_by_label("Beløb (kr.)").fill("250")
    page.get_by_role("button", name="Registrér forbruget").click()
    expect(page.locator("main")).to_contain_text("250,00")
    axe(page)

    page.goto(base + reverse("programmes:budget", args=[project.pk]))
    page.get_by_role("link", name="Redigér budgettet").click()
    year = project.start_date.year
    page.get_by_label(f"Region: {year}").fill("900")
    page.get_by_role("button", name="Gem budgettet").click()
    expect(page.get_by_role("alert")).to_contain_text(f"{year}: budgettet er 1.000")
    expect(page.get_by_label(f"Region: {year}")).to_have_value("900")  # nothing typed is lost
    axe(page)
    page.get_by_label(f"Region: {year}").fill("1.000")
    page.get_by_role("button", name="Gem budgettet").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Budget og finansiering")

    page.goto(base + reverse("programmes:programme-coordination", args=[programme.pk]))
    axe(page)
    page.goto(base + reverse("programmes:project-detail", args=[project.pk]))
    axe(page)
    page.goto(base + reverse("programmes:programme-detail", args=[programme.pk]))
    with page.expect_download() as download:
        page.get_by_role("link", name="Statusrapport (XLSX)").click()
    book = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    assert book.sheetnames == ["Oversigt", "Projekt A"]
    sheet = list(book["Projekt A"].iter_rows(values_only=True))
    assert any(row[0] == "Deltagere" and row[1] == 40 for row in sheet)
    assert any(row[0] == "Konsulenter" and row[2] == 250 for row in sheet)
