from rest_framework import serializers

from samspil.core import scoping
from samspil.organisations.api.serializers import MembershipSerializer, ScopedTargetField
from samspil.programmes.models import (
    BudgetLine,
    Programme,
    Project,
    ProjectMembership,
    Spend,
    Target,
)


class ProjectSerializer(serializers.ModelSerializer):
    class Meta:
        model = Project
        fields = [
            "id",
            "code",
            "name",
            "journal_number",
            "fund",
            "operator",
            "start_date",
            "end_date",
            "description",
        ]
        read_only_fields = fields


class ProjectMembershipSerializer(MembershipSerializer):
    project = ScopedTargetField(queryset=Project.objects.all())

    class Meta(MembershipSerializer.Meta):
        model = ProjectMembership
        target = "project"
        fields = [*MembershipSerializer.Meta.fields, "project"]


class ProgrammeSerializer(serializers.ModelSerializer):
    projects = serializers.SerializerMethodField(
        help_text="The programme's projects the user may see."
    )

    class Meta:
        model = Programme
        fields = ["id", "code", "name", "fund", "owner", "description", "projects"]
        read_only_fields = fields

    def get_projects(self, programme) -> list[int]:
        # Prefetched by the viewset with the user's scope (``visible_projects``).
        return [project.pk for project in programme.visible_projects]


class TargetSerializer(serializers.ModelSerializer):
    project = ScopedTargetField(queryset=Project.objects.all())

    class Meta:
        model = Target
        fields = ["id", "project", "indicator", "value", "due_on", "note"]


class VisibleBudgetLineField(serializers.PrimaryKeyRelatedField):
    """A budget line of a project the requesting user may see; others do not exist."""

    def get_queryset(self):
        visible = Project.objects.restrict(self.context["request"].user, scoping.VIEW)
        return BudgetLine.objects.filter(project__in=visible)


class SpendSerializer(serializers.ModelSerializer):
    line = VisibleBudgetLineField()
    project = serializers.IntegerField(source="line.project_id", read_only=True)

    class Meta:
        model = Spend
        fields = ["id", "line", "project", "period_start", "period_end", "amount", "note"]


# The progress dashboards (read-only; these describe what ``api.progress`` builds) -----------


class ProgressTargetSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    indicator = serializers.CharField()
    label = serializers.CharField()
    value = serializers.DecimalField(max_digits=12, decimal_places=2)
    due_on = serializers.DateField()
    points = serializers.ListField(
        child=serializers.FloatField(), help_text="The actual at each of the dashboard's dates."
    )
    actual = serializers.FloatField(help_text="Computed from the records, never typed in.")
    reached = serializers.IntegerField(allow_null=True, help_text="Per cent of the target.")
    forecast = serializers.FloatField(
        allow_null=True, help_text="The figure at the due date if the current pace goes on."
    )
    status = serializers.CharField(
        help_text="One of reached, on_track, at_risk, missed, not_started."
    )


class ProjectProgressSerializer(serializers.Serializer):
    project = serializers.IntegerField()
    code = serializers.CharField()
    time_share = serializers.IntegerField(
        allow_null=True, help_text="Per cent of the project's period elapsed."
    )
    budget_total = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    financing_total = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    spent_total = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    problems = serializers.ListField(
        child=serializers.CharField(), help_text="Where the budget does not add up."
    )
    targets = ProgressTargetSerializer(many=True)


class ProjectDashboardSerializer(ProjectProgressSerializer):
    dates = serializers.ListField(
        child=serializers.DateField(), help_text="The status-report dates and today."
    )


class ProgressWarningSerializer(serializers.Serializer):
    project = serializers.IntegerField()
    message = serializers.CharField()


class ProgrammeDashboardSerializer(serializers.Serializer):
    dates = serializers.ListField(child=serializers.DateField())
    budget_total = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    financing_total = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    spent_total = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    warnings = ProgressWarningSerializer(many=True)
    projects = ProjectProgressSerializer(many=True)
