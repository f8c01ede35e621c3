"""Single sign-on: who the provider's user is in samspil (stored subject, else the one user
with that e-mail address, in any case), never a new user or membership; the sign-in page's
button only when configured; passwords never wait for the provider."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from samspil.accounts import oidc
from samspil.accounts.models import SingleSignOnIdentity
from samspil.testing import factories as f

pytestmark = pytest.mark.django_db

ISSUER = "http://127.0.0.1:8219"


@pytest.fixture
def sso(settings):
    settings.SAMSPIL_OIDC_ISSUER = ISSUER
    settings.SAMSPIL_OIDC_NAME = "Silkeborg Kommune"
    return oidc.Backend()


def test_the_user_is_found_by_e_mail_in_any_case_and_the_subject_is_kept(sso):
    kim = f.UserFactory(username="kim", email="Kim.Larsen@Silkeborg.dk")
    claims = {"sub": "abc-123", "email": "kim.larsen@silkeborg.dk", "email_verified": True}
    assert sso.verify_claims(claims)
    assert sso.filter_users_by_claims(claims) == [kim]
    sso.update_user(kim, claims)
    identity = SingleSignOnIdentity.objects.get()
    assert (identity.user, identity.issuer, identity.subject) == (kim, ISSUER, "abc-123")
    # The address changes at the provider: the stored subject still finds Kim.
    moved = {"sub": "abc-123", "email": "kim@nyt-domaene.dk"}
    assert sso.filter_users_by_claims(moved) == [kim]


@pytest.mark.parametrize(
    "case",
    [
        "unknown",
        "two users",
        "inactive",
        "unverified",
        "verified as text false",
        "not said whether verified",
        "another identity already",
        "no e-mail",
    ],
)
def test_anyone_samspil_does_not_know_for_certain_is_refused_and_nobody_is_created(sso, case):
    email = "ole@silkeborg.dk"
    claims = {"sub": "ole-1", "email": email, "email_verified": True}
    if case == "two users":
        f.UserFactory(username="ole1", email=email)
        f.UserFactory(username="ole2", email=email.upper())
    elif case == "inactive":
        f.UserFactory(username="ole", email=email, is_active=False)
    elif case == "unverified":
        f.UserFactory(username="ole", email=email)
        claims["email_verified"] = False
    elif case == "verified as text false":
        f.UserFactory(username="ole", email=email)
        claims["email_verified"] = "false"
    elif case == "not said whether verified":  # unless SAMSPIL_OIDC_TRUST_EMAIL says so
        f.UserFactory(username="ole", email=email)
        del claims["email_verified"]
    elif case == "another identity already":  # a second subject may not take over the user
        ole = f.UserFactory(username="ole", email=email)
        SingleSignOnIdentity.objects.create(user=ole, issuer=ISSUER, subject="ole-0")
    elif case == "no e-mail":
        f.UserFactory(username="ole", email=email)
        del claims["email"]
    users = get_user_model().objects.count()
    refused = not sso.verify_claims(claims) or sso.filter_users_by_claims(claims) == []
    assert refused
    assert get_user_model().objects.count() == users
    assert not SingleSignOnIdentity.objects.filter(subject="ole-1").exists()


def test_a_provider_without_the_verified_claim_is_trusted_only_when_configured(sso, settings):
    kim = f.UserFactory(username="kim", email="kim@silkeborg.dk")
    claims = {"sub": "entra-1", "email": "kim@silkeborg.dk"}
    assert not sso.verify_claims(claims)
    settings.SAMSPIL_OIDC_TRUST_EMAIL = True
    assert sso.verify_claims(claims)
    assert sso.filter_users_by_claims(claims) == [kim]


def test_the_sign_in_page_offers_the_organisation_only_when_configured(client, settings):
    settings.SAMSPIL_OIDC_ISSUER = ""
    page = client.get(reverse("login")).content.decode()
    assert "Log ind med" not in page
    settings.SAMSPIL_OIDC_ISSUER = ISSUER
    settings.SAMSPIL_OIDC_NAME = "Silkeborg Kommune"
    page = client.get(reverse("login") + "?next=/virksomheder/").content.decode()
    assert "Log ind med Silkeborg Kommune" in page
    assert 'href="/log-ind/organisation/start/?next=/virksomheder/"' in page


def test_the_refusal_page_says_what_to_do_in_danish(client, settings):
    settings.SAMSPIL_OIDC_NAME = "Silkeborg Kommune"
    response = client.get(reverse("oidc-refused"))
    assert response.status_code == 403
    text = response.content.decode()
    assert "Du blev ikke logget ind med Silkeborg Kommune" in text
    assert "opretter aldrig brugere eller medlemskaber" in text


def test_a_password_sign_in_never_waits_for_an_unreachable_provider(client, settings):
    settings.SAMSPIL_OIDC_ISSUER = ISSUER  # nothing listens there
    settings.AUTHENTICATION_BACKENDS = [
        *settings.AUTHENTICATION_BACKENDS,
        "samspil.accounts.oidc.Backend",
    ]
    oidc.metadata.cache_clear()
    user = f.UserFactory(username="mette")
    user.set_password("rigtigt-kodeord")
    user.save()
    response = client.post(
        reverse("login"),
        {"username": "mette", "password": "rigtigt-kodeord"},
        REMOTE_ADDR="10.0.0.1",
    )
    assert response.status_code == 302 and response.url == reverse("home")
    oidc.metadata.cache_clear()


def test_an_issuer_without_its_client_stops_with_the_setting_named(tmp_path):
    import os
    import subprocess
    import sys

    environment = {
        **os.environ,
        "SAMSPIL_VAR_DIR": str(tmp_path),
        "SAMSPIL_OIDC_ISSUER": ISSUER,
        "DJANGO_SETTINGS_MODULE": "samspil.settings",
    }
    environment.pop("SAMSPIL_OIDC_CLIENT_ID", None)
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env=environment,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "SAMSPIL_OIDC_CLIENT_ID must be set when SAMSPIL_OIDC_ISSUER is set." in result.stderr
