"""Large imports run as background tasks (``samspil db_worker``), so the upload page answers at
once and the user can leave and come back to the progress bar.

The import itself holds one transaction for the whole file, so its progress cannot be written
to the database while it runs (nobody would see it before the end, and on SQLite the import has
the write lock): the worker writes how many rows are done to a small file beside the upload,
and the page reads it. The job's row is updated when the import starts and when it ends.

Also the periodic clean-up of finished task results (see samspil.core.scheduler).
"""

import datetime
import logging
import os
import shutil
from pathlib import Path

from django.conf import settings
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django_tasks import task

from samspil.core.imports import MAX_ERRORS, ImportFileError, iter_table
from samspil.core.models import ImportJob
from samspil.core.scheduler import Daily, periodic

logger = logging.getLogger(__name__)
jobs_logger = logging.getLogger("samspil.jobs")


def jobs_dir() -> Path:
    return Path(settings.VAR_DIR) / "imports"


def progress_path(job: ImportJob) -> Path:
    return Path(job.path).parent / "progress"


def rows_done(job: ImportJob) -> int:
    """Rows the worker has checked so far (from its progress file while it runs)."""
    if job.status != ImportJob.Status.RUNNING:
        return job.rows_done
    try:
        return int(progress_path(job).read_text() or 0)
    except (OSError, ValueError):
        return job.rows_done


class FileProgress:
    """A progress bar the page can read: the count of rows done, in a file, replaced whole."""

    def __init__(self, job: ImportJob):
        self.path = progress_path(job)
        self.done = 0

    def update(self, count: int) -> None:
        self.done += count
        temporary = self.path.with_suffix(".tmp")
        temporary.write_text(str(self.done))
        os.replace(temporary, self.path)


@task()
def run_import_job(job_id: int) -> str:
    """Import the job's file; runs once (a job already started or finished is left alone)."""
    updated = ImportJob.objects.filter(pk=job_id, status=ImportJob.Status.QUEUED).update(
        status=ImportJob.Status.RUNNING, started_at=timezone.now()
    )
    if not updated:
        return "skipped"
    job = ImportJob.objects.select_related("user").get(pk=job_id)
    progress = FileProgress(job)
    importer = import_string(job.importer)(actor=job.user)
    with translation.override(settings.LANGUAGE_CODE):
        try:
            result = importer.run(
                iter_table(job.path, job.filename), dry_run=job.dry_run, progress=progress
            )
        except ImportFileError as exc:
            job.status, job.message = ImportJob.Status.FAILED, str(exc)
        except Exception:
            logger.exception("Import job %s failed", job_id)
            job.status = ImportJob.Status.FAILED
            job.message = _("The import stopped because of an error in samspil. Nothing was saved.")
        else:
            job.status = ImportJob.Status.FAILED if result.errors else ImportJob.Status.DONE
            job.created, job.updated, job.unchanged = (
                result.created,
                result.updated,
                result.unchanged,
            )
            job.errors = [str(error) for error in result.errors[:MAX_ERRORS]]
            job.error_count = result.error_count
            job.rows_done = result.rows
            job.rows_total = max(job.rows_total, result.rows)
    job.finished_at = timezone.now()
    job.save()
    # The upload is personal data: it is not kept once imported.
    shutil.rmtree(Path(job.path).parent, ignore_errors=True)
    return job.status


@periodic(Daily(hour=3, minute=20))
@task()
def delete_finished_task_results() -> int:
    """Delete the records of background tasks that finished more than
    SAMSPIL_TASK_RESULTS_DAYS days ago from the database queue (on Redis, RQ lets finished
    jobs expire by itself)."""
    from django_tasks_db.models import DBTaskResult

    before = timezone.now() - datetime.timedelta(days=settings.SAMSPIL_TASK_RESULTS_DAYS)
    deleted, _ = DBTaskResult.objects.finished().filter(finished_at__lt=before).delete()
    jobs_logger.info("Finished task results deleted: %d (finished before %s)", deleted, before)
    return deleted
