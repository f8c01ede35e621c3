"""Issue 18 in a real browser: what is drawn, not only what is in the HTML."""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from samspil.partnerships.models import Case, Meeting
from samspil.programmes.models import Tool
from samspil.testing import factories as f

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, base_url, username):
    page.goto(base_url + reverse("login"))
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill("secret-pass-123")
    page.get_by_role("button", name="Log ind").click()


def test_the_import_pages_check_only_box_is_drawn_and_can_be_unticked(page, live_server, world):
    sign_in(page, live_server.url, "operator")
    page.goto(live_server.url + reverse("companies:import"))
    box = page.get_by_label("Tjek kun filen; gem intet")
    expect(box).to_be_checked()
    # DKFDS draws the box as the label's ::before; it was missing when the label came first.
    drawn = page.evaluate(
        "() => { const l = document.querySelector('label[for=id_dry_run]');"
        " const s = getComputedStyle(l, '::before');"
        " return {content: s.content, width: parseFloat(s.width)}; }"
    )
    assert drawn["content"] != "none" and drawn["width"] >= 16
    page.get_by_text("Tjek kun filen; gem intet").click()
    expect(box).not_to_be_checked()


def test_a_decision_offers_only_the_chosen_projects_tools(page, live_server, world, axe):
    other = world.project_a.__class__.objects.create(code="projekt-c", name="Projekt C")
    world.partnership_a.projects.add(other)
    Tool.objects.create(project=world.project_a, name="Realkompetencevurdering")
    Tool.objects.create(project=other, name="HR-chef til leje")
    company = f.CompanyFactory(name="Ikast Metal ApS")
    case = Case.objects.create(partnership=world.partnership_a, company=company, need="Robotter")
    meeting = Meeting.objects.create(
        partnership=world.partnership_a, date=datetime.date(2026, 11, 11)
    )
    meeting.agenda_items.create(case=case)
    sign_in(page, live_server.url, "coordinator")
    page.goto(live_server.url + reverse("partnerships:meeting-detail", args=[meeting.pk]))
    page.get_by_text("Registrer en beslutning").first.click()
    expect(page.get_by_label("Realkompetencevurdering")).to_be_visible()
    expect(page.get_by_label("HR-chef til leje")).to_be_visible()  # no project chosen: all
    page.get_by_label("Projekt", exact=False).first.select_option(label="Projekt C")
    expect(page.get_by_label("HR-chef til leje")).to_be_visible()
    expect(page.get_by_label("Realkompetencevurdering")).to_be_hidden()
    width = page.evaluate("document.querySelector('.samspil-agenda-item form').offsetWidth")
    assert width > 1000  # the page's width, not a 600 px column
    axe(page)
