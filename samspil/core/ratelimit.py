"""A fixed-window rate limit kept in the shared cache (the database by default), so it holds
across processes and machines: for pages anyone with a link can reach."""

import functools
import time

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render


def client_address(request) -> str:
    """The visitor's address. Without trusted proxies (``SAMSPIL_TRUSTED_PROXIES``, default 0)
    it is the connection's own, and X-Forwarded-For is ignored: anyone can send that header.
    Behind N proxies of our own, each appends the address it was reached from, so the visitor
    is the Nth address from the end; whatever stands before it the visitor wrote."""
    remote = request.META.get("REMOTE_ADDR", "") or "unknown"
    proxies = settings.SAMSPIL_TRUSTED_PROXIES
    if not proxies:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if not forwarded:
        return remote
    return forwarded[-min(proxies, len(forwarded))]


def allow(scope: str, key: str, limit: int, window: int = 60) -> bool:
    bucket = f"ratelimit:{scope}:{key}:{int(time.time() // window)}"
    if cache.add(bucket, 1, timeout=window + 5):
        return True
    try:
        count = cache.incr(bucket)
    except ValueError:  # expired between add and incr
        cache.add(bucket, 1, timeout=window + 5)
        return True
    return count <= limit


def rate_limited(scope: str, setting: str):
    """Answer 429 with a clear page once a visitor passes ``settings.<setting>`` per minute."""

    def decorate(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if not allow(scope, client_address(request), getattr(settings, setting)):
                response = render(request, "core/too_many_requests.html", status=429)
                response["Retry-After"] = "60"
                return response
            return view(request, *args, **kwargs)

        return wrapper

    return decorate
