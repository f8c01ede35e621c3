from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy

from samspil.companies import services
from samspil.companies.filtersets import CompanyFilterSet, ContactFilterSet
from samspil.companies.forms import CompanyForm, ContactPersonForm
from samspil.companies.models import Cluster, Company, Contact, ContactPerson
from samspil.core import scoping
from samspil.core.exports import EXPORT_FORMATS, table_response
from samspil.core.views import (
    ScopedCreateView,
    ScopedDetailView,
    ScopedListView,
    ScopedUpdateView,
)
from samspil.discovery.analysis import decisions_for_company
from samspil.organisations.scoping import PRACTITIONER_ROLES
from samspil.partnerships.models import Case, Partnership

TIMELINE_PAGE_SIZE = 50


def company_list_queryset(user):
    return Company.objects.restrict(user).select_related("municipality").order_by("name", "pk")


EXPORT_HEADERS = [
    gettext_lazy("CVR number"),
    gettext_lazy("Name"),
    gettext_lazy("Address"),
    gettext_lazy("Postcode"),
    gettext_lazy("City"),
    gettext_lazy("Municipality code"),
    gettext_lazy("Municipality"),
    gettext_lazy("Industry code"),
    gettext_lazy("Industry"),
    gettext_lazy("Employees"),
    gettext_lazy("Size"),
    gettext_lazy("Growth company"),
    gettext_lazy("Clusters"),
    gettext_lazy("Last contact"),
]


def export_rows(companies):
    for company in companies:
        yield [
            company.registration_number,
            company.name,
            company.address,
            company.postcode,
            company.city,
            company.municipality.code if company.municipality else None,
            company.municipality.name if company.municipality else None,
            company.industry_code,
            company.industry_title,
            company.employees,
            company.get_size_band_display(),
            company.growth_company,
            ", ".join(c.name for c in company.clusters.all()),
            company.last_contact,
        ]


class CompanyListView(ScopedListView):
    model = Company
    template_name = "companies/company_list.html"
    paginate_by = 50

    def get_queryset(self):
        self.filterset = CompanyFilterSet(
            self.request.GET or None, queryset=company_list_queryset(self.request.user)
        )
        return self.filterset.qs.prefetch_related(
            Prefetch("clusters", Cluster.objects.order_by("name"))
        )

    def get(self, request, *args, **kwargs):
        export_format = request.GET.get("export")
        if export_format in EXPORT_FORMATS:
            companies = self.get_queryset().with_last_contact()
            return table_response(
                "virksomheder", EXPORT_HEADERS, export_rows(companies), export_format
            )
        return super().get(request, *args, **kwargs)

    def paginate_queryset(self, queryset, page_size):
        paginator, page, companies, is_paginated = super().paginate_queryset(queryset, page_size)
        page.object_list = Company.objects.attach_last_contact(companies)
        return paginator, page, page.object_list, is_paginated

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter"] = self.filterset
        query = self.request.GET.copy()
        query.pop("page", None)
        query.pop("export", None)
        context["export_query"] = query.urlencode()
        context["can_import"] = self.request.user.is_superuser or scoping.is_operator(
            self.request.user
        )
        return context


class CompanyDetailView(ScopedDetailView):
    """The one entrance: master data, clusters, contact persons, and one timeline of every
    contact across all organisations and projects (notes only where the viewer may see them)."""

    model = Company
    template_name = "companies/company_detail.html"

    def get_base_queryset(self):
        return Company.objects.with_last_contact().select_related("municipality__region")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        company = self.object
        contacts = (
            Contact.objects.filter(company=company)
            .select_related("project", "partnership", "created_by")
            .prefetch_related("organisations", "consultants")
        )
        timeline = ContactFilterSet(self.request.GET or None, queryset=contacts)
        context["timeline_filter"] = timeline
        # A company may have thousands of contacts: the timeline shows them a page at a time,
        # newest first, through the index on (company, date).
        page = Paginator(timeline.qs.order_by("-date", "-pk"), TIMELINE_PAGE_SIZE).get_page(
            self.request.GET.get("page")
        )
        context["timeline_page"] = page
        context["timeline"] = page.object_list
        context["details_visible"] = set(
            Contact.objects.filter(pk__in=[contact.pk for contact in page.object_list])
            .restrict(user, scoping.DETAILS)
            .values_list("pk", flat=True)
        )
        context["clusters"] = company.clusters.select_related("mother_company").annotate(
            member_count=Count("companies")
        )
        context["contact_persons"] = company.contact_persons.all()
        context["can_add_contact"] = scoping.can_create(user, Contact)
        # Cases of every partnership the viewer may see (per "Who sees what").
        context["cases"] = (
            Case.objects.restrict(user).filter(company=company).select_related("partnership")
        )
        context["need_decisions"] = decisions_for_company(company, user)
        context["can_open_case_in"] = (
            Partnership.objects.filter(
                memberships__user=user, memberships__role__in=PRACTITIONER_ROLES
            )
            .order_by("name")
            .first()
        )
        return context


class CompanyCreateView(ScopedCreateView):
    model = Company
    form_class = CompanyForm
    template_name = "companies/company_form.html"
    success_message = gettext_lazy("The company %(object)s was created.")

    def save_with_service(self, form):
        return services.create_company(actor=self.request.user, **form.cleaned_data)

    def get_success_url(self):
        return self.object.get_absolute_url()


class CompanyUpdateView(ScopedUpdateView):
    model = Company
    form_class = CompanyForm
    template_name = "companies/company_form.html"
    success_message = gettext_lazy("The changes to %(object)s were saved.")

    def save_with_service(self, form):
        company = Company.objects.get(pk=self.object.pk)
        return services.update_company(
            actor=self.request.user, company=company, **form.cleaned_data
        )

    def get_success_url(self):
        return self.object.get_absolute_url()


class ContactPersonMixin:
    """Contact persons are edited on their company's behalf."""

    model = ContactPerson
    form_class = ContactPersonForm
    template_name = "companies/contact_person_form.html"

    def get_company(self):
        company = get_object_or_404(
            Company.objects.restrict(self.request.user), pk=self.kwargs["company"]
        )
        if not scoping.can(self.request.user, scoping.CHANGE, company):
            raise Http404
        return company

    def dispatch(self, request, *args, **kwargs):
        self.company = self.get_company()
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(company=self.company, **kwargs)

    def get_success_url(self):
        return self.company.get_absolute_url() + "#contact-persons"


class ContactPersonCreateView(ContactPersonMixin, ScopedCreateView):
    success_message = gettext_lazy("%(object)s was added.")

    def save_with_service(self, form):
        return services.save_contact_person(
            actor=self.request.user, company=self.company, **form.cleaned_data
        )


class ContactPersonUpdateView(ContactPersonMixin, ScopedUpdateView):
    success_message = gettext_lazy("The changes to %(object)s were saved.")

    def get_base_queryset(self):
        return ContactPerson.objects.filter(company=self.company)

    def save_with_service(self, form):
        return services.save_contact_person(
            actor=self.request.user,
            company=self.company,
            person=ContactPerson.objects.get(pk=self.object.pk),
            **form.cleaned_data,
        )
