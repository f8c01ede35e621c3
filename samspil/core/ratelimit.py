"""A fixed-window rate limit kept in the shared cache (the database by default), so it holds
across processes and machines: for pages anyone with a link can reach."""

import functools
import time

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render


def client_address(request) -> str:
    # Behind a proxy the first forwarded address is the visitor's; set by the proxy we trust.
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    return forwarded.split(",")[0].strip() or request.META.get("REMOTE_ADDR", "unknown")


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
