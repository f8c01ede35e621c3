"""The plan in a real browser: a consultant opens a company, finds the needs carried over from
its survey answers and workshop 2, sets levels, accepts a matched course, records the company's
agreement and prints the plan with its competence spider. axe-core on every page."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from samspil.catalogue.models import CompetenceArea, Offering, Provider
from samspil.discovery import services as discovery
from samspil.discovery.models import Invitation, Survey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_consultant_makes_the_plan_the_company_agrees(page, live_server, world, survey, axe):
    discovery.send_survey(actor=world.member, survey=survey)
    robots = Survey.objects.get(pk=survey.pk).statements.order_by("position").first()
    invitation = Invitation.objects.get(email="kim@example.dk")
    discovery.save_answers(
        invitation, {robots.pk: discovery.AnswerInput(relevance="5", need="high", employees="4")}
    )
    provider = Provider.objects.create(name="Tradium")
    course = Offering.objects.create(
        code="AMU-40419",
        title="Robotbetjening og programmering",
        kind="amu_course",
        provider=provider,
        description="Programmering af industrirobotter",
    )
    course.competence_areas.add(CompetenceArea.objects.get(name="Automation og robotter"))

    base = live_server.url
    page.goto(base + reverse("login"))
    page.get_by_label("Brugernavn").fill("member")
    page.get_by_label("Adgangskode").fill("secret-pass-123")
    page.get_by_role("button", name="Log ind").click()
    page.goto(base + invitation.company.get_absolute_url())
    page.get_by_role("link", name="Kompetenceforsyningsplan").click()
    axe(page)
    page.get_by_label("Projekt").select_option(label="Projekt A")
    page.get_by_role("button", name="Start planen").click()
    expect(page.get_by_role("status").first).to_contain_text("1 behov")
    expect(page.locator("#needs ~ div table")).to_contain_text("Vi mangler robotteknikere")
    axe(page)

    page.get_by_role("link", name="Vi mangler robotteknikere").click()
    expect(page.locator("main")).to_contain_text("Robotbetjening og programmering")
    axe(page)
    page.get_by_role("button", name=re.compile("^Tag ind i planen")).first.click()
    expect(page.get_by_text("Taget ind i planen", exact=True)).to_be_visible()
    page.get_by_label("Nuværende niveau (0-5)").fill("1")
    page.get_by_label("Målniveau (0-5)").fill("4")
    page.get_by_role("button", name="Gem").click()
    expect(page.locator("#needs ~ div table")).to_contain_text(
        "Robotbetjening og programmering (Tradium)"
    )
    expect(page.locator("#plan-chart")).to_be_visible()
    # The spider is drawn with the plan's figures and named series, not "undefined".
    drawn = page.evaluate(
        "(() => { const c = Chart.getChart('plan-chart'); return {"
        " labels: c.data.datasets.map(d => d.label),"
        " points: c.data.datasets.map(d => d.data.length) }; })()"
    )
    assert drawn["labels"] == ["Nuværende niveau", "Målniveau"]
    assert all(points >= 1 for points in drawn["points"])

    page.get_by_label("Godkendt af (i virksomheden)").fill("Kim Poulsen, direktør")
    page.get_by_label("Godkendt den").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="Registrer godkendelsen").click()
    expect(page.get_by_role("status").first).to_contain_text("aftalt med virksomheden og frosset")
    axe(page)
    page.get_by_role("link", name="Udskriv planen").click()
    expect(page.locator("main")).to_contain_text("Kim Poulsen, direktør")
    expect(page.locator("#plan-chart")).to_be_visible()
    axe(page)
    for path in [
        reverse("catalogue:offering-list"),
        reverse("catalogue:match") + "?need=robotter",
        reverse("catalogue:area-list"),
        course.get_absolute_url(),
    ]:
        page.goto(base + path)
        axe(page)
