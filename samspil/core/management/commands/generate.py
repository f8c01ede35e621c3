import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from samspil.core.scale.generate import DemoMissing, Sizes, generate

NATIONAL = {"companies": 200_000, "contacts": 2_000_000, "participants": 1_000_000}


class Command(BaseCommand):
    help = (
        "Write realistic data at scale on top of the demo (bulk inserts; the demo's accounts "
        "see it): companies, contacts, participants, offerings, a survey, openings and "
        "candidates, plans and learning notes. Builds the demo first if it is missing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=float,
            help="a share of the national size (200,000 companies, 2,000,000 contacts, "
            "1,000,000 participants); --companies, --contacts, --participants override it",
        )
        parser.add_argument("--companies", type=int)
        parser.add_argument("--contacts", type=int)
        parser.add_argument("--participants", type=int)
        parser.add_argument("--offerings", type=int, help="default: companies / 20")
        parser.add_argument("--survey-companies", type=int, default=200)
        parser.add_argument("--statements", type=int, default=50)
        parser.add_argument("--candidates", type=int, help="default: participants / 50")
        parser.add_argument("--openings", type=int, help="default: companies / 200")
        parser.add_argument("--notes", type=int, help="learning notes; default: companies / 100")
        parser.add_argument("--plans", type=int, help="default: companies / 200")
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError(
                _(
                    "Generated data is not written in production mode (SAMSPIL_MODE=production): "
                    "it would mix made-up companies and people with real ones."
                )
            )
        scale = options["scale"] if options["scale"] is not None else 0.005
        for name, national in NATIONAL.items():
            if options[name] is None:
                options[name] = round(national * scale)
        sizes = Sizes(
            **{
                name: options[name]
                for name in (
                    "companies",
                    "contacts",
                    "participants",
                    "offerings",
                    "survey_companies",
                    "statements",
                    "candidates",
                    "openings",
                    "notes",
                    "plans",
                )
            }
        )
        if any((value or 0) < 0 for value in sizes.as_dict().values()):
            raise CommandError(_("Sizes cannot be negative."))
        if not get_user_model().objects.filter(username="operator").exists():
            self.stdout.write("The demo is missing; building it first.")
            call_command("demo", stdout=self.stdout)
        started = time.perf_counter()
        try:
            result = generate(sizes, seed=options["seed"], out=self.stdout.write)
        except DemoMissing as exc:
            raise CommandError(str(exc)) from exc
        seconds = time.perf_counter() - started
        written = ", ".join(f"{name}: {count:,}" for name, count in result["counts"].items())
        self.stdout.write(f"analyse: {result['seconds']['analyse']:.1f} s")
        self.stdout.write(self.style.SUCCESS(f"Generated in {seconds:.1f} s ({written})."))
