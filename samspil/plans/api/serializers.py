from rest_framework import serializers

from samspil.catalogue.models import CompetenceArea
from samspil.plans.models import CompetencePlan, PlanNeed


class PlanNeedSerializer(serializers.ModelSerializer):
    area = serializers.SlugRelatedField(slug_field="name", queryset=CompetenceArea.objects.all())

    class Meta:
        model = PlanNeed
        fields = [
            "id",
            "plan",
            "area",
            "description",
            "current_level",
            "target_level",
            "priority",
            "horizon",
            "employees",
            "source",
            "notes",
            "offerings",
        ]
        read_only_fields = ["plan", "offerings"]


class PlanSerializer(serializers.ModelSerializer):
    needs = PlanNeedSerializer(many=True, read_only=True)

    class Meta:
        model = CompetencePlan
        fields = [
            "id",
            "company",
            "project",
            "version",
            "status",
            "agreed_on",
            "agreed_by",
            "based_on",
            "needs",
        ]
        read_only_fields = fields
