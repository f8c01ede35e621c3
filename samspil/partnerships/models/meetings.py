"""Partnership meetings: an agenda of cases, minutes, and decisions taken on the cases."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samspil.core.models import ScopedQuerySet, TimeStampedModel


class Meeting(TimeStampedModel):
    """A Meeting of the partnership, with the cases on its agenda and its minutes."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        HELD = "held", _("Held")

    partnership = models.ForeignKey(
        "partnerships.Partnership",
        on_delete=models.CASCADE,
        related_name="meetings",
        verbose_name=_("partnership"),
    )
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.PLANNED
    )
    attendees = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="meetings", verbose_name=_("attendees")
    )
    minutes = models.TextField(_("minutes"), blank=True)
    cases = models.ManyToManyField(
        "partnerships.Case", through="AgendaItem", related_name="meetings", verbose_name=_("agenda")
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["partnership", "-date", "-id"], name="meeting_list_order")]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self) -> str:
        return f"{self.partnership}, {self.date:%d.%m.%Y}"

    def get_absolute_url(self) -> str:
        return reverse("partnerships:meeting-detail", args=[self.pk])


class AgendaItem(models.Model):
    """One case on a meeting's agenda, in order."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    case = models.ForeignKey(
        "partnerships.Case", on_delete=models.CASCADE, related_name="agenda_items"
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "case"], name="case_once_per_agenda")
        ]

    def __str__(self) -> str:
        return f"{self.meeting}: {self.case}"
