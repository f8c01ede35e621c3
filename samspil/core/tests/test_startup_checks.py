"""Start-up checks: settings that cannot work stop `samspil serve` with one message naming
the setting."""

import io
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.core import checks
from django.core.management import CommandError, call_command

from samspil.core.checks import TAG, without_password


def startup_errors():
    return [
        m.msg
        for m in checks.run_checks(tags=[TAG], include_deployment_checks=True)
        if m.is_serious()
    ]


@pytest.fixture
def quiet(settings):
    settings.REDIS_URL = ""
    settings.SAMSPIL_OIDC_ISSUER = ""
    settings.PRODUCTION = False
    settings.SAMSPIL_BASE_URL_GIVEN = False
    settings.SAMSPIL_BASE_URL = "http://127.0.0.1:8000"
    return settings


def test_nothing_to_check_locally(quiet):
    assert startup_errors() == []


def test_production_without_a_base_url_stops(quiet):
    quiet.PRODUCTION = True
    [message] = startup_errors()
    assert message.startswith("SAMSPIL_BASE_URL must be set when SAMSPIL_MODE=production")
    quiet.SAMSPIL_BASE_URL_GIVEN = True
    quiet.SAMSPIL_BASE_URL = "samspil.example.dk"
    [message] = startup_errors()
    assert "SAMSPIL_BASE_URL='samspil.example.dk' is not an address" in message
    quiet.SAMSPIL_BASE_URL = "https://samspil.example.dk"
    assert startup_errors() == []


def test_a_redis_that_does_not_answer_stops_and_its_password_is_not_shown(quiet):
    quiet.REDIS_URL = "redis://:hemmeligt@127.0.0.1:6390/5"  # nothing listens there
    [message] = startup_errors()
    assert message.startswith("REDIS_URL=redis://:***@127.0.0.1:6390/5 does not answer")
    assert "hemmeligt" not in message
    assert without_password("redis://127.0.0.1:6379/0") == "redis://127.0.0.1:6379/0"


def test_an_unreachable_identity_provider_stops(quiet):
    quiet.SAMSPIL_OIDC_ISSUER = "http://127.0.0.1:8219"  # nothing listens there
    [message] = startup_errors()
    assert message == (
        "SAMSPIL_OIDC_ISSUER=http://127.0.0.1:8219: the identity provider's discovery "
        "document http://127.0.0.1:8219/.well-known/openid-configuration could not be read "
        "(no connection)."
    )


class Provider(BaseHTTPRequestHandler):
    document = {}

    def do_GET(self):
        body = json.dumps(self.document).encode()
        self.send_response(200 if self.path.endswith("openid-configuration") else 404)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def provider_document():
    server = HTTPServer(("127.0.0.1", 0), Provider)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    Provider.issuer = f"http://127.0.0.1:{server.server_port}"
    yield Provider
    server.shutdown()
    server.server_close()


def test_an_identity_provider_that_answers_passes_and_a_wrong_one_is_named(
    quiet, provider_document
):
    issuer = provider_document.issuer
    quiet.SAMSPIL_OIDC_ISSUER = issuer
    provider_document.document = {
        "issuer": issuer,
        "authorization_endpoint": issuer + "/auth",
        "token_endpoint": issuer + "/token",
        "jwks_uri": issuer + "/jwks",
    }
    assert startup_errors() == []
    provider_document.document = {"issuer": "https://other.example.dk"}
    [message] = startup_errors()
    assert "lacks authorization_endpoint, token_endpoint, jwks_uri" in message


@pytest.mark.django_db
def test_serve_stops_with_the_message_before_starting_the_server(quiet, monkeypatch):
    import os

    started = []
    monkeypatch.setattr(os, "execv", lambda *args: started.append(args))
    quiet.REDIS_URL = "redis://127.0.0.1:6390/5"
    with pytest.raises(CommandError, match="samspil cannot start:\n- REDIS_URL="):
        call_command("serve", stdout=io.StringIO())
    assert started == []
    quiet.REDIS_URL = ""
    call_command("serve", stdout=io.StringIO())
    assert len(started) == 1 and started[0][1][-1] == "samspil.wsgi"
