import csv
import datetime
import io
import json

from django.core.management.base import BaseCommand, CommandError
from openpyxl import Workbook

from samspil.participants.education import RESEARCH_FIELDS, research_rows
from samspil.participants.indicators import compute
from samspil.participants.models import AccessLog
from samspil.participants.services import log_project
from samspil.programmes.models import Project


class Command(BaseCommand):
    help = (
        "ESF indicators of a project: `samspil report esf --project CODE --until YYYY-MM-DD "
        "--format json|csv|xlsx [--output FILE]`; `samspil report research --project CODE` for "
        "the pseudonymised forms as CSV."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=["esf", "research"])
        parser.add_argument("--project", required=True)
        parser.add_argument("--until", help="YYYY-MM-DD (required for esf)")
        parser.add_argument("--format", choices=["json", "csv", "xlsx"], default="json")
        parser.add_argument("--output", help="file to write (xlsx needs one)")

    def handle(self, *args, kind, project, until, format, output, **options):
        try:
            project_obj = Project.objects.get(code=project)
        except Project.DoesNotExist:
            raise CommandError(f"--project {project}: no such project") from None
        if kind == "research":
            return self.research(project_obj, output)
        try:
            day = datetime.date.fromisoformat(until or "")
        except ValueError:
            raise CommandError(f"--until {until}: write the date as YYYY-MM-DD") from None
        report = compute(project_obj, day)
        log_project(
            None,
            project_obj,
            AccessLog.Action.REPORT,
            f"ESF report {project} until {until}",
            until=day,
        )
        if format == "json":
            self.emit(json.dumps(report, indent=2, ensure_ascii=False), output)
        elif format == "csv":
            self.emit(as_csv(report), output)
        else:
            if not output:
                raise CommandError("--format xlsx needs --output FILE")
            as_workbook(report).save(output)
            self.stdout.write(f"Wrote {output}")

    def research(self, project, output):
        """Pseudonymised start and stop forms as CSV, for evaluators and researchers."""
        rows = research_rows(project)
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=RESEARCH_FIELDS)
        writer.writeheader()
        writer.writerows(rows)
        log_project(
            None,
            project,
            AccessLog.Action.EXPORT,
            f"research export {project.code} (pseudonymised)",
        )
        self.emit(buffer.getvalue(), output)

    def emit(self, text, output):
        if output:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(text)
        else:
            self.stdout.write(text)


def rows(report):
    columns = [
        c
        for c in ("women", "men", "non_binary", "total")
        if c in next(iter(report["indicators"].values()))
    ]
    yield ["code", *columns]
    for code, values in report["indicators"].items():
        yield [code, *[values[c] for c in columns]]


def as_csv(report) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(["participants_total", report["participants_total"]])
    writer.writerow(["participants_counted", report["participants_counted"]])
    for row in rows(report):
        writer.writerow(["" if v is None else v for v in row])
    return buffer.getvalue()


def as_workbook(report) -> Workbook:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "ESF"
    sheet.append(["project", report["project"]])
    sheet.append(["until", report["until"]])
    sheet.append(["participants_total", report["participants_total"]])
    sheet.append(["participants_counted", report["participants_counted"]])
    sheet.append([])
    for row in rows(report):
        sheet.append(row)
    return workbook
