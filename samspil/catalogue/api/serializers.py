from rest_framework import serializers

from samspil.catalogue.models import CompetenceArea, EscoSkill, Offering, Provider
from samspil.core.models import Municipality


class CompetenceAreaSerializer(serializers.ModelSerializer):
    esco_skills = serializers.SlugRelatedField(
        slug_field="uri", many=True, queryset=EscoSkill.objects.all(), required=False
    )

    class Meta:
        model = CompetenceArea
        fields = ["id", "name", "description", "keywords", "esco_skills"]


class ProviderSerializer(serializers.ModelSerializer):
    municipality = serializers.SlugRelatedField(
        slug_field="code", queryset=Municipality.objects.all(), allow_null=True, required=False
    )

    class Meta:
        model = Provider
        fields = ["id", "name", "kind", "municipality"]


class OfferingSerializer(serializers.ModelSerializer):
    provider_name = serializers.CharField(source="provider.name", read_only=True)
    competence_areas = serializers.SlugRelatedField(
        slug_field="name", many=True, queryset=CompetenceArea.objects.all(), required=False
    )
    esco_skills = serializers.SlugRelatedField(
        slug_field="uri", many=True, queryset=EscoSkill.objects.all(), required=False
    )
    municipality = serializers.SlugRelatedField(
        slug_field="code", queryset=Municipality.objects.all(), allow_null=True, required=False
    )

    class Meta:
        model = Offering
        fields = [
            "id",
            "code",
            "title",
            "kind",
            "provider",
            "provider_name",
            "description",
            "competence_areas",
            "esco_skills",
            "level_from",
            "level_to",
            "duration_days",
            "language",
            "municipality",
            "next_start",
            "qualification_granting",
        ]


class MatchQuerySerializer(serializers.Serializer):
    need = serializers.CharField()
    company = serializers.IntegerField(required=False)
    level_from = serializers.CharField(required=False, allow_blank=True)
    level_to = serializers.CharField(required=False, allow_blank=True)
    horizon = serializers.DateField(required=False)
    top = serializers.IntegerField(required=False, min_value=1, max_value=100, default=10)


class MatchSerializer(serializers.Serializer):
    code = serializers.CharField()
    title = serializers.CharField()
    provider = serializers.CharField()
    score = serializers.FloatField(help_text="Calibrated probability that the course is right.")
    percent = serializers.IntegerField()
    reasons = serializers.ListField(child=serializers.CharField())
