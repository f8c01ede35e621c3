"""What a locked-out sign-in answers (django-axes calls ``lockout_response``): the sign-in page
says so in the user's language, the token endpoint answers 429 with the same words as JSON."""

import ipaddress

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from samspil.core.ratelimit import client_address


def client_ip(request) -> str | None:
    """The visitor's address for the sign-in log and lockout (``ratelimit.client_address``), or
    None when the request has none that is an IP address (e.g. a sign-in made by a test)."""
    address = client_address(request)
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return None
    if ip.version == 6:
        # One IPv6 subscriber holds a whole /64: count it as one address, or each guess could
        # come from a fresh address.
        return str(ipaddress.ip_network(f"{ip}/64", strict=False).network_address)
    return str(ip)


def lockout_minutes() -> int:
    return int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)


def lockout_response(request, original_response=None, credentials=None):
    minutes = lockout_minutes()
    if request.path.startswith("/api/"):
        message = _(
            "Too many wrong passwords for this username. Sign-in is locked for %(minutes)s minutes."
        ) % {"minutes": minutes}
        response = JsonResponse({"detail": message}, status=429)
    else:
        response = render(
            request, "registration/locked_out.html", {"cooloff_minutes": minutes}, status=429
        )
    response["Retry-After"] = str(minutes * 60)
    return response
