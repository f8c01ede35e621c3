from django.db.models import Prefetch
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from samspil.core import scoping
from samspil.core.api import ScopedModelViewSet, call_service
from samspil.organisations.api.views import MembershipViewSet
from samspil.partnerships.api.serializers import ToolSerializer
from samspil.programmes import budget as budgets
from samspil.programmes import services
from samspil.programmes.api import progress as progress_data
from samspil.programmes.api.serializers import (
    ProgrammeDashboardSerializer,
    ProgrammeSerializer,
    ProjectDashboardSerializer,
    ProjectMembershipSerializer,
    ProjectSerializer,
    SpendSerializer,
    TargetSerializer,
)
from samspil.programmes.models import Programme, Project, ProjectMembership, Spend, Target, Tool
from samspil.programmes.scoping import money_of


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
        year and match the co-financing rate, or nothing is saved. Read by the project's
        operators only."""
        project = self.get_object()
        if not scoping.can(request.user, scoping.CHANGE, project):
            raise PermissionDenied
        if request.method == "PUT":
            serializer = BudgetSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            call_service(
                services.save_budget,
                actor=request.user,
                project=project,
                **serializer.validated_data,
            )
        return Response(budgets.as_data(project))

    @extend_schema(responses=ProjectDashboardSerializer)
    @action(detail=True, methods=["get"])
    def progress(self, request, pk=None, version=None):
        """Targets against actuals computed from the records at each status-report date, the
        forecast at the current pace, and budget, financing and spend."""
        project = self.get_object()
        money = money_of(request.user, [project])
        return Response(progress_data.project_progress(project, timezone.localdate(), money))


class ProgrammeViewSet(viewsets.ReadOnlyModelViewSet):
    """The programmes of the projects on whose team the user is; ``projects`` lists only the
    projects the user may see."""

    queryset = Programme.objects.order_by("name", "pk")
    serializer_class = ProgrammeSerializer

    def get_queryset(self):
        user = self.request.user
        queryset = super().get_queryset().restrict(user, scoping.VIEW)
        if self.action in ("list", "retrieve"):
            visible = Project.objects.restrict(user, scoping.VIEW).order_by("name", "pk")
            queryset = queryset.prefetch_related(
                Prefetch(
                    "projects", queryset=visible.only("pk", "programme"), to_attr="visible_projects"
                )
            )
        return queryset

    @extend_schema(responses=ProgrammeDashboardSerializer)
    @action(detail=True, methods=["get"])
    def progress(self, request, pk=None, version=None):
        """The programme dashboard over the projects the user may see: each project's targets
        against actuals, budget totals and warnings for targets that will be missed."""
        programme = self.get_object()
        user = request.user
        projects = list(programme.projects.restrict(user).order_by("name", "pk"))
        money = money_of(user, projects)
        return Response(
            progress_data.programme_progress(programme, projects, timezone.localdate(), money)
        )


class TargetViewSet(ScopedModelViewSet):
    """Projects' targets: the team reads them, operators keep them. A target measures a known
    indicator by a date inside the project; its actual is computed (see ``progress``)."""

    http_method_names = [*ScopedModelViewSet.http_method_names, "delete"]
    queryset = Target.objects.select_related("project").order_by(
        "project", "indicator", "due_on", "pk"
    )
    serializer_class = TargetSerializer
    filterset_fields = ["project", "indicator"]

    def create_record(self, serializer):
        target = Target(**serializer.validated_data)
        serializer.instance = services.save_target(actor=self.request.user, target=target)

    def update_record(self, serializer):
        # The permission has checked the project the target belongs to now; the service
        # checks the one it is saved under.
        target = serializer.instance
        for name, value in serializer.validated_data.items():
            setattr(target, name, value)
        serializer.instance = services.save_target(actor=self.request.user, target=target)

    def destroy_record(self, instance):
        services.remove_target(actor=self.request.user, target=instance)


class SpendViewSet(ScopedModelViewSet):
    """Actual spend per budget line and period: the project's operators read, record and
    remove it."""

    http_method_names = ["get", "post", "delete", "head", "options"]
    queryset = Spend.objects.select_related("line").order_by("period_start", "pk")
    serializer_class = SpendSerializer
    filterset_fields = ["line"]

    def create_record(self, serializer):
        data = serializer.validated_data
        serializer.instance = services.record_spend(
            actor=self.request.user,
            line=data["line"],
            period_start=data["period_start"],
            period_end=data["period_end"],
            amount=data["amount"],
            note=data.get("note", ""),
        )

    def destroy_record(self, instance):
        services.remove_spend(actor=self.request.user, spend=instance)


class ProjectMembershipViewSet(MembershipViewSet):
    queryset = ProjectMembership.objects.select_related("user", "project")
    serializer_class = ProjectMembershipSerializer
    filterset_fields = ["role", "project"]


class ToolViewSet(ScopedModelViewSet):
    """Projects' toolboxes: everyone reads them; a project's operators keep its own."""

    http_method_names = [*ScopedModelViewSet.http_method_names, "delete"]
    queryset = Tool.objects.select_related("project")
    serializer_class = ToolSerializer
    filterset_fields = ["project"]

    def create_record(self, serializer):
        data = dict(serializer.validated_data)
        serializer.instance = services.add_tool(
            actor=self.request.user, project=data.pop("project"), **data
        )

    def update_record(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("project", None)
        serializer.instance = services.update_tool(
            actor=self.request.user, tool=serializer.instance, **data
        )

    def destroy_record(self, instance):
        services.remove_tool(actor=self.request.user, tool=instance)
