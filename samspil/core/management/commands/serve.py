import os
import shutil
import sys

from django.core import checks
from django.core.management.base import BaseCommand, CommandError

from samspil.core.checks import TAG


class Command(BaseCommand):
    help = (
        "Serve samspil with gunicorn, the production web server: workers and threads from "
        "WEB_CONCURRENCY and SAMSPIL_THREADS, address from HOST and PORT "
        "(samspil/gunicorn_conf.py). Run `samspil collectstatic` first in production mode. "
        "Checks first that REDIS_URL answers, the OpenID Connect issuer serves its discovery "
        "document and (in production) SAMSPIL_BASE_URL is given, and stops with a message "
        "naming the setting when not."
    )
    requires_system_checks = []  # the start-up checks run below, with the deployment checks

    def handle(self, *args, **options):
        self.start_up_checks()
        gunicorn = shutil.which("gunicorn") or os.path.join(
            os.path.dirname(sys.executable), "gunicorn"
        )
        if not os.path.exists(gunicorn):
            raise CommandError("gunicorn is not installed (pip install samspil).")
        self.stdout.flush()
        os.execv(gunicorn, [gunicorn, "-c", "python:samspil.gunicorn_conf", "samspil.wsgi"])

    def start_up_checks(self) -> None:
        """Django's own checks and samspil's start-up checks; any error stops the start."""
        self.check(fail_level=checks.ERROR)
        errors = [
            message
            for message in checks.run_checks(tags=[TAG], include_deployment_checks=True)
            if message.is_serious()
        ]
        if errors:
            raise CommandError(
                "samspil cannot start:\n" + "\n".join(f"- {e.msg} ({e.id})" for e in errors)
            )
