"""``/health/`` for load balancers and monitoring (django-health-check): the database, the
cache, the file storage and the task queue each answer, or the endpoint answers 500 naming
the one that does not."""

import dataclasses

from django.conf import settings
from health_check.base import HealthCheck
from health_check.exceptions import ServiceUnavailable


@dataclasses.dataclass
class TaskQueue(HealthCheck):
    """The queue background tasks go to: Redis when RQ runs them, else the database table."""

    def run(self) -> None:
        backend = settings.TASKS["default"]["BACKEND"]
        try:
            if backend.startswith("django_tasks_rq"):
                import redis

                url = settings.RQ_QUEUES["default"]["URL"]
                redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2).ping()
            else:
                from django_tasks_db.models import DBTaskResult

                DBTaskResult.objects.exists()
        except Exception as exc:  # any failure to reach it is the answer
            raise ServiceUnavailable(f"task queue ({backend}) unreachable") from exc


CHECKS = (
    "health_check.checks.Database",
    "health_check.checks.Cache",
    "health_check.checks.Storage",
    "samspil.core.health.TaskQueue",
)
