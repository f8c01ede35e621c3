"""The write layer shared by pages, API, imports and commands.

Domain services (``<app>/services.py``) check who may do a thing, then save through
:func:`save_record`, which validates the whole record, writes it in one transaction and
attributes the change in the audit trail.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from samspil.core import scoping
from samspil.core.audit import acting_as


def ensure_can(actor, action: str, obj) -> None:
    if not scoping.can(actor, action, obj):
        raise PermissionDenied


def ensure_can_create(actor, model, parent=None) -> None:
    if not scoping.can_create(actor, model, parent):
        raise PermissionDenied


def save_record(instance, *, actor, m2m=None, **fields):
    """Set ``fields`` on ``instance``, validate it completely and save it, or save nothing.
    ``m2m`` gives many-to-many values to set in the same transaction (None leaves one as is)."""
    for name, value in fields.items():
        setattr(instance, name, value)
    instance.full_clean()
    with transaction.atomic(), acting_as(actor):
        instance.save()
        for name, values in (m2m or {}).items():
            if values is not None:
                getattr(instance, name).set(values)
    return instance


def delete_record(instance, *, actor) -> None:
    try:
        with transaction.atomic(), acting_as(actor):
            instance.delete()
    except ProtectedError as exc:
        raise ValidationError(
            _("%(object)s cannot be deleted while other records refer to it.")
            % {"object": instance}
        ) from exc
