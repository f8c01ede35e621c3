"""Periodic clean-up of sign-in records: API tokens past their expiry are deleted."""

import logging

from django.utils import timezone
from django_tasks import task

from samspil.accounts.models import ApiToken
from samspil.core.scheduler import Daily, periodic

logger = logging.getLogger("samspil.jobs")


@periodic(Daily(hour=3, minute=10))
@task()
def delete_expired_tokens() -> int:
    """Delete API tokens whose expiry has passed (they no longer authenticate anyway)."""
    deleted, _ = ApiToken.objects.filter(expiry__lt=timezone.now()).delete()
    logger.info("Expired API tokens deleted: %d", deleted)
    return deleted
