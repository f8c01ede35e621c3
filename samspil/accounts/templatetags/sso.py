from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def sso_enabled() -> bool:
    """True when sign-in with the organisation's identity is configured."""
    return bool(settings.SAMSPIL_OIDC_ISSUER)


@register.simple_tag
def sso_name() -> str:
    return settings.SAMSPIL_OIDC_NAME
