"""Making and revoking API tokens: the one place the token page, the token endpoint and sign-out
call."""

import datetime

from django.conf import settings

from samspil.accounts.models import ApiToken


def issue_token(*, user, name: str, days: int | None = None) -> tuple[ApiToken, str]:
    """A new token for ``user``, valid ``days`` (default SAMSPIL_API_TOKEN_DAYS). Returns the
    stored record and the token text, which is never stored and cannot be shown again."""
    days = days or settings.SAMSPIL_API_TOKEN_DAYS
    days = min(days, settings.SAMSPIL_API_TOKEN_MAX_DAYS)
    return ApiToken.objects.create(
        user, expiry=datetime.timedelta(days=days), name=name.strip()[:100] or "API"
    )


def revoke_token(*, user, digest: str) -> bool:
    """Revoke one of ``user``'s own tokens; another user's token is left alone."""
    deleted, _ = ApiToken.objects.filter(user=user, digest=digest).delete()
    return bool(deleted)


def revoke_all(*, user) -> int:
    deleted, _ = ApiToken.objects.filter(user=user).delete()
    return deleted


def revoke_when_password_changes(sender, instance, update_fields=None, **kwargs):
    """A new password ends every API token of the user: whoever made a token with the old
    password (or a stolen session) loses it with the password."""
    if instance.pk is None or (update_fields is not None and "password" not in update_fields):
        return
    stored = sender.objects.filter(pk=instance.pk).values_list("password", flat=True).first()
    if stored is not None and stored != instance.password:
        ApiToken.objects.filter(user_id=instance.pk).delete()
