from django.db.models import Prefetch
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from samspil.core import scoping
from samspil.core.api import ScopedModelViewSet, call_service
from samspil.core.permissions import ScopedPermission
from samspil.core.services import ensure_can, save_record
from samspil.organisations.api.views import MembershipViewSet
from samspil.partnerships.api.serializers import ToolSerializer
from samspil.programmes import budget as budgets
from samspil.programmes import progress, services
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

    @extend_schema(responses=ProjectDashboardSerializer)
    @action(detail=True, methods=["get"])
    def progress(self, request, pk=None, version=None):
        """Targets against actuals computed from the records at each status-report date, the
        forecast at the current pace, and budget, financing and spend."""
        project = self.get_object()
        return Response(progress_data.project_progress(project, timezone.localdate()))


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
        projects = programme.projects.restrict(request.user).order_by("name", "pk")
        return Response(progress_data.programme_progress(programme, projects, timezone.localdate()))


class ProjectRecordPermission(ScopedPermission):
    """For records that belong to a project and have no scoping rule of their own: writes to
    one are checked against its project (the services check again)."""

    def has_object_permission(self, request, view, obj) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        return scoping.can(request.user, scoping.CHANGE, view.project_of(obj))


class ProjectRecordViewSet(viewsets.GenericViewSet):
    """Records of the projects the user may see; writes go through the services."""

    http_method_names = ["get", "post", "patch", "put", "delete", "head", "options"]
    permission_classes = [ProjectRecordPermission]
    project_path = "project"

    def get_queryset(self):
        visible = Project.objects.restrict(self.request.user, scoping.VIEW)
        return super().get_queryset().filter(**{f"{self.project_path}__in": visible})

    def may_create(self, request) -> bool:
        return True  # the service checks the project

    def project_of(self, obj) -> Project:
        raise NotImplementedError  # pragma: no cover


class TargetViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    ProjectRecordViewSet,
):
    """Projects' targets: the team reads them, operators keep them. A target measures a known
    indicator by a date inside the project; its actual is computed (see ``progress``)."""

    queryset = Target.objects.select_related("project").order_by(
        "project", "indicator", "due_on", "pk"
    )
    serializer_class = TargetSerializer
    filterset_fields = ["project", "indicator"]

    def project_of(self, obj) -> Project:
        return obj.project

    def perform_create(self, serializer):
        target = Target(**serializer.validated_data)
        serializer.instance = call_service(
            progress.save_target, actor=self.request.user, target=target
        )

    def perform_update(self, serializer):
        # ProjectRecordPermission has checked the project the target belongs to now; the
        # service checks the one it is saved under.
        target = serializer.instance
        for name, value in serializer.validated_data.items():
            setattr(target, name, value)
        serializer.instance = call_service(
            progress.save_target, actor=self.request.user, target=target
        )

    def perform_destroy(self, instance):
        call_service(services.remove_target, actor=self.request.user, target=instance)


class SpendViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    ProjectRecordViewSet,
):
    """Actual spend per budget line and period: the team reads it, operators record and
    remove it."""

    http_method_names = ["get", "post", "delete", "head", "options"]
    queryset = Spend.objects.select_related("line").order_by("period_start", "pk")
    serializer_class = SpendSerializer
    filterset_fields = ["line"]
    project_path = "line__project"

    def project_of(self, obj) -> Project:
        return obj.line.project

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = call_service(
            services.record_spend,
            actor=self.request.user,
            line=data["line"],
            period_start=data["period_start"],
            period_end=data["period_end"],
            amount=data["amount"],
            note=data.get("note", ""),
        )

    def perform_destroy(self, instance):
        call_service(services.remove_spend, actor=self.request.user, spend=instance)


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
