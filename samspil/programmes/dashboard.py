"""What the operator steers by: targets against actuals at each status-report date, the
forecast at the current pace to each target's date, warnings for targets that will be missed,
and budget against spend, for one project or a whole programme. Set-based throughout: the
number of queries does not grow with projects, companies or participants."""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.urls import reverse
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext_lazy as _

from samspil.programmes import budget, progress
from samspil.programmes.models import Target

STATUS_LABELS = {
    "reached": _("Reached"),
    "on_track": _("On track"),
    "at_risk": _("Will be missed at the current pace"),
    "missed": _("Missed"),
    "no_forecast": _("No forecast yet"),
}


def report_dates(start: datetime.date | None, end: datetime.date | None, today: datetime.date):
    """The status-report dates (end of February and of August) from the start to today or the
    project's end, whichever is first, and that day itself."""
    last = min(today, end) if end else today
    dates = []
    if start:
        for year in range(start.year, last.year + 1):
            for day in (_end_of_february(year), datetime.date(year, 8, 31)):
                if start <= day < last:
                    dates.append(day)
    return [*dates, last]


def _end_of_february(year: int) -> datetime.date:
    return datetime.date(year, 3, 1) - datetime.timedelta(days=1)


@dataclass
class TargetRow:
    target: Target
    label: str
    points: list  # the actual at each date of the dashboard
    actual: float
    forecast: float | None
    status: str
    records_url: str

    @property
    def reached(self) -> int | None:
        value = float(self.target.value)
        return round(100 * float(self.actual) / value) if value else None

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    def message_values(self) -> dict:
        return {
            "label": self.label,
            "actual": _number(self.actual),
            "forecast": _number(round(self.forecast or 0)),
            "target": _number(self.target.value),
            "date": date_format(self.target.due_on, "SHORT_DATE_FORMAT"),
        }


def _number(value) -> str:
    value = int(value) if value == int(value) else float(value)
    return number_format(value, force_grouping=True)


def forecast(actual, start, today, due, share: bool) -> float | None:
    """The figure at ``due`` if the pace from the start to today goes on. A share keeps its
    level; a count grows linearly. None before the start."""
    if share:
        return actual if actual else None  # no participants yet: no share to go on
    if not start or today <= start:
        return None
    if due <= today:
        return actual
    pace = float(actual) / (today - start).days
    return round(float(actual) + pace * (due - today).days, 1)


def status(target, actual, forecast_value, today) -> str:
    if float(actual) >= float(target.value):
        return "reached"
    if target.due_on < today:
        return "missed"
    if forecast_value is None:
        return "no_forecast"
    return "on_track" if forecast_value >= float(target.value) else "at_risk"


def _rows(project, targets, figures, dates, computed, today) -> list[TargetRow]:
    """``computed`` are the dates the figures are for: the report dates and the targets' past
    due dates; a target whose date has passed is judged on the figure at that date."""
    rows = []
    at = {day: i for i, day in enumerate(computed)}
    for target in targets:
        values = figures.get(target.indicator, {}).get(project.pk, [0] * len(computed))
        points = [values[at[day]] for day in dates]
        actual = values[at[target.due_on]] if target.due_on in at else points[-1]
        share = bool(getattr(progress.INDICATORS.get(target.indicator), "share_of", ()))
        expected = forecast(actual, project.start_date, today, target.due_on, share)
        if target.indicator in progress.INDICATORS:
            url = reverse("programmes:progress-records", args=[project.pk, target.indicator])
        else:
            url = reverse("participants:esf-report", args=[project.pk])
        rows.append(
            TargetRow(
                target=target,
                label=progress.label(target.indicator),
                points=points,
                actual=actual,
                forecast=expected,
                status=status(target, actual, expected, today),
                records_url=url,
            )
        )
    return rows


def _time_share(project, today) -> int | None:
    if not (project.start_date and project.end_date) or project.end_date <= project.start_date:
        return None
    elapsed = (min(max(today, project.start_date), project.end_date) - project.start_date).days
    return round(100 * elapsed / (project.end_date - project.start_date).days)


def projects_dashboard(projects, dates, today, money=None) -> list[dict]:
    """For each project: its target rows, budget summary and elapsed share of its period.
    Budgets, financing and spend are read by the project's operators only (docs/scoping.md):
    ``money`` is the ids of the projects whose budget the reader may see (None: all, for
    commands); the others' ``budget`` is None. A constant number of queries: targets (1),
    actuals (one per indicator used, one for ESF codes), budget (4)."""
    projects = list(projects)
    targets: dict = defaultdict(list)
    for target in Target.objects.filter(project__in=[p.pk for p in projects]):
        targets[target.project_id].append(target)
    codes = {target.indicator for found in targets.values() for target in found}
    past_due = {t.due_on for found in targets.values() for t in found if t.due_on < today}
    computed = sorted(set(dates) | past_due)
    figures = progress.series(projects, computed, codes) if codes and projects else {}
    budgets = budget.summaries([p for p in projects if money is None or p.pk in money])
    return [
        {
            "project": project,
            "rows": _rows(project, targets[project.pk], figures, dates, computed, today),
            "budget": budgets.get(project.pk),
            "time_share": _time_share(project, today),
        }
        for project in projects
    ]


def project_dashboard(project, today, money=None) -> dict:
    dates = report_dates(project.start_date, project.end_date, today)
    (found,) = projects_dashboard([project], dates, today, money)
    return {"dates": dates, **found}


def programme_dashboard(programme, projects, today, money=None) -> dict:
    """The programme's projects over the programme's common status-report dates, with the
    budget, financing and spend added up (None where the reader may not see every project's)."""
    projects = list(projects)
    starts = [p.start_date for p in projects if p.start_date]
    ends = [p.end_date for p in projects if p.end_date]
    end = max(ends) if ends and len(ends) == len(projects) else None
    dates = report_dates(min(starts) if starts else None, end, today)
    found = projects_dashboard(projects, dates, today, money)
    every = all(e["budget"] is not None for e in found)
    return {
        "programme": programme,
        "dates": dates,
        "projects": found,
        "budget_total": _added(found, lambda b: b["budget_total"]["total"]) if every else None,
        "financing_total": (
            _added(found, lambda b: b["financing_total"]["total"]) if every else None
        ),
        "spent_total": _added(found, lambda b: b["spent_total"]) if every else None,
        "warnings": [warning for entry in found for warning in warnings(entry)],
    }


def _added(found, amount) -> Decimal:
    return sum((amount(e["budget"]) for e in found), Decimal(0))


def warnings(entry) -> list[tuple]:
    """(project, message) for each target that is missed or will be at the current pace, and
    each place the budget does not add up."""
    project = entry["project"]
    found = []
    for row in entry["rows"]:
        if row.status == "missed":
            found.append(
                (
                    project,
                    _("%(label)s: %(actual)s of %(target)s by %(date)s – missed.")
                    % row.message_values(),
                )
            )
        elif row.status == "at_risk":
            found.append(
                (
                    project,
                    _("%(label)s: at the current pace %(forecast)s of %(target)s by %(date)s.")
                    % row.message_values(),
                )
            )
    problems = entry["budget"]["problems"] if entry["budget"] is not None else []
    return found + [(project, problem) for problem in problems]
