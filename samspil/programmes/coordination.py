"""Cross-project coordination for the advisory board: the companies that several projects work
with, and the contacts each project has had with them. The figures stay each project's own (a
company both projects support counts in both); this page only shows where they meet."""

from collections import defaultdict

from django.db.models import Count, Exists, F, Max, OuterRef, Q, Subquery, Window
from django.db.models.functions import RowNumber

from samspil.companies.models import Company, Contact
from samspil.programmes.models import Project

SHARED_PAGE_SIZE = 25
# The latest contacts shown under each company; the company's page has them all.
CONTACTS_SHOWN = 10


class SharedCompanies(list):
    """One page of shared companies, by name; ``number``, ``has_previous`` and ``has_next``
    page through the rest (no total: counting them all would cost as much as finding them)."""

    number = 1
    has_previous = False
    has_next = False

    @property
    def page_obj(self) -> "SharedCompanies":
        """The page itself (it answers what a template's pagination asks of a page)."""
        return self

    def has_other_pages(self) -> bool:
        return self.has_previous or self.has_next

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1


def _page_number(page) -> int:
    text = str(page or "1")
    return max(int(text), 1) if text.isascii() and text.isdigit() else 1


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
    result = SharedCompanies()
    result.number = _page_number(page)
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
    offset = (result.number - 1) * per_page
    found = list(shared[offset : offset + per_page + 1])
    result.has_previous = result.number > 1
    result.has_next = len(found) > per_page
    companies = {company.pk: company for company in found[:per_page]}
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
    result.extend(
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
