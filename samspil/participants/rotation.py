"""Moving every stored identifier to the newest identity key (``samspil rotate_identity_key``).

With ``SAMSPIL_IDENTITY_KEYS=NEW,OLD`` every identifier still under an older key is decrypted,
encrypted again and hashed again under NEW, in batches of rows ordered by id, each batch in
its own transaction. A row already under NEW is skipped, so the command can be stopped and run
again at any time and finishes where it stopped; pages and imports keep finding everyone
meanwhile (they look up the hashes of every configured key).
"""

from collections.abc import Callable

from django.db import connection, transaction

from samspil.participants import crypto
from samspil.participants.models import Participant


class RotationError(Exception):
    pass


def pending():
    """The rows whose identifier is not yet under the newest key."""
    return Participant.objects.exclude(identifier_key=crypto.current_key_id()).exclude(
        identifier_encrypted=""
    )


def rotate(*, batch_size: int = 2000, progress: Callable[[int, int], None] | None = None) -> int:
    """Re-encrypt and re-hash every pending row under the newest key; the number moved.
    ``progress(done, total)`` is called after each batch."""
    new_id = crypto.current_key_id()
    total = pending().count()
    meta = Participant._meta
    quote = connection.ops.quote_name
    sql = "UPDATE {} SET {} = %s, {} = %s, {} = %s WHERE {} = %s".format(
        quote(meta.db_table),
        *(
            quote(meta.get_field(name).column)
            for name in ("identifier_encrypted", "identifier_hash", "identifier_key", "id")
        ),
    )
    done, last = 0, 0
    while True:
        with transaction.atomic():
            batch = list(
                pending()
                .filter(pk__gt=last)
                .order_by("pk")
                .select_for_update()
                .values_list("pk", "identifier_type", "identifier_encrypted")[:batch_size]
            )
            if not batch:
                break
            updates = []
            for pk, kind, token in batch:
                try:
                    value = crypto.decrypt(token)
                except crypto.InvalidToken:
                    raise RotationError(
                        f"Participant {pk}: none of the configured identity keys opens the "
                        "identifier. Add the key it was stored with to SAMSPIL_IDENTITY_KEYS "
                        "(after the new one) and run the command again."
                    ) from None
                updates.append([crypto.encrypt(value), crypto.lookup_hash(kind, value), new_id, pk])
            _refuse_duplicates(updates)
            with connection.cursor() as cursor:
                cursor.executemany(sql, updates)
        last = batch[-1][0]
        done += len(batch)
        if progress:
            progress(done, max(total, done))
    return done


def _refuse_duplicates(updates) -> None:
    """Two rows that are the same person (stored twice under different keys before lookups
    tried every key) cannot both take the new hash: name them instead of failing on the
    unique index."""
    wanted = {digest: pk for _token, digest, _key, pk in updates}
    clash = (
        Participant.objects.filter(identifier_hash__in=list(wanted))
        .exclude(pk__in=list(wanted.values()))
        .values_list("pk", "identifier_hash")
    )
    pairs = [f"{wanted[digest]} and {pk}" for pk, digest in clash]
    if pairs:
        raise RotationError(
            "The same person is stored twice (participants "
            + "; ".join(pairs)
            + "). Merge or delete the duplicate, then run the command again."
        )
