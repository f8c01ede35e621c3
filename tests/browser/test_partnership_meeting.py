"""A partnership's meeting in a real browser: the coordinator prepares the agenda from open
cases, records a decision during the meeting without the page reloading, the assigned
consultant sees the case; a member answers the evaluation round. axe-core on every page."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from samspil.partnerships import services
from samspil.programmes.models import Tool
from samspil.testing import factories as f

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, base, username):
    page.goto(base + reverse("login"))
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill("secret-pass-123")
    page.get_by_role("button", name="Log ind").click()
    expect(page.locator("h1")).to_contain_text("Velkommen")


def test_a_meeting_decides_and_the_consultant_sees_the_case(new_page, live_server, world, axe):
    base = live_server.url
    Tool.objects.create(project=world.project_a, name="Jobrotation")
    company = f.CompanyFactory(name="Ikast Metal ApS")
    services.open_case(
        actor=world.member,
        partnership=world.partnership_a,
        company=company,
        need="To svejsere mangler",
    )
    services.start_round(
        actor=world.coordinator,
        partnership=world.partnership_a,
        title="Runde 1",
        opens_on=timezone.localdate(),
        closes_on=timezone.localdate() + datetime.timedelta(days=7),
    )

    coordinator = new_page()
    sign_in(coordinator, base, "coordinator")
    coordinator.goto(base + world.partnership_a.get_absolute_url())
    axe(coordinator)
    coordinator.get_by_role("link", name="Planlæg et møde").click()
    axe(coordinator)
    coordinator.get_by_label("Dato").fill(timezone.localdate().isoformat())
    coordinator.get_by_label("Sted").fill("VEU-centret")
    coordinator.get_by_label("Ikast Metal ApS: To svejsere mangler").check()
    coordinator.get_by_role("button", name="Gem").click()
    expect(coordinator.locator("h1")).to_contain_text("Møde")
    axe(coordinator)

    # During the meeting: the decision is recorded in place, the page is not reloaded.
    coordinator.evaluate("window.stillTheSamePage = true")
    item = coordinator.locator(".samspil-agenda-item").first
    item.get_by_text("Registrer en beslutning").click()
    item.get_by_label("Beslutning").fill("Jobcentret finder en vikar via jobrotation")
    item.get_by_label("Beskæftigelse").check()
    item.get_by_label(world.member.get_full_name()).check()
    item.get_by_role("combobox", name="Projekt").select_option(label="Projekt A")
    item.get_by_label("Jobrotation", exact=True).check()  # the chosen project's tools only
    item.get_by_role("button", name="Registrer beslutningen").click()
    expect(coordinator.locator("#agenda-case-1, .samspil-agenda-item").first).to_contain_text(
        "Beslutningen om Ikast Metal ApS er registreret."
    )
    assert coordinator.evaluate("window.stillTheSamePage") is True
    axe(coordinator)
    coordinator.get_by_role("link", name="Dagsorden og referat til udskrift").click()
    expect(coordinator.locator("main")).to_contain_text("Jobcentret finder en vikar")
    axe(coordinator)

    consultant = new_page()
    sign_in(consultant, base, "member")
    mine = consultant.get_by_role("region", name="Sager tildelt mig")
    expect(mine).to_contain_text("Ikast Metal ApS")
    mine.get_by_role("link", name="Ikast Metal ApS").click()
    expect(consultant.locator("main")).to_contain_text("Jobcentret finder en vikar via jobrotation")
    axe(consultant)

    # The member answers the evaluation round; the maturity page shows the result.
    consultant.goto(base + reverse("partnerships:maturity", args=[world.partnership_a.pk]))
    consultant.goto(base + world.partnership_a.evaluation_rounds.get().get_absolute_url())
    axe(consultant)
    for group in consultant.locator("fieldset").all():
        group.get_by_role("radio").nth(1).check()
    consultant.get_by_role("button", name="Send mit svar").click()
    expect(consultant.get_by_role("status").first).to_contain_text("Tak. Dit svar er gemt.")
    expect(consultant.locator("table").first).to_contain_text("Klub")
    expect(consultant.locator("#maturity-chart")).to_be_visible()
    # The radar is drawn with a series per round and a value per dimension.
    series = consultant.evaluate(
        "Chart.getChart('maturity-chart').data.datasets.map(d => d.data.length)"
    )
    assert series and all(points == 9 for points in series)
    axe(consultant)
    for path in [
        reverse("partnerships:case-list", args=[world.partnership_a.pk]),
        reverse("partnerships:note-create", args=[world.partnership_a.pk]),
        reverse("partnerships:note-list", args=[world.partnership_a.pk]),
    ]:
        consultant.goto(base + path)
        axe(consultant)
