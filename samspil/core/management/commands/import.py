import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from tqdm import tqdm

from samspil.core.audit import CommandActorError, acting_for_command, add_actor_argument
from samspil.core.imports import ImportFileError, count_rows, iter_table

# What can be imported, and the importer that knows its columns and rules.
IMPORTERS = {
    "companies": "samspil.companies.imports.CompanyImporter",
    "contacts": "samspil.companies.contact_imports.ContactImporter",
    "offerings": "samspil.catalogue.imports.OfferingImporter",
    "projects": "samspil.participants.imports.ProjectImporter",
    "participants": "samspil.participants.imports.ParticipantImporter",
}


class Command(BaseCommand):
    help = (
        "Import a CSV or XLSX file, all or nothing: `samspil import companies|offerings FILE "
        "[--dry-run]`, or the ESCO download: `samspil import esco DIR`. "
        "Any bad row means nothing is saved; each bad row and field is named. "
        "Re-importing updates the same records."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "kind", choices=sorted([*IMPORTERS, "esco"]), help="what the file holds"
        )
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="check the file, save nothing")
        add_actor_argument(parser)

    def handle(self, *args, kind, file, dry_run, actor=None, **options):
        try:
            with acting_for_command(f"import {kind}", actor) as user:
                return self.run_import(kind, file, dry_run, user, options)
        except CommandActorError as exc:
            raise CommandError(str(exc)) from exc

    def run_import(self, kind, file, dry_run, user, options):
        if kind == "esco":
            return self.import_esco(file)
        if not file.is_file():
            raise CommandError(_("%(file)s: no such file") % {"file": file})
        try:
            # The file is streamed, batch by batch: its rows are never all in memory.
            total = count_rows(file)
            rows = iter_table(file, file.name)
            importer = import_string(IMPORTERS[kind])(actor=user)
            show_progress = options["verbosity"] > 0 and total >= 200
            with tqdm(total=total, unit="rows", disable=not show_progress, file=sys.stderr) as bar:
                result = importer.run(rows, dry_run=dry_run, progress=bar)
        except ImportFileError as exc:
            raise CommandError(f"{file}: {exc}") from exc
        if result.errors:
            for error in result.errors:
                self.stderr.write(str(error))
            if result.more_errors:
                self.stderr.write(_("… and %(count)s more errors.") % {"count": result.more_errors})
            raise CommandError(
                _("%(file)s: %(count)s errors; nothing was saved.")
                % {"file": file, "count": result.error_count}
            )
        summary = _("New: %(created)s. Updated: %(updated)s. Unchanged: %(unchanged)s.") % {
            "created": result.created,
            "updated": result.updated,
            "unchanged": result.unchanged,
        }
        if dry_run:
            summary += " " + _("Checked only; nothing was saved.")
        self.stdout.write(self.style.SUCCESS(summary))

    def import_esco(self, directory):
        """ESCO comes as a folder of CSV files (skills, occupations, relations per language)."""
        from samspil.catalogue.esco import EscoFormatError, import_esco

        if not directory.is_dir():
            raise CommandError(_("%(file)s: no such folder") % {"file": directory})
        try:
            counts = import_esco(directory)
        except EscoFormatError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "ESCO: %(skills)s new skills, %(occupations)s new occupations, "
                    "%(relations)s new relations."
                )
                % counts
            )
        )
