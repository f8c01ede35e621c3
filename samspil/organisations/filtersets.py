"""Filters for the organisation register, shared by the list page and the API."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from samspil.core.models import Municipality
from samspil.organisations.models import Organisation, OrganisationKind, System


class OrganisationFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    kind = django_filters.ChoiceFilter(choices=OrganisationKind.choices, label=_("Kind"))
    system = django_filters.ChoiceFilter(choices=System.choices, label=_("System"))
    municipality = django_filters.ModelChoiceFilter(
        queryset=Municipality.objects.all(), label=_("Municipality")
    )

    class Meta:
        model = Organisation
        fields = ["q", "kind", "system", "municipality"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(name__icontains=value)
            | Q(email__icontains=value)
            | Q(municipality__name__icontains=value)
        )
