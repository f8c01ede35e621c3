"""A user's API tokens: stored only as a hash (django-rest-knox), named, with an expiry."""

from django.conf import settings
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


class SingleSignOnIdentity(models.Model):
    """A samspil user's identity at the organisation's OpenID Connect provider: the provider's
    subject, remembered at the first sign-in (found by e-mail), so later sign-ins find the user
    even when the e-mail address changes."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="sso_identities",
        verbose_name=_("user"),
    )
    issuer = models.CharField(_("identity provider"), max_length=300)
    subject = models.CharField(_("subject"), max_length=255)
    created = models.DateTimeField(_("first sign-in"), auto_now_add=True)
    last_sign_in = models.DateTimeField(_("last sign-in"), auto_now=True)

    class Meta:
        verbose_name = _("single sign-on identity")
        verbose_name_plural = _("single sign-on identities")
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="one_user_per_subject")
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.subject})"
