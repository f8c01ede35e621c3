"""Learning notes: what was tried, for whom, in which context, and what came of it."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samspil.core.models import ScopedQuerySet, TimeStampedModel


class LearningNote(TimeStampedModel):
    """A LearningNote records an experience so it outlives the consultant who had it and can be
    handed back to the member organisations (overlevering af viden)."""

    partnership = models.ForeignKey(
        "partnerships.Partnership",
        on_delete=models.CASCADE,
        related_name="learning_notes",
        verbose_name=_("partnership"),
    )
    project = models.ForeignKey(
        "programmes.Project",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("project"),
    )
    title = models.CharField(_("title"), max_length=200)
    noted_on = models.DateField(_("date"), default=timezone.localdate)
    tried = models.TextField(_("what was tried"))
    for_whom = models.CharField(_("for whom"), max_length=300)
    context = models.TextField(_("in which context"), blank=True)
    result = models.TextField(_("what came of it"))
    evidence = models.TextField(
        _("evidence"), blank=True, help_text=_("Figures, quotes, documents.")
    )
    tags = models.CharField(
        _("tags"), max_length=300, blank=True, help_text=_("Separated by commas.")
    )
    success_story = models.BooleanField(_("success story"), default=False)
    publish = models.BooleanField(_("may be published"), default=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("written by"),
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-noted_on", "-pk"]
        indexes = [
            models.Index(fields=["partnership", "-noted_on", "-id"], name="learningnote_list_order")
        ]
        verbose_name = _("learning note")
        verbose_name_plural = _("learning notes")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("partnerships:note-detail", args=[self.pk])

    @property
    def tag_list(self) -> list[str]:
        return [t.strip() for t in self.tags.split(",") if t.strip()]
