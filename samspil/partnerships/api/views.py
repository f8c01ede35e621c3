from rest_framework import viewsets

from samspil.core import scoping
from samspil.organisations.api.views import MembershipViewSet
from samspil.partnerships.api.serializers import (
    PartnershipMembershipSerializer,
    PartnershipSerializer,
)
from samspil.partnerships.models import Partnership, PartnershipMembership


class PartnershipViewSet(viewsets.ReadOnlyModelViewSet):
    """Partnerships (LKS) the user is a member of, or that work under projects they operate."""

    queryset = Partnership.objects.prefetch_related("organisations", "municipalities", "projects")
    serializer_class = PartnershipSerializer

    def get_queryset(self):
        return super().get_queryset().restrict(self.request.user, scoping.VIEW)


class PartnershipMembershipViewSet(MembershipViewSet):
    queryset = PartnershipMembership.objects.select_related("user", "partnership")
    serializer_class = PartnershipMembershipSerializer
    filterset_fields = ["role", "partnership"]
