"""`samspil benchmark_dashboard`: the programme dashboard's time and number of SQL queries at
two sizes (a few projects, then many with thousands of participants and contacts), written to
docs/benchmarks.md. Everything it creates is rolled back."""

import datetime
import platform
import statistics
import time
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from samspil.catalogue.management.commands.benchmark_matching import Rollback, write_section
from samspil.companies.models import Company, Contact
from samspil.participants.identifiers import parse_cpr
from samspil.participants.models import Enrolment, Participant
from samspil.programmes import budget, dashboard, totals
from samspil.programmes.models import Programme, Project, Target

START = "<!-- dashboard:start -->"
END = "<!-- dashboard:end -->"
INDICATORS = ("companies_supported", "smes_supported", "participants", "women_share", "CO01")
SIZES = [(2, 100, 100), (40, 5_000, 3_000)]  # projects, participants, contacts


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("--output", default="docs/benchmarks.md")
        parser.add_argument("--runs", type=int, default=5)

    def handle(self, *args, output, runs, **options):
        results = []
        try:
            with transaction.atomic():
                self.actor = get_user_model().objects.create_superuser("benchmark")
                programme = Programme.objects.create(code="benchmark", name="Benchmark")
                made = (0, 0, 0)
                for size in SIZES:
                    self.grow(programme, made, size)
                    made = size
                    results.append((size, *self.measure(programme, runs)))
                raise Rollback
        except Rollback:
            pass
        report = self.report(results)
        write_section(Path(output), START, END, report)
        self.stdout.write(report)

    def grow(self, programme, made, size) -> None:
        today = datetime.date.today()
        start, end = today - datetime.timedelta(days=700), today + datetime.timedelta(days=400)
        projects = [
            Project.objects.create(
                code=f"benchmark-{n}",
                name=f"Benchmark {n}",
                programme=programme,
                start_date=start,
                end_date=end,
            )
            for n in range(made[0], size[0])
        ]
        for project in projects:
            years = range(start.year, end.year + 1)
            budget.save_budget(
                actor=self.actor,
                project=project,
                lines={f"Linje {n}": dict.fromkeys(years, 1000) for n in range(4)},
                financing={"region": dict.fromkeys(years, 4000)},
            )
            Target.objects.bulk_create(
                Target(project=project, indicator=code, value=100, due_on=end)
                for code in INDICATORS
            )
        everyone = list(Project.objects.filter(programme=programme))
        companies = Company.objects.bulk_create(
            Company(cvr=f"9{n:07d}", name=f"Virksomhed {n}", employees=20)
            for n in range(made[2], size[2])
        )
        Contact.objects.bulk_create(
            Contact(
                company=company,
                kind="visit",
                status="done",
                date=start + datetime.timedelta(days=n % 600),
                project=everyone[n % len(everyone)],
            )
            for n, company in enumerate(companies)
        )
        people = []
        for n in range(made[1], size[1]):
            participant = Participant(gender="female" if n % 3 else "male")
            participant.set_identifier(
                parse_cpr(f"{1 + n % 28:02d}0{1 + n % 9}{70 + n % 29}{n:04d}")
            )
            people.append(participant)
        Participant.objects.bulk_create(people)
        Enrolment.objects.bulk_create(
            Enrolment(
                participant=participant,
                project=everyone[n % len(everyone)],
                entry_date=start + datetime.timedelta(days=n % 600),
                employment_status="unemployed" if n % 4 == 0 else "employed",
            )
            for n, participant in enumerate(people)
        )
        totals.recount(everyone)  # the rows were written in bulk: count the running totals

    def measure(self, programme, runs):
        today = datetime.date.today()
        projects = list(programme.projects.order_by("name", "pk"))
        with CaptureQueriesContext(connection) as queries:
            dashboard.programme_dashboard(programme, projects, today)
        times = []
        for _run in range(runs):
            began = time.perf_counter()
            dashboard.programme_dashboard(programme, projects, today)
            times.append((time.perf_counter() - began) * 1000)
        return len(queries), statistics.median(times), max(times)

    def report(self, results) -> str:
        lines = [
            START,
            "## Programme dashboard",
            "",
            f"Measured {datetime.date.today().isoformat()} on {platform.machine()}, Python "
            f"{platform.python_version()}, {connection.vendor}, with `make benchmark` "
            "(`samspil benchmark_dashboard`): `programme_dashboard` for a programme whose "
            f"projects each have {len(INDICATORS)} targets ({', '.join(INDICATORS)}), a "
            "four-line budget and financing, over every status-report date of a two-year project.",
            "",
            "| projects | participants | contacts | SQL queries | median | slowest |",
            "|---|---|---|---|---|---|",
        ]
        for (projects, people, contacts), queries, median, slowest in results:
            lines.append(
                f"| {projects} | {people:,} | {contacts:,} | {queries} | {median:.0f} ms "
                f"| {slowest:.0f} ms |"
            )
        lines += ["", END]
        return "\n".join(lines)
