"""The employment system's side: a company's openings (a vacancy, a substitute post for job
rotation, a shortage to meet by training unemployed people), unemployed candidates referred by
a jobcentre with their consent, recruitment campaigns towards jobcentres, and the pipeline of
each candidate proposed for an opening.

A candidate is a person (``participants.Participant``: encrypted identifier, access log) with
what recruitment needs; when they start, the same person is enrolled in the project."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samspil.catalogue.models import Level
from samspil.core.models import ScopedQuerySet, TimeStampedModel


class Opening(TimeStampedModel):
    """A company's need for people."""

    class Kind(models.TextChoices):
        VACANCY = "vacancy", _("Vacancy")
        ROTATION = "rotation", _("Substitute post (job rotation)")
        SHORTAGE = "shortage", _("Shortage to meet by training unemployed people")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        FILLED = "filled", _("Filled")
        CLOSED = "closed", _("Closed")

    company = models.ForeignKey(
        "companies.Company",
        on_delete=models.PROTECT,
        related_name="openings",
        verbose_name=_("company"),
    )
    project = models.ForeignKey(
        "programmes.Project",
        on_delete=models.PROTECT,
        related_name="openings",
        verbose_name=_("project"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.VACANCY)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.OPEN
    )
    role = models.CharField(_("role"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    competence_areas = models.ManyToManyField(
        "catalogue.CompetenceArea", blank=True, verbose_name=_("competence areas")
    )
    esco_skills = models.ManyToManyField(
        "catalogue.EscoSkill", blank=True, verbose_name=_("ESCO skills wanted")
    )
    education_level = models.CharField(
        _("education level"), max_length=10, choices=Level.choices, blank=True
    )
    hours_per_week = models.DecimalField(
        _("hours per week"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("to"), null=True, blank=True)
    municipality = models.ForeignKey(
        "core.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("place (municipality)"),
    )
    # Where it came from, so nothing is typed twice.
    need_decision = models.ForeignKey(
        "discovery.NeedDecision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="openings",
        verbose_name=_("workshop 2 referral"),
    )
    plan_need = models.ForeignKey(
        "plans.PlanNeed",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="openings",
        verbose_name=_("need in the competence supply plan"),
    )
    case = models.ForeignKey(
        "partnerships.Case",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="openings",
        verbose_name=_("case"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, editable=False
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "pk"]
        indexes = [
            # the openings page sorts by status and start; matching filters by project
            models.Index(fields=["status", "start_date", "id"], name="opening_list_order"),
            models.Index(
                fields=["project", "status", "start_date", "id"], name="opening_project_status"
            ),
        ]
        verbose_name = _("opening")
        verbose_name_plural = _("openings")

    def __str__(self) -> str:
        return f"{self.role} – {self.company}"

    def get_absolute_url(self) -> str:
        return reverse("recruitment:opening-detail", args=[self.pk])

    def clean(self) -> None:
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The period ends before it starts.")})
        if self.kind == self.Kind.ROTATION and not self.end_date:
            raise ValidationError({"end_date": _("A substitute post has an end date.")})


class Candidate(TimeStampedModel):
    """An unemployed person referred by a jobcentre, with their consent."""

    person = models.OneToOneField(
        "participants.Participant",
        on_delete=models.CASCADE,
        related_name="candidate",
        verbose_name=_("person"),
    )
    jobcentre = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="candidates",
        verbose_name=_("jobcentre"),
    )
    project = models.ForeignKey(
        "programmes.Project",
        on_delete=models.PROTECT,
        related_name="candidates",
        verbose_name=_("project"),
    )
    campaign = models.ForeignKey(
        "recruitment.Campaign",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="candidates",
        verbose_name=_("referred through campaign"),
    )
    consent_given_on = models.DateField(_("consent given on"), null=True, blank=True)
    consent_withdrawn_on = models.DateField(_("consent withdrawn on"), null=True, blank=True)
    education_level = models.CharField(
        _("education level"), max_length=10, choices=Level.choices, blank=True
    )
    education = models.CharField(_("education and experience"), max_length=400, blank=True)
    competence_areas = models.ManyToManyField(
        "catalogue.CompetenceArea", blank=True, verbose_name=_("competence areas")
    )
    esco_skills = models.ManyToManyField(
        "catalogue.EscoSkill", blank=True, verbose_name=_("ESCO skills")
    )
    wishes = models.CharField(_("wishes"), max_length=400, blank=True)
    municipality = models.ForeignKey(
        "core.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("municipality"),
    )
    unemployed_since = models.DateField(_("unemployed since"))
    available_from = models.DateField(_("available from"))
    hours_per_week = models.DecimalField(
        _("hours per week available"),
        max_digits=4,
        decimal_places=1,
        default=37,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["person__name", "pk"]
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")

    def __str__(self) -> str:
        return str(self.person)

    def get_absolute_url(self) -> str:
        return reverse("recruitment:candidate-detail", args=[self.pk])

    @property
    def has_consent(self) -> bool:
        return bool(self.consent_given_on) and not self.consent_withdrawn_on

    def clean(self) -> None:
        today = timezone.localdate()
        for name in ("consent_given_on", "consent_withdrawn_on", "unemployed_since"):
            if getattr(self, name) and getattr(self, name) > today:
                raise ValidationError({name: _("The date is in the future.")})
        if (
            self.consent_withdrawn_on
            and self.consent_given_on
            and self.consent_withdrawn_on < self.consent_given_on
        ):
            raise ValidationError(
                {"consent_withdrawn_on": _("Consent is withdrawn before it was given.")}
            )


class Campaign(TimeStampedModel):
    """An information campaign towards jobcentres to recruit unemployed participants."""

    project = models.ForeignKey(
        "programmes.Project",
        on_delete=models.PROTECT,
        related_name="campaigns",
        verbose_name=_("project"),
    )
    title = models.CharField(_("title"), max_length=200)
    jobcentres = models.ManyToManyField(
        "organisations.Organisation", related_name="campaigns", verbose_name=_("jobcentres")
    )
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("to"), null=True, blank=True)
    materials = models.TextField(_("materials"), blank=True)
    people_reached = models.PositiveIntegerField(_("people reached"), default=0)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "pk"]
        indexes = [models.Index(fields=["-start_date", "id"], name="campaign_list_order")]
        verbose_name = _("recruitment campaign")
        verbose_name_plural = _("recruitment campaigns")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("recruitment:campaign-detail", args=[self.pk])

    def clean(self) -> None:
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The period ends before it starts.")})


class Proposal(TimeStampedModel):
    """A candidate's way through the pipeline of one opening."""

    class Stage(models.TextChoices):
        REFERRED = "referred", _("Referred")
        PROPOSED = "proposed", _("Proposed to the company")
        INTERVIEWED = "interviewed", _("Interviewed")
        STARTED = "started", _("Started")
        NOT_STARTED = "not_started", _("Not started")

    opening = models.ForeignKey(
        Opening, on_delete=models.CASCADE, related_name="proposals", verbose_name=_("opening")
    )
    candidate = models.ForeignKey(
        Candidate, on_delete=models.CASCADE, related_name="proposals", verbose_name=_("candidate")
    )
    stage = models.CharField(
        _("stage"), max_length=12, choices=Stage.choices, default=Stage.REFERRED
    )
    stage_on = models.DateField(_("since"))
    reason = models.CharField(_("reason not started"), max_length=300, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["opening", "pk"]
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        constraints = [
            models.UniqueConstraint(fields=["opening", "candidate"], name="one_proposal_each")
        ]

    def __str__(self) -> str:
        return f"{self.candidate} → {self.opening}"

    def clean(self) -> None:
        if self.stage == self.Stage.NOT_STARTED and not self.reason.strip():
            raise ValidationError({"reason": _("Say why the candidate did not start.")})


class Rotation(TimeStampedModel):
    """A job rotation: a substitute covers the post of an employee in training."""

    opening = models.OneToOneField(
        Opening, on_delete=models.CASCADE, related_name="rotation", verbose_name=_("opening")
    )
    substitute = models.ForeignKey(
        Candidate,
        on_delete=models.PROTECT,
        related_name="rotations",
        verbose_name=_("substitute"),
    )
    employee = models.CharField(_("employee in training"), max_length=200)
    employee_employed_since = models.DateField(_("employee employed since"))
    employee_has_eud_agreement = models.BooleanField(
        _("the employee has an EUD training agreement"), default=False
    )
    training_hours = models.DecimalField(
        _("planned training hours"),
        max_digits=7,
        decimal_places=1,
        validators=[MinValueValidator(0)],
    )
    exception_reason = models.TextField(_("reason for the exception"), blank=True)
    exception_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    broken_rules = models.JSONField(default=list, blank=True, editable=False)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("job rotation")
        verbose_name_plural = _("job rotations")

    def __str__(self) -> str:
        return f"{self.substitute} ↔ {self.employee}"
