"""Filters for the company register and the contact timeline, shared by pages, exports and API."""

import django_filters
from django.utils.translation import gettext_lazy as _

from samspil.companies.cluster_picker import ClusterPicker, clusters_named
from samspil.companies.models import SME_BANDS, Company, Contact, SizeBand
from samspil.companies.search import number_prefix
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
        method="filter_industry", label=_("Industry code begins with")
    )
    size_band = django_filters.ChoiceFilter(choices=SizeBand.choices, label=_("Size"))
    sme = django_filters.BooleanFilter(method="filter_sme", label=_("SME"))
    # A search, not a select of every cluster (a region has a thousand): companies.cluster_picker.
    cluster = django_filters.CharFilter(
        method="filter_cluster",
        label=_("Cluster"),
        help_text=_("Type the beginning of its name and choose from the suggestions."),
        widget=ClusterPicker,
    )
    contacted_since = django_filters.DateFilter(
        method="filter_contacted_since", label=_("Last contact on or after"), widget=DateInput
    )
    not_contacted_since = django_filters.DateFilter(
        method="filter_not_contacted_since", label=_("No contact since"), widget=DateInput
    )

    class Meta:
        model = Company
        fields = ["q", "municipality", "industry", "size_band", "sme", "cluster"]

    def search(self, queryset, name, value):
        return queryset.search(value)

    def filter_industry(self, queryset, name, value):
        code = value.replace(" ", "").replace(".", "")
        if code.isascii() and code.isdigit():
            return queryset.filter(number_prefix("industry_code", code))  # through its index
        return queryset.filter(industry_code__startswith=code)

    def filter_cluster(self, queryset, name, value):
        members = Company.clusters.through.objects.filter(cluster__in=clusters_named(value))
        return queryset.filter(pk__in=members.values("company"))

    def filter_contacted_since(self, queryset, name, value):
        return queryset.contacted_since(value)

    def filter_sme(self, queryset, name, value):
        if value is None:
            return queryset
        return (
            queryset.filter(size_band__in=SME_BANDS)
            if value
            else queryset.exclude(size_band__in=SME_BANDS)
        )

    def filter_not_contacted_since(self, queryset, name, value):
        return queryset.contacted_since(value, contacted=False)


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
