"""Spend from the accounts, per budget line and period, all or nothing: a row naming an unknown
line, a period outside the project or a negative amount stops the whole file."""

import datetime
from decimal import InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from samspil.core.imports import Importer, validation_errors
from samspil.programmes.budget import parse_amount
from samspil.programmes.models import Spend

COLUMNS_HELP = "line; from; to; amount; note"


class SpendImporter(Importer):
    required = ("line", "from", "to", "amount")
    optional = ("note",)

    def __init__(self, *, project, actor=None):
        super().__init__(actor=actor)
        self.project = project

    def prepare(self, rows):
        self.lines = {line.name.casefold(): line for line in self.project.budget_lines.all()}

    def build(self, row):
        errors: dict = {}
        name = row.get("line", "").strip()
        line = self.lines.get(name.casefold())
        if line is None:
            errors["line"] = [_("The project has no budget line “%(line)s”.") % {"line": name}]
        spend = Spend(line=line, note=row.get("note", "").strip())
        for column, attribute in (("from", "period_start"), ("to", "period_end")):
            try:
                setattr(spend, attribute, datetime.date.fromisoformat(row.get(column, "").strip()))
            except ValueError:
                errors[column] = [_("Write the date as YYYY-MM-DD.")]
        try:
            spend.amount = parse_amount(row.get("amount", ""))
        except InvalidOperation:
            errors["amount"] = [_("The amount is not a number.")]
        try:
            spend.full_clean(exclude=["line", *errors])
        except ValidationError as exc:
            names = {"period_start": "from", "period_end": "to"}
            for field, messages in validation_errors(exc).items():
                errors.setdefault(names.get(field, field), []).extend(messages)
        return spend, errors
