"""Sign in, switch language and check every page with axe-core (WCAG 2.1 AA)."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def sign_in(page, base_url, username):
    page.goto(base_url + "/")
    expect(page.locator("h1")).to_have_text("Log ind")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill("secret-pass-123")
    page.get_by_role("button", name="Log ind").click()


def test_sign_in_switch_language_and_every_page_is_accessible(page, live_server, world, axe):
    base = live_server.url
    page.goto(base + "/")
    assert page.locator("html").get_attribute("lang") == "da"
    axe(page)  # the sign-in page

    # A wrong password gets a clear Danish message, and the form is still accessible.
    page.get_by_label("Brugernavn").fill("operator")
    page.get_by_label("Adgangskode").fill("forkert")
    page.get_by_role("button", name="Log ind").click()
    expect(page.get_by_role("alert")).to_contain_text("Brugernavn eller adgangskode er forkert")
    axe(page)

    sign_in(page, base, "operator")
    expect(page.locator("h1")).to_contain_text("Velkommen")
    expect(page.locator("main")).to_contain_text("Projekt A")
    axe(page)

    pages = [
        reverse("organisations:list"),
        reverse("organisations:list") + "?system=employment",
        reverse("organisations:detail", args=[world.organisation_a.pk]),
        reverse("organisations:update", args=[world.organisation_a.pk]),
        reverse("organisations:create"),
        reverse("partnerships:list"),
        reverse("partnerships:detail", args=[world.partnership_a.pk]),
        reverse("programmes:project-list"),
        reverse("programmes:project-detail", args=[world.project_a.pk]),
        reverse("partnerships:detail", args=[world.partnership_b.pk]),  # the 404 page
    ]
    for path in pages:
        page.goto(base + path)
        assert page.locator("html").get_attribute("lang") == "da"
        axe(page)

    # A form with errors: the summary links to each field, and axe still passes.
    page.goto(base + reverse("organisations:create"))
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_role("alert")).to_contain_text("Intet er gemt")
    axe(page)

    # Switch to English, then Swedish: the choice sticks across pages.
    page.goto(base + reverse("organisations:list"))
    page.get_by_role("link", name="English").click()
    expect(page.locator("h1")).to_have_text("Organisations")
    assert page.locator("html").get_attribute("lang") == "en"
    page.goto(base + "/")
    expect(page.locator("h1")).to_contain_text("Welcome")
    axe(page)
    page.get_by_role("link", name="Svenska").click()
    expect(page.locator("h1")).to_contain_text("Välkommen")
    axe(page)
    page.get_by_role("link", name="Dansk").click()
    expect(page.locator("h1")).to_contain_text("Velkommen")


def test_a_consultant_sees_their_partnership_and_project_on_a_danish_page(
    page, live_server, world, axe
):
    sign_in(page, live_server.url, "member")
    expect(page).to_have_url(re.compile(r"/$"))
    main = page.locator("main")
    expect(main.get_by_role("heading", name="Mine samarbejder")).to_be_visible()
    expect(main.get_by_role("link", name="LKS A")).to_be_visible()
    expect(main.get_by_role("link", name="Projekt A")).to_be_visible()
    expect(main).not_to_contain_text("LKS B")
    page.get_by_role("button", name="Log af").click()
    expect(page.locator("h1")).to_have_text("Log ind")


def test_the_accessibility_check_catches_a_violation(page, axe):
    # Guards the guard: a page with an unlabeled field and an image without text must fail.
    page.set_content(
        '<html lang="da"><body><main><img src="x.png"><input type="text"></main></body></html>'
    )
    with pytest.raises(AssertionError, match="image-alt|label"):
        axe(page)
