"""A participant's education: the prior-learning assessment (RKV) that sets the track and
length of an EUV, and the individual education plan with its school periods."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from samspil.core.models import ScopedQuerySet, TimeStampedModel


class PriorLearningAssessment(TimeStampedModel):
    """Realkompetencevurdering: one shared template for all schools, so an assessment made at
    one school reads the same at another."""

    class Track(models.TextChoices):
        EUV1 = "euv1", _("EUV1 (relevant experience, no basic course)")
        EUV2 = "euv2", _("EUV2 (some experience, shortened course)")
        EUV3 = "euv3", _("EUV3 (full course)")

    enrolment = models.ForeignKey(
        "participants.Enrolment",
        on_delete=models.CASCADE,
        related_name="assessments",
        verbose_name=_("enrolment"),
    )
    school = models.ForeignKey(
        "catalogue.Provider",
        on_delete=models.PROTECT,
        related_name="assessments",
        verbose_name=_("school"),
    )
    education = models.ForeignKey(
        "catalogue.Offering",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assessments",
        verbose_name=_("education assessed for"),
    )
    assessed_on = models.DateField(_("date of assessment"))
    assessor = models.CharField(_("assessor"), max_length=200)
    merit = models.TextField(
        _("merit"), blank=True, help_text=_("Subjects and periods credited, one per line.")
    )
    track = models.CharField(_("track"), max_length=4, choices=Track.choices)
    length_weeks = models.PositiveSmallIntegerField(
        _("resulting length (weeks)"), help_text=_("Length of the education after merit.")
    )
    notes = models.TextField(_("notes"), blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-assessed_on", "pk"]
        verbose_name = _("prior-learning assessment")
        verbose_name_plural = _("prior-learning assessments")

    def __str__(self) -> str:
        return f"{self.get_track_display()} – {self.school} {self.assessed_on:%d-%m-%Y}"


class EducationPlan(TimeStampedModel):
    """Uddannelsesplan: which education a participant takes, where, and in which periods."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        STARTED = "started", _("Started")
        COMPLETED = "completed", _("Completed")
        DROPPED = "dropped", _("Dropped out")

    class Requirement(models.TextChoices):
        NONE = "", _("No requirement")
        MET = "met", _("Requirement met")
        SUPPORT = "support", _("Needs a preparatory course")

    enrolment = models.ForeignKey(
        "participants.Enrolment",
        on_delete=models.CASCADE,
        related_name="education_plans",
        verbose_name=_("enrolment"),
    )
    education = models.ForeignKey(
        "catalogue.Offering",
        on_delete=models.PROTECT,
        related_name="education_plans",
        verbose_name=_("education"),
    )
    provider = models.ForeignKey(
        "catalogue.Provider",
        on_delete=models.PROTECT,
        related_name="education_plans",
        verbose_name=_("provider"),
    )
    assessment = models.ForeignKey(
        PriorLearningAssessment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="education_plans",
        verbose_name=_("prior-learning assessment"),
    )
    subjects = models.TextField(_("subjects"), blank=True, help_text=_("One per line."))
    start_date = models.DateField(_("start date"))
    expected_end_date = models.DateField(_("expected end date"))
    danish_requirement = models.CharField(
        _("Danish"), max_length=8, choices=Requirement.choices, blank=True
    )
    maths_requirement = models.CharField(
        _("maths"), max_length=8, choices=Requirement.choices, blank=True
    )
    preparatory_course = models.CharField(
        _("VUC or preparatory course"),
        max_length=200,
        blank=True,
        help_text=_("The course that meets the Danish or maths requirement."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    ended_on = models.DateField(
        _("completed or dropped on"),
        null=True,
        blank=True,
        help_text=_("The day the education was completed or dropped."),
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["start_date", "pk"]
        verbose_name = _("education plan")
        verbose_name_plural = _("education plans")

    def __str__(self) -> str:
        return f"{self.education.title} ({self.start_date:%d-%m-%Y})"

    def subject_list(self) -> list[str]:
        return [line.strip() for line in self.subjects.splitlines() if line.strip()]

    def clean(self) -> None:
        errors = {}
        if self.start_date and self.expected_end_date and self.expected_end_date < self.start_date:
            errors["expected_end_date"] = [_("The expected end date is before the start date.")]
        needs_support = EducationPlan.Requirement.SUPPORT in (
            self.danish_requirement,
            self.maths_requirement,
        )
        ended = self.status in (self.Status.COMPLETED, self.Status.DROPPED)
        if ended and not self.ended_on:
            errors["ended_on"] = [_("Give the day the education was completed or dropped.")]
        if not ended and self.ended_on:
            errors["ended_on"] = [_("Only a completed or dropped education has an end day.")]
        if self.ended_on and self.start_date and self.ended_on < self.start_date:
            errors["ended_on"] = [_("The end day is before the start date.")]
        if needs_support and not self.preparatory_course:
            errors["preparatory_course"] = [
                _("Name the course that meets the Danish or maths requirement.")
            ]
        if errors:
            raise ValidationError(errors)


class SchoolPeriod(models.Model):
    """One stretch at school (skoleperiode); between them the participant is at work."""

    plan = models.ForeignKey(EducationPlan, on_delete=models.CASCADE, related_name="periods")
    start = models.DateField(_("from"))
    end = models.DateField(_("to"))

    class Meta:
        ordering = ["start", "pk"]
        verbose_name = _("school period")
        verbose_name_plural = _("school periods")

    def __str__(self) -> str:
        return f"{self.start:%d-%m-%Y} – {self.end:%d-%m-%Y}"

    def clean(self) -> None:
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The period ends before it starts.")})

    def check_within(self, plan: "EducationPlan") -> None:
        """The period lies inside the plan's dates (checked by the service with the plan)."""
        if self.start and plan.start_date and self.start < plan.start_date:
            raise ValidationError(
                {"start": _("The school period starts before the education plan.")}
            )
        if self.end and plan.expected_end_date and self.end > plan.expected_end_date:
            raise ValidationError({"end": _("The school period ends after the education plan.")})
