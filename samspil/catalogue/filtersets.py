import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from samspil.catalogue.models import CompetenceArea, Offering, Provider
from samspil.organisations.widgets import Select


class OfferingFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    kind = django_filters.ChoiceFilter(choices=Offering.Kind.choices, label=_("Kind"))
    area = django_filters.ModelChoiceFilter(
        queryset=CompetenceArea.objects.all(),
        field_name="competence_areas",
        label=_("Competence area"),
        widget=Select,
    )
    provider = django_filters.ModelChoiceFilter(
        queryset=Provider.objects.all(), label=_("Provider"), widget=Select(label_field="name")
    )

    class Meta:
        model = Offering
        fields = ["q", "kind", "area", "provider"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(title__icontains=value) | Q(code__icontains=value) | Q(description__icontains=value)
        )
