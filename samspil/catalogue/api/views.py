from django.db import transaction
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import api_view
from rest_framework.response import Response

from samspil.catalogue import services
from samspil.catalogue.api.serializers import (
    CompetenceAreaSerializer,
    MatchQuerySerializer,
    MatchSerializer,
    OfferingSerializer,
    ProviderSerializer,
)
from samspil.catalogue.matching import rank
from samspil.catalogue.models import CompetenceArea, Offering, Provider
from samspil.companies.models import Company
from samspil.core.api import ScopedModelViewSet
from samspil.core.audit import acting_as
from samspil.core.services import delete_record, save_record


class CatalogueViewSet(ScopedModelViewSet):
    """Everyone reads the catalogue; operators keep it."""

    http_method_names = [*ScopedModelViewSet.http_method_names, "delete"]

    def create_record(self, serializer):
        self._save(serializer, self.queryset.model())

    def update_record(self, serializer):
        self._save(serializer, serializer.instance)

    def _save(self, serializer, instance):
        data = dict(serializer.validated_data)
        relations = {k: data.pop(k) for k in ("competence_areas", "esco_skills") if k in data}
        with transaction.atomic(), acting_as(self.request.user):
            serializer.instance = save_record(instance, actor=self.request.user, **data)
            for name, values in relations.items():
                getattr(serializer.instance, name).set(values)

    def destroy_record(self, instance):
        delete_record(instance, actor=self.request.user)


class CompetenceAreaViewSet(CatalogueViewSet):
    queryset = CompetenceArea.objects.prefetch_related("esco_skills")
    serializer_class = CompetenceAreaSerializer


class ProviderViewSet(CatalogueViewSet):
    queryset = Provider.objects.select_related("municipality")
    serializer_class = ProviderSerializer


class OfferingViewSet(CatalogueViewSet):
    queryset = Offering.objects.select_related("provider", "municipality").prefetch_related(
        "competence_areas", "esco_skills"
    )
    serializer_class = OfferingSerializer
    filterset_fields = ["kind", "provider", "competence_areas"]

    def _save(self, serializer, instance):
        """Through the catalogue's service, which also stores the offering's vector."""
        data = dict(serializer.validated_data)
        relations = {k: data.pop(k) for k in ("competence_areas", "esco_skills") if k in data}
        serializer.instance = services.save_offering(
            instance, actor=self.request.user, m2m=relations, **data
        )

    def destroy_record(self, instance):
        services.delete_offering(instance, actor=self.request.user)


@extend_schema(parameters=[MatchQuerySerializer], responses=MatchSerializer(many=True))
@api_view(["GET"])
def match(request, version=None):
    """Offerings ranked for a need, with the reasons; `company` (id) counts nearness."""
    query = MatchQuerySerializer(data=request.query_params)
    query.is_valid(raise_exception=True)
    data = query.validated_data
    company = Company.objects.restrict(request.user).filter(pk=data.get("company")).first()
    matches = rank(
        data["need"],
        company=company,
        level_from=data.get("level_from", ""),
        level_to=data.get("level_to", ""),
        horizon=data.get("horizon"),
        top=data["top"],
    )
    return Response([m.as_dict() for m in matches])
