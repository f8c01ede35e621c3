"""The company's competence supply plan (kompetenceforsyningsplan): its needs per subject area,
current and target level, matched to courses; versioned, and frozen once the company agrees."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samspil.core.models import ScopedQuerySet, TimeStampedModel

LEVEL_VALIDATORS = [MaxValueValidator(5)]


class CompetencePlan(TimeStampedModel):
    """One version of a company's plan. A draft is worked on; an agreed version is frozen and
    the next draft starts as a copy of it."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        AGREED = "agreed", _("Agreed with the company")

    company = models.ForeignKey(
        "companies.Company",
        on_delete=models.PROTECT,
        related_name="plans",
        verbose_name=_("company"),
    )
    project = models.ForeignKey(
        "programmes.Project",
        on_delete=models.PROTECT,
        related_name="plans",
        verbose_name=_("project"),
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.DRAFT
    )
    agreed_on = models.DateField(_("agreed on"), null=True, blank=True)
    agreed_by = models.CharField(_("agreed by (at the company)"), max_length=200, blank=True)
    based_on = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("based on"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["company__name", "-version"]
        verbose_name = _("competence supply plan")
        verbose_name_plural = _("competence supply plans")
        constraints = [
            models.UniqueConstraint(
                fields=["company", "version"], name="one_plan_version_per_company"
            )
        ]

    def __str__(self) -> str:
        return f"{self.company}, v{self.version}"

    def get_absolute_url(self) -> str:
        return reverse("plans:plan-detail", args=[self.pk])

    @property
    def is_frozen(self) -> bool:
        return self.status == self.Status.AGREED


class PlanNeed(TimeStampedModel):
    """A need in one subject area of the company: where it stands and where it must get to."""

    class Priority(models.TextChoices):
        HIGH = "high", _("High")
        MEDIUM = "medium", _("Medium")
        LOW = "low", _("Low")

    class Source(models.TextChoices):
        WORKSHOP = "workshop", _("Workshop")
        SURVEY = "survey", _("Survey answer")
        WS2 = "ws2", _("Workshop 2 decision")
        TALK = "talk", _("Talk with the company")

    plan = models.ForeignKey(
        CompetencePlan, on_delete=models.CASCADE, related_name="needs", verbose_name=_("plan")
    )
    area = models.ForeignKey(
        "catalogue.CompetenceArea",
        on_delete=models.PROTECT,
        related_name="plan_needs",
        verbose_name=_("subject area"),
    )
    description = models.CharField(_("the need"), max_length=400)
    current_level = models.PositiveSmallIntegerField(
        _("current level (0-5)"), default=0, validators=LEVEL_VALIDATORS
    )
    target_level = models.PositiveSmallIntegerField(
        _("target level (0-5)"), default=3, validators=LEVEL_VALIDATORS
    )
    priority = models.CharField(
        _("priority"), max_length=8, choices=Priority.choices, default=Priority.MEDIUM
    )
    horizon = models.DateField(_("needed by"), null=True, blank=True)
    employees = models.PositiveIntegerField(_("employees affected"), null=True, blank=True)
    source = models.CharField(
        _("source"), max_length=10, choices=Source.choices, default=Source.TALK
    )
    source_ref = models.CharField(max_length=60, blank=True, editable=False)
    notes = models.TextField(_("notes"), blank=True)
    offerings = models.ManyToManyField(
        "catalogue.Offering",
        blank=True,
        related_name="plan_needs",
        verbose_name=_("accepted courses"),
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["area__name", "pk"]
        verbose_name = _("need in the plan")
        verbose_name_plural = _("needs in the plan")

    def __str__(self) -> str:
        return f"{self.area}: {self.description}"

    def clean(self) -> None:
        if (
            self.target_level is not None
            and self.current_level is not None
            and self.target_level < self.current_level
        ):
            raise ValidationError(
                {"target_level": _("The target level is below the current level.")}
            )
