"""The audit trail: who changed which domain record, when, and what changed.

django-auditlog records every create, update and delete of a registered model. Writes made by
the service layer run inside :func:`acting_as`, so the actor is known for pages, the API,
imports and commands alike (the API authenticates after middleware runs).
"""

import contextlib

from auditlog.context import set_actor
from auditlog.models import LogEntry


@contextlib.contextmanager
def acting_as(user):
    """Attribute every audited change in the block to ``user`` (None: the system)."""
    if user is not None and getattr(user, "is_authenticated", False):
        with set_actor(user):
            yield
    else:
        yield


def history_for(obj, limit: int = 50):
    """The newest changes of one record, with their actors, in one query."""
    return list(LogEntry.objects.get_for_object(obj).select_related("actor").order_by("-timestamp")[:limit])
