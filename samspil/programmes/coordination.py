"""Cross-project coordination for the advisory board: the companies that several projects work
with, and the contacts each project has had with them. The figures stay each project's own (a
company both projects support counts in both); this page only shows where they meet."""

from collections import defaultdict

from django.db.models import Count, Exists, F, Max, OuterRef, Q, Subquery, Window
from django.db.models.functions import RowNumber

from samspil.companies.models import Company, Contact
from samspil.core.paging import UncountedPage, page_number
from samspil.programmes.models import Project

SHARED_PAGE_SIZE = 25
# The latest contacts shown under each company; the company's page has them all.
CONTACTS_SHOWN = 10


def shared_companies(projects, user, *, page=1, within=False, per_page=SHARED_PAGE_SIZE):
    """Companies that one of ``projects`` works with and at least one other project (of these
    or any other; with ``within``, another of these) does too, a page at a time by name: per
    company, each project's done and planned contacts and the latest date, and the latest
    ``CONTACTS_SHOWN`` contacts ``user`` may read.

    A company is shared when the lowest and the highest project of its contacts differ: two
    probes of the index on (company, project) per company, made only for the companies the
    page walks through in name order, so a page costs the same whatever the number of
    companies and contacts. Four queries whatever the numbers."""
    ids = [project.pk for project in projects]
    result = UncountedPage(number=page_number(page))
    if not ids:
        return result
    if within:
        worked = Contact.objects.filter(project__in=ids)
    else:
        worked = Contact.objects.filter(project__isnull=False)
    of_company = worked.filter(company=OuterRef("pk"))
    shared = (
        Company.objects.filter(
            Exists(Contact.objects.filter(company=OuterRef("pk"), project__in=ids))
        )
        .annotate(
            first_project=Subquery(of_company.order_by("project").values("project")[:1]),
            last_project=Subquery(of_company.order_by("-project").values("project")[:1]),
        )
        .filter(first_project__lt=F("last_project"))
        .order_by("name", "pk")
    )
    found = UncountedPage.of(shared, result.number, per_page)
    result.has_next = found.has_next
    companies = {company.pk: company for company in found}
    if not companies:
        return result
    rows = (
        worked.filter(company__in=list(companies))
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
    names = Project.objects.in_bulk(
        {row["project"] for found in by_company.values() for row in found}
    )
    readable: dict = defaultdict(list)
    if not within:
        latest = (
            Contact.objects.restrict(user)
            .filter(company__in=list(companies), project__isnull=False)
            .annotate(
                rank=Window(
                    RowNumber(),
                    partition_by=[F("company")],
                    order_by=[F("date").desc(), F("pk").asc()],
                )
            )
            .filter(rank__lte=CONTACTS_SHOWN)
            .select_related("project")
            .order_by("company", "-date", "pk")
        )
        for contact in latest:
            readable[contact.company_id].append(contact)
    result.rows.extend(
        {
            "company": company,
            "projects": sorted(
                (
                    {**row, "project": names[row["project"]], "ours": row["project"] in ids}
                    for row in by_company[pk]
                ),
                key=lambda r: (not r["ours"], r["project"].name),
            ),
            "contacts": readable[pk],
        }
        for pk, company in companies.items()
    )
    return result
