from django.db.models import Count

from samspil.core.views import ScopedDetailView, ScopedListView
from samspil.programmes.models import Project


class ProjectListView(ScopedListView):
    model = Project
    template_name = "programmes/project_list.html"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("operator")
            .annotate(member_count=Count("memberships", distinct=True))
            .order_by("name", "pk")
        )


class ProjectDetailView(ScopedDetailView):
    model = Project
    template_name = "programmes/project_detail.html"

    def get_base_queryset(self):
        return Project.objects.select_related("operator")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["memberships"] = self.object.memberships.select_related("user")
        context["partnerships"] = self.object.partnerships.restrict(self.request.user)
        return context
