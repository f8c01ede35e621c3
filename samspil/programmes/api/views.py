from rest_framework import viewsets

from samspil.core import scoping
from samspil.organisations.api.views import MembershipViewSet
from samspil.programmes.api.serializers import ProjectMembershipSerializer, ProjectSerializer
from samspil.programmes.models import Project, ProjectMembership


class ProjectViewSet(viewsets.ReadOnlyModelViewSet):
    """The projects on whose team the user is."""

    queryset = Project.objects.select_related("operator")
    serializer_class = ProjectSerializer

    def get_queryset(self):
        return super().get_queryset().restrict(self.request.user, scoping.VIEW)


class ProjectMembershipViewSet(MembershipViewSet):
    queryset = ProjectMembership.objects.select_related("user", "project")
    serializer_class = ProjectMembershipSerializer
    filterset_fields = ["role", "project"]
