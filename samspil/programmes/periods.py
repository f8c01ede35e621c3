"""The one rule for a date that must lie inside a project's period (its start and end dates,
either of which may be open): targets, spend, enrolments and recruitment starts all ask here."""

from django.utils.translation import gettext_lazy as _

BEFORE = "before"
AFTER = "after"

OUTSIDE = _("The date is outside the project's period.")


def outside_period(project, day) -> str | None:
    """``BEFORE`` or ``AFTER`` when ``day`` lies outside ``project``'s period, else None (also
    when there is no day or no project)."""
    if project is None or day is None:
        return None
    if project.start_date and day < project.start_date:
        return BEFORE
    if project.end_date and day > project.end_date:
        return AFTER
    return None


def period_errors(project, messages=None, **dates) -> dict[str, list]:
    """``{field: [message]}`` for each of ``dates`` (field name -> date) outside the project's
    period. ``messages`` may word the refusal per side (``{BEFORE: ..., AFTER: ...}``)."""
    errors = {}
    for field, day in dates.items():
        side = outside_period(project, day)
        if side is not None:
            errors[field] = [(messages or {}).get(side, OUTSIDE)]
    return errors
