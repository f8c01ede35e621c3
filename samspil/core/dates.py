"""Calendar arithmetic the rules are written in."""

import datetime


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later (or earlier), or the month's last day when it is shorter:
    31 August + 6 months is 28 or 29 February. Past the calendar's ends (a leaving date in
    9999) it stops at the last or first day there is, instead of failing."""
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    if year > datetime.MAXYEAR:
        return datetime.date.max
    if year < datetime.MINYEAR:
        return datetime.date.min
    for candidate in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month, candidate)
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover


def date_from_query(query, name: str, default: datetime.date | None = None):
    """A date from a page's query string (``?until=...``): ``(day, None)`` when it is a real
    date (ISO from a date picker, or typed the Danish way, 24.12.2026) or absent (``default``),
    ``(None, message)`` when it is not a date or not a day of the calendar (2024-02-30): the
    page shows the message on its field and never silently uses another day."""
    from django import forms
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    raw = (query.get(name) or "").strip()
    if not raw:
        return default, None
    try:
        return forms.DateField().clean(raw), None
    except ValidationError:
        return None, _("“%(value)s” is not a date of the calendar; write it as dd.mm.yyyy.") % {
            "value": raw[:30]
        }
