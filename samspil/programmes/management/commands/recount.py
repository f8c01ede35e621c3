"""`samspil recount [--project CODE]`: count every project's running totals (the figures of
progress, the dashboards, the status report and the ESF report) again from the records."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from samspil.programmes import totals
from samspil.programmes.models import Project


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("--project", help="only this project (its code)")

    def handle(self, *args, **options):
        if options["project"]:
            project = Project.objects.filter(code=options["project"]).first()
            if project is None:
                raise CommandError(
                    _("No project with the code “%(code)s”.") % {"code": options["project"]}
                )
            totals.recount([project])
            counted = 1
        else:
            counted = totals.recount_all(self.stdout if options["verbosity"] > 1 else None)
        if options["verbosity"]:
            self.stdout.write(_("Counted the figures of %(n)d projects.") % {"n": counted})
