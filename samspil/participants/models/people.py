"""Participants of ESF projects, their enrolments with the start and stop forms, and the log
of who has seen their personal data."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samspil.core.models import ScopedQuerySet, TimeStampedModel
from samspil.participants import crypto
from samspil.participants.identifiers import Identifier


class Gender(models.TextChoices):
    FEMALE = "female", _("Woman")
    MALE = "male", _("Man")
    NON_BINARY = "non_binary", _("Non-binary")


class EmploymentStatus(models.TextChoices):
    """Exactly one at entry (ESF.md)."""

    EMPLOYED = "employed", _("Employed")
    SELF_EMPLOYED = "self_employed", _("Self-employed")
    UNEMPLOYED = "unemployed", _("Unemployed")
    LONG_TERM_UNEMPLOYED = "long_term_unemployed", _("Long-term unemployed")
    INACTIVE_IN_EDUCATION = "inactive_in_education", _("Inactive, in education or training")
    INACTIVE_NOT_IN_EDUCATION = (
        "inactive_not_in_education",
        _("Inactive, not in education or training"),
    )


class Answer(models.TextChoices):
    """A sensitive characteristic may be declined; that counts as not having it."""

    YES = "yes", _("Yes")
    NO = "no", _("No")
    DECLINED = "declined", _("Declined to answer")


class YesNo(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")


class Participant(TimeStampedModel):
    """A person who takes part in a project. The identifier is encrypted; it is found by a
    keyed hash and shown masked."""

    class IdentifierType(models.TextChoices):
        CPR = "cpr", _("CPR number")
        PERSONNUMMER = "personnummer", _("Personnummer or samordningsnummer")
        OTHER = "other", _("External reference")

    identifier_type = models.CharField(
        _("identifier type"), max_length=14, choices=IdentifierType.choices
    )
    identifier_encrypted = models.TextField(editable=False)
    identifier_hash = models.CharField(max_length=64, unique=True, editable=False)
    # The id of the identity key that encrypted and hashed the identifier ("" for rows made
    # before keys had ids); samspil rotate_identity_key moves every row to the newest key.
    identifier_key = models.CharField(max_length=16, default=crypto.current_key_id, editable=False)
    identifier_masked = models.CharField(_("identifier"), max_length=40, editable=False)
    name = models.CharField(_("name"), max_length=200, blank=True)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, blank=True)
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    employer = models.ForeignKey(
        "companies.Company",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participants",
        verbose_name=_("employer"),
    )
    jobcentre = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participants",
        verbose_name=_("jobcentre"),
    )
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True, editable=False)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        # The participant list is in the order of names, a page at a time (keyset).
        indexes = [models.Index(fields=["name", "id"], name="participant_name_idx")]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")

    def __str__(self) -> str:
        return self.name or self.identifier_masked

    def get_absolute_url(self) -> str:
        return reverse("participants:participant-detail", args=[self.pk])

    def set_identifier(self, identifier: Identifier) -> None:
        self.identifier_type = identifier.kind
        self.identifier_encrypted = crypto.encrypt(identifier.value)
        self.identifier_hash = crypto.lookup_hash(identifier.kind, identifier.value)
        self.identifier_key = crypto.current_key_id()
        self.identifier_masked = identifier.masked

    def identifier(self) -> str:
        """The identifier in clear text: only for exports to the person or the fund, logged."""
        if not self.identifier_encrypted:
            return ""
        try:
            return crypto.decrypt(self.identifier_encrypted)
        except crypto.InvalidToken:
            # The start-up check (participants.E002) samples rows; say plainly what is missing.
            raise ImproperlyConfigured(
                f"Participant {self.pk}: the identity key {self.identifier_key or '(unknown)'} "
                "it was stored under is not among SAMSPIL_IDENTITY_KEYS."
            ) from None


CHARACTERISTICS = (
    "disability",
    "third_country_national",
    "foreign_background",
    "minority",
    "homeless",
    "rural",
    "other_disadvantaged",
)
RESULTS = ("result_job_searching", "result_in_education", "result_qualification", "result_employed")
START_FORM = (
    "entry_date",
    "employment_status",
    "isced",
    "disability",
    "third_country_national",
    "foreign_background",
    "minority",
    "homeless",
    "rural",
    "other_disadvantaged",
)
STOP_FORM = (
    "leaving_date",
    "completed",
    "result_job_searching",
    "result_in_education",
    "result_qualification",
    "result_employed",
    "employed_6m",
    "improved_situation_6m",
)


class Enrolment(TimeStampedModel):
    """A participant in one project, with the start form and (on leaving) the stop form. A
    person enrolled twice in the same project is one enrolment (ESF.md)."""

    participant = models.ForeignKey(
        Participant,
        on_delete=models.CASCADE,
        related_name="enrolments",
        verbose_name=_("participant"),
    )
    project = models.ForeignKey(
        "programmes.Project",
        on_delete=models.PROTECT,
        related_name="enrolments",
        verbose_name=_("project"),
    )
    entry_date = models.DateField(_("entry date"))
    employment_status = models.CharField(
        _("employment status at entry"), max_length=26, choices=EmploymentStatus.choices, blank=True
    )
    isced = models.PositiveSmallIntegerField(
        _("highest completed education (ISCED 0-8)"),
        null=True,
        blank=True,
        choices=[(i, str(i)) for i in range(9)],
    )
    disability = models.CharField(_("disability"), max_length=8, choices=Answer.choices, blank=True)
    third_country_national = models.CharField(
        _("third-country national"), max_length=8, choices=Answer.choices, blank=True
    )
    foreign_background = models.CharField(
        _("foreign background"), max_length=8, choices=Answer.choices, blank=True
    )
    minority = models.CharField(_("minority"), max_length=8, choices=Answer.choices, blank=True)
    homeless = models.CharField(
        _("homeless or affected by housing exclusion"),
        max_length=8,
        choices=Answer.choices,
        blank=True,
    )
    rural = models.CharField(
        _("from a rural area"), max_length=8, choices=Answer.choices, blank=True
    )
    other_disadvantaged = models.CharField(
        _("other disadvantaged"), max_length=8, choices=Answer.choices, blank=True
    )
    leaving_date = models.DateField(_("leaving date"), null=True, blank=True)
    completed = models.BooleanField(_("completed"), null=True, blank=True)
    result_job_searching = models.CharField(
        _("job searching upon leaving"), max_length=3, choices=YesNo.choices, blank=True
    )
    result_in_education = models.CharField(
        _("in education or training upon leaving"), max_length=3, choices=YesNo.choices, blank=True
    )
    result_qualification = models.CharField(
        _("gained a qualification upon leaving"), max_length=3, choices=YesNo.choices, blank=True
    )
    result_employed = models.CharField(
        _("in employment upon leaving"), max_length=3, choices=YesNo.choices, blank=True
    )
    employed_6m = models.CharField(
        _("in employment six months after leaving"), max_length=3, choices=YesNo.choices, blank=True
    )
    improved_situation_6m = models.CharField(
        _("improved labour market situation six months after leaving"),
        max_length=3,
        choices=YesNo.choices,
        blank=True,
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["project__name", "entry_date", "pk"]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        # The ESF indicators and the progress figures count a project's enrolments up to a
        # date; the report's records to fix go through them in order.
        indexes = [
            models.Index(fields=["project", "entry_date"], name="enrolment_project_entry_idx")
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "project"], name="one_enrolment_per_project"
            )
        ]

    def __str__(self) -> str:
        return f"{self.participant} – {self.project}"

    def clean(self) -> None:
        from samspil.programmes.periods import period_errors

        errors = {}
        if self.project_id:
            # One enrolment lies inside its project's period, as every dated project record.
            errors.update(
                period_errors(
                    self.project, entry_date=self.entry_date, leaving_date=self.leaving_date
                )
            )
        if self.leaving_date and self.entry_date and self.leaving_date < self.entry_date:
            errors["leaving_date"] = [_("The leaving date is before the entry date.")]
        has_results = any(
            getattr(self, name) for name in (*RESULTS, "employed_6m", "improved_situation_6m")
        )
        if has_results and not self.leaving_date:
            errors["leaving_date"] = [_("Results are recorded only with a leaving date.")]
        if self.result_job_searching == YesNo.YES and self.result_employed == YesNo.YES:
            errors["result_job_searching"] = [
                _(
                    "Job searching and employment upon leaving exclude each other; "
                    "record the last one."
                )
            ]
        if errors:
            raise ValidationError(errors)


class AccessLog(models.Model):
    """Every view or export of a participant's personal data: who, when, what."""

    class Action(models.TextChoices):
        VIEW = "view", _("Viewed")
        EXPORT = "export", _("Exported")
        REPORT = "report", _("Included in a report")
        ANONYMISE = "anonymise", _("Anonymised")

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="access_log"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    action = models.CharField(max_length=10, choices=Action.choices)
    at = models.DateTimeField(auto_now_add=True)
    detail = models.CharField(max_length=200, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["participant", "at"])]

    def __str__(self) -> str:
        return f"{self.user} {self.action} {self.participant_id} {self.at:%Y-%m-%d %H:%M}"


class ProjectAccessLog(models.Model):
    """A report over a whole project (the ESF indicators): one line for the report, not one
    per participant. Everyone enrolled in the project by ``until`` (everyone, without a date)
    was included in it; the participant's page and data-subject export say so."""

    project = models.ForeignKey(
        "programmes.Project", on_delete=models.CASCADE, related_name="access_log"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    action = models.CharField(max_length=10, choices=AccessLog.Action.choices)
    at = models.DateTimeField(auto_now_add=True)
    until = models.DateField(null=True, blank=True)
    detail = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["project", "at"], name="project_access_log_idx")]

    def __str__(self) -> str:
        return f"{self.user} {self.action} {self.project_id} {self.at:%Y-%m-%d %H:%M}"

    @classmethod
    def including(cls, participant):
        """The reports the person was included in: of a project they are enrolled in, up to
        a date on or after their entry."""
        entered = Enrolment.objects.filter(
            participant=participant,
            project=models.OuterRef("project"),
            entry_date__lte=models.OuterRef("until"),
        )
        projects = Enrolment.objects.filter(participant=participant).values("project")
        return cls.objects.filter(
            models.Q(models.Exists(entered)) | models.Q(until__isnull=True, project__in=projects)
        )
