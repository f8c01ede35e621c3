"""Filters for the company register and the contact timeline, shared by pages, exports and API."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from samspil.companies.models import SME_BANDS, Cluster, Company, Contact, SizeBand
from samspil.core.models import Municipality
from samspil.organisations.models import Organisation
from samspil.programmes.models import Project


class DateInput(django_filters.widgets.forms.DateInput):
    input_type = "date"


class CompanyFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Name or CVR"))
    municipality = django_filters.ModelChoiceFilter(
        queryset=Municipality.objects.all(), label=_("Municipality")
    )
    industry = django_filters.CharFilter(
        field_name="industry_code", lookup_expr="startswith", label=_("Industry code begins with")
    )
    size_band = django_filters.ChoiceFilter(choices=SizeBand.choices, label=_("Size"))
    sme = django_filters.BooleanFilter(method="filter_sme", label=_("SME"))
    cluster = django_filters.ModelChoiceFilter(
        queryset=Cluster.objects.all(), field_name="clusters", label=_("Cluster")
    )
    contacted_since = django_filters.DateFilter(
        field_name="last_contact",
        lookup_expr="gte",
        label=_("Last contact on or after"),
        widget=DateInput,
    )
    not_contacted_since = django_filters.DateFilter(
        method="filter_not_contacted_since", label=_("No contact since"), widget=DateInput
    )

    class Meta:
        model = Company
        fields = ["q", "municipality", "industry", "size_band", "sme", "cluster"]

    def search(self, queryset, name, value):
        digits = value.replace(" ", "")
        return queryset.filter(
            Q(name__icontains=value) | Q(cvr__startswith=digits) | Q(orgnr__startswith=digits)
        )

    def filter_sme(self, queryset, name, value):
        if value is None:
            return queryset
        return (
            queryset.filter(size_band__in=SME_BANDS)
            if value
            else queryset.exclude(size_band__in=SME_BANDS)
        )

    def filter_not_contacted_since(self, queryset, name, value):
        return queryset.filter(Q(last_contact__lt=value) | Q(last_contact__isnull=True))


class ContactFilterSet(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=Contact.Kind.choices, label=_("Kind"))
    status = django_filters.ChoiceFilter(choices=Contact.Status.choices, label=_("Status"))
    organisation = django_filters.ModelChoiceFilter(
        queryset=Organisation.objects.all(), field_name="organisations", label=_("Organisation")
    )
    project = django_filters.ModelChoiceFilter(queryset=Project.objects.all(), label=_("Project"))
    date_from = django_filters.DateFilter(
        field_name="date", lookup_expr="gte", label=_("From"), widget=DateInput
    )
    date_to = django_filters.DateFilter(
        field_name="date", lookup_expr="lte", label=_("To"), widget=DateInput
    )

    class Meta:
        model = Contact
        fields = ["kind", "status", "organisation", "project", "date_from", "date_to"]
