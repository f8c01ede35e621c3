"""Running totals of the figures the operator steers by and reports to the fund: for each
project, how many records of a figure started to count on each day (``Figure``), so that a
figure at any date is one sum over a few rows per day, never a pass over the records. The
writes keep them (``samspil.programmes.totals``); ``FigureState`` says when a project's
families of figures were last counted from scratch (no row: never, so a reader counts them)."""

from django.db import models


class Figure(models.Model):
    """``n`` records of figure ``code`` (an indicator of progress.INDICATORS, an ESF code, or
    ``esf:n`` / ``esf:complete``) first counted on ``day`` (in the month of ``day``, for a
    ``monthly`` row), for participants of gender ``group`` where the figure is personal ('' if
    not)."""

    project = models.ForeignKey(
        "programmes.Project", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    family = models.CharField(max_length=12)
    code = models.CharField(max_length=40)
    group = models.CharField(max_length=12, blank=True)
    day = models.DateField()
    # The same count by month as well (``day`` the 1st): a sum up to a date reads the months
    # before it and the days of its own month, a few rows whatever the project's length.
    monthly = models.BooleanField(default=False)
    n = models.IntegerField()

    class Meta:
        indexes = [
            models.Index(
                fields=["project", "monthly", "code", "day"], name="figure_project_code_day"
            ),
            models.Index(fields=["project", "family"], name="figure_project_family"),
        ]

    def __str__(self) -> str:
        return f"{self.project_id} {self.code} {self.group} {self.day}: {self.n}"


class FigureState(models.Model):
    """When a project's figures of one family were counted from scratch (no row: never)."""

    project = models.ForeignKey(
        "programmes.Project", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    family = models.CharField(max_length=12)
    stale = models.BooleanField(default=True)
    counted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["project", "family"], name="figurestate_unique")
        ]

    def __str__(self) -> str:
        return f"{self.project_id} {self.family}: {'stale' if self.stale else 'counted'}"


class SupportedCompany(models.Model):
    """A company a project supports, from ``first_day`` (progress.supported_records), and
    whether it counted as an SME: what the "supported" figures hold for it, so that a write
    can move one company's day without counting the others again."""

    project = models.ForeignKey(
        "programmes.Project", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    company = models.ForeignKey(
        "companies.Company",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
        db_index=False,
    )
    first_day = models.DateField()
    sme = models.BooleanField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["project", "company"], name="supportedcompany_unique")
        ]

    def __str__(self) -> str:
        return f"{self.project_id} {self.company_id}: {self.first_day}"
