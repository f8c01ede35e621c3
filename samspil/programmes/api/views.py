from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from samspil.core import scoping
from samspil.core.api import ScopedModelViewSet, call_service
from samspil.core.services import ensure_can, save_record
from samspil.organisations.api.views import MembershipViewSet
from samspil.partnerships.api.serializers import ToolSerializer
from samspil.programmes import budget as budgets
from samspil.programmes import services
from samspil.programmes.api.serializers import ProjectMembershipSerializer, ProjectSerializer
from samspil.programmes.models import Project, ProjectMembership, Tool


class BudgetSerializer(serializers.Serializer):
    lines = serializers.DictField(
        child=serializers.DictField(child=serializers.DecimalField(14, 2))
    )
    financing = serializers.DictField(
        child=serializers.DictField(child=serializers.DecimalField(14, 2))
    )


class ProjectViewSet(viewsets.ReadOnlyModelViewSet):
    """The projects on whose team the user is."""

    queryset = Project.objects.select_related("operator")
    serializer_class = ProjectSerializer

    def get_queryset(self):
        return super().get_queryset().restrict(self.request.user, scoping.VIEW)

    @extend_schema(request=BudgetSerializer, responses=BudgetSerializer)
    @action(detail=True, methods=["get", "put"])
    def budget(self, request, pk=None, version=None):
        """The budget ({line: {year: amount}}) and financing ({source: {year: amount}}).
        PUT replaces both as a whole (operators); financing must add up to the budget by
        year and match the co-financing rate, or nothing is saved."""
        project = self.get_object()
        if request.method == "PUT":
            serializer = BudgetSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            call_service(
                budgets.save_budget,
                actor=request.user,
                project=project,
                **serializer.validated_data,
            )
        return Response(budgets.as_data(project))


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
