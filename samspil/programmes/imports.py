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

    @property
    def kind(self) -> str:
        return f"spend-{self.project.pk}"

    @property
    def kind_label(self) -> str:
        return _("spend")

    def prepare(self, rows):
        if hasattr(self, "lines"):
            return  # the project's lines and spend: loaded with the first batch
        self.lines = {line.name.casefold(): line for line in self.project.budget_lines.all()}
        # Importing the same accounts again updates the spend of a line and period.
        self.existing = {
            (spend.line_id, spend.period_start, spend.period_end): spend
            for spend in Spend.objects.filter(line__project=self.project)
        }

    def build(self, row):
        errors: dict = {}
        name = row.get("line", "").strip()
        line = self.lines.get(name.casefold())
        if line is None:
            errors["line"] = [_("The project has no budget line “%(line)s”.") % {"line": name}]
        period = {}
        for column, attribute in (("from", "period_start"), ("to", "period_end")):
            try:
                period[attribute] = datetime.date.fromisoformat(row.get(column, "").strip())
            except ValueError:
                errors[column] = [_("Write the date as YYYY-MM-DD.")]
        key = (getattr(line, "pk", None), period.get("period_start"), period.get("period_end"))
        spend = self.existing.get(key) or Spend(line=line, **period)
        before = (spend.amount, spend.note)
        self.remember(spend)
        spend.note = row.get("note", "").strip()
        try:
            spend.amount = parse_amount(row.get("amount", ""))
        except InvalidOperation:
            errors["amount"] = [
                _("Write the amount in DKK with at most two decimals, e.g. 1.234,50.")
            ]
        names = {"period_start": "from", "period_end": "to"}
        fields = {column: field for field, column in names.items()}
        try:
            spend.full_clean(exclude=["line", *(fields.get(column, column) for column in errors)])
        except ValidationError as exc:
            for field, messages in validation_errors(exc).items():
                errors.setdefault(names.get(field, field), []).extend(messages)
        spend._import_changed = spend.pk is None or before != (spend.amount, spend.note)
        return spend, errors

    def save_batch(self, records):
        self.write(Spend, records, ["amount", "note", "updated_at"])
