"""Programmes, their ESF projects with the register fields, partners, activities, and the
people on their teams."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samspil.core.models import ScopedQuerySet, TimeStampedModel
from samspil.organisations.models import Membership, Organisation


class Fund(models.TextChoices):
    ESF2014 = "esf2014", _("ESF 2014–2020")
    ESFPLUS = "esfplus", _("ESF+ 2021–2027")


class Programme(TimeStampedModel):
    """A programme holds projects run under one strategy, e.g. KOMPETENCEFORSYNINGmidt."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    fund = models.CharField(_("fund"), max_length=16, choices=Fund.choices, default=Fund.ESF2014)
    owner = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="programmes",
        verbose_name=_("owner"),
    )
    description = models.TextField(_("description"), blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("programmes:programme-detail", args=[self.pk])


class Project(TimeStampedModel):
    """A Project is one grant from a fund, run by an operator (støttemodtager) with partners.

    Projects that share partners and companies still keep their results apart."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    journal_number = models.CharField(_("journal number"), max_length=40, blank=True)
    fund = models.CharField(_("fund"), max_length=16, choices=Fund.choices, default=Fund.ESF2014)
    operator = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="operated_projects",
        verbose_name=_("operator"),
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    programme = models.ForeignKey(
        Programme,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="projects",
        verbose_name=_("programme"),
    )
    region = models.ForeignKey(
        "core.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="projects",
        verbose_name=_("region"),
    )
    priority_axis = models.CharField(_("priority axis"), max_length=120, blank=True)
    specific_objective = models.CharField(_("specific objective"), max_length=200, blank=True)
    intervention_type = models.CharField(_("intervention type"), max_length=200, blank=True)
    co_financing_rate = models.DecimalField(
        _("EU co-financing rate (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    eu_support = models.DecimalField(
        _("EU support (DKK)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("programmes:project-detail", args=[self.pk])

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date is before the start date.")})


class ProjectMembership(Membership):
    """A user is on a project's team: operator, consultant, coordinator or evaluator."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("project")
    )

    class Meta:
        ordering = ["project__name", "user__username"]
        verbose_name = _("project membership")
        verbose_name_plural = _("project memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "project"], name="one_membership_per_project")
        ]
        default_related_name = "project_memberships"

    def __str__(self) -> str:
        return f"{self.user} – {self.project} ({self.get_role_display()})"


class Tool(TimeStampedModel):
    """A tool (redskab) that a project's funding allows: prior-learning assessment, HR manager
    for hire, job rotation, ... – the project's "red thread". Cases decide which to use."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="tools", verbose_name=_("project")
    )
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["project__name", "position", "name"]
        verbose_name = _("tool")
        verbose_name_plural = _("tools")
        constraints = [
            models.UniqueConstraint(fields=["project", "name"], name="tool_name_unique_in_project")
        ]

    def __str__(self) -> str:
        return self.name


# The tools of the seeds' "røde tråd", offered when a project's toolbox is started.
STANDARD_TOOLS = [
    _("Prior-learning assessment (RKV)"),
    _("Education plans"),
    _("HR manager for hire"),
    _("Leadership training"),
    _("Targeted competence development"),
    _("Retraining"),
    _("Job rotation"),
    _("Attaching highly educated staff"),
    _("Recruiting foreign specialists"),
    _("Company networks"),
]


class ProjectPartner(models.Model):
    """An organisation taking part in a project besides its operator, and its role there."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="partners")
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="project_partnerships",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role in the project"), max_length=200, blank=True)

    class Meta:
        ordering = ["organisation__name"]
        verbose_name = _("project partner")
        verbose_name_plural = _("project partners")
        constraints = [
            models.UniqueConstraint(fields=["project", "organisation"], name="one_partner_row")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.role})" if self.role else str(self.organisation)


class Activity(models.Model):
    """One of the application's numbered activities, with its milestone."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="activities")
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    milestone = models.CharField(_("milestone"), max_length=300, blank=True)
    milestone_due = models.DateField(_("milestone due"), null=True, blank=True)
    milestone_reached = models.DateField(_("milestone reached"), null=True, blank=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [
            models.UniqueConstraint(fields=["project", "number"], name="activity_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"
