"""The budget as the operator types it: a table of budget lines by year and one of financing
sources by year, read from the page's cells into what ``budget.save_budget`` takes, and back
into cells when something does not add up (so nothing typed is lost)."""

from collections import defaultdict

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from samspil.core.views import posted_pk
from samspil.programmes.models import BudgetAmount, Financing, FinancingSource

BLANK_LINES = 3
MAX_LINES = 200


def years_of(project) -> list[int]:
    if project.start_date and project.end_date:
        return list(range(project.start_date.year, project.end_date.year + 1))
    found = sorted(
        set(BudgetAmount.objects.filter(line__project=project).values_list("year", flat=True))
        | set(Financing.objects.filter(project=project).values_list("year", flat=True))
    )
    this_year = timezone.localdate().year
    return found or [this_year, this_year + 1, this_year + 2]


def _cell(amount) -> str:
    """An amount as the page's cell shows it: whole kroner without decimals."""
    return f"{amount:.0f}" if amount == int(amount) else str(amount)


class BudgetTable:
    def __init__(self, project, lines: list[dict], financing: dict, errors=None):
        self.project = project
        self.years = years_of(project)
        self.lines = lines  # [{"name": str, "cells": {year: str}}]
        self.financing = financing  # {source: {year: str}}
        self.errors = errors or []

    @classmethod
    def of(cls, project) -> "BudgetTable":
        """The project's budget as it stands, with blank lines to add more."""
        by_line: dict = defaultdict(dict)
        for line_name, year, amount in BudgetAmount.objects.filter(
            line__project=project
        ).values_list("line__name", "year", "amount"):
            by_line[line_name][year] = _cell(amount)
        names = list(project.budget_lines.values_list("name", flat=True))
        lines = [{"name": name, "cells": by_line[name]} for name in names]
        financing: dict = defaultdict(dict)
        for source, year, amount in Financing.objects.filter(project=project).values_list(
            "source", "year", "amount"
        ):
            financing[source][year] = _cell(amount)
        return cls(project, lines + [{"name": "", "cells": {}}] * BLANK_LINES, financing)

    @classmethod
    def from_post(cls, project, data) -> "BudgetTable":
        years = years_of(project)
        count = posted_pk(data.get("line-count")) or 0
        if count > MAX_LINES:
            raise ValidationError(_("A budget has at most %(count)s lines.") % {"count": MAX_LINES})
        lines = [
            {
                "name": data.get(f"line-{i}-name", "").strip(),
                "cells": {year: data.get(f"line-{i}-{year}", "").strip() for year in years},
            }
            for i in range(count)
        ]
        financing = {
            source: {year: data.get(f"financing-{source}-{year}", "").strip() for year in years}
            for source in FinancingSource.values
        }
        return cls(project, lines, financing)

    def as_budget(self) -> tuple[dict, dict]:
        """({line: {year: amount text}}, {source: {year: amount text}}) for ``save_budget``:
        blank rows are left out and blank cells count as nothing; a line named twice is an
        error of its own."""
        lines: dict = {}
        for line in self.lines:
            filled = {year: value for year, value in line["cells"].items() if value}
            if not line["name"] and not filled:
                continue
            if line["name"] in lines:
                self.errors.append(
                    _("The budget line “%(line)s” is named twice.") % {"line": line["name"]}
                )
            lines[line["name"]] = filled
        financing = {
            source: filled
            for source, cells in self.financing.items()
            if (filled := {year: value for year, value in cells.items() if value})
        }
        return lines, financing

    def rows(self):
        """The cells for the page: lines numbered for their inputs, financing by source."""
        return {
            "lines": [
                {
                    "index": i,
                    "name": line["name"],
                    "cells": [(year, line["cells"].get(year, "")) for year in self.years],
                }
                for i, line in enumerate(self.lines)
            ],
            "financing": [
                {
                    "source": source,
                    "label": FinancingSource(source).label,
                    "cells": [
                        (year, self.financing.get(source, {}).get(year, "")) for year in self.years
                    ],
                }
                for source in FinancingSource.values
            ],
        }
