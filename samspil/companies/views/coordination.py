from django.views import generic

from samspil.companies.coordination import Quarter, coordination_overview


class CoordinationOverviewView(generic.TemplateView):
    """For coordinators: companies over their contact budget, and companies approached by three
    or more organisations without a joint visit, quarter by quarter."""

    template_name = "companies/coordination_overview.html"

    def get_context_data(self, **kwargs):
        quarter = Quarter.parse(self.request.GET.get("quarter"))
        return super().get_context_data(**coordination_overview(quarter), **kwargs)
