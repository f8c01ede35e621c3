"""Logs a person can follow through one request: every log line of a request carries its id,
which is also sent back as ``X-Request-ID`` (and taken from a trusted proxy's header)."""

import contextvars
import json
import logging
import re
import uuid

from django.conf import settings

request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")
VALID_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")


class RequestIdMiddleware:
    """Give each request an id. Behind our own proxies (``SAMSPIL_TRUSTED_PROXIES``) a valid
    ``X-Request-ID`` from them is kept, so the proxy's log and ours name the same request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get("X-Request-ID", "")
        if not (settings.SAMSPIL_TRUSTED_PROXIES and VALID_ID.fullmatch(given)):
            given = uuid.uuid4().hex
        token = request_id.set(given)
        request.request_id = given
        try:
            response = self.get_response(request)
        finally:
            request_id.reset(token)
        response["X-Request-ID"] = given
        return response


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.request_id = request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, request id, message (and the traceback)."""

    def format(self, record):
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "request_id": getattr(record, "request_id", "-"),
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


class QuietRefusals(logging.Filter):
    """A refused request (403) is logged as one line, without the traceback of the refusal:
    it is an answer, not an error."""

    def filter(self, record):
        if record.exc_info and record.exc_info[0] is not None:
            from django.core.exceptions import PermissionDenied

            if issubclass(record.exc_info[0], PermissionDenied):
                record.exc_info = None
                record.exc_text = None
        return True
