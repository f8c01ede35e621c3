from pathlib import Path

from django.core.management.base import BaseCommand

from samspil.core.backup import back_up


class Command(BaseCommand):
    help = (
        "Back up the records and uploaded files to one .tar.gz: `samspil backup FILE`. "
        "The identity key is not in it; keep the key apart from the backup."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file, **options):
        manifest = back_up(file)
        self.stdout.write(
            self.style.SUCCESS(
                f"{file}: {manifest['records']} records, {manifest['files']} uploaded files."
            )
        )
