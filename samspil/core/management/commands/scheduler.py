import logging
import signal
import time

from django.core.management.base import BaseCommand

from samspil.core import scheduler

logger = logging.getLogger("samspil.jobs")


class Command(BaseCommand):
    help = (
        "Run the periodic jobs (survey reminders, the retention rule, clean-ups) on their "
        "schedules: each job that is due is put on the task queue once, for the task workers. "
        "A job missed while the scheduler was down runs once when it is back."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval", type=float, default=30, help="seconds between looks (default 30)"
        )
        parser.add_argument("--once", action="store_true", help="queue what is due now, then stop")
        parser.add_argument("--list", action="store_true", help="list the jobs and stop")

    def handle(self, *args, interval, once, list, **options):
        if list:
            for job in scheduler.jobs().values():
                self.stdout.write(f"{job.name}: {job.schedule}")
            return
        if once:
            for name in scheduler.run_due():
                self.stdout.write(f"queued {name}")
            return
        stopping = []
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, lambda *_: stopping.append(True))
        logger.warning(
            "Scheduler started with %d periodic jobs, looking every %ss",
            len(scheduler.jobs()),
            interval,
        )
        while not stopping:
            try:
                scheduler.run_due()
            except Exception:
                # The database may be away for a moment; the next look tries again.
                logger.exception("The scheduler could not look at its jobs")
            deadline = time.monotonic() + interval
            while not stopping and time.monotonic() < deadline:
                time.sleep(min(1.0, interval))
        logger.warning("Scheduler stopped")
