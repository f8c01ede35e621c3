"""The audit trail: who changed which domain record, when, and what changed.

django-auditlog records every create, update and delete of a registered model. Writes made by
the service layer run inside :func:`acting_as`, so the actor is known for pages, the API,
imports and commands alike (the API authenticates after middleware runs).
"""

import contextlib
import functools
import getpass
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime

from auditlog.context import auditlog_disabled, auditlog_value, set_extra_data
from auditlog.diff import get_field_value, get_mask_function
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import DateTimeField, JSONField
from django.utils import timezone
from django.utils.encoding import smart_str
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


# Models that are not domain records, each with the reason it is not audited; every other
# concrete model of samspil is registered with django-auditlog (a test checks it).
NOT_AUDITED = {
    "core.region": "reference data loaded by a migration, never changed by users",
    "core.municipality": "reference data loaded by a migration, never changed by users",
    "core.importlock": "machinery: who is importing right now",
    "core.importjob": "machinery: an upload's progress; the rows it writes are audited",
    "core.scheduledrun": "machinery: when each periodic job last ran",
    "accounts.apitoken": "a credential (hash); creating and revoking is shown on My page",
    "accounts.singlesignonidentity": "sign-in machinery: the provider's subject, touched at "
    "every sign-in",
    "catalogue.escoskill": "reference vocabulary from the official ESCO download",
    "catalogue.escooccupation": "reference vocabulary from the official ESCO download",
    "catalogue.escooccupationskill": "reference vocabulary from the official ESCO download",
    "catalogue.offeringembedding": "derived: an offering's vector, computed from its text",
    "participants.accesslog": "itself a log (who viewed which participant)",
    "participants.projectaccesslog": "itself a log (who viewed a project's participants)",
    "programmes.figure": "running totals counted from audited records, rebuilt by recount",
    "programmes.figurestate": "machinery: when a project's running totals were counted",
    "programmes.supportedcompany": "running totals: a supported company's first day, recounted",
}


# The actor of the innermost acting_as (auditlog's own context is never reset after use).
_current_actor: ContextVar = ContextVar("samspil_audit_actor", default=None)
# Extra facts kept on every audit entry of the block (a command's operating-system user).
_current_extra: ContextVar = ContextVar("samspil_audit_extra", default=None)


def _authenticated(user):
    return user if getattr(user, "is_authenticated", False) else None


@contextlib.contextmanager
def acting_as(user, *, additional_data: dict | None = None):
    """Attribute every audited change in the block to ``user`` (None: the system, or whoever
    the surrounding block or request names). ``additional_data`` is kept on every entry.

    The surrounding context (the request's address; an enclosing block's additional data) is
    kept, and restored when the block ends, so a service called inside another keeps the outer
    actor."""
    user = _authenticated(user)
    extra = additional_data if additional_data is not None else _current_extra.get()
    actor_token = _current_actor.set(user or _current_actor.get())
    extra_token = _current_extra.set(extra)
    previous = auditlog_value.get(None)
    try:
        if user is None and not additional_data:
            yield
            return
        context = {
            key: value
            for key, value in (previous or {}).items()
            if key in ("remote_addr", "remote_port")
        }
        context["actor"] = user
        if extra:
            context["additional_data"] = extra
        with set_extra_data(context_data=context):
            yield
    finally:
        if previous is not None:
            auditlog_value.set(previous)
        _current_extra.reset(extra_token)
        _current_actor.reset(actor_token)


def attribute_request_to(user) -> None:
    """Name ``user`` as the actor of the request being served, when the audit middleware could
    not: the API authenticates a token after every middleware has run."""
    user = _authenticated(user)
    context = auditlog_value.get(None)
    if user is not None and context is not None and context.get("actor") is None:
        context["actor"] = user


class CommandActorError(Exception):
    """``--actor`` names no active user."""


def command_actor(username: str | None):
    """The user a command writes as: ``--actor USERNAME``, else the user whose username is the
    operating-system user running it (None when there is none). Returns (user, os_user)."""
    os_user = getpass.getuser()
    users = get_user_model().objects.filter(is_active=True)
    if username:
        user = users.filter(username=username).first()
        if user is None:
            raise CommandActorError(
                _("--actor %(username)s: no active user has that username.")
                % {"username": username}
            )
        return user, os_user
    return users.filter(username=os_user).first(), os_user


@contextlib.contextmanager
def acting_for_command(command: str, username: str | None = None):
    """Attribute a command's writes: to its ``--actor`` (or the matching user), and always
    with the operating-system user and the command in the entry's additional data."""
    user, os_user = command_actor(username)
    with acting_as(user, additional_data={"command": command, "os_user": os_user}):
        yield user


def add_actor_argument(parser) -> None:
    """``--actor USERNAME`` for a command that writes."""
    parser.add_argument(
        "--actor",
        metavar="USERNAME",
        help="the user the changes are recorded as (default: the user named as the "
        "operating-system user; the operating-system user is recorded in any case)",
    )


def history_for(obj, limit: int = 50) -> list[Change]:
    """The newest changes of one record, with their actors, in one query.

    A creation is shown as such, without listing every field's first value; an update lists
    the fields that changed, by their names on screen, with the old and the new value.
    """
    entries = (
        LogEntry.objects.get_for_object(obj)
        .select_related("actor", "content_type")
        .order_by("-timestamp")
    )
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
            objects = [str(o) for o in raw.get("objects", [])]
            if _relates_to_users(model, name):  # people by their names, not their usernames
                objects = _full_names(objects)
            fields.append((label, "", f"{sign} {', '.join(objects)}"))
            continue
        old, new = shown.get(label, raw if isinstance(raw, (list, tuple)) else ("", ""))
        fields.append((label, _shown(old), _shown(new)))
    return fields


def _relates_to_users(model, name: str) -> bool:
    try:
        related = model._meta.get_field(name).related_model
    except Exception:  # a field that no longer exists
        return False
    return related is not None and related is get_user_model()


def _full_names(usernames: list[str]) -> list[str]:
    """Users' full names in the order given; a username no longer found stays as it is."""
    names = {
        user.username: user.get_full_name() or user.username
        for user in get_user_model().objects.filter(username__in=usernames)
    }
    return [names.get(username, username) for username in usernames]


@functools.cache
def _tracked_fields(model) -> tuple:
    """(field, attname, fast) for each field auditlog compares for ``model`` (its include and
    exclude lists applied); ``fast``: the value is read as stored on the instance."""
    options = auditlog.get_model_fields(model)
    fields = [f for f in model._meta.fields if not f.many_to_many]
    if options["include_fields"]:
        fields = [f for f in fields if f.name in options["include_fields"]]
    if options["exclude_fields"]:
        fields = [f for f in fields if f.name not in options["exclude_fields"]]
    fk_as_id = not settings.AUDITLOG_USE_FK_STRING_REPRESENTATION
    tracked = []
    for f in fields:
        fast = (
            settings.AUDITLOG_STORE_JSON_CHANGES
            and f.name not in options["mask_fields"]
            and not isinstance(f, (DateTimeField, JSONField))
            and (fk_as_id or not f.is_relation)
        )
        tracked.append((f, f.attname, fast))
    return tuple(tracked)


_PRIMITIVE = (type(None), bool, int, float, str, list, dict)


def _audit_value(instance, f, attname, fast):
    if fast:
        value = instance.__dict__.get(attname)
        return value if isinstance(value, _PRIMITIVE) else smart_str(value)
    return get_field_value(instance, f, settings.AUDITLOG_STORE_JSON_CHANGES)


def audit_snapshot(instance) -> dict:
    """The audited values of ``instance`` now, to compare with after changing it
    (see :func:`audit_changes`)."""
    return {
        f.name: _audit_value(instance, f, attname, fast)
        for f, attname, fast in _tracked_fields(type(instance))
    }


def audit_changes(before: dict | None, instance) -> dict | None:
    """What changed since ``before`` (None: everything, as for a new record), in the shape
    auditlog writes: ``{field: [old, new]}``; None when nothing changed."""
    tracked = _tracked_fields(type(instance))
    diff = {}
    if _all_fast(type(instance)):
        values = instance.__dict__
        for f, attname, _fast in tracked:
            new = values.get(attname)
            if not isinstance(new, _PRIMITIVE):
                new = smart_str(new)
            old = before.get(f.name) if before is not None else None
            if old != new:
                diff[f.name] = (old, new)
        return diff or None
    for f, attname, fast in tracked:
        new = _audit_value(instance, f, attname, fast)
        old = before.get(f.name) if before is not None else None
        if old != new:
            diff[f.name] = (old, new)
    if diff:
        options = auditlog.get_model_fields(type(instance))
        for name, (old, new) in diff.items():
            if name in options["mask_fields"]:
                mask = get_mask_function(options.get("mask_callable"))
                diff[name] = (mask(smart_str(old)), mask(smart_str(new)))
            elif settings.AUDITLOG_STORE_JSON_CHANGES:
                diff[name] = tuple(
                    v if isinstance(v, _PRIMITIVE) else smart_str(v) for v in (old, new)
                )
            else:
                diff[name] = (smart_str(old), smart_str(new))
    return diff or None


@functools.cache
def _all_fast(model) -> bool:
    return all(fast for _f, _attname, fast in _tracked_fields(model))


LOG_COLUMNS = [
    "additional_data",
    "content_type_id",
    "object_pk",
    "object_id",
    "object_repr",
    "action",
    "changes_text",
    "changes",
    "actor_id",
    "actor_email",
    "timestamp",
]


def log_bulk(instances, action, *, actor=None, changes=None) -> int:
    """Write the audit entries of records saved in bulk (``bulk_create``/``bulk_update`` and raw
    inserts send no signals), in the shape django-auditlog writes them, so the history pages
    show them.

    ``action`` is ``LogEntry.Action.CREATE`` or ``UPDATE``; ``changes`` is a list parallel to
    ``instances`` of ``{field: (old, new)}`` (without it: for a new record every field with a
    value, as auditlog writes; an update with no changes writes no entry). The actor is
    ``actor``, or the one of the surrounding :func:`acting_as`. Returns the entries written."""
    from samspil.core.bulk import insert_values

    if auditlog_disabled.get():
        return 0
    if actor is None:
        actor = _current_actor.get()
    if actor is not None and not isinstance(actor, get_user_model()):
        actor = None
    actor_id = actor.pk if actor is not None else None
    actor_email = getattr(actor, "email", None) if actor is not None else None
    timestamp = LogEntry._meta.get_field("timestamp")
    now = timestamp.get_db_prep_save(timezone.now(), connection)
    json_field = LogEntry._meta.get_field("changes")
    adapt_json = connection.ops.adapt_json_value
    extra = _current_extra.get()
    additional_data = None if not extra else adapt_json(extra, json_field.encoder)
    rows = []
    content_types = {}
    for index, instance in enumerate(instances):
        model = type(instance)
        if model not in content_types:
            content_types[model] = (
                ContentType.objects.get_for_model(model).pk if auditlog.contains(model) else None
            )
        if content_types[model] is None:
            continue
        if changes is not None:
            diff = changes[index]
        elif action == LogEntry.Action.CREATE:
            diff = audit_changes(None, instance)
        else:
            diff = None
        if not diff and action != LogEntry.Action.CREATE:
            continue
        pk = instance.pk
        rows.append(
            [
                additional_data,
                content_types[model],
                str(pk),
                pk if isinstance(pk, int) else None,
                smart_str(instance),
                action,
                "",
                None if diff is None else adapt_json(diff, json_field.encoder),
                actor_id,
                actor_email,
                now,
            ]
        )
    insert_values(LogEntry, LOG_COLUMNS, rows)
    return len(rows)
