"""Headers that keep a page from running or framing what it should not, and the production
settings Django's deployment check asks for."""

import os
import secrets
import subprocess
import sys

import pytest
from cryptography.fernet import Fernet
from django.urls import reverse


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    parts = [part.strip().split() for part in policy.split(";") if part.strip()]
    return {part[0]: part[1:] for part in parts}


@pytest.mark.django_db
def test_every_page_forbids_inline_and_foreign_script(client_for, world):
    response = client_for(world.member).get(reverse("companies:list"))
    policy = directives(response)
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert "<script>" not in response.content.decode()


@pytest.mark.django_db
def test_the_api_documentation_has_a_language_and_no_inline_script(client):
    response = client.get("/api/docs/")
    page = response.content.decode()
    assert '<html lang="en">' in page and "<script>" not in page
    assert directives(response)["script-src"] == ["'self'"]
    script = client.get("/api/docs/?script=")
    assert script.status_code == 200 and "SwaggerUIBundle" in script.content.decode()


@pytest.mark.django_db
def test_the_favicon_is_there(client):
    response = client.get("/favicon.ico", follow=True)
    assert response.status_code == 200


def test_production_mode_passes_djangos_deployment_check(tmp_path):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "DATABASE_URL",
            "DEBUG",
            "SECURE_SSL_REDIRECT",
            "SECURE_HSTS_SECONDS",
            "DJANGO_ALLOW_ASYNC_UNSAFE",  # set by the browser tests for their live server
        }
    }
    environment.update(
        SAMSPIL_VAR_DIR=str(tmp_path),
        SAMSPIL_MODE="production",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="samspil.example.dk",
        SAMSPIL_IDENTITY_KEY=Fernet.generate_key().decode(),  # a strong key, as production asks
        SAMSPIL_TRUSTED_PROXIES="1",
        SAMSPIL_BASE_URL="https://samspil.example.dk",
    )
    result = subprocess.run(
        [sys.executable, "-m", "samspil", "check", "--deploy", "--fail-level", "WARNING"],
        env=environment,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_no_template_carries_inline_style_or_script():
    """The Content-Security-Policy forbids inline styles and scripts, so none may be written."""
    import re
    from pathlib import Path

    import samspil

    offenders = []
    templates = Path(samspil.__file__).parent / "templates"
    for template in templates.glob("**/*.html"):
        if template.relative_to(templates).parts[0] == "pdf":
            continue  # rendered to PDF on the server by WeasyPrint; never served to a browser
        text = template.read_text(encoding="utf-8")
        if re.search(r"<style|<script>|<script(?![^>]*(src=|application/json))|\son[a-z]+=", text):
            offenders.append(template.name)
    assert offenders == []
