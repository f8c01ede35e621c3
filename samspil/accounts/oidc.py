"""Sign-in with the organisation's identity: OpenID Connect single sign-on (mozilla-django-oidc).

Switched on by SAMSPIL_OIDC_ISSUER (with SAMSPIL_OIDC_CLIENT_ID and SAMSPIL_OIDC_CLIENT_SECRET):
the provider's endpoints and keys come from its discovery document
(``<issuer>/.well-known/openid-configuration``), read once per process on first use and
checked at start (samspil.core.checks).

Who the provider's user is in samspil:

1. the user whose stored subject (SingleSignOnIdentity) this is, else
2. the one active user whose e-mail address is the provider's ``email`` claim, compared without
   regard to case (then the subject is stored for next time).

Nobody else gets in: samspil never creates a user or a membership from a sign-in. A person the
provider knows but samspil does not (or two users sharing the e-mail address) is refused with a
page saying so in Danish; an operator or coordinator adds them as today, and they can sign in
with the organisation's identity from then on. Local passwords keep working beside it.
"""

import functools
import logging

import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)

from samspil.accounts.models import SingleSignOnIdentity

logger = logging.getLogger(__name__)

# The provider's metadata field for each of mozilla-django-oidc's endpoint settings.
ENDPOINTS = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
    "OIDC_OP_LOGOUT_ENDPOINT": "end_session_endpoint",
}


class ProviderUnavailable(ImproperlyConfigured):
    pass


def enabled() -> bool:
    return bool(getattr(settings, "SAMSPIL_OIDC_ISSUER", ""))


def discovery_url(issuer: str) -> str:
    return issuer.rstrip("/") + "/.well-known/openid-configuration"


def fetch_metadata(issuer: str, timeout: float = 5) -> dict:
    """The provider's discovery document; ProviderUnavailable naming SAMSPIL_OIDC_ISSUER when
    it cannot be read or is not the issuer's."""
    url = discovery_url(issuer)
    try:
        response = requests.get(url, timeout=timeout)
        response.raise_for_status()
        metadata = response.json()
    except (requests.RequestException, ValueError) as exc:
        if isinstance(exc, requests.ConnectionError):
            reason = "no connection"
        elif isinstance(exc, requests.Timeout):
            reason = f"no answer within {timeout:g} s"
        elif isinstance(exc, requests.HTTPError):
            reason = f"HTTP {exc.response.status_code}"
        else:
            reason = "not JSON"
        raise ProviderUnavailable(
            f"SAMSPIL_OIDC_ISSUER={issuer}: the identity provider's discovery document "
            f"{url} could not be read ({reason})."
        ) from exc
    missing = [
        field
        for field in ("issuer", "authorization_endpoint", "token_endpoint", "jwks_uri")
        if not metadata.get(field)
    ]
    if missing:
        raise ProviderUnavailable(
            f"SAMSPIL_OIDC_ISSUER={issuer}: the discovery document {url} lacks "
            + ", ".join(missing)
            + "."
        )
    if metadata["issuer"].rstrip("/") != issuer.rstrip("/"):
        raise ProviderUnavailable(
            f"SAMSPIL_OIDC_ISSUER={issuer}: the provider calls itself {metadata['issuer']}."
        )
    return metadata


@functools.cache
def metadata() -> dict:
    return fetch_metadata(settings.SAMSPIL_OIDC_ISSUER)


def get_settings(attr, *args):
    """mozilla-django-oidc's settings, with the provider's endpoints from its discovery
    document."""
    if attr in ENDPOINTS and enabled():
        value = metadata().get(ENDPOINTS[attr])
        if value or args:
            return value or args[0]
    return import_from_settings(attr, *args)


class Backend(OIDCAuthenticationBackend):
    """Finds the samspil user for the provider's user; never creates one.

    The endpoints are looked up only when a sign-in through the provider arrives, so signing in
    with a password never waits for the provider."""

    get_settings = staticmethod(get_settings)

    def __init__(self, *args, **kwargs):
        self.UserModel = get_user_model()

    def __getattr__(self, name):
        if name.startswith("OIDC_"):
            defaults = {"OIDC_RP_SIGN_ALGO": ("RS256",), "OIDC_RP_IDP_SIGN_KEY": (None,)}
            return get_settings(name, *defaults.get(name, ()))
        raise AttributeError(name)

    def verify_claims(self, claims) -> bool:
        # A subject is enough when it is known; else an e-mail address the provider vouches
        # for. A provider that does not say (Microsoft Entra ID sends no `email_verified`) is
        # taken at its word only where SAMSPIL_OIDC_TRUST_EMAIL says its users cannot choose
        # their own address: otherwise anyone could name a samspil user's address and be them.
        return bool(claims.get("sub")) and (
            bool(claims.get("email"))
            and self._email_vouched_for(claims)
            or self._by_subject(claims) is not None
        )

    @staticmethod
    def _email_vouched_for(claims) -> bool:
        verified = claims.get("email_verified")
        if verified is None:
            return bool(settings.SAMSPIL_OIDC_TRUST_EMAIL)
        return verified is True or str(verified).lower() == "true"

    def _by_subject(self, claims):
        identity = (
            SingleSignOnIdentity.objects.select_related("user")
            .filter(issuer=settings.SAMSPIL_OIDC_ISSUER, subject=claims.get("sub", ""))
            .first()
        )
        return identity.user if identity else None

    def filter_users_by_claims(self, claims):
        user = self._by_subject(claims)
        if user is not None:
            return [user] if user.is_active else []
        email = (claims.get("email") or "").strip()
        if not email:
            return []
        if not self._email_vouched_for(claims):
            return []
        users = list(
            self.UserModel.objects.filter(email__iexact=email, is_active=True)
            # A user already signed in with another identity of this provider is that identity's.
            .exclude(sso_identities__issuer=settings.SAMSPIL_OIDC_ISSUER)[:2]
        )
        if len(users) != 1:
            logger.warning(
                "Single sign-on refused: %s samspil users have the provider's e-mail address",
                len(users) or "no",
            )
        return users if len(users) == 1 else []

    def update_user(self, user, claims):
        SingleSignOnIdentity.objects.update_or_create(
            issuer=settings.SAMSPIL_OIDC_ISSUER, subject=claims["sub"], defaults={"user": user}
        )
        return user

    def create_user(self, claims):  # pragma: no cover - OIDC_CREATE_USER is False
        return None

    def get_userinfo(self, access_token, id_token, payload):
        if not self.OIDC_OP_USER_ENDPOINT:
            return payload  # the ID token's claims are all there is
        claims = super().get_userinfo(access_token, id_token, payload)
        return {**payload, **claims}


class StartView(OIDCAuthenticationRequestView):
    get_settings = staticmethod(get_settings)


class CallbackView(OIDCAuthenticationCallbackView):
    get_settings = staticmethod(get_settings)
