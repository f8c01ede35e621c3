from django.db.models import Prefetch
from rest_framework import viewsets

from samspil.core import scoping
from samspil.organisations.api.views import MembershipViewSet
from samspil.partnerships.api.serializers import (
    PartnershipMembershipSerializer,
    PartnershipSerializer,
)
from samspil.partnerships.models import Partnership, PartnershipMembership
from samspil.programmes.models import Project


class PartnershipViewSet(viewsets.ReadOnlyModelViewSet):
    """Partnerships (LKS) the user is a member of, or that work under projects they operate."""

    queryset = Partnership.objects.prefetch_related("organisations", "municipalities")
    serializer_class = PartnershipSerializer

    def get_queryset(self):
        # Only the projects the user may see are listed, so others' existence does not leak.
        visible_projects = Project.objects.restrict(self.request.user, scoping.VIEW)
        return (
            super()
            .get_queryset()
            .restrict(self.request.user, scoping.VIEW)
            .prefetch_related(Prefetch("projects", queryset=visible_projects))
        )


class PartnershipMembershipViewSet(MembershipViewSet):
    queryset = PartnershipMembership.objects.select_related("user", "partnership")
    serializer_class = PartnershipMembershipSerializer
    filterset_fields = ["role", "partnership"]
