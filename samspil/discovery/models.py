"""Needs discovery, as the Region Hovedstaden application describes it: a first workshop (WS1)
with a cluster, statements written from it, an e-survey in which each company rates the
statements and states its own needs, and a second workshop (WS2) that decides need by need."""

import datetime
import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samspil.core.models import ScopedQuerySet, TimeStampedModel


class Workshop(TimeStampedModel):
    """A workshop with a cluster or network, under a project."""

    class Kind(models.TextChoices):
        WS1 = "ws1", _("Workshop 1: finding the needs")
        WS2 = "ws2", _("Workshop 2: deciding on the needs")
        OTHER = "other", _("Other workshop")

    project = models.ForeignKey(
        "programmes.Project",
        on_delete=models.PROTECT,
        related_name="workshops",
        verbose_name=_("project"),
    )
    cluster = models.ForeignKey(
        "companies.Cluster",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="workshops",
        verbose_name=_("cluster or network"),
    )
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    date = models.DateField(_("date"))
    theme = models.CharField(_("theme"), max_length=200)
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="facilitated_workshops",
        verbose_name=_("facilitators"),
    )
    companies = models.ManyToManyField(
        "companies.Company",
        blank=True,
        related_name="workshops",
        verbose_name=_("attending companies"),
    )
    attendees = models.TextField(
        _("people attending"), blank=True, help_text=_("One person per line.")
    )
    documentation = models.TextField(_("documentation"), blank=True)
    contacts = models.ManyToManyField(
        "companies.Contact", blank=True, related_name="+", editable=False
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["-date", "-id"], name="workshop_list_order")]
        verbose_name = _("workshop")
        verbose_name_plural = _("workshops")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.theme} ({self.date:%d.%m.%Y})"

    def get_absolute_url(self) -> str:
        return reverse("discovery:workshop-detail", args=[self.pk])


class WorkshopFile(TimeStampedModel):
    """A document attached to a workshop (photos of the wall, slides, notes)."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(_("file"), upload_to="workshops/%Y/")
    title = models.CharField(_("title"), max_length=200, blank=True)

    def __str__(self) -> str:
        return self.title or self.file.name


class Statement(TimeStampedModel):
    """A statement about a need for competences or recruitment, written from a WS1's
    documentation; the companies rate how relevant it is to them."""

    workshop = models.ForeignKey(
        Workshop, on_delete=models.CASCADE, related_name="statements", verbose_name=_("workshop")
    )
    text = models.CharField(_("statement"), max_length=400)
    theme = models.CharField(_("theme or competence area"), max_length=120)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("statement")
        verbose_name_plural = _("statements")

    def __str__(self) -> str:
        return self.text


class Survey(TimeStampedModel):
    """An e-survey built from statements (and optional own questions), sent to the cluster's
    company contact persons, each with a personal link."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SENT = "sent", _("Sent")

    workshop = models.ForeignKey(
        Workshop, on_delete=models.PROTECT, related_name="surveys", verbose_name=_("workshop")
    )
    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(_("introduction"), blank=True)
    statements = models.ManyToManyField(
        Statement, related_name="surveys", verbose_name=_("statements")
    )
    deadline = models.DateTimeField(_("deadline"))
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.DRAFT
    )
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True, editable=False)
    # The survey's own reminder schedule, followed by the scheduler (samspil.discovery.tasks):
    # those who have not answered are reminded every so many days after sending, and once more
    # so many days before the deadline. Empty: reminders only when pressed by hand.
    reminder_interval_days = models.PositiveSmallIntegerField(
        _("remind every (days)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
        help_text=_(
            "Those who have not answered get a reminder this many days after the survey was "
            "sent, and again after each reminder. Leave empty for no automatic reminders."
        ),
    )
    reminder_days_before_deadline = models.PositiveSmallIntegerField(
        _("last reminder (days before the deadline)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
        help_text=_("A last reminder this many days before the deadline. Leave empty for none."),
    )
    reminders_sent_at = models.DateTimeField(
        _("last automatic reminder"), null=True, blank=True, editable=False
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("discovery:survey-detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.SENT and timezone.now() <= self.deadline

    def reminder_due(self, now):
        """The moment of the reminder round due at ``now`` by the survey's schedule, or None.

        A round is due when the interval has passed since sending (or since the last automatic
        round), or when the last-reminder day before the deadline has come and no round has been
        sent since. Missed rounds are not caught up one by one: one round reminds everyone."""
        if self.status != self.Status.SENT or not self.sent_at or now > self.deadline:
            return None
        last = self.reminders_sent_at
        if self.reminder_interval_days:
            at = (last or self.sent_at) + datetime.timedelta(days=self.reminder_interval_days)
            if at <= now:
                return at
        if self.reminder_days_before_deadline:
            at = self.deadline - datetime.timedelta(days=self.reminder_days_before_deadline)
            if self.sent_at < at <= now and (last is None or last < at):
                return at
        return None


class Question(TimeStampedModel):
    """An own question of a survey, answered in free text."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(_("question"), max_length=400)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.text


def new_token() -> str:
    return secrets.token_urlsafe(32)


class Invitation(TimeStampedModel):
    """One respondent's personal link to a survey, for one company."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations")
    company = models.ForeignKey(
        "companies.Company", on_delete=models.CASCADE, related_name="survey_invitations"
    )
    contact_person = models.ForeignKey(
        "companies.ContactPerson",
        on_delete=models.SET_NULL,
        null=True,
        related_name="survey_invitations",
    )
    email = models.EmailField(_("e-mail"))
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    language = models.CharField(max_length=8, default="da")
    invited_at = models.DateTimeField(null=True, blank=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    reminders = models.PositiveSmallIntegerField(default=0)
    withdrawn = models.BooleanField(_("withdrawn"), default=False)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["company__name", "email"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "company", "email"], name="one_invitation_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.email} ({self.company})"

    def get_absolute_url(self) -> str:
        return reverse("survey-respond", args=[self.token])


class Answer(models.Model):
    """A company's answer to one statement: how relevant, its own need, and a comment."""

    class Need(models.TextChoices):
        NONE = "none", _("No need")
        SOME = "some", _("Some need")
        HIGH = "high", _("High need")

    class When(models.TextChoices):
        NOW = "now", _("Now")
        HALF_YEAR = "half_year", _("Within six months")
        YEAR = "year", _("Within a year")
        LATER = "later", _("Later")

    invitation = models.ForeignKey(Invitation, on_delete=models.CASCADE, related_name="answers")
    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="answers")
    relevance = models.PositiveSmallIntegerField(null=True, blank=True)  # 1-5; empty: don't know
    dont_know = models.BooleanField(default=False)
    need = models.CharField(max_length=8, choices=Need.choices, blank=True)
    employees = models.PositiveIntegerField(null=True, blank=True)
    when = models.CharField(max_length=10, choices=When.choices, blank=True)
    comment = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["invitation", "statement"], name="one_answer_per_statement"
            ),
            models.CheckConstraint(
                condition=models.Q(relevance__isnull=True)
                | models.Q(relevance__gte=1, relevance__lte=5),
                name="relevance_on_the_scale",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.invitation}: {self.statement}"


class QuestionAnswer(models.Model):
    invitation = models.ForeignKey(
        Invitation, on_delete=models.CASCADE, related_name="question_answers"
    )
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    text = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["invitation", "question"], name="one_answer_per_question"
            )
        ]

    def __str__(self) -> str:
        return self.text[:60]


class NeedDecision(TimeStampedModel):
    """What workshop 2 decided for a need: a statement, or a statement for one company."""

    class Kind(models.TextChoices):
        ADAPT = "adapt", _("Adapt an existing course")
        USE_EXISTING = "use_existing", _("Use an existing course or package (e.g. AMU)")
        NEW_COURSE = "new_course", _("Develop a new need-driven course")
        REFER = "refer", _("Refer to a recruitment service")
        NO_ACTION = "no_action", _("No action")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="decisions", verbose_name=_("survey")
    )
    statement = models.ForeignKey(
        Statement, on_delete=models.CASCADE, related_name="decisions", verbose_name=_("statement")
    )
    company = models.ForeignKey(
        "companies.Company",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="need_decisions",
        verbose_name=_("company"),
        help_text=_("Empty: the decision applies to every company with the need."),
    )
    workshop = models.ForeignKey(
        Workshop,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("decided at"),
    )
    kind = models.CharField(_("decision"), max_length=14, choices=Kind.choices)
    responsible = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="need_decisions",
        verbose_name=_("responsible organisation"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN
    )
    due_on = models.DateField(_("due"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    referral_contacts = models.ManyToManyField(
        "companies.Contact", blank=True, related_name="+", editable=False
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["statement__position", "company__name", "pk"]
        verbose_name = _("need decision")
        verbose_name_plural = _("need decisions")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.statement}"
