from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samspil.core.views import (
    ScopedCreateView,
    ScopedDetailView,
    ScopedListView,
    ScopedUpdateView,
)
from samspil.organisations import services
from samspil.organisations.filtersets import OrganisationFilterSet
from samspil.organisations.forms import OrganisationForm
from samspil.organisations.models import Organisation, OrganisationMembership


def member_count():
    """An organisation's number of memberships, as a subquery for the rows a page shows."""
    counted = (
        OrganisationMembership.objects.filter(organisation=OuterRef("pk"))
        .order_by()
        .values("organisation")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


class OrganisationListView(ScopedListView):
    model = Organisation
    template_name = "organisations/organisation_list.html"

    def get_queryset(self):
        queryset = (
            super()
            .get_queryset()
            .select_related("municipality")
            # Counted per row shown (a subquery), not by grouping the whole register.
            .annotate(member_count=member_count())
            .order_by("name", "pk")
        )
        self.filterset = OrganisationFilterSet(self.request.GET or None, queryset=queryset)
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter"] = self.filterset
        context["query_string"] = self.request.GET.copy()
        context["query_string"].pop("page", None)
        return context


class OrganisationDetailView(ScopedDetailView):
    model = Organisation
    template_name = "organisations/organisation_detail.html"

    def get_base_queryset(self):
        return Organisation.objects.select_related("municipality__region")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["memberships"] = self.object.memberships.select_related("user").order_by(
            "user__first_name", "user__username"
        )
        # Only the partnerships the viewer may see are named.
        context["partnerships"] = self.object.partnerships.restrict(self.request.user)
        return context


class OrganisationCreateView(ScopedCreateView):
    model = Organisation
    form_class = OrganisationForm
    template_name = "organisations/organisation_form.html"
    success_message = _("The organisation %(object)s was created.")

    def save_with_service(self, form):
        return services.create_organisation(actor=self.request.user, **form.cleaned_data)

    def get_success_url(self):
        return reverse("organisations:detail", args=[self.object.pk])


class OrganisationUpdateView(ScopedUpdateView):
    model = Organisation
    form_class = OrganisationForm
    template_name = "organisations/organisation_form.html"
    success_message = _("The changes to %(object)s were saved.")

    def save_with_service(self, form):
        # Re-read the row so the service validates and saves exactly what the form changed.
        organisation = Organisation.objects.get(pk=self.object.pk)
        return services.update_organisation(
            actor=self.request.user, organisation=organisation, **form.cleaned_data
        )

    def get_success_url(self):
        return reverse("organisations:detail", args=[self.object.pk])
