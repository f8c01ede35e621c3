"""Operating samspil: the health endpoint, request ids in logs and responses, and Redis for the
cache and the task queue when REDIS_URL is set (Redis runs on the test machines)."""

import json
import logging
import os
import subprocess
import sys

import pytest
import redis
from django.urls import reverse

from samspil.core.logs import JsonFormatter, RequestIdFilter, request_id

REDIS_URL = os.environ.get("SAMSPIL_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.mark.django_db
def test_health_answers_for_database_cache_storage_and_task_queue(client):
    response = client.get(reverse("health"), {"format": "json"})
    assert response.status_code == 200
    assert set(response.json().values()) == {"OK"}
    assert {key.split("(")[0] for key in response.json()} == {
        "Database",
        "Cache",
        "Storage",
        "TaskQueue",
    }


@pytest.mark.django_db
def test_health_names_the_service_that_does_not_answer(client, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    settings.RQ_QUEUES = {"default": {"URL": "redis://127.0.0.1:1/0"}}
    response = client.get(reverse("health"), {"format": "json"})
    assert response.status_code == 500
    assert "unreachable" in response.json()["TaskQueue()"]


@pytest.mark.django_db
def test_every_response_carries_a_request_id_that_the_logs_carry_too(client):
    first = client.get(reverse("login"))["X-Request-ID"]
    second = client.get(reverse("login"))["X-Request-ID"]
    assert len(first) == 32 and first != second
    # A visitor cannot choose the id (no trusted proxy is configured).
    chosen = client.get(reverse("login"), HTTP_X_REQUEST_ID="aaaaaaaaaaaa")["X-Request-ID"]
    assert chosen != "aaaaaaaaaaaa"
    token = request_id.set(first)
    try:
        record = logging.LogRecord("samspil", logging.WARNING, __file__, 1, "Nægtet", (), None)
        RequestIdFilter().filter(record)
        line = json.loads(JsonFormatter().format(record))
    finally:
        request_id.reset(token)
    assert line["request_id"] == first and line["message"] == "Nægtet"


RQ_SCRIPT = """
import django, os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samspil.settings")
django.setup()
from django.core.cache import caches
cache = caches["default"]
from django.core.management import call_command
from django_tasks import task_backends
default_task_backend = task_backends["default"]
from samspil.discovery.tasks import send_survey_invitations

call_command("migrate", verbosity=0)
cache.set("samspil-test", "i Redis", 30)
result = send_survey_invitations.enqueue(999999)
call_command(
    "rqworker", "default", burst=True, worker_class="rq.worker.SimpleWorker",
    job_class="django_tasks_rq.backend.Job", verbosity=0,
)
result.refresh()
print(type(cache).__name__, type(default_task_backend).__name__, result.status, result.return_value)
"""


def test_with_redis_the_cache_and_the_task_queue_run_on_redis(tmp_path):
    server = redis.Redis.from_url(REDIS_URL)
    server.flushdb()
    environment = {**os.environ, "SAMSPIL_VAR_DIR": str(tmp_path), "REDIS_URL": REDIS_URL}
    environment.pop("DATABASE_URL", None)
    environment.pop("TASK_BACKEND", None)
    result = subprocess.run(
        [sys.executable, "-c", RQ_SCRIPT], env=environment, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr[-3000:]
    cache_class, backend, status, value = result.stdout.split()[-4:]
    assert (cache_class, backend, status, value) == ("RedisCache", "RQBackend", "SUCCESSFUL", "0")
    # The cache entry is really in Redis, where another process or machine reads it.
    assert any(b"samspil-test" in key for key in server.scan_iter())
    server.flushdb()


@pytest.mark.django_db
def test_a_refused_page_is_one_log_line_without_a_traceback(client_for, world):
    import io

    from samspil.testing import factories as f

    company = f.CompanyFactory(name="Ikast Metal ApS")
    # Django's messages go through samspil's one console handler, once.
    (handler,) = [
        h
        for h in logging.getLogger("django").handlers
        if any(isinstance(f, RequestIdFilter) for f in h.filters)
    ]
    written = io.StringIO()
    previous = handler.setStream(written)
    try:
        response = client_for(world.outsider).post(
            reverse("companies:update", args=[company.pk]), {"name": "X"}
        )
    finally:
        handler.setStream(previous)
    assert response.status_code == 403
    logged = written.getvalue()
    assert logged.count("Forbidden") == 1, logged
    assert "Traceback" not in logged
