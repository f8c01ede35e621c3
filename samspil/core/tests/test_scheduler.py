"""Periodic jobs: the schedules, the missed-run rule (once, not once per missed period), and
the clean-up and retention jobs themselves."""

import datetime
import io
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from samspil.core import scheduler
from samspil.core.models import ScheduledRun

pytestmark = pytest.mark.django_db

CPH = ZoneInfo("Europe/Copenhagen")


def at(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=CPH)


class FakeTask:
    def __init__(self, fail=False):
        self.enqueued = 0
        self.fail = fail

    def enqueue(self):
        if self.fail:
            raise ConnectionError("Redis is away")
        self.enqueued += 1


@pytest.fixture
def fake_jobs(monkeypatch):
    registry = {}

    def add(name, schedule, **kwargs):
        job = scheduler.Job(name, schedule, FakeTask(**kwargs))
        registry[name] = job
        return job.task

    monkeypatch.setattr(scheduler, "jobs", lambda: registry)
    return add


def test_each_schedule_gives_its_latest_time_not_after_now():
    now = at(2026, 3, 15, 10, 30)
    assert scheduler.Hourly(minute=5).previous(now) == at(2026, 3, 15, 10, 5)
    assert scheduler.Hourly(minute=45).previous(now) == at(2026, 3, 15, 9, 45)
    assert scheduler.Daily(hour=3).previous(now) == at(2026, 3, 15, 3, 0)
    assert scheduler.Daily(hour=23).previous(now) == at(2026, 3, 14, 23, 0)
    assert scheduler.Monthly(day=1, hour=2).previous(now) == at(2026, 3, 1, 2, 0)
    assert scheduler.Monthly(day=20).previous(now) == at(2026, 2, 20, 0, 0)
    assert scheduler.Monthly(day=20).previous(at(2026, 1, 10)) == at(2025, 12, 20, 0, 0)


def test_a_job_runs_when_due_and_not_again_until_its_next_time(fake_jobs):
    daily = fake_jobs("daily", scheduler.Daily(hour=3))
    assert scheduler.run_due(at(2026, 3, 15, 10, 0)) == ["daily"]  # never ran: runs now
    assert scheduler.run_due(at(2026, 3, 15, 11, 0)) == []
    assert scheduler.run_due(at(2026, 3, 16, 2, 59)) == []
    assert scheduler.run_due(at(2026, 3, 16, 3, 0)) == ["daily"]
    assert daily.enqueued == 2
    assert ScheduledRun.objects.get(name="daily").last_run == at(2026, 3, 16, 3, 0)


def test_a_scheduler_that_was_down_runs_each_missed_job_once(fake_jobs):
    monthly = fake_jobs("monthly", scheduler.Monthly(day=1, hour=2))
    hourly = fake_jobs("hourly", scheduler.Hourly())
    scheduler.run_due(at(2026, 1, 1, 2, 30))
    assert (monthly.enqueued, hourly.enqueued) == (1, 1)
    # Down from January until the middle of April: three months and 2,500 hours missed.
    for minute in range(0, 5):
        scheduler.run_due(at(2026, 4, 15, 12, minute))
    assert (monthly.enqueued, hourly.enqueued) == (2, 2)


def test_two_schedulers_do_not_both_start_a_job(fake_jobs):
    job = fake_jobs("daily", scheduler.Daily())
    now = at(2026, 3, 15, 10, 0)
    assert scheduler.claim("daily", scheduler.Daily().previous(now), now) is True
    # The second scheduler looks at the same moment: the job has run since it was due.
    assert scheduler.claim("daily", scheduler.Daily().previous(now), now) is False
    assert scheduler.run_due(now) == [] and job.enqueued == 0


def test_a_job_the_queue_refuses_stays_due(fake_jobs, caplog):
    broken = fake_jobs("broken", scheduler.Daily(), fail=True)
    assert scheduler.run_due(at(2026, 3, 15, 10, 0)) == []
    assert not ScheduledRun.objects.filter(name="broken").exists()
    assert "could not be queued" in caplog.text
    broken.fail = False
    assert scheduler.run_due(at(2026, 3, 15, 10, 1)) == ["broken"]


def test_the_jobs_are_declared_beside_their_domain():
    names = set(scheduler.jobs())
    assert {
        "samspil.discovery.tasks.send_scheduled_reminders",
        "samspil.participants.tasks.apply_retention_rule",
        "samspil.accounts.tasks.delete_expired_tokens",
        "samspil.core.tasks.delete_finished_task_results",
    } <= names
    out = io.StringIO()
    call_command("scheduler", "--list", stdout=out)
    assert "samspil.participants.tasks.apply_retention_rule: monthly on day 1" in out.getvalue()


def test_the_scheduler_command_queues_the_due_jobs_once(caplog):
    out = io.StringIO()
    call_command("scheduler", "--once", stdout=out)
    assert "queued samspil.accounts.tasks.delete_expired_tokens" in out.getvalue()
    assert "Periodic job samspil.accounts.tasks.delete_expired_tokens queued" in caplog.text
    from django_tasks_db.models import DBTaskResult

    queued = DBTaskResult.objects.count()
    assert queued >= 4
    out = io.StringIO()
    call_command("scheduler", "--once", stdout=out)
    assert out.getvalue() == "" and DBTaskResult.objects.count() == queued


def test_expired_api_tokens_are_deleted(world):
    from samspil.accounts.models import ApiToken
    from samspil.accounts.tasks import delete_expired_tokens

    for days in (-1, 1):
        token, _ = ApiToken.objects.create(
            user=world.member, expiry=datetime.timedelta(days=days), name=f"t{days}"
        )
    assert delete_expired_tokens.call() == 1
    assert list(ApiToken.objects.values_list("name", flat=True)) == ["t1"]
    assert delete_expired_tokens.call() == 0


def test_finished_task_results_are_deleted_after_a_week(settings):
    from django_tasks_db.models import DBTaskResult

    from samspil.core.tasks import delete_finished_task_results

    now = timezone.now()
    for status, finished in (
        ("SUCCESSFUL", now - datetime.timedelta(days=8)),
        ("FAILED", now - datetime.timedelta(days=8)),
        ("SUCCESSFUL", now - datetime.timedelta(days=1)),
        ("READY", None),
    ):
        DBTaskResult.objects.create(
            status=status,
            finished_at=finished,
            args_kwargs={"args": [], "kwargs": {}},
            task_path="samspil.accounts.tasks.delete_expired_tokens",
            queue_name="default",
            backend_name="default",
            run_after=now,
        )
    assert delete_finished_task_results.call() == 2
    assert DBTaskResult.objects.count() == 2
    assert delete_finished_task_results.call() == 0


def test_the_retention_rule_anonymises_monthly_and_reports_to_the_operators(
    world, settings, tmp_path
):
    from samspil.participants.models import Participant
    from samspil.participants.tasks import apply_retention_rule, retention_date
    from samspil.participants.tests.test_personal_data import import_rows

    settings.SAMSPIL_RETENTION_YEARS = 5
    assert retention_date(datetime.date(2028, 2, 29)) == datetime.date(2023, 2, 28)
    old, running = world.project_a, world.project_b
    old.code, old.start_date, old.end_date = (
        "pa",
        datetime.date(2015, 1, 1),
        datetime.date(2019, 6, 30),
    )
    old.save()
    running.code, running.start_date, running.end_date = "pb", datetime.date(2015, 1, 1), None
    running.save()
    world.operator.email = "operator@example.dk"
    world.operator.save()
    assert import_rows(
        tmp_path,
        "pa,010190-1234,cpr,female,,2016-03-01,employed,3,no,no,no,no,no,no,no,,,,,,,,",
        "pb,010285-1233,cpr,male,,2016-03-01,employed,3,no,no,no,no,no,no,no,,,,,,,,",
    ) == ("", "")
    mail.outbox.clear()
    assert apply_retention_rule.call() == 1
    kept = Participant.objects.get(identifier_masked="010285-xxxx")
    gone = Participant.objects.exclude(pk=kept.pk).get()
    assert gone.anonymised_at and gone.name == "" and kept.anonymised_at is None
    assert [m.to for m in mail.outbox] == [["operator@example.dk"]]
    assert "Projekt A: 1" in mail.outbox[0].body
    # Idempotent: the next month anonymises nobody twice and reports nothing.
    assert apply_retention_rule.call() == 0 and len(mail.outbox) == 1


SCHEDULER_ON_REDIS = """
import django, os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samspil.settings")
django.setup()
from django.core.management import call_command
from samspil.core import scheduler
from samspil.core.models import ScheduledRun

call_command("migrate", verbosity=0)
queued = scheduler.run_due()
# The worker as deployed: `samspil rqworker default`, no --job-class.
call_command("rqworker", "default", burst=True, worker_class="rq.worker.SimpleWorker", verbosity=0)
import django_rq
finished = django_rq.get_queue("default").finished_job_registry.get_job_ids()
failed = django_rq.get_queue("default").failed_job_registry.get_job_ids()
print(len(queued), ScheduledRun.objects.count(), len(finished), len(failed))
"""


def test_on_redis_the_scheduler_queues_and_a_plain_rq_worker_runs_the_jobs(tmp_path):
    import os
    import subprocess
    import sys

    import redis

    url = os.environ.get("SAMSPIL_TEST_SCHEDULER_REDIS_URL", "redis://127.0.0.1:6379/5")
    server = redis.Redis.from_url(url)
    server.flushdb()
    environment = {**os.environ, "SAMSPIL_VAR_DIR": str(tmp_path), "REDIS_URL": url}
    environment.pop("DATABASE_URL", None)
    environment.pop("TASK_BACKEND", None)
    result = subprocess.run(
        [sys.executable, "-c", SCHEDULER_ON_REDIS], env=environment, capture_output=True, text=True
    )
    server.flushdb()
    assert result.returncode == 0, result.stderr[-3000:]
    queued, runs, finished, failed = map(int, result.stdout.split()[-4:])
    assert queued == runs == finished >= 4 and failed == 0, result.stderr[-3000:]
