"""Settings come from the environment and fail loudly, naming the variable, when they are wrong."""

import os
import subprocess
import sys

import pytest

LOAD_SETTINGS = (
    "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'samspil.settings'); "
    "django.setup(); from django.conf import settings; "
    "print(settings.DATABASES['default']['ENGINE'])"
)


def start(tmp_path, **env):
    """Load samspil's settings in a fresh interpreter, as a server would on start."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "DATABASE_URL",
            "SECRET_KEY",
            "SAMSPIL_MODE",
            "DEBUG",
            "ALLOWED_HOSTS",
            "SAMSPIL_IDENTITY_KEY",
        }
    }
    environment.update(
        {"SAMSPIL_VAR_DIR": str(tmp_path / "var"), "SAMSPIL_TRUSTED_PROXIES": "0", **env}
    )
    environment = {key: value for key, value in environment.items() if value is not None}
    return subprocess.run(
        [
            sys.executable,
            "-c",
            LOAD_SETTINGS,
        ],
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_a_local_run_needs_nothing_and_makes_its_secret_and_database_in_var(tmp_path):
    result = start(tmp_path)
    assert result.returncode == 0, result.stderr
    assert "sqlite3" in result.stdout
    secret = (tmp_path / "var" / "secret_key").read_text()
    assert len(secret) >= 50
    # The secret is kept: a second start uses the same one, so sessions survive restarts.
    start(tmp_path)
    assert (tmp_path / "var" / "secret_key").read_text() == secret


@pytest.mark.parametrize(
    "url, words",
    [
        ("mysql://root@localhost/samspil", "unsupported database"),
        ("nonsense", "DATABASE_URL"),
        ("postgres://user@localhost:5432/", "no database name"),
    ],
)
def test_a_bad_database_url_stops_the_start_with_a_clear_message(tmp_path, url, words):
    result = start(tmp_path, DATABASE_URL=url)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DATABASE_URL" in result.stderr and words in result.stderr


def test_postgres_urls_are_understood(tmp_path):
    result = start(tmp_path, DATABASE_URL="postgres://samspil:secret@db.internal:5432/samspil")
    assert result.returncode == 0, result.stderr
    assert "postgresql" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = start(tmp_path, SAMSPIL_MODE="production", ALLOWED_HOSTS="samspil.example.dk")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr and "production" in result.stderr
    assert not (tmp_path / "var" / "secret_key").exists()


def test_production_refuses_to_start_without_allowed_hosts(tmp_path):
    result = start(
        tmp_path, SAMSPIL_MODE="production", SECRET_KEY="x" * 60, SAMSPIL_IDENTITY_KEY="k" * 40
    )
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


def test_production_starts_with_a_secret_from_a_file(tmp_path):
    secret_file = tmp_path / "secret"
    secret_file.write_text("s" * 60)
    result = start(
        tmp_path,
        SAMSPIL_MODE="production",
        SECRET_KEY_FILE=str(secret_file),
        ALLOWED_HOSTS="samspil.example.dk",
        SAMSPIL_IDENTITY_KEY="k" * 40,
    )
    assert result.returncode == 0, result.stderr


def test_production_refuses_to_start_without_the_key_for_personal_identifiers(tmp_path):
    result = start(tmp_path, SAMSPIL_MODE="production", SECRET_KEY="x" * 60, ALLOWED_HOSTS="a.dk")
    assert result.returncode != 0
    assert "SAMSPIL_IDENTITY_KEY" in result.stderr
    assert not (tmp_path / "var" / "identity_key").exists()


def test_production_refuses_to_start_without_saying_how_many_proxies_stand_in_front(tmp_path):
    result = start(
        tmp_path,
        SAMSPIL_MODE="production",
        SECRET_KEY="x" * 60,
        ALLOWED_HOSTS="samspil.example.dk",
        SAMSPIL_IDENTITY_KEY="k" * 40,
        SAMSPIL_TRUSTED_PROXIES=None,
    )
    assert result.returncode != 0
    assert "SAMSPIL_TRUSTED_PROXIES" in result.stderr


@pytest.mark.parametrize(
    "env, words",
    [
        ({"DEBUG": "maybe"}, "DEBUG='maybe' is not a boolean"),
        ({"SAMSPIL_MODE": "staging"}, "SAMSPIL_MODE='staging' must be one of"),
        ({"EMAIL_PORT": "smtp"}, "EMAIL_PORT='smtp' is not a whole number"),
        (
            {"SECRET_KEY_FILE": "/nonexistent/secret"},
            "SECRET_KEY_FILE='/nonexistent/secret' cannot be read",
        ),
    ],
)
def test_values_that_cannot_be_understood_are_named(tmp_path, env, words):
    result = start(tmp_path, **env)
    assert result.returncode != 0
    assert words in result.stderr
