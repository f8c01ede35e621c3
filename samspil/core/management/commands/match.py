import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from samspil.catalogue.matching import rank
from samspil.companies.models import Company
from samspil.core.validators import normalise_cvr


class Command(BaseCommand):
    help = (
        'Rank the catalogue\'s offerings for a need: `samspil match "need text" '
        "[--company CVR] [--top N] [--format json|text]`. The percentage is the calibrated "
        "chance that the course is right for the need."
    )

    # Answer at once: the system checks (every URL, template and model) are `samspil check`'s.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("need", help="the need, as the company writes it")
        parser.add_argument("--company", help="CVR number: nearness to the company counts")
        parser.add_argument("--top", type=int, default=10)
        parser.add_argument("--format", choices=["json", "text"], default="text")

    def handle(self, *args, need, company, top, format, **options):
        found = None
        if company:
            try:
                found = Company.objects.get(cvr=normalise_cvr(company))
            except Exception as exc:  # invalid or unknown CVR: say which
                raise CommandError(f"--company {company}: {exc}") from exc
        matches = rank(need, company=found, top=top)
        if format == "json":
            self.stdout.write(
                json.dumps([m.as_dict() for m in matches], ensure_ascii=False, indent=2)
            )
            return
        if matches.no_fit:
            self.stdout.write(
                _(
                    "No course in the catalogue fits this need well; the best below are weak "
                    "matches."
                )
            )
        for number, match in enumerate(matches, start=1):
            self.stdout.write(
                f"{number}. {match.offering.code} {match.offering.title} ({match.percent} %)"
            )
            for reason in match.reasons:
                self.stdout.write(f"     {reason}")
