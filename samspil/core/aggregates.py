"""Counting things at their first date, in the database: how many companies (or employers,
...) a project reached for the first time on each day, so that the count at any date is a
running sum over days. Used by the dashboards' indicators and the ESF report's SME count."""

import datetime
from collections import defaultdict

from django.db import connections
from django.db.models import F, Min


def firsts_by_day(records, *, project: str, value: str, date: str) -> dict[int, list]:
    """{project id: [(day, values first reached that day)]}, sorted by day, for the
    ``records`` queryset: each ``value`` counts once per project, at its earliest ``date``.
    One query, grouped twice in the database, so the rows returned are days, not values."""
    first = (
        records.order_by()
        .values(counted_project=F(project), counted_value=F(value))
        .annotate(counted_day=Min(date))
    )
    sql, params = first.query.sql_with_params()
    with connections[first.db].cursor() as cursor:
        cursor.execute(
            "SELECT counted_project, counted_day, COUNT(*) FROM"
            f" ({sql}) firsts GROUP BY counted_project, counted_day",
            params,
        )
        rows = cursor.fetchall()
    found: dict = defaultdict(list)
    for project_id, day, n in rows:
        if isinstance(day, str):  # SQLite returns dates of a raw query as text
            day = datetime.date.fromisoformat(day)
        found[project_id].append((day, n))
    return {pk: sorted(days) for pk, days in found.items()}
