import contextlib
import csv
import datetime
import io
import json

from django.core.management.base import BaseCommand, CommandError
from django.http import HttpResponse
from django.utils.translation import gettext_lazy
from openpyxl import Workbook

from samspil.core.exports import XLSX
from samspil.participants.education import RESEARCH_FIELDS, research_rows
from samspil.participants.indicators import compute
from samspil.participants.models import AccessLog
from samspil.participants.services import log_project, log_report
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
        if format == "xlsx" and not output:
            raise CommandError("--format xlsx needs --output FILE")
        report = compute(project_obj, day)  # the indicators: a few aggregate queries
        log_report(None, project_obj, f"ESF report {project} until {until}", until=day)
        if format == "json":
            with self.target(output) as handle:
                handle.write(json.dumps(report, indent=2, ensure_ascii=False))
                if not output:
                    handle.write("\n")
        elif format == "csv":
            with self.target(output) as handle:
                write_csv(report, handle)
        else:
            as_workbook(report).save(output)
            self.stdout.write(f"Wrote {output}")

    def research(self, project, output):
        """Pseudonymised start and stop forms as CSV, for evaluators and researchers, written
        row by row as they come from the database."""
        log_project(
            None,
            project,
            AccessLog.Action.EXPORT,
            f"research export {project.code} (pseudonymised)",
        )
        with self.target(output) as handle:
            writer = csv.DictWriter(handle, fieldnames=RESEARCH_FIELDS, lineterminator="\r\n")
            writer.writeheader()
            for row in research_rows(project):
                writer.writerow(row)

    @contextlib.contextmanager
    def target(self, output):
        """Where the output goes: the file named, or standard output (as it comes)."""
        if output:
            with open(output, "w", encoding="utf-8", newline="") as handle:
                yield handle
        else:
            stream = self.stdout
            yield _Writer(stream)


class _Writer:
    """Text written straight through to a management command's output stream."""

    def __init__(self, stream):
        self.stream = stream

    def write(self, text):
        self.stream.write(text, ending="")


def rows(report):
    columns = [
        c
        for c in ("women", "men", "non_binary", "total")
        if c in next(iter(report["indicators"].values()))
    ]
    yield ["code", *columns]
    for code, values in report["indicators"].items():
        yield [code, *[values[c] for c in columns]]


def write_csv(report, handle) -> None:
    """The report as CSV (semicolons), written row by row to ``handle``."""
    writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
    writer.writerow(["participants_total", report["participants_total"]])
    writer.writerow(["participants_counted", report["participants_counted"]])
    for row in rows(report):
        writer.writerow(["" if v is None else v for v in row])


def as_csv(report) -> str:
    buffer = io.StringIO()
    write_csv(report, buffer)
    return buffer.getvalue()


def as_workbook(report, translated: bool = False) -> Workbook:
    """The fund's workbook, write-only: rows go out as they are appended. ``translated``: the
    headers in the active language and each indicator's name beside its code (for people);
    otherwise the fixed machine names of the command's output."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("ESF")
    if translated:
        from django.utils.translation import gettext as _

        from samspil.participants.indicator_names import name

        table = rows(report)
        header = next(table)
        sheet.append([_("Project"), report["project"]])
        sheet.append([_("Up to and including"), report["until"]])
        sheet.append([_("Participants in all"), report["participants_total"]])
        sheet.append([_("Participants counted"), report["participants_counted"]])
        sheet.append([])
        sheet.append([_("Code"), _("Indicator"), *[str(COLUMN_NAMES[c]) for c in header[1:]]])
        for code, *values in table:
            sheet.append([code, name(code), *values])
        return workbook
    sheet.append(["project", report["project"]])
    sheet.append(["until", report["until"]])
    sheet.append(["participants_total", report["participants_total"]])
    sheet.append(["participants_counted", report["participants_counted"]])
    sheet.append([])
    for row in rows(report):
        sheet.append(row)
    return workbook


COLUMN_NAMES = {
    "women": gettext_lazy("Women"),
    "men": gettext_lazy("Men"),
    "non_binary": gettext_lazy("Non-binary"),
    "total": gettext_lazy("Total"),
}


def workbook_response_streamed(report, filename: str, translated: bool = False) -> HttpResponse:
    """The fund's workbook as a download, built write-only."""
    response = HttpResponse(content_type=XLSX)
    as_workbook(report, translated=translated).save(response)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
