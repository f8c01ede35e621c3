"""Fuzzing the API from its own OpenAPI schema (schemathesis), as an operator and as a consultant.

Every operation of ``/api/schema/`` is called with requests generated from the schema (a few
per operation, derandomised so that CI repeats the same run) against the demo region, and every
answer is checked: no server error, a status code the schema documents, a body that matches the
schema. Failures are collected over all operations and reported together.

It runs once per CI run: on SQLite (``.ci/run``'s first ``make test``), skipped when
``DATABASE_URL`` is set (the PostgreSQL run), as the same code answers on both databases.
``SAMSPIL_FUZZ_EXAMPLES`` (default 3) sets the examples per operation; the run takes about two
minutes on two cores.
"""

import collections
import os
import time

import pytest

schemathesis = pytest.importorskip("schemathesis")

from django.core import signals  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import close_old_connections  # noqa: E402
from hypothesis import HealthCheck, Phase, given  # noqa: E402
from hypothesis import settings as hypothesis_settings  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.specs.openapi.checks import (  # noqa: E402
    response_schema_conformance,
    status_code_conformance,
)

pytestmark = [
    pytest.mark.django_db(transaction=False),
    pytest.mark.skipif(
        bool(os.environ.get("DATABASE_URL")),
        reason="the fuzz run is database-independent and runs once, on SQLite",
    ),
]

EXAMPLES = int(os.environ.get("SAMSPIL_FUZZ_EXAMPLES", "3"))
CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]
ROLES = {"operator": "operator", "consultant": "konsulent2"}


@pytest.fixture
def demo(settings):
    settings.SAMSPIL_SURVEY_RATE_PER_MINUTE = 100_000
    call_command("demo", stdout=open(os.devnull, "w"))  # noqa: SIM115


@pytest.fixture
def wsgi_app():
    """The real WSGI application, in this thread and this test's transaction. Django's test
    client does the same: a finished request must not close the test's database connection."""
    from django.core.wsgi import get_wsgi_application

    signals.request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        signals.request_finished.connect(close_old_connections)


def token_for(username: str) -> str:
    from django.contrib.auth import get_user_model

    from samspil.accounts.models import ApiToken

    user = get_user_model().objects.get(username=username)
    _instance, token = ApiToken.objects.create(user, name="fuzz")
    return token


def fuzz(schema, headers) -> dict[str, set[str]]:
    failures = collections.defaultdict(set)
    for result in schema.get_all_operations():
        operation = result.ok()
        checked(operation, headers, failures[operation.label])()
    return {label: found for label, found in failures.items() if found}


def checked(operation, headers, found: set[str]):
    """A Hypothesis test calling ``operation`` with generated cases; what fails goes in
    ``found``, so that every operation is tried whatever the others do."""

    @given(case=operation.as_strategy())
    @hypothesis_settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
        phases=[Phase.explicit, Phase.generate],
    )
    def call(case):
        try:
            response = case.call(headers=headers)
            case.validate_response(response, checks=CHECKS)
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as exc:  # schemathesis reports failures as an exception group
            found.add(_summary(exc))

    return call


def _summary(exc: BaseException) -> str:
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    keep = [line for line in lines if not line.startswith(("{", "}", '"', "["))][:12]
    return " / ".join(keep)[:1200]


@pytest.mark.parametrize("role", list(ROLES))
def test_the_api_answers_as_its_schema_says(demo, wsgi_app, role):
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", wsgi_app)
    started = time.monotonic()
    failures = fuzz(schema, {"Authorization": f"Token {token_for(ROLES[role])}"})
    elapsed = time.monotonic() - started
    report = "\n".join(
        f"{label}\n    " + "\n    ".join(sorted(found)) for label, found in sorted(failures.items())
    )
    assert not failures, f"{len(failures)} operations fail as {role} ({elapsed:.0f} s):\n{report}"
