from django.db.models import Prefetch

from samspil.companies import services
from samspil.companies.api.serializers import (
    ClusterSerializer,
    CompanySerializer,
    ContactPersonSerializer,
    ContactSerializer,
)
from samspil.companies.filtersets import CompanyFilterSet, ContactFilterSet
from samspil.companies.models import Cluster, Company, Contact, ContactPerson
from samspil.core import scoping
from samspil.core.api import ScopedModelViewSet


class CompanyViewSet(ScopedModelViewSet):
    """The company register: every signed-in user reads it; practitioners keep it."""

    queryset = (
        Company.objects.with_last_contact()
        .select_related("municipality")
        .prefetch_related(Prefetch("clusters", Cluster.objects.only("pk")))
        .order_by("name", "pk")
    )
    serializer_class = CompanySerializer
    filterset_class = CompanyFilterSet

    def create_record(self, serializer):
        serializer.instance = services.create_company(
            actor=self.request.user, **serializer.validated_data
        )

    def update_record(self, serializer):
        serializer.instance = services.update_company(
            actor=self.request.user, company=serializer.instance, **serializer.validated_data
        )


class ContactPersonViewSet(ScopedModelViewSet):
    queryset = ContactPerson.objects.select_related("company").order_by("company__name", "name")
    serializer_class = ContactPersonSerializer
    filterset_fields = ["company"]

    def create_record(self, serializer):
        data = dict(serializer.validated_data)
        serializer.instance = services.save_contact_person(
            actor=self.request.user, company=data.pop("company"), **data
        )

    def update_record(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("company", None)
        serializer.instance = services.save_contact_person(
            actor=self.request.user,
            company=serializer.instance.company,
            person=serializer.instance,
            **data,
        )


class ClusterViewSet(ScopedModelViewSet):
    queryset = Cluster.objects.prefetch_related("companies", "projects").order_by("name")
    serializer_class = ClusterSerializer

    def create_record(self, serializer):
        serializer.instance = services.save_cluster(
            actor=self.request.user, **serializer.validated_data
        )

    def update_record(self, serializer):
        serializer.instance = services.save_cluster(
            actor=self.request.user, cluster=serializer.instance, **serializer.validated_data
        )


class ContactViewSet(ScopedModelViewSet):
    """Every contact with a company: the coordination timeline. ``purpose``, ``notes``,
    ``next_step`` and ``outcome`` are null where the caller may not see them."""

    queryset = (
        Contact.objects.select_related("company")
        .prefetch_related("organisations", "consultants")
        .order_by("-date", "-pk")
    )
    serializer_class = ContactSerializer
    filterset_class = ContactFilterSet
    filterset_fields = None

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["details_visible"] = set(
            Contact.objects.restrict(self.request.user, scoping.DETAILS).values_list(
                "pk", flat=True
            )
        )
        return context

    def _arguments(self, serializer):
        data = dict(serializer.validated_data)
        instance = serializer.instance
        organisations = data.pop("organisations", None)
        consultants = data.pop("consultants", None)
        if organisations is None:
            organisations = list(instance.organisations.all()) if instance else []
        if consultants is None:
            consultants = list(instance.consultants.all()) if instance else []
        return dict(data, organisations=organisations, consultants=consultants)

    def create_record(self, serializer):
        serializer.instance = services.save_contact(
            actor=self.request.user, **self._arguments(serializer)
        )

    def update_record(self, serializer):
        serializer.instance = services.save_contact(
            actor=self.request.user, contact=serializer.instance, **self._arguments(serializer)
        )
