"""Checks run before samspil starts (``samspil check``, ``serve``, ``runserver``, ``migrate``):
the identity keys are strong enough in production mode and open the identifiers already
stored. A server with a wrong key would answer 500 on every participant page and store the
same people again under new hashes; it must not start."""

from django.conf import settings
from django.core import checks
from django.db import DatabaseError, transaction

from samspil.participants import crypto

SAMPLE = 3  # rows read from each end of the table


@checks.register("samspil")
def identity_key_check(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    return [*key_strength_errors(), *stored_identifier_errors()]


def key_strength_errors() -> list[checks.Error]:
    if not getattr(settings, "PRODUCTION", False):
        return []
    errors = []
    for position, secret in enumerate(crypto.keys(), start=1):
        problem = crypto.weakness(secret)
        if problem:
            errors.append(
                checks.Error(
                    f"Identity key number {position} (key id {crypto.key_id(secret)}) is too "
                    f"weak for SAMSPIL_MODE=production: {problem}.",
                    hint="An identity key is 32 random bytes in URL-safe base64 (a Fernet key): "
                    "make one with `samspil rotate_identity_key --generate-key`.",
                    id="participants.E001",
                )
            )
    return errors


def stored_identifier_errors() -> list[checks.Error]:
    """Open a few stored identifiers (the oldest and the newest rows) with the configured keys."""
    from samspil.participants.models import Participant

    rows = Participant.objects.exclude(identifier_encrypted="").only(
        "pk", "identifier_encrypted", "identifier_key"
    )
    try:
        with transaction.atomic():  # a savepoint: a failed query spoils no outer transaction
            sample = {
                p.pk: p for p in [*rows.order_by("pk")[:SAMPLE], *rows.order_by("-pk")[:SAMPLE]]
            }
    except DatabaseError:
        return []  # no table yet (before migrate) or no database: nothing stored to open
    known = set(crypto.key_ids())
    for participant in sample.values():
        unknown = participant.identifier_key and participant.identifier_key not in known
        try:
            crypto.decrypt(participant.identifier_encrypted)
        except crypto.InvalidToken:
            opened = False
        else:
            opened = not unknown
        if not opened:
            return [
                checks.Error(
                    "The identity key does not open the stored personal identifiers "
                    f"(participant {participant.pk}, stored under key id "
                    f"{participant.identifier_key or 'unknown'}; configured: "
                    f"{', '.join(sorted(known))}). samspil refuses to start: it could not show "
                    "these people and would store them again as new ones.",
                    hint="Give the key they were stored with: SAMSPIL_IDENTITY_KEY, or during a "
                    "rotation SAMSPIL_IDENTITY_KEYS=NEW,OLD (newest first) until `samspil "
                    "rotate_identity_key` has finished.",
                    id="participants.E002",
                )
            ]
    return []
