"""The status report as XLSX, for the fund's rounds at the end of February and August: an
overview sheet for the programme, then one sheet per project with its register entry, targets
against actuals at each report date with forecast and status, budget against spend and the
warnings. Built from the same dashboard figures the pages show."""

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from samspil.programmes.dashboard import warnings

BOLD = Font(bold=True)


def _safe(value):
    """Text as a cell shows it, never as a formula, without characters XLSX cannot hold."""
    if not isinstance(value, str):
        return value
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def _append(sheet, values) -> None:
    sheet.append([_safe(v) for v in values])


def _header(sheet, values) -> None:
    _append(sheet, [str(v) for v in values])
    for cell in sheet[sheet.max_row]:
        cell.font = BOLD


def _sheet_title(text: str, taken: set) -> str:
    text = ILLEGAL_CHARACTERS_RE.sub("", text)
    title = "".join(c for c in text if c not in "[]:*?/\\'").strip()[:28] or "-"
    if title.casefold() == "history":
        title += " 1"
    candidate, n = title, 2
    while candidate.casefold() in taken:
        candidate, n = f"{title[:26]} {n}", n + 1
    taken.add(candidate.casefold())
    return candidate


def _number(value):
    return float(value) if value is not None else None


def workbook(title: str, dashboard_entries: list[dict], dates: list, today) -> Workbook:
    book = Workbook()
    overview = book.active
    taken = {"oversigt"}
    overview.title = _("Overview")[:31]
    _append(overview, [title])
    overview["A1"].font = Font(bold=True, size=14)
    _append(overview, [_("Status as of"), today])
    overview.append([])
    _header(
        overview,
        [
            _("Project"),
            _("Journal number"),
            _("Budget total"),
            _("Financing total"),
            _("Spent"),
            _("Spent (%)"),
            _("Time passed (%)"),
            _("Targets reached"),
            _("Warnings"),
        ],
    )
    for entry in dashboard_entries:
        project, budget = entry["project"], entry["budget"]
        money = (
            [
                _number(budget["budget_total"]["total"]),
                _number(budget["financing_total"]["total"]),
                _number(budget["spent_total"]),
                budget["spent_share"],
            ]
            if budget is not None
            else [None] * 4  # the project's operators' to read (docs/scoping.md)
        )
        _append(
            overview,
            [
                project.name,
                project.journal_number,
                *money,
                entry["time_share"],
                f"{sum(1 for r in entry['rows'] if r.status == 'reached')}/{len(entry['rows'])}",
                len(warnings(entry)),
            ],
        )
    for entry in dashboard_entries:
        project = entry["project"]
        title = _sheet_title(project.code if len(project.name) > 28 else project.name, taken)
        _project_sheet(book.create_sheet(title), entry, dates)
    return book


def _project_sheet(sheet, entry, dates) -> None:
    project, budget = entry["project"], entry["budget"]
    _append(sheet, [project.name])
    sheet["A1"].font = Font(bold=True, size=14)
    for label, value in (
        (_("Journal number"), project.journal_number),
        (_("Fund"), project.get_fund_display()),
        (_("Operator"), str(project.operator or "")),
        (_("Start date"), project.start_date),
        (_("End date"), project.end_date),
        (_("Priority axis"), project.priority_axis),
        (_("Specific objective"), project.specific_objective),
        (_("Co-financing rate (%)"), _number(project.co_financing_rate)),
        (_("EU support (DKK)"), _number(project.eu_support)),
    ):
        _append(sheet, [label, value])
    sheet.append([])
    _header(
        sheet,
        [
            _("Indicator"),
            _("Target"),
            _("By"),
            *dates,
            _("Reached (%)"),
            _("Forecast"),
            _("Status"),
        ],
    )
    for row in entry["rows"]:
        _append(
            sheet,
            [
                row.label,
                _number(row.target.value),
                row.target.due_on,
                *row.points,
                row.reached,
                row.forecast,
                str(row.status_label),
            ],
        )
    if budget is not None:
        _budget_table(sheet, budget)
    found = warnings(entry)
    if found:
        sheet.append([])
        _header(sheet, [_("Warnings")])
        for _project, message in found:
            _append(sheet, [str(message)])
    sheet.column_dimensions["A"].width = 42


def _budget_table(sheet, budget) -> None:
    sheet.append([])
    _header(sheet, [_("Budget line"), _("Budget"), _("Spent"), _("Left")])
    for line in budget["lines"]:
        _append(
            sheet,
            [line["label"], _number(line["total"]), _number(line["spent"]), _number(line["left"])],
        )
    sheet.append(
        [
            _("Total"),
            _number(budget["budget_total"]["total"]),
            _number(budget["spent_total"]),
            _number(budget["budget_total"]["total"] - budget["spent_total"]),
        ]
    )
