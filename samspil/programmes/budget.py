"""The budget and its financing: saved whole, checked to add up by year and in total and to
match the EU co-financing rate, summarised against actual spend. Pages, API and the demo all
go through these functions."""

import re
from collections import defaultdict
from decimal import Decimal, InvalidOperation

from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from samspil.core import scoping
from samspil.core.audit import acting_as, log_bulk
from samspil.programmes.models import BudgetAmount, BudgetLine, Financing, FinancingSource, Spend

THOUSANDS = re.compile(r"-?[1-9]\d{0,2}(\.\d{3})+")  # 1.234.567: dots group thousands
RATE_TOLERANCE = Decimal("0.5")  # percentage points: rounding in the application's tables


def parse_amount(value) -> Decimal:
    """An amount as the accounts write it: 1234567.5, 1 234 567,50, 1.234.567,50, 1.234.567 or
    1,234,567.50; at most 12 digits before the decimal mark and 2 after. Anything else raises
    InvalidOperation."""
    text = str(value).strip().replace(" ", "").replace("\u00a0", "")
    comma, dot = text.rfind(","), text.rfind(".")
    if comma > dot and text.count(",") == 1:  # Danish: the comma is the decimal mark
        text = text.replace(".", "").replace(",", ".")
    elif comma >= 0 or THOUSANDS.fullmatch(text):  # English grouping, or 1.234.567
        text = text.replace(",", "") if comma >= 0 else text.replace(".", "")
    amount = Decimal(text)
    if not amount.is_finite() or abs(amount) >= 10**12:
        raise InvalidOperation(text)
    if amount != amount.quantize(Decimal("0.01")):
        raise InvalidOperation(text)
    return amount


def _amount(value, where: str, errors: list) -> Decimal:
    try:
        amount = parse_amount(value)
    except (InvalidOperation, ValueError):
        errors.append(
            _("%(where)s: “%(value)s” is not an amount.") % {"where": where, "value": value}
        )
        return Decimal(0)
    if amount < 0:
        errors.append(_("%(where)s: the amount is negative.") % {"where": where})
    return amount


def _year(value, where: str, errors: list) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        errors.append(_("%(where)s: “%(value)s” is not a year.") % {"where": where, "value": value})
        return None


def check_budget(project, lines: dict, financing: dict) -> dict:
    """``lines`` is {line name: {year: amount}}, ``financing`` {source: {year: amount}}.
    Returns the cleaned amounts, or raises ValidationError naming each line, source and year."""
    errors: dict[str, list] = defaultdict(list)
    first = project.start_date.year if project.start_date else None
    last = project.end_date.year if project.end_date else None

    def years_ok(year, where, key):
        if (first and year < first) or (last and year > last):
            errors[key].append(
                _("%(where)s: %(year)s is outside the project's period.")
                % {"where": where, "year": year}
            )

    clean_lines = {}
    for name, by_year in lines.items():
        name = name.strip()
        if not name:
            errors["lines"].append(_("A budget line needs a name."))
            continue
        clean_lines[name] = {}
        for year, value in by_year.items():
            where = f"{name} {year}"
            if (number := _year(year, where, errors["lines"])) is not None:
                years_ok(number, where, "lines")
                clean_lines[name][number] = _amount(value, where, errors["lines"])
    clean_financing = {}
    for source, by_year in financing.items():
        if source not in FinancingSource.values:
            errors["financing"].append(
                _("Unknown financing source “%(source)s”.") % {"source": source}
            )
            continue
        label = FinancingSource(source).label
        clean_financing[source] = {}
        for year, value in by_year.items():
            where = f"{label} {year}"
            if (number := _year(year, where, errors["financing"])) is not None:
                years_ok(number, where, "financing")
                clean_financing[source][number] = _amount(value, where, errors["financing"])
    errors = {key: messages for key, messages in errors.items() if messages}
    if not errors and (problems := balance_problems(project, clean_lines, clean_financing)):
        errors["financing"] = problems
    if errors:
        raise ValidationError(errors)
    return {"lines": clean_lines, "financing": clean_financing}


def balance_problems(project, lines: dict, financing: dict) -> list[str]:
    """Where the budget and its financing do not add up, or the EU share is not the rate."""
    problems = []
    budget_by_year: dict[int, Decimal] = defaultdict(Decimal)
    financing_by_year: dict[int, Decimal] = defaultdict(Decimal)
    for by_year in lines.values():
        for year, amount in by_year.items():
            budget_by_year[year] += amount
    for by_year in financing.values():
        for year, amount in by_year.items():
            financing_by_year[year] += amount
    for year in sorted(set(budget_by_year) | set(financing_by_year)):
        if budget_by_year[year] != financing_by_year[year]:
            problems.append(
                _("%(year)s: the budget is %(budget)s but the financing %(financing)s.")
                % {
                    "year": year,
                    "budget": _money(budget_by_year[year]),
                    "financing": _money(financing_by_year[year]),
                }
            )
    total = sum(budget_by_year.values(), Decimal(0))
    eu = sum(financing.get(FinancingSource.EU_FUND, {}).values(), Decimal(0))
    if project.co_financing_rate is not None and total:
        share = eu / total * 100
        if abs(share - project.co_financing_rate) > RATE_TOLERANCE:
            problems.append(
                _(
                    "The EU fund finances %(share)s %% of the budget, but the co-financing "
                    "rate is %(rate)s %%."
                )
                % {
                    "share": number_format(share, 1),
                    "rate": number_format(project.co_financing_rate, 1),
                }
            )
    if project.eu_support is not None and eu and eu != project.eu_support:
        problems.append(
            _("The EU fund's financing is %(eu)s but the EU support is %(support)s.")
            % {"eu": _money(eu), "support": _money(project.eu_support)}
        )
    return problems


def _money(amount: Decimal) -> str:
    return number_format(amount, 0, force_grouping=True)


def save_budget(*, actor, project, lines: dict, financing: dict) -> None:
    """Replace the project's budget and financing as a whole (operators), all or nothing."""
    if not scoping.can(actor, scoping.CHANGE, project):
        raise PermissionDenied
    clean = check_budget(project, lines, financing)
    with transaction.atomic(), acting_as(actor):
        kept = {line.name: line for line in project.budget_lines.all()}
        for position, (name, by_year) in enumerate(clean["lines"].items()):
            line = kept.pop(name, None) or BudgetLine(project=project, name=name)
            line.position = position
            line.save()
            line.amounts.all().delete()
            amounts = BudgetAmount.objects.bulk_create(
                BudgetAmount(line=line, year=year, amount=amount)
                for year, amount in by_year.items()
            )
            log_bulk(amounts, LogEntry.Action.CREATE)
        for line in kept.values():
            if line.spend.exists():
                raise ValidationError(
                    {
                        "lines": [
                            _("%(line)s has spend recorded and cannot be removed.") % {"line": line}
                        ]
                    }
                )
            line.delete()
        project.financing.all().delete()
        financed = Financing.objects.bulk_create(
            Financing(project=project, source=source, year=year, amount=amount)
            for source, by_year in clean["financing"].items()
            for year, amount in by_year.items()
        )
        log_bulk(financed, LogEntry.Action.CREATE)


def summary(project) -> dict:
    """The budget table by line and year, financing by source and year, totals every way,
    spend per line against budget, and what does not add up. Four queries."""
    return summaries([project])[project.pk]


def summaries(projects) -> dict[int, dict]:
    """``summary`` for many projects at once: four queries whatever their number."""
    projects = list(projects)
    ids = [project.pk for project in projects]
    lines: dict = defaultdict(list)
    for line in BudgetLine.objects.filter(project__in=ids):
        lines[line.project_id].append(line)
    by_line: dict = defaultdict(dict)
    for line_id, year, amount in BudgetAmount.objects.filter(line__project__in=ids).values_list(
        "line", "year", "amount"
    ):
        by_line[line_id][year] = amount
    by_source: dict = defaultdict(lambda: defaultdict(dict))
    for project_id, source, year, amount in Financing.objects.filter(project__in=ids).values_list(
        "project", "source", "year", "amount"
    ):
        by_source[project_id][source][year] = amount
    spent = dict(
        Spend.objects.filter(line__project__in=ids)
        .values("line")
        .annotate(total=Sum("amount"))
        .values_list("line", "total")
    )
    return {
        project.pk: _summary(project, lines[project.pk], by_line, by_source[project.pk], spent)
        for project in projects
    }


def _summary(project, lines, by_line, by_source, spent) -> dict:
    years = sorted(
        {y for line in lines for y in by_line.get(line.pk, {})}
        | {y for d in by_source.values() for y in d}
    )

    def row(label, by_year, **extra):
        values = [by_year.get(year, Decimal(0)) for year in years]
        return {"label": label, "values": values, "total": sum(values, Decimal(0)), **extra}

    line_rows = [
        row(line.name, by_line.get(line.pk, {}), spent=spent.get(line.pk) or Decimal(0))
        for line in lines
    ]
    for line_row in line_rows:
        line_row["left"] = line_row["total"] - line_row["spent"]
    source_rows = [
        row(FinancingSource(source).label, by_source[source])
        for source in FinancingSource.values
        if source in by_source
    ]

    def total_row(label, rows):
        values = [sum((r["values"][i] for r in rows), Decimal(0)) for i in range(len(years))]
        return {"label": label, "values": values, "total": sum(values, Decimal(0))}

    budget_total = total_row(_("Budget total"), line_rows)
    spent_total = sum((r["spent"] for r in line_rows), Decimal(0))
    return {
        "years": years,
        "lines": line_rows,
        "budget_total": budget_total,
        "spent_total": spent_total,
        "spent_share": round(100 * spent_total / budget_total["total"])
        if budget_total["total"]
        else None,
        "financing": source_rows,
        "financing_total": total_row(_("Financing total"), source_rows),
        "problems": balance_problems(
            project,
            {line.name: by_line.get(line.pk, {}) for line in lines},
            dict(by_source),
        ),
    }


def as_data(project) -> dict:
    """The budget and financing as the API gives and takes them, with what does not add up."""
    lines: dict = defaultdict(dict)
    for name, year, amount in BudgetAmount.objects.filter(line__project=project).values_list(
        "line__name", "year", "amount"
    ):
        lines[name][str(year)] = str(amount)
    financing: dict = defaultdict(dict)
    for source, year, amount in Financing.objects.filter(project=project).values_list(
        "source", "year", "amount"
    ):
        financing[source][str(year)] = str(amount)
    return {
        "lines": lines,
        "financing": financing,
        "problems": summary(project)["problems"],
    }
