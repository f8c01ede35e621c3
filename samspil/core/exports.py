"""Tables as downloads: CSV (for spreadsheets in Danish locale: semicolon, UTF-8 with BOM) and
XLSX (openpyxl). One function serves every list that can be exported.

Text that a spreadsheet would read as a formula (a company named ``=HYPERLINK(...)``) is
written as text: in CSV with a leading apostrophe, in XLSX as a text cell, never a formula
(``text_cell`` and ``xlsx_row``; every export goes through them).
"""

import csv
import datetime

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

EXPORT_FORMATS = ("csv", "xlsx")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# The first characters by which Excel, LibreOffice and Google Sheets start a formula or a DDE
# command when a cell is typed or a CSV opened.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nej"
    return value


def text_cell(value):
    """A value for a CSV cell: text that would start a formula gets a leading apostrophe, which
    spreadsheets show as text and do not evaluate."""
    value = _cell(value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def xlsx_row(sheet, values) -> list:
    """Cells for ``sheet.append``: every string is a text cell, so ``=1+1`` stays text (openpyxl
    would otherwise store any string beginning with ``=`` as a formula)."""
    row = []
    for value in values:
        value = value if isinstance(value, datetime.date) else _cell(value)
        if isinstance(value, str):
            cell = WriteOnlyCell(sheet, value=None)
            # Control characters cannot be stored in XLSX; they are dropped, not refused.
            cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)
            cell.data_type = "s"
            row.append(cell)
        else:
            row.append(value)
    return row


def workbook_response(workbook: Workbook, filename: str) -> HttpResponse:
    """A workbook as a download named ``filename`` (with its .xlsx)."""
    response = HttpResponse(content_type=XLSX)
    workbook.save(response)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def table_response(filename: str, headers: list[str], rows, export_format: str) -> HttpResponse:
    """``rows`` (any iterable, e.g. a queryset's ``iterator()``) as CSV or XLSX. Rows are
    written as they come: a write-only workbook, a CSV writer straight into the response."""
    if export_format == "xlsx":
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(filename[:31])
        sheet.freeze_panes = "A2"
        header = []
        for title in headers:
            cell = WriteOnlyCell(sheet, value=str(title))
            cell.font = Font(bold=True)
            header.append(cell)
        sheet.append(header)
        for row in rows:
            sheet.append(xlsx_row(sheet, row))
        return workbook_response(workbook, f"{filename}.xlsx")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow([str(h) for h in headers])
    for row in rows:
        writer.writerow([text_cell(v) for v in row])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{export_format}"'
    return response
