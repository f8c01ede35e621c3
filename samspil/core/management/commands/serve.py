import os
import shutil
import sys

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Serve samspil with gunicorn, the production web server: workers and threads from "
        "WEB_CONCURRENCY and SAMSPIL_THREADS, address from HOST and PORT "
        "(samspil/gunicorn_conf.py). Run `samspil collectstatic` first in production mode."
    )

    def handle(self, *args, **options):
        gunicorn = shutil.which("gunicorn") or os.path.join(
            os.path.dirname(sys.executable), "gunicorn"
        )
        if not os.path.exists(gunicorn):
            raise CommandError("gunicorn is not installed (pip install samspil).")
        self.stdout.flush()
        os.execv(gunicorn, [gunicorn, "-c", "python:samspil.gunicorn_conf", "samspil.wsgi"])
