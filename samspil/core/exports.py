"""Tables as downloads: CSV (for spreadsheets in Danish locale: semicolon, UTF-8 with BOM) and
XLSX (openpyxl). One function serves every list that can be exported."""

import csv
import datetime
import io

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font

EXPORT_FORMATS = ("csv", "xlsx")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nej"
    return value


def workbook_response(workbook: Workbook, filename: str) -> HttpResponse:
    """A workbook as a download named ``filename`` (with its .xlsx)."""
    response = HttpResponse(content_type=XLSX)
    workbook.save(response)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def table_response(filename: str, headers: list[str], rows, export_format: str) -> HttpResponse:
    if export_format == "xlsx":
        workbook = Workbook(write_only=False)
        sheet = workbook.active
        sheet.title = filename[:31]
        sheet.append([str(h) for h in headers])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append([_cell(v) if not isinstance(v, datetime.date) else v for v in row])
        sheet.freeze_panes = "A2"
        return workbook_response(workbook, f"{filename}.xlsx")
    else:
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";")
        writer.writerow([str(h) for h in headers])
        for row in rows:
            writer.writerow([_cell(v) for v in row])
        response = HttpResponse(
            "\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8"
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}.{export_format}"'
    return response
