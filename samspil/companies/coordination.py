"""The coordination guard: what others are doing with a company, and its contact budget.

Before someone plans or logs a contact, samspil shows every contact by other organisations or
projects in the last ``SAMSPIL_COORDINATION_WINDOW_DAYS`` days and every planned one, and counts
the company's uncoordinated outreach in the quarter against
``SAMSPIL_CONTACT_BUDGET_PER_QUARTER``, so no company is run over by uncoordinated visits.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, Q, Window
from django.utils import timezone
from django.utils.translation import gettext as _

from samspil.companies.models import Company, Contact
from samspil.core.paging import page_number as to_page_number


@dataclass(frozen=True)
class Quarter:
    year: int
    number: int

    @classmethod
    def of(cls, day: datetime.date) -> "Quarter":
        return cls(day.year, (day.month - 1) // 3 + 1)

    @classmethod
    def parse(cls, text: str | None) -> "Quarter":
        """``2026-Q4`` (or nothing: the current quarter)."""
        try:
            year, number = (text or "").upper().split("-Q")
            quarter = cls(int(year), int(number))
        except ValueError:
            return cls.of(timezone.localdate())
        return quarter if 1 <= quarter.number <= 4 else cls.of(timezone.localdate())

    @property
    def start(self) -> datetime.date:
        return datetime.date(self.year, 3 * self.number - 2, 1)

    @property
    def end(self) -> datetime.date:
        following = self.next()
        return following.start - datetime.timedelta(days=1)

    def next(self) -> "Quarter":
        return Quarter(self.year + self.number // 4, self.number % 4 + 1)

    def previous(self) -> "Quarter":
        return Quarter(self.year - (self.number == 1), (self.number - 2) % 4 + 1)

    def __str__(self) -> str:
        return f"{self.year}-Q{self.number}"

    @property
    def label(self) -> str:
        return _("quarter %(number)s %(year)s") % {"number": self.number, "year": self.year}


def uncoordinated_outreach(company_ids=None, *, quarter: Quarter):
    """Outreach contacts (planned or done) in the quarter that were not joint visits."""
    contacts = Contact.objects.outreach().filter(date__range=(quarter.start, quarter.end))
    if company_ids is not None:
        contacts = contacts.filter(company__in=company_ids)
    return contacts


@dataclass
class BudgetCheck:
    quarter: Quarter
    used: int
    limit: int

    @property
    def exceeded_by_one_more(self) -> bool:
        return self.used >= self.limit


def contact_budget(
    company: Company, day: datetime.date, *, excluding: Contact | None = None
) -> BudgetCheck:
    quarter = Quarter.of(day)
    contacts = uncoordinated_outreach([company.pk], quarter=quarter)
    if excluding is not None and excluding.pk:
        contacts = contacts.exclude(pk=excluding.pk)
    return BudgetCheck(quarter, contacts.count(), settings.SAMSPIL_CONTACT_BUDGET_PER_QUARTER)


@dataclass
class CoordinationPicture:
    """What a person planning a contact with ``company`` should know first."""

    company: Company
    others: list = field(default_factory=list)
    budget: BudgetCheck | None = None
    window_days: int = 90


def coordination_picture(
    company: Company,
    *,
    day: datetime.date | None = None,
    organisation_ids=(),
    project_id=None,
    excluding: Contact | None = None,
) -> CoordinationPicture:
    """Contacts by other organisations or projects in the window, and every planned one.

    "Other" means: none of the organisations taking part is one of ``organisation_ids``, or the
    contact belongs to another project than ``project_id``.
    """
    today = timezone.localdate()
    window = settings.SAMSPIL_COORDINATION_WINDOW_DAYS
    contacts = (
        Contact.objects.filter(company=company)
        .filter(
            Q(date__gte=today - datetime.timedelta(days=window)) | Q(status=Contact.Status.PLANNED)
        )
        .select_related("project", "partnership")
        .prefetch_related("organisations", "consultants")
        .order_by("-date", "-pk")
    )
    if excluding is not None and excluding.pk:
        contacts = contacts.exclude(pk=excluding.pk)
    own = set(map(int, organisation_ids))
    others = []
    for contact in contacts:
        organisations = {o.pk for o in contact.organisations.all()}
        other_organisation = not (organisations & own)
        other_project = project_id is not None and contact.project_id != int(project_id)
        if not own or other_organisation or other_project:
            others.append(contact)
    budget = contact_budget(company, day or today, excluding=excluding)
    return CoordinationPicture(company=company, others=others, budget=budget, window_days=window)


OVERVIEW_PAGE_SIZE = 50


def _companies_page(grouped, company, figure, attribute, page_number):
    """One page of ``grouped`` (rows of ``company`` id and a ``figure``, grouped in the
    database without joining the companies), largest figure first; each company gets the
    figure as ``attribute``, and a page's equal figures go by name. The grouping runs once:
    the page's rows carry the number of all rows (``COUNT(*) OVER ()``). Two queries: the
    page's rows and their companies (three for a page past the end)."""
    rows = grouped.annotate(total=Window(Count("*"))).order_by(f"-{figure}", company)
    paginator = Paginator(rows, OVERVIEW_PAGE_SIZE)
    number = to_page_number(page_number)
    start = (number - 1) * OVERVIEW_PAGE_SIZE
    found = list(rows[start : start + OVERVIEW_PAGE_SIZE])
    paginator.count = found[0]["total"] if found else grouped.count()
    page = paginator.get_page(number)
    if not found and page.number != number:  # past the end: the last page instead
        found = list(rows[page.start_index() - 1 : page.end_index()])
    companies = Company.objects.select_related("municipality").in_bulk(
        [row[company] for row in found]
    )
    for row in found:
        setattr(companies[row[company]], attribute, row[figure])
    page.object_list = sorted(
        (companies[row[company]] for row in found),
        key=lambda c: (-getattr(c, attribute), c.name, c.pk),
    )
    return page


def coordination_overview(quarter: Quarter, *, over_budget_page=1, uncoordinated_page=1) -> dict:
    """For coordinators: companies over budget, and companies approached by three or more
    organisations without a joint visit, in the quarter, a page of each. Both are grouped in
    the database over the quarter's contacts only (found through the index on date, kind and
    company); four queries whatever the size."""
    limit = settings.SAMSPIL_CONTACT_BUDGET_PER_QUARTER
    over_budget = (
        uncoordinated_outreach(quarter=quarter)
        .values("company")
        .annotate(outreach=Count("pk"))
        .filter(outreach__gt=limit)
    )
    joint_visits = Contact.objects.filter(
        date__range=(quarter.start, quarter.end), kind=Contact.Kind.JOINT_VISIT
    )
    # Grouped from the organisations taking part in the quarter's contacts, leaving out the
    # companies that had a joint visit in the quarter.
    uncoordinated = (
        Contact.organisations.through.objects.filter(
            contact__date__range=(quarter.start, quarter.end)
        )
        .exclude(contact__company__in=joint_visits.values("company"))
        .values("contact__company")
        .annotate(organisation_count=Count("organisation", distinct=True))
        .filter(organisation_count__gte=3)
    )
    over_budget = _companies_page(over_budget, "company", "outreach", "outreach", over_budget_page)
    uncoordinated = _companies_page(
        uncoordinated,
        "contact__company",
        "organisation_count",
        "organisation_count",
        uncoordinated_page,
    )
    return {
        "quarter": quarter,
        "limit": limit,
        "over_budget": over_budget.object_list,
        "over_budget_page": over_budget,
        "uncoordinated": uncoordinated.object_list,
        "uncoordinated_page": uncoordinated,
    }
