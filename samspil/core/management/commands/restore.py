from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from samspil.core.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore a backup made by `samspil backup` into a new, migrated database: "
        "`samspil migrate && samspil restore FILE`. Identifiers are readable with the same "
        "identity key as before."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file, **options):
        if not file.is_file():
            raise CommandError(f"{file}: no such file")
        try:
            manifest = restore(file)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"{file}: {manifest['records']} records and {manifest['files']} uploaded files "
                "restored."
            )
        )
