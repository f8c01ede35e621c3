from rest_framework import serializers

from samspil.participants.models import (
    EducationPlan,
    Enrolment,
    Participant,
    PriorLearningAssessment,
    SchoolPeriod,
)


class ParticipantSerializer(serializers.ModelSerializer):
    """The identifier only masked: the clear text leaves only through logged exports."""

    class Meta:
        model = Participant
        fields = [
            "id",
            "identifier_type",
            "identifier_masked",
            "name",
            "gender",
            "birth_date",
            "email",
            "phone",
            "employer",
            "jobcentre",
            "anonymised_at",
        ]
        read_only_fields = fields


class EnrolmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Enrolment
        exclude = ["created_at", "updated_at"]
        read_only_fields = [f.name for f in Enrolment._meta.concrete_fields]


class AssessmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = PriorLearningAssessment
        fields = [
            "id",
            "enrolment",
            "school",
            "education",
            "assessed_on",
            "assessor",
            "merit",
            "track",
            "length_weeks",
            "notes",
        ]


class SchoolPeriodSerializer(serializers.ModelSerializer):
    class Meta:
        model = SchoolPeriod
        fields = ["start", "end"]


class EducationPlanSerializer(serializers.ModelSerializer):
    periods = SchoolPeriodSerializer(many=True, required=False)

    class Meta:
        model = EducationPlan
        fields = [
            "id",
            "enrolment",
            "education",
            "provider",
            "assessment",
            "subjects",
            "start_date",
            "expected_end_date",
            "periods",
            "danish_requirement",
            "maths_requirement",
            "preparatory_course",
            "status",
            "ended_on",
        ]
