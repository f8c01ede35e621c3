from django.views import generic

from samspil.companies.coordination import Quarter, coordination_overview


class CoordinationOverviewView(generic.TemplateView):
    """For coordinators: companies over their contact budget, and companies approached by three
    or more organisations without a joint visit, quarter by quarter."""

    template_name = "companies/coordination_overview.html"

    def get_context_data(self, **kwargs):
        query = self.request.GET
        quarter = Quarter.parse(query.get("quarter"))
        overview = coordination_overview(
            quarter,
            over_budget_page=query.get("over_budget_page"),
            uncoordinated_page=query.get("uncoordinated_page"),
        )
        return super().get_context_data(**overview, **kwargs)
