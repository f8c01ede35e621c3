"""Reference data and base classes shared by every samspil app."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ScopedQuerySet(models.QuerySet):
    """A queryset that knows who may see and change its rows.

    The rules themselves live in :mod:`samspil.core.scoping`; every view, API endpoint, export
    and report narrows its queryset with ``restrict(user, action)``.
    """

    def restrict(self, user, action: str = "view"):
        from samspil.core import scoping

        return scoping.restrict(self, user, action)


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class Region(models.Model):
    """One of Denmark's five regions, with its official code (1081-1085)."""

    code = models.PositiveSmallIntegerField(_("code"), unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.name


class Municipality(models.Model):
    """One of Denmark's 98 municipalities (kommuner), with its official three-digit code."""

    code = models.PositiveSmallIntegerField(_("code"), unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="municipalities", verbose_name=_("region")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self) -> str:
        return self.name


class ImportLock(models.Model):
    """One row per kind of import: an import holds its row (PostgreSQL) or the database's write
    lock (SQLite) for its whole transaction, so two imports of a kind never run at once."""

    kind = models.CharField(max_length=100, unique=True)
    started_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.kind


class ImportJob(models.Model):
    """A large file imported in the background: who started it, how far it has come, and what
    came of it. Only the user who started it (and superusers) may see it."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Not imported")

    kind = models.CharField(_("kind"), max_length=100)
    importer = models.CharField(max_length=200)
    title = models.CharField(_("import"), max_length=200, blank=True)
    filename = models.CharField(_("file"), max_length=255)
    path = models.CharField(max_length=500)
    dry_run = models.BooleanField(_("only checked"), default=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="import_jobs",
        verbose_name=_("user"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    rows_total = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    error_count = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True)
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "-created_at"], name="importjob_user_recent")]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return f"{self.kind}: {self.filename}"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)


class ScheduledRun(models.Model):
    """When each periodic job (samspil.core.scheduler) last ran: the scheduler runs a job when
    its latest scheduled time is later than this, so a scheduler that was down runs each
    missed job once, not once per missed period."""

    name = models.CharField(max_length=100, unique=True)
    last_run = models.DateTimeField()

    class Meta:
        verbose_name = _("periodic job")
        verbose_name_plural = _("periodic jobs")

    def __str__(self) -> str:
        return self.name
