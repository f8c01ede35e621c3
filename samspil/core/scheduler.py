"""Periodic jobs: declared beside their domain, run by one scheduler process.

A job is a background task (django-tasks) with a schedule::

    @periodic(Daily(hour=3))
    @task()
    def delete_expired_tokens(): ...

`samspil scheduler` looks every half minute for jobs whose latest scheduled time has passed
since they last ran and puts each on the task queue once; the task workers run it (the same
queue as the survey e-mails, on the database or on Redis). When each job last ran is kept in
the database (``core.ScheduledRun``), so:

- a scheduler that was down runs each missed job once when it is back, not once per missed
  period (a monthly job missed for three months runs once);
- two schedulers started by mistake do not both start a job: the first one to move the job's
  last run forward takes it.

Jobs are written to be idempotent (running one twice does no harm) and log what they did on the
``samspil.jobs`` logger. Jobs are found in the ``tasks`` module of every installed app.
"""

import datetime
import logging
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

logger = logging.getLogger("samspil.jobs")


@dataclass(frozen=True)
class Hourly:
    minute: int = 0

    def previous(self, now: datetime.datetime) -> datetime.datetime:
        """The latest scheduled time not after ``now``."""
        local = timezone.localtime(now)
        at = local.replace(minute=self.minute, second=0, microsecond=0)
        return at if at <= local else at - datetime.timedelta(hours=1)

    def __str__(self) -> str:
        return f"hourly at :{self.minute:02d}"


@dataclass(frozen=True)
class Daily:
    hour: int = 0
    minute: int = 0

    def previous(self, now: datetime.datetime) -> datetime.datetime:
        local = timezone.localtime(now)
        day = local.date()
        at = self._at(day)
        return at if at <= local else self._at(day - datetime.timedelta(days=1))

    def _at(self, day: datetime.date) -> datetime.datetime:
        naive = datetime.datetime.combine(day, datetime.time(self.hour, self.minute))
        return timezone.make_aware(naive)

    def __str__(self) -> str:
        return f"daily at {self.hour:02d}:{self.minute:02d}"


@dataclass(frozen=True)
class Monthly:
    day: int = 1  # 1-28, so every month has it
    hour: int = 0
    minute: int = 0

    def previous(self, now: datetime.datetime) -> datetime.datetime:
        local = timezone.localtime(now)
        at = self._at(local.year, local.month)
        if at <= local:
            return at
        year, month = (local.year, local.month - 1) if local.month > 1 else (local.year - 1, 12)
        return self._at(year, month)

    def _at(self, year: int, month: int) -> datetime.datetime:
        naive = datetime.datetime(year, month, self.day, self.hour, self.minute)
        return timezone.make_aware(naive)

    def __str__(self) -> str:
        return f"monthly on day {self.day} at {self.hour:02d}:{self.minute:02d}"


@dataclass(frozen=True)
class Job:
    name: str
    schedule: Hourly | Daily | Monthly
    task: object  # a django_tasks Task


JOBS: dict[str, Job] = {}


def periodic(schedule, *, name: str | None = None):
    """Declare a task as a periodic job on ``schedule`` (put it above ``@task()``)."""

    def register(task_object):
        job_name = name or task_object.module_path
        JOBS[job_name] = Job(job_name, schedule, task_object)
        return task_object

    return register


def jobs() -> dict[str, Job]:
    autodiscover_modules("tasks")
    return JOBS


def claim(name: str, due: datetime.datetime, now: datetime.datetime) -> bool:
    """Take the job for this run when it has not run since ``due``; False when it has (or
    another scheduler has just taken it)."""
    from samspil.core.models import ScheduledRun

    if ScheduledRun.objects.filter(name=name, last_run__lt=due).update(last_run=now):
        return True
    try:
        with transaction.atomic():
            ScheduledRun.objects.create(name=name, last_run=now)
    except IntegrityError:
        return False  # it exists and has run since it was due
    return True


def run_due(now: datetime.datetime | None = None) -> list[str]:
    """Put every job that is due on the task queue, once; returns their names."""
    from samspil.core.models import ScheduledRun

    now = now or timezone.now()
    started = []
    for job in jobs().values():
        due = job.schedule.previous(now)
        previous = ScheduledRun.objects.filter(name=job.name).values_list("last_run", flat=True)
        last_run = previous.first()
        if not claim(job.name, due, now):
            continue
        try:
            job.task.enqueue()
        except Exception:
            # The queue did not take it (Redis away?): it stays due for the next look.
            logger.exception("Periodic job %s could not be queued; trying again later", job.name)
            if last_run is None:
                ScheduledRun.objects.filter(name=job.name).delete()
            else:
                ScheduledRun.objects.filter(name=job.name).update(last_run=last_run)
            continue
        logger.info(
            "Periodic job %s queued (%s; due %s, last run %s)",
            job.name,
            job.schedule,
            due.isoformat(),
            last_run.isoformat() if last_run else "never",
        )
        started.append(job.name)
    return started
