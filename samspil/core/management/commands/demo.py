from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from samspil import demo
from samspil.core.audit import CommandActorError, acting_for_command, add_actor_argument


class Command(BaseCommand):
    help = (
        "Build the demo region from the source documents (Region Midtjylland's organisations, "
        "partnerships and projects, and demo users with password 'demo'). Safe to run again."
    )

    def add_arguments(self, parser):
        add_actor_argument(parser)

    def handle(self, *args, actor=None, **options):
        if settings.PRODUCTION:
            # The demo's users all have the password "demo", one of them a superuser.
            raise CommandError(
                _(
                    "The demo is not built in production mode (SAMSPIL_MODE=production): its "
                    "users all have the password 'demo'."
                )
            )
        try:
            with acting_for_command("demo", actor):
                created = demo.build()
        except CommandActorError as exc:
            raise CommandError(str(exc)) from exc
        summary = ", ".join(f"{name}: {count}" for name, count in created.items())
        self.stdout.write(self.style.SUCCESS(f"Demo data ready (new records – {summary})."))
