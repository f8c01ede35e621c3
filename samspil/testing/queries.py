"""A guard against per-row queries: a page must cost the same at two data sizes."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return len(context.captured_queries)


def assert_constant_queries(client, url: str, grow) -> None:
    """``grow()`` adds rows the page lists; the number of queries must not change."""
    small = count_queries(client, url)
    grow()
    large = count_queries(client, url)
    assert large == small, f"{url}: {small} queries before, {large} after adding rows"
