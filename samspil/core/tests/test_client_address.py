"""Rate limits count per visitor address, which a visitor cannot choose by sending a header."""

from types import SimpleNamespace

import pytest
from django.test import RequestFactory

from samspil.core.ratelimit import allow, client_address


def request_from(remote, forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_trusted_proxies_the_forwarded_header_is_ignored(settings):
    settings.SAMSPIL_TRUSTED_PROXIES = 0
    assert client_address(request_from("203.0.113.7", "198.51.100.1")) == "203.0.113.7"


def test_behind_one_proxy_the_address_it_saw_counts_not_what_the_visitor_wrote(settings):
    settings.SAMSPIL_TRUSTED_PROXIES = 1
    # The visitor sent "X-Forwarded-For: 1.2.3.4"; our proxy appended the address it saw.
    assert client_address(request_from("10.0.0.2", "1.2.3.4, 203.0.113.7")) == "203.0.113.7"
    assert client_address(request_from("10.0.0.2", "203.0.113.7")) == "203.0.113.7"
    settings.SAMSPIL_TRUSTED_PROXIES = 2
    assert (
        client_address(request_from("10.0.0.3", "1.2.3.4, 203.0.113.7, 10.0.0.2")) == "203.0.113.7"
    )


@pytest.fixture
def one_window(monkeypatch):
    """One minute's window throughout: requests could otherwise straddle two windows."""
    monkeypatch.setattr("samspil.core.ratelimit.time", SimpleNamespace(time=lambda: 6_000_030.0))


def test_a_rotating_forwarded_header_does_not_escape_the_survey_limit(
    client, settings, db, one_window
):
    settings.SAMSPIL_SURVEY_RATE_PER_MINUTE = 5
    statuses = [
        client.get(
            "/spoergeskema/gaet-et-token/", HTTP_X_FORWARDED_FOR=f"198.51.100.{i}"
        ).status_code
        for i in range(20)
    ]
    assert statuses.count(429) == 15


def test_the_limit_is_kept_per_address(settings, db, one_window):
    for _ in range(3):
        assert allow("test", "203.0.113.7", 3)
    assert not allow("test", "203.0.113.7", 3)
    assert allow("test", "203.0.113.8", 3)


def test_the_sign_in_lockout_counts_an_ipv6_subscriber_as_one_address(settings):
    from samspil.core.signin import client_ip

    settings.SAMSPIL_TRUSTED_PROXIES = 0
    first = client_ip(request_from("2001:db8:1:2::1"))
    assert first == client_ip(request_from("2001:db8:1:2:ffff::9")) == "2001:db8:1:2::"
    assert client_ip(request_from("2001:db8:1:3::1")) != first
    assert client_ip(request_from("203.0.113.7")) == "203.0.113.7"
    assert client_ip(request_from("unknown")) is None
