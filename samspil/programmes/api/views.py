from rest_framework import viewsets

from samspil.core import scoping
from samspil.core.api import ScopedModelViewSet
from samspil.core.services import ensure_can, save_record
from samspil.organisations.api.views import MembershipViewSet
from samspil.partnerships.api.serializers import ToolSerializer
from samspil.programmes import services
from samspil.programmes.api.serializers import ProjectMembershipSerializer, ProjectSerializer
from samspil.programmes.models import Project, ProjectMembership, Tool


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


class ToolViewSet(ScopedModelViewSet):
    """Projects' toolboxes: everyone reads them; a project's operators keep its own."""

    queryset = Tool.objects.select_related("project")
    serializer_class = ToolSerializer
    filterset_fields = ["project"]

    def may_create(self, request) -> bool:
        return True  # the service checks the project

    def create_record(self, serializer):
        data = dict(serializer.validated_data)
        serializer.instance = services.add_tool(
            actor=self.request.user, project=data.pop("project"), **data
        )

    def update_record(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("project", None)
        tool = serializer.instance
        ensure_can(self.request.user, scoping.CHANGE, tool.project)
        serializer.instance = save_record(tool, actor=self.request.user, **data)

    def destroy_record(self, instance):
        services.remove_tool(actor=self.request.user, tool=instance)
