from rest_framework import serializers

from samspil.organisations.api.serializers import MembershipSerializer, ScopedTargetField
from samspil.programmes.models import Project, ProjectMembership


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
