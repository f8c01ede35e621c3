import time

from django.core.management.base import BaseCommand, CommandError

from samspil.participants import crypto


class Command(BaseCommand):
    help = (
        "Re-encrypt and re-hash every stored personal identifier under the newest identity key "
        "(the first of SAMSPIL_IDENTITY_KEYS=NEW,OLD), in batches; resumable: rows already "
        "under the newest key are skipped. --generate-key prints a new key."
    )
    requires_system_checks = []  # the key check runs below, not for --generate-key

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=2000)
        parser.add_argument(
            "--generate-key",
            action="store_true",
            help="print a new identity key (32 random bytes, URL-safe base64) and stop",
        )

    def handle(self, *args, batch_size, generate_key, **options):
        if generate_key:
            self.stdout.write(crypto.generate_key())
            return
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        from samspil.participants.checks import key_strength_errors
        from samspil.participants.rotation import RotationError, pending, rotate

        errors = key_strength_errors()
        if errors:
            raise CommandError("\n".join(f"{e.msg} {e.hint}" for e in errors))
        ids = crypto.key_ids()
        self.stdout.write(
            f"Newest key: {ids[0]}; older keys: {', '.join(ids[1:]) or 'none'}. "
            f"{pending().count()} identifiers to move."
        )
        started = time.monotonic()

        def progress(done, total):
            elapsed = time.monotonic() - started
            self.stdout.write(
                f"{done} of {total} ({100 * done // total} %), "
                f"{done / elapsed if elapsed else 0:.0f} per second"
            )

        try:
            moved = rotate(batch_size=batch_size, progress=progress)
        except RotationError as exc:
            raise CommandError(f"{exc} (the rows moved before this one stay moved)") from None
        elapsed = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"{moved} identifiers now under key {ids[0]} in {elapsed:.1f} s. "
                + (
                    "Every identifier is under the newest key: the older keys can be removed "
                    "from SAMSPIL_IDENTITY_KEYS."
                    if not pending().exists()
                    else ""
                )
            )
        )
