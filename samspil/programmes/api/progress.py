"""The progress dashboards as the API gives them: one conversion from what
:mod:`samspil.programmes.dashboard` computes to plain JSON, for a project and a programme."""

from decimal import Decimal

from samspil.programmes import dashboard

CENT = Decimal("0.01")


def _amount(value) -> str | None:
    return None if value is None else str(Decimal(value).quantize(CENT))


def project_entry(entry: dict) -> dict:
    """One project of a dashboard (``project``, ``rows``, ``budget``, ``time_share``)."""
    project, budget = entry["project"], entry["budget"]
    if budget is None:  # not the reader's to see: the amounts empty (docs/scoping.md)
        money = dict.fromkeys(("budget_total", "financing_total", "spent_total"), None)
        problems = []
    else:
        money = {
            "budget_total": _amount(budget["budget_total"]["total"]),
            "financing_total": _amount(budget["financing_total"]["total"]),
            "spent_total": _amount(budget["spent_total"]),
        }
        problems = [str(problem) for problem in budget["problems"]]
    return {
        "project": project.pk,
        "code": project.code,
        "time_share": entry["time_share"],
        **money,
        "problems": problems,
        "targets": [
            {
                "id": row.target.pk,
                "indicator": row.target.indicator,
                "label": str(row.label),
                "value": str(row.target.value),
                "due_on": row.target.due_on.isoformat(),
                "points": list(row.points),
                "actual": row.actual,
                "reached": row.reached,
                "forecast": row.forecast,
                "status": row.status,
            }
            for row in entry["rows"]
        ],
    }


def project_data(found: dict) -> dict:
    """``dashboard.project_dashboard`` as JSON: the project's entry and its dates."""
    return {"dates": [day.isoformat() for day in found["dates"]], **project_entry(found)}


def programme_data(found: dict) -> dict:
    """``dashboard.programme_dashboard`` as JSON."""
    return {
        "dates": [day.isoformat() for day in found["dates"]],
        "budget_total": _amount(found["budget_total"]),
        "financing_total": _amount(found["financing_total"]),
        "spent_total": _amount(found["spent_total"]),
        "warnings": [
            {"project": project.pk, "message": str(message)}
            for project, message in found["warnings"]
        ],
        "projects": [project_entry(entry) for entry in found["projects"]],
    }


def project_progress(project, today, money=None) -> dict:
    return project_data(dashboard.project_dashboard(project, today, money))


def programme_progress(programme, projects, today, money=None) -> dict:
    return programme_data(dashboard.programme_dashboard(programme, projects, today, money))
