from rest_framework import serializers

from samspil.companies.models import Cluster, Company
from samspil.discovery.models import (
    Answer,
    Invitation,
    NeedDecision,
    Statement,
    Survey,
    Workshop,
)
from samspil.organisations.api.serializers import ScopedTargetField
from samspil.programmes.models import Project


class WorkshopSerializer(serializers.ModelSerializer):
    project = ScopedTargetField(queryset=Project.objects.all())
    cluster = serializers.PrimaryKeyRelatedField(
        queryset=Cluster.objects.all(), allow_null=True, required=False
    )
    companies = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Company.objects.all(), required=False
    )

    class Meta:
        model = Workshop
        fields = [
            "id",
            "project",
            "cluster",
            "kind",
            "date",
            "theme",
            "facilitators",
            "companies",
            "attendees",
            "documentation",
        ]


class StatementSerializer(serializers.ModelSerializer):
    workshop = ScopedTargetField(queryset=Workshop.objects.all())

    class Meta:
        model = Statement
        fields = ["id", "workshop", "text", "theme", "position"]
        read_only_fields = ["position"]


class SurveySerializer(serializers.ModelSerializer):
    workshop = ScopedTargetField(queryset=Workshop.objects.all())
    statements = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Statement.objects.all(), required=False
    )
    questions = serializers.SlugRelatedField(many=True, slug_field="text", read_only=True)

    class Meta:
        model = Survey
        fields = [
            "id",
            "workshop",
            "title",
            "introduction",
            "statements",
            "questions",
            "deadline",
            "reminder_interval_days",
            "reminder_days_before_deadline",
            "status",
            "sent_at",
        ]
        read_only_fields = ["status", "sent_at"]


class InvitationSerializer(serializers.ModelSerializer):
    """Tracking of one personal link. The link itself is shown only to the survey's team, which
    is the only one that can read invitations at all."""

    company_name = serializers.CharField(source="company.name", read_only=True)
    link = serializers.SerializerMethodField()

    class Meta:
        model = Invitation
        fields = [
            "id",
            "survey",
            "company",
            "company_name",
            "email",
            "link",
            "invited_at",
            "opened_at",
            "answered_at",
            "reminded_at",
            "reminders",
            "withdrawn",
        ]
        read_only_fields = fields

    def get_link(self, invitation) -> str | None:
        # Only the project's operators see the link (``discovery.scoping``); the view logs it.
        if invitation.survey_id not in self.context.get("links_visible", ()):
            return None
        request = self.context.get("request")
        path = invitation.get_absolute_url()
        return request.build_absolute_uri(path) if request else path


class AnswerSerializer(serializers.ModelSerializer):
    company = serializers.IntegerField(source="invitation.company_id", read_only=True)

    class Meta:
        model = Answer
        fields = [
            "id",
            "statement",
            "company",
            "relevance",
            "dont_know",
            "need",
            "employees",
            "when",
            "comment",
        ]
        read_only_fields = fields


class NeedDecisionSerializer(serializers.ModelSerializer):
    survey = ScopedTargetField(queryset=Survey.objects.all())

    class Meta:
        model = NeedDecision
        fields = [
            "id",
            "survey",
            "statement",
            "company",
            "workshop",
            "kind",
            "responsible",
            "status",
            "due_on",
            "note",
        ]
