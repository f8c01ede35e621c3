import datetime

from django.core.management.base import BaseCommand, CommandError

from samspil.core.audit import CommandActorError, acting_for_command, add_actor_argument
from samspil.participants.services import anonymise_ended_projects


class Command(BaseCommand):
    help = (
        "Anonymise the participants of projects that ended before a date (retention): "
        "`samspil anonymise --ended-before YYYY-MM-DD`. Identifier, name and contact details "
        "go; gender, birth year and the forms stay for the statistics."
    )

    def add_arguments(self, parser):
        parser.add_argument("--ended-before", required=True)
        add_actor_argument(parser)

    def handle(self, *args, ended_before, actor=None, **options):
        try:
            day = datetime.date.fromisoformat(ended_before)
        except ValueError:
            raise CommandError(
                f"--ended-before {ended_before}: write the date as YYYY-MM-DD"
            ) from None
        try:
            with acting_for_command("anonymise", actor) as user:
                count = anonymise_ended_projects(before=day, actor=user)
        except CommandActorError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"{count} participants anonymised."))
