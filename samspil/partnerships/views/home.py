"""The start page: the signed-in user's organisations, partnerships, projects and the open
cases that name them (the partnerships app knows all three kinds of membership)."""

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.views import generic

from samspil.organisations.models import OrganisationMembership
from samspil.partnerships.models import Case, PartnershipMembership
from samspil.programmes.models import ProjectMembership


class HomeView(generic.TemplateView):
    """The start page: the signed-in user's organisations, partnerships and projects."""

    template_name = "core/home.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        context = super().get_context_data(**kwargs)
        context["organisation_memberships"] = OrganisationMembership.objects.filter(
            user=user
        ).select_related("organisation", "organisation__municipality")
        context["partnership_memberships"] = PartnershipMembership.objects.filter(
            user=user
        ).select_related("partnership", "partnership__secretariat")
        context["project_memberships"] = (
            ProjectMembership.objects.filter(user=user)
            .select_related("project", "project__operator")
            .prefetch_related(Prefetch("project__partnerships"))
        )
        # Open cases where a decision names the user: what the partnership asked them to do.
        context["my_cases"] = (
            Case.objects.open()
            .filter(decisions__consultants=user)
            .distinct()
            .select_related("company", "partnership")
            .order_by("follow_up_on", "-referred_on")
        )
        context["page_title"] = _("Start")
        return context
