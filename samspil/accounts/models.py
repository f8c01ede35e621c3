"""A user's API tokens: stored only as a hash (django-rest-knox), named, with an expiry."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from knox.models import AbstractAuthToken


class ApiToken(AbstractAuthToken):
    """The token itself is shown once, when made; the database keeps its SHA-512 digest and
    the first characters (``token_key``) to tell tokens apart."""

    name = models.CharField(_("name"), max_length=100)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.name} ({self.token_key}…)"
