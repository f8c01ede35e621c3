from django.core.paginator import Paginator
from django.db.models import Count
from django.utils.translation import gettext_lazy

from samspil.companies import services
from samspil.companies.forms import ClusterForm
from samspil.companies.models import Cluster, Company
from samspil.core.views import (
    ScopedCreateView,
    ScopedDetailView,
    ScopedListView,
    ScopedUpdateView,
)

MEMBERS_PAGE_SIZE = 50


class ClusterListView(ScopedListView):
    model = Cluster
    template_name = "companies/cluster_list.html"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("mother_company")
            .annotate(member_count=Count("companies", distinct=True))
            .order_by("name", "pk")
        )


class ClusterDetailView(ScopedDetailView):
    model = Cluster
    template_name = "companies/cluster_detail.html"

    def get_base_queryset(self):
        return Cluster.objects.select_related("mother_company")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        members = (
            self.object.companies.with_last_contact()
            .select_related("municipality")
            .order_by("name", "pk")
        )
        page = Paginator(members, MEMBERS_PAGE_SIZE).get_page(self.request.GET.get("page"))
        context["members_page"] = page
        context["companies"] = page.object_list
        context["projects"] = self.object.projects.order_by("name")
        return context


class ClusterFormMixin:
    model = Cluster
    form_class = ClusterForm
    template_name = "companies/cluster_form.html"

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields["mother_company"].queryset = Company.objects.order_by("name")
        form.fields["companies"].queryset = Company.objects.order_by("name")
        return form

    def get_success_url(self):
        return self.object.get_absolute_url()


class ClusterCreateView(ClusterFormMixin, ScopedCreateView):
    success_message = gettext_lazy("The cluster %(object)s was created.")

    def save_with_service(self, form):
        return services.save_cluster(actor=self.request.user, **form.cleaned_data)


class ClusterUpdateView(ClusterFormMixin, ScopedUpdateView):
    success_message = gettext_lazy("The changes to %(object)s were saved.")

    def save_with_service(self, form):
        return services.save_cluster(
            actor=self.request.user,
            cluster=Cluster.objects.get(pk=self.object.pk),
            **form.cleaned_data,
        )
