"""Cross-project coordination for the advisory board: the companies that several projects work
with, and the contacts each project has had with them. The figures stay each project's own (a
company both projects support counts in both); this page only shows where they meet."""

from collections import defaultdict

from django.db.models import Count, Max, Q

from samspil.companies.models import Company, Contact
from samspil.programmes.models import Project


def shared_companies(projects, user) -> list[dict]:
    """Companies that one of ``projects`` works with and at least one other project (of these
    or any other) does too: per company, each project's done and planned contacts and the
    latest date, and the contacts ``user`` may read. Four queries whatever the numbers."""
    ids = [project.pk for project in projects]
    rows = (
        Contact.objects.filter(
            project__isnull=False,
            company__in=Contact.objects.filter(project__in=ids).values("company"),
        )
        .values("company", "project")
        .annotate(
            done=Count("pk", filter=Q(status=Contact.Status.DONE)),
            planned=Count("pk", filter=Q(status=Contact.Status.PLANNED)),
            latest=Max("date"),
        )
        .order_by()
    )
    by_company: dict = defaultdict(list)
    for row in rows:
        by_company[row["company"]].append(row)
    shared = {company: found for company, found in by_company.items() if len(found) > 1}
    if not shared:
        return []
    companies = Company.objects.in_bulk(list(shared))
    names = Project.objects.in_bulk({row["project"] for found in shared.values() for row in found})
    readable: dict = defaultdict(list)
    for contact in (
        Contact.objects.restrict(user)
        .filter(company__in=list(shared), project__isnull=False)
        .select_related("project")
        .order_by("-date", "pk")
    ):
        readable[contact.company_id].append(contact)
    result = [
        {
            "company": companies[company],
            "projects": sorted(
                (
                    {**row, "project": names[row["project"]], "ours": row["project"] in ids}
                    for row in found
                ),
                key=lambda r: (not r["ours"], r["project"].name),
            ),
            "contacts": readable[company],
        }
        for company, found in shared.items()
    ]
    return sorted(result, key=lambda entry: entry["company"].name)
