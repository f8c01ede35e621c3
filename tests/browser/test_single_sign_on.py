"""Sign-in with the organisation's identity, through the browser, against a real OpenID Connect
provider (the `oidc-provider` npm package, tests/oidc/provider.mjs) started for the test."""

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from samspil.accounts import oidc
from samspil.accounts.models import SingleSignOnIdentity
from samspil.programmes.models import ProjectMembership

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
PORT = int(os.environ.get("SAMSPIL_TEST_OIDC_PORT", "8215"))
ISSUER = f"http://127.0.0.1:{PORT}"


def wait_for_port(port: int, process, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the OpenID Connect provider stopped: {process.stdout.read()}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    pytest.fail(f"the OpenID Connect provider did not answer on port {port}")


@pytest.fixture
def provider(live_server, settings):
    node = shutil.which("node")
    if not node or not (ROOT / "node_modules" / "oidc-provider").is_dir():
        pytest.fail("node and the oidc-provider package (npm ci) are needed for this test")
    env = {
        **os.environ,
        "OIDC_PORT": str(PORT),
        "OIDC_CLIENT_ID": "samspil-test",
        "OIDC_CLIENT_SECRET": "test-hemmelighed",
        "OIDC_REDIRECT_URIS": live_server.url + "/log-ind/organisation/retur/",
    }
    process = subprocess.Popen(
        [node, str(ROOT / "tests" / "oidc" / "provider.mjs")],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        wait_for_port(PORT, process)
        settings.SAMSPIL_OIDC_ISSUER = ISSUER
        settings.SAMSPIL_OIDC_NAME = "Testkommunen"
        settings.OIDC_RP_CLIENT_ID = "samspil-test"
        settings.OIDC_RP_CLIENT_SECRET = "test-hemmelighed"
        settings.OIDC_RP_SIGN_ALGO = "RS256"
        settings.OIDC_RP_SCOPES = "openid email profile"
        settings.OIDC_CREATE_USER = False
        settings.OIDC_USE_PKCE = True
        settings.OIDC_AUTHENTICATE_CLASS = "samspil.accounts.oidc.StartView"
        settings.OIDC_CALLBACK_CLASS = "samspil.accounts.oidc.CallbackView"
        settings.LOGIN_REDIRECT_URL_FAILURE = "/log-ind/organisation/afvist/"
        settings.AUTHENTICATION_BACKENDS = [
            *settings.AUTHENTICATION_BACKENDS,
            "samspil.accounts.oidc.Backend",
        ]
        oidc.metadata.cache_clear()
        yield ISSUER
    finally:
        oidc.metadata.cache_clear()
        process.terminate()
        process.wait(timeout=10)


def sign_in_at_provider(page, login: str) -> None:
    page.get_by_role("link", name="Log ind med Testkommunen").click()
    page.locator("input[name=login]").fill(login)
    page.locator("input[name=password]").fill("hvad-som-helst")
    page.locator("button[type=submit]").click()


def test_a_known_user_signs_in_with_the_organisations_identity(
    page, new_page, live_server, world, provider, axe
):
    world.member.email = "Kim.Larsen@Silkeborg.dk"
    world.member.save()
    users, memberships = get_user_model().objects.count(), ProjectMembership.objects.count()

    page.goto(live_server.url + "/")
    expect(page.locator("h1")).to_have_text("Log ind")
    axe(page)  # the sign-in page with its second way in
    sign_in_at_provider(page, "kim.larsen@silkeborg.dk")  # the provider writes it in lower case
    expect(page.locator("h1")).to_contain_text("Velkommen")
    expect(page.locator("main")).to_contain_text("Projekt A")  # the member's own project
    identity = SingleSignOnIdentity.objects.get()
    assert identity.user == world.member and identity.issuer == ISSUER

    # Someone the provider knows and samspil does not is refused, in Danish; nobody is created.
    stranger = new_page()
    stranger.goto(live_server.url + "/")
    sign_in_at_provider(stranger, "ukendt@silkeborg.dk")
    expect(stranger.locator("h1")).to_have_text("Login afvist")
    expect(stranger.locator("main")).to_contain_text("opretter aldrig brugere")
    axe(stranger)
    assert get_user_model().objects.count() == users
    assert ProjectMembership.objects.count() == memberships

    # The password still works beside it.
    other = new_page()
    other.goto(live_server.url + "/")
    other.get_by_label("Brugernavn").fill("operator")
    other.get_by_label("Adgangskode").fill("secret-pass-123")
    other.get_by_role("button", name="Log ind", exact=True).click()
    expect(other.locator("h1")).to_contain_text("Velkommen")
