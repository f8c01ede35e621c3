from django.contrib.auth import get_user_model
from rest_framework import serializers

from samspil.companies.models import Company
from samspil.organisations.api.serializers import MembershipSerializer, ScopedTargetField
from samspil.organisations.models import Organisation, System
from samspil.partnerships.models import (
    DIMENSION_CODES,
    Case,
    CaseDecision,
    EvaluationRound,
    LearningNote,
    Meeting,
    Partnership,
    PartnershipMembership,
)
from samspil.programmes.models import Project, Tool

USERS = get_user_model().objects.filter(is_active=True)


class PartnershipSerializer(serializers.ModelSerializer):
    municipalities = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = Partnership
        fields = [
            "id",
            "code",
            "name",
            "description",
            "secretariat",
            "organisations",
            "municipalities",
            "projects",
        ]
        read_only_fields = fields


class PartnershipMembershipSerializer(MembershipSerializer):
    partnership = ScopedTargetField(queryset=Partnership.objects.all())

    class Meta(MembershipSerializer.Meta):
        model = PartnershipMembership
        target = "partnership"
        fields = [
            *MembershipSerializer.Meta.fields,
            "partnership",
            "in_steering_group",
            "in_consultant_group",
        ]


class DecisionSerializer(serializers.ModelSerializer):
    systems = serializers.ListField(
        child=serializers.ChoiceField(choices=System.choices), required=False
    )
    consultants = serializers.SlugRelatedField(
        slug_field="username", many=True, queryset=USERS, required=False
    )
    project = serializers.PrimaryKeyRelatedField(
        queryset=Project.objects.all(), allow_null=True, required=False
    )
    tools = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Tool.objects.all(), required=False
    )
    meeting = ScopedTargetField(queryset=Meeting.objects.all(), allow_null=True, required=False)

    class Meta:
        model = CaseDecision
        fields = [
            "id",
            "text",
            "systems",
            "consultants",
            "project",
            "tools",
            "meeting",
            "created_at",
        ]
        read_only_fields = ["created_at"]


class CaseSerializer(serializers.ModelSerializer):
    partnership = ScopedTargetField(queryset=Partnership.objects.all())
    company = serializers.PrimaryKeyRelatedField(queryset=Company.objects.all())
    referred_by = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), allow_null=True, required=False
    )
    decisions = DecisionSerializer(many=True, read_only=True)

    class Meta:
        model = Case
        fields = [
            "id",
            "partnership",
            "company",
            "referred_by",
            "referred_on",
            "need",
            "status",
            "follow_up_on",
            "outcome",
            "decided_on",
            "decisions",
            "created_at",
        ]
        read_only_fields = ["decided_on", "created_at"]


class MeetingSerializer(serializers.ModelSerializer):
    partnership = ScopedTargetField(queryset=Partnership.objects.all())
    attendees = serializers.SlugRelatedField(
        slug_field="username", many=True, queryset=USERS, required=False
    )
    cases = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Case.objects.all(), required=False
    )

    class Meta:
        model = Meeting
        fields = ["id", "partnership", "date", "place", "status", "attendees", "minutes", "cases"]


class EvaluationRoundSerializer(serializers.ModelSerializer):
    partnership = ScopedTargetField(queryset=Partnership.objects.all())
    responses = serializers.IntegerField(source="responses.count", read_only=True)

    class Meta:
        model = EvaluationRound
        fields = ["id", "partnership", "title", "opens_on", "closes_on", "responses"]


class EvaluationAnswerSerializer(serializers.Serializer):
    """A member's ratings: each dimension 1 (canteen), 2 (club) or 3 (company)."""

    ratings = serializers.DictField(
        child=serializers.IntegerField(),
        help_text="One entry per dimension: " + ", ".join(DIMENSION_CODES),
    )
    comments = serializers.DictField(child=serializers.CharField(allow_blank=True), required=False)


class LearningNoteSerializer(serializers.ModelSerializer):
    partnership = ScopedTargetField(queryset=Partnership.objects.all())

    class Meta:
        model = LearningNote
        fields = [
            "id",
            "partnership",
            "project",
            "title",
            "noted_on",
            "tried",
            "for_whom",
            "context",
            "result",
            "evidence",
            "tags",
            "success_story",
            "publish",
        ]


class ToolSerializer(serializers.ModelSerializer):
    project = ScopedTargetField(queryset=Project.objects.all())

    class Meta:
        model = Tool
        fields = ["id", "project", "name", "description", "position"]
