"""API tokens: hashed at rest, named, expiring, revocable by their owner, ended at sign-out
when the user asks."""

import datetime

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from samspil.accounts.models import ApiToken
from samspil.testing import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def user():
    person = f.UserFactory(username="konsulent9")
    person.set_password("rigtigt-kodeord")
    person.save()
    return person


def get_token(name="Rapportering"):
    response = APIClient().post(
        reverse("api-token"),
        {"username": "konsulent9", "password": "rigtigt-kodeord", "name": name},
    )
    assert response.status_code == 200, response.content
    return response.json()["token"]


def api_with(token):
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return api


def organisations(api):
    return api.get("/api/v1/organisations/").status_code


def test_a_token_works_and_is_stored_only_as_a_hash(user):
    token = get_token()
    assert organisations(api_with(token)) == 200
    record = ApiToken.objects.get(user=user)
    assert record.name == "Rapportering"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {ApiToken._meta.db_table}")
        stored = " ".join(str(value) for row in cursor.fetchall() for value in row)
    assert token not in stored


def test_an_expired_token_answers_401(user):
    token = get_token()
    ApiToken.objects.filter(user=user).update(expiry=timezone.now() - datetime.timedelta(1))
    assert organisations(api_with(token)) == 401


def test_a_token_expires_after_the_configured_days(user, settings):
    get_token()
    expiry = ApiToken.objects.get(user=user).expiry
    expected = timezone.now() + datetime.timedelta(days=settings.SAMSPIL_API_TOKEN_DAYS)
    assert abs((expiry - expected).total_seconds()) < 60


def test_the_user_sees_their_tokens_by_name_and_revokes_one(client, user):
    keep, revoke = get_token("Behold"), get_token("Afbryd")
    client.force_login(user)
    page = client.get(reverse("accounts:my-page")).content.decode()
    assert "Behold" in page and "Afbryd" in page
    digest = ApiToken.objects.get(name="Afbryd").digest
    client.post(reverse("accounts:revoke", args=[digest]))
    assert organisations(api_with(revoke)) == 401
    assert organisations(api_with(keep)) == 200


def test_nobody_revokes_another_users_token(client, user):
    token = get_token()
    other = f.UserFactory()
    client.force_login(other)
    digest = ApiToken.objects.get(user=user).digest
    client.post(reverse("accounts:revoke", args=[digest]))
    assert organisations(api_with(token)) == 200


def test_a_token_made_on_the_page_is_shown_once(client, user):
    client.force_login(user)
    refused = client.post(
        reverse("accounts:my-page"), {"name": "Datavarehus", "days": 7, "password": "forkert"}
    )
    assert refused.context["new_token"] is None and "Adgangskoden er forkert" in (
        refused.content.decode()
    )
    response = client.post(
        reverse("accounts:my-page"),
        {"name": "Datavarehus", "days": 7, "password": "rigtigt-kodeord"},
    )
    assert "no-store" in response["Cache-Control"]
    shown = response.context["new_token"]
    assert shown in response.content.decode()
    assert organisations(api_with(shown)) == 200
    assert shown not in client.get(reverse("accounts:my-page")).content.decode()


def test_signing_out_ends_the_tokens_only_when_asked(client, user):
    token = get_token()
    client.force_login(user)
    client.post(reverse("logout"))
    assert organisations(api_with(token)) == 200
    client.force_login(user)
    client.post(reverse("logout"), {"revoke_tokens": "1"})
    assert organisations(api_with(token)) == 401


def test_a_new_password_ends_every_token(user):
    token = get_token()
    user.set_password("nyt-kodeord-2026")
    user.save()
    assert organisations(api_with(token)) == 401
