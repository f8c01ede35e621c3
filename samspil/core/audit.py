"""The audit trail: who changed which domain record, when, and what changed.

django-auditlog records every create, update and delete of a registered model. Writes made by
the service layer run inside :func:`acting_as`, so the actor is known for pages, the API,
imports and commands alike (the API authenticates after middleware runs).
"""

import contextlib
from dataclasses import dataclass, field
from datetime import datetime

from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    LogEntry.Action.CREATE: _("Created"),
    LogEntry.Action.UPDATE: _("Changed"),
    LogEntry.Action.DELETE: _("Deleted"),
    LogEntry.Action.ACCESS: _("Viewed"),
}


# Bookkeeping fields that every change touches; they would only hide what really changed.
AUDIT_EXCLUDED = ["created_at", "updated_at"]


@dataclass
class Change:
    """One line of a record's history, ready to show."""

    timestamp: datetime
    actor: object
    action: str
    fields: list[tuple[str, str, str]] = field(default_factory=list)


@contextlib.contextmanager
def acting_as(user):
    """Attribute every audited change in the block to ``user`` (None: the system)."""
    if user is not None and getattr(user, "is_authenticated", False):
        with set_actor(user):
            yield
    else:
        yield


def history_for(obj, limit: int = 50) -> list[Change]:
    """The newest changes of one record, with their actors, in one query.

    A creation is shown as such, without listing every field's first value; an update lists
    the fields that changed, by their names on screen, with the old and the new value.
    """
    entries = LogEntry.objects.get_for_object(obj).select_related("actor").order_by("-timestamp")
    history = []
    for entry in entries[:limit]:
        change = Change(entry.timestamp, entry.actor, ACTION_LABELS.get(entry.action, ""))
        if entry.action == LogEntry.Action.UPDATE:
            change.fields = _changed_fields(entry, type(obj))
        history.append(change)
    return history


def _shown(value) -> str:
    """auditlog writes an empty value as "None"; on screen it is simply empty."""
    return "" if value in (None, "None") else str(value)


def _changed_fields(entry, model) -> list[tuple[str, str, str]]:
    """(field name on screen, old, new) for each field an update changed."""
    shown = entry.changes_display_dict  # values formatted for display, keyed by verbose name
    fields = []
    for name, raw in entry.changes_dict.items():
        try:
            label = str(model._meta.get_field(name).verbose_name)
        except Exception:  # a field that no longer exists
            label = name
        if isinstance(raw, dict) and raw.get("type") == "m2m":
            sign = "+" if raw.get("operation") == "add" else "−"
            fields.append((label, "", f"{sign} {', '.join(map(str, raw.get('objects', [])))}"))
            continue
        old, new = shown.get(label, raw if isinstance(raw, (list, tuple)) else ("", ""))
        fields.append((label, _shown(old), _shown(new)))
    return fields
