"""What the operator steers by: the budget by line and year, financing by source and year,
actual spend per line and period, and targets whose actuals are computed from the data."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from samspil.core.models import TimeStampedModel

AMOUNT = {"max_digits": 14, "decimal_places": 2, "validators": [MinValueValidator(0)]}


class FinancingSource(models.TextChoices):
    EU_FUND = "eu_fund", _("EU fund (ESF)")
    REGION = "region", _("Region")
    MUNICIPALITIES = "municipalities", _("Municipalities")
    OTHER_PUBLIC = "other_public", _("Other public")
    PRIVATE = "private", _("Private")


class BudgetLine(models.Model):
    project = models.ForeignKey(
        "programmes.Project", on_delete=models.CASCADE, related_name="budget_lines"
    )
    name = models.CharField(_("budget line"), max_length=200)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        constraints = [
            models.UniqueConstraint(fields=["project", "name"], name="budget_line_unique")
        ]

    def __str__(self) -> str:
        return self.name


class BudgetAmount(models.Model):
    line = models.ForeignKey(BudgetLine, on_delete=models.CASCADE, related_name="amounts")
    year = models.PositiveSmallIntegerField(_("year"))
    amount = models.DecimalField(_("amount (DKK)"), **AMOUNT)

    class Meta:
        ordering = ["year"]
        constraints = [models.UniqueConstraint(fields=["line", "year"], name="one_amount_a_year")]

    def __str__(self) -> str:
        return f"{self.line} {self.year}: {self.amount}"


class Financing(models.Model):
    project = models.ForeignKey(
        "programmes.Project", on_delete=models.CASCADE, related_name="financing"
    )
    source = models.CharField(_("source"), max_length=16, choices=FinancingSource.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    amount = models.DecimalField(_("amount (DKK)"), **AMOUNT)

    class Meta:
        ordering = ["source", "year"]
        verbose_name = _("financing")
        verbose_name_plural = _("financing")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "source", "year"], name="one_financing_a_source_a_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_source_display()} {self.year}: {self.amount}"


class Spend(TimeStampedModel):
    """Actual spend on a budget line in a period (recorded or imported from the accounts)."""

    line = models.ForeignKey(BudgetLine, on_delete=models.CASCADE, related_name="spend")
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    amount = models.DecimalField(_("amount (DKK)"), **AMOUNT)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["period_start", "pk"]
        verbose_name = _("spend")
        verbose_name_plural = _("spend")

    def clean(self) -> None:
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The period ends before it starts.")})
        from samspil.programmes.periods import AFTER, BEFORE, period_errors

        project = self.line.project if self.line_id else None
        errors = period_errors(
            project,
            {BEFORE: _("The period starts before the project.")},
            period_start=self.period_start,
        ) or period_errors(
            project, {AFTER: _("The period ends after the project.")}, period_end=self.period_end
        )
        if errors:
            raise ValidationError(errors)


class Target(TimeStampedModel):
    """A target figure for one indicator by a date; the actual is computed, never typed."""

    project = models.ForeignKey(
        "programmes.Project", on_delete=models.CASCADE, related_name="targets"
    )
    indicator = models.CharField(_("indicator"), max_length=40)
    value = models.DecimalField(
        _("target"), max_digits=12, decimal_places=2, validators=[MinValueValidator(0)]
    )
    due_on = models.DateField(_("by"))
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["indicator", "due_on"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "indicator", "due_on"], name="one_target_per_indicator_date"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.value} ({self.due_on:%d-%m-%Y})"
