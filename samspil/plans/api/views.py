from django.db.models import Prefetch
from rest_framework import viewsets

from samspil.core import scoping
from samspil.plans.api.serializers import PlanSerializer
from samspil.plans.models import CompetencePlan, PlanNeed


class PlanViewSet(viewsets.ReadOnlyModelViewSet):
    """Competence supply plans with their needs, for the project's team."""

    queryset = CompetencePlan.objects.prefetch_related(
        Prefetch("needs", PlanNeed.objects.select_related("area").prefetch_related("offerings"))
    ).order_by("company__name", "-version")
    serializer_class = PlanSerializer
    filterset_fields = ["company", "project", "status"]

    def get_queryset(self):
        return super().get_queryset().restrict(self.request.user, scoping.VIEW)
