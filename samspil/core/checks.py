"""Start-up checks: settings that read well but cannot work stop `samspil serve` with one clear
message naming the setting, instead of failing at the first request that needs them.

They are Django system checks tagged ``startup`` and registered as deployment checks, so they
run in `samspil serve` (and `samspil check --deploy`) but not before every management command:

- in production mode SAMSPIL_BASE_URL must be given (links in e-mails would otherwise point at
  127.0.0.1);
- a REDIS_URL must answer;
- an OpenID Connect issuer (SAMSPIL_OIDC_ISSUER) must serve its discovery document.
"""

from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.core.checks import Error, register

TAG = "startup"


def without_password(url: str) -> str:
    """The URL as it may be printed: no password."""
    parts = urlsplit(url)
    if parts.password:
        host = parts.hostname or ""
        netloc = f"{parts.username or ''}:***@{host}" + (f":{parts.port}" if parts.port else "")
        return urlunsplit(parts._replace(netloc=netloc))
    return url


@register(TAG, deploy=True)
def base_url_given(app_configs=None, **kwargs):
    if settings.PRODUCTION and not settings.SAMSPIL_BASE_URL_GIVEN:
        return [
            Error(
                "SAMSPIL_BASE_URL must be set when SAMSPIL_MODE=production: the address people "
                "reach samspil at (e.g. https://samspil.example.dk), used in the links of "
                "survey and invitation e-mails.",
                id="samspil.E101",
            )
        ]
    parts = urlsplit(settings.SAMSPIL_BASE_URL)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return [
            Error(
                f"SAMSPIL_BASE_URL={settings.SAMSPIL_BASE_URL!r} is not an address: write it "
                "as https://samspil.example.dk.",
                id="samspil.E102",
            )
        ]
    return []


@register(TAG, deploy=True)
def redis_answers(app_configs=None, **kwargs):
    if not settings.REDIS_URL:
        return []
    import redis

    try:
        client = redis.Redis.from_url(
            settings.REDIS_URL, socket_connect_timeout=3, socket_timeout=3
        )
        client.ping()
    except (redis.RedisError, OSError, ValueError) as exc:
        return [
            Error(
                f"REDIS_URL={without_password(settings.REDIS_URL)} does not answer "
                f"({exc.__class__.__name__}: {exc}). Start Redis, correct REDIS_URL, or leave "
                "it unset to keep the cache and the task queue in the database.",
                id="samspil.E103",
            )
        ]
    return []


@register(TAG, deploy=True)
def identity_provider_answers(app_configs=None, **kwargs):
    if not settings.SAMSPIL_OIDC_ISSUER:
        return []
    from samspil.accounts import oidc

    try:
        oidc.fetch_metadata(settings.SAMSPIL_OIDC_ISSUER)
    except oidc.ProviderUnavailable as exc:
        return [Error(str(exc), id="samspil.E104")]
    return []
