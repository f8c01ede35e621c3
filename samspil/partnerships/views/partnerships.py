from django.db.models import Count

from samspil.core.views import ScopedDetailView, ScopedListView
from samspil.partnerships.models import Case, Partnership
from samspil.partnerships.scoping import member_of_partnership


class PartnershipListView(ScopedListView):
    model = Partnership
    template_name = "partnerships/partnership_list.html"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("secretariat")
            .annotate(
                organisation_count=Count("organisations", distinct=True),
                member_count=Count("memberships", distinct=True),
            )
            .order_by("name", "pk")
        )


class PartnershipDetailView(ScopedDetailView):
    model = Partnership
    template_name = "partnerships/partnership_detail.html"

    def get_base_queryset(self):
        return Partnership.objects.select_related("secretariat").prefetch_related("municipalities")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["organisations"] = self.object.organisations.select_related("municipality")
        context["memberships"] = self.object.memberships.select_related("user")
        # Every project the partnership works under, linked where the user may open it.
        context["projects"] = self.object.projects.order_by("name")
        context["visible_projects"] = set(
            self.object.projects.restrict(self.request.user).values_list("pk", flat=True)
        )
        partnership = self.object
        context["open_cases"] = (
            Case.objects.open()
            .filter(partnership=partnership)
            .select_related("company")
            .order_by("follow_up_on", "-referred_on")[:20]
        )
        context["meetings"] = partnership.meetings.order_by("-date")[:5]
        context["rounds"] = partnership.evaluation_rounds.order_by("-opens_on")[:3]
        context["notes"] = partnership.learning_notes.order_by("-noted_on")[:5]
        context["is_member"] = member_of_partnership(self.request.user, partnership)
        return context
