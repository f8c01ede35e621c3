"""A company answers its survey on a phone, in Danish, English and Swedish; the team's pages of
needs discovery pass axe-core too."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from samspil.discovery import services
from samspil.discovery.models import Answer, Invitation, Survey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_respondent_answers_on_a_phone(browser, live_server, world, survey, axe):
    services.send_survey(actor=world.member, survey=survey)
    invitation = Invitation.objects.get(email="kim@example.dk")
    first = Survey.objects.get(pk=survey.pk).statements.order_by("position").first()

    context = browser.new_context(
        viewport={"width": 375, "height": 812}, is_mobile=True, has_touch=True
    )
    try:
        page = context.new_page()
        page.goto(live_server.url + invitation.get_absolute_url())
        expect(page.locator("h1")).to_have_text("Kompetencebehov")
        expect(page.locator("main")).to_contain_text("Svar for Ikast Metal ApS")
        axe(page)
        statement = page.get_by_role("group", name="Vi mangler robotteknikere")
        statement.get_by_role("radio", name="4").check()
        expect(page.locator("#autosave")).to_contain_text("Gemt kl.")  # saved as one goes (htmx)
        statement.get_by_role("radio", name="Stort behov").check()
        statement.get_by_label("Hvor mange medarbejdere drejer det sig om?").fill("3")
        statement.get_by_label("Hvor mange medarbejdere drejer det sig om?").blur()
        expect(page.locator("#autosave")).to_contain_text("Gemt kl.")
        page.wait_for_timeout(500)
        answer = Answer.objects.get(invitation=invitation, statement=first)
        assert (answer.relevance, answer.need) == (4, "high")
        # No horizontal scrolling on a phone.
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")

        page.get_by_role("link", name="English").click()
        expect(page.get_by_text("How relevant is this to your company?").first).to_be_visible()
        axe(page)
        page.get_by_role("link", name="Svenska").click()
        expect(page.get_by_text("Hur relevant är detta för ert företag?").first).to_be_visible()
        axe(page)
        page.get_by_role("link", name="Dansk").click()
        page.get_by_role("button", name="Send mine svar").click()
        expect(page.locator("h1")).to_have_text("Tak for jeres svar")
        axe(page)
        page.goto(live_server.url + "/spoergeskema/forkert/")
        expect(page.locator("h1")).to_have_text("Linket virker ikke")
        axe(page)
    finally:
        context.close()
    invitation.refresh_from_db()
    assert invitation.answered_at is not None


def test_the_teams_pages_are_accessible(page, live_server, world, survey, axe):
    services.send_survey(actor=world.member, survey=survey)
    page.goto(live_server.url + reverse("login"))
    page.get_by_label("Brugernavn").fill("member")
    page.get_by_label("Adgangskode").fill("secret-pass-123")
    page.get_by_role("button", name="Log ind").click()
    for path in [
        reverse("discovery:workshop-list"),
        reverse("discovery:workshop-create"),
        survey.workshop.get_absolute_url(),
        reverse("discovery:survey-create", args=[survey.workshop.pk]),
        survey.get_absolute_url(),
        reverse("discovery:analysis", args=[survey.pk]),
    ]:
        page.goto(live_server.url + path)
        axe(page)
