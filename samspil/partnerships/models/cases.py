"""Cases: a company taken up by a partnership, and the decisions on who acts and with what."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samspil.core.models import ScopedQuerySet, TimeStampedModel
from samspil.organisations.models import System


class CaseStatus(models.TextChoices):
    NEW = "new", _("New")
    TO_DECIDE = "to_decide", _("To be decided")
    DECIDED = "decided", _("Decided")
    IN_PROGRESS = "in_progress", _("In progress")
    CLOSED = "closed", _("Closed")


OPEN_STATUSES = (CaseStatus.NEW, CaseStatus.TO_DECIDE, CaseStatus.DECIDED, CaseStatus.IN_PROGRESS)


class CaseQuerySet(ScopedQuerySet):
    def open(self):
        return self.filter(status__in=OPEN_STATUSES)


class Case(TimeStampedModel):
    """A Case is a company taken up by a partnership: who referred it, the need in short, and
    where it stands. The partnership decides which systems and consultants act, with which
    tools from which project (see CaseDecision)."""

    partnership = models.ForeignKey(
        "partnerships.Partnership",
        on_delete=models.PROTECT,
        related_name="cases",
        verbose_name=_("partnership"),
    )
    company = models.ForeignKey(
        "companies.Company",
        on_delete=models.PROTECT,
        related_name="cases",
        verbose_name=_("company"),
    )
    referred_by = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referred_cases",
        verbose_name=_("referred by"),
    )
    referred_on = models.DateField(_("referred on"), default=timezone.localdate)
    need = models.TextField(_("the need in short"))
    status = models.CharField(
        _("status"), max_length=12, choices=CaseStatus.choices, default=CaseStatus.NEW
    )
    follow_up_on = models.DateField(_("follow up on"), null=True, blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-referred_on", "-pk"]
        indexes = [
            models.Index(fields=["partnership", "-referred_on", "-id"], name="case_list_order")
        ]
        verbose_name = _("case")
        verbose_name_plural = _("cases")

    def __str__(self) -> str:
        return f"{self.company} ({self.partnership})"

    def get_absolute_url(self) -> str:
        return reverse("partnerships:case-detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class CaseDecision(TimeStampedModel):
    """What the partnership decided for a case, often during a meeting: which systems and
    consultants act, with which tools from which project. The newest decision is in force."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="decisions", verbose_name=_("case")
    )
    meeting = models.ForeignKey(
        "partnerships.Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("meeting"),
    )
    text = models.TextField(_("decision"))
    systems = models.JSONField(_("systems that act"), default=list, blank=True)
    consultants = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="assigned_decisions",
        verbose_name=_("consultants who act"),
    )
    project = models.ForeignKey(
        "programmes.Project",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="case_decisions",
        verbose_name=_("project"),
    )
    tools = models.ManyToManyField(
        "programmes.Tool", blank=True, related_name="decisions", verbose_name=_("tools")
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return f"{self.case}: {self.text[:60]}"

    def system_labels(self) -> list[str]:
        return [str(System(s).label) for s in self.systems if s in System.values]
