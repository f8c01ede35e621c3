"""Guessing passwords: the 11th wrong try for a username from one address is refused, even
with the right password, until the lockout ends or an operator unlocks the user."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from samspil.testing import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def user(settings):
    settings.AXES_FAILURE_LIMIT = 10
    person = f.UserFactory(username="konsulent9")
    person.set_password("rigtigt-kodeord")
    person.save()
    return person


def sign_in(client, password, address="203.0.113.7"):
    return client.post(
        reverse("login"),
        {"username": "konsulent9", "password": password},
        REMOTE_ADDR=address,
    )


def test_the_eleventh_wrong_password_locks_the_sign_in_page(client, user):
    answers = [sign_in(client, "forkert").status_code for _ in range(10)]
    assert answers == [200] * 9 + [429]  # the 10th failure locks
    locked = sign_in(client, "rigtigt-kodeord")
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "For mange forkerte adgangskoder" in page and 'lang="da"' in page
    assert "_auth_user_id" not in client.session
    # Another address is not locked out by this one's guesses.
    assert sign_in(client, "rigtigt-kodeord", address="198.51.100.1").status_code == 302


def test_an_operator_unlocks_the_user(client, user):
    for _ in range(10):
        sign_in(client, "forkert")
    call_command("axes_reset_username", "konsulent9", verbosity=0)
    assert sign_in(client, "rigtigt-kodeord").status_code == 302


def test_the_token_endpoint_is_locked_too(client, user):
    url = reverse("api-token")
    for _ in range(10):
        client.post(url, {"username": "konsulent9", "password": "forkert"}, REMOTE_ADDR="1.2.3.4")
    locked = client.post(
        url, {"username": "konsulent9", "password": "rigtigt-kodeord"}, REMOTE_ADDR="1.2.3.4"
    )
    assert locked.status_code == 429
    assert "For mange forkerte adgangskoder" in locked.json()["detail"]
    assert "token" not in locked.json()


def test_a_rotating_forwarded_header_does_not_reset_the_count(client, user, settings):
    settings.SAMSPIL_TRUSTED_PROXIES = 0
    for i in range(10):
        client.post(
            reverse("login"),
            {"username": "konsulent9", "password": "forkert"},
            REMOTE_ADDR="203.0.113.7",
            HTTP_X_FORWARDED_FOR=f"10.9.8.{i}",
        )
    assert sign_in(client, "rigtigt-kodeord").status_code == 429
