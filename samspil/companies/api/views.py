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
from samspil.core.api import KeysetPagination, ScopedModelViewSet


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
    pagination_class = KeysetPagination

    def create_record(self, serializer):
        serializer.instance = services.create_company(
            actor=self.request.user, **serializer.validated_data
        )

    def update_record(self, serializer):
        serializer.instance = services.update_company(
            actor=self.request.user, company=serializer.instance, **serializer.validated_data
        )


class ContactPersonViewSet(ScopedModelViewSet):
    # By company (id) and name: the index on (company, name) answers a page by position.
    queryset = ContactPerson.objects.select_related("company").order_by("company_id", "name", "pk")
    serializer_class = ContactPersonSerializer
    pagination_class = KeysetPagination
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
    queryset = Cluster.objects.prefetch_related(
        Prefetch("companies", Company.objects.only("pk")), "projects"
    ).order_by("name", "pk")
    serializer_class = ClusterSerializer
    pagination_class = KeysetPagination

    def create_record(self, serializer):
        serializer.instance = services.save_cluster(
            actor=self.request.user, **serializer.validated_data
        )

    def update_record(self, serializer):
        serializer.instance = services.save_cluster(
            actor=self.request.user, cluster=serializer.instance, **serializer.validated_data
        )


class DetailsVisible:
    """The contacts whose details ``user`` may read, asked of the database for one page of
    contacts at once (one query), or for a single contact when it is asked about."""

    def __init__(self, user, contacts=()):
        self.user = user
        self.known: dict[int, bool] = {}
        ids = [contact.pk for contact in contacts]
        if ids:
            visible = set(self._visible(ids))
            self.known = {pk: pk in visible for pk in ids}

    def _visible(self, ids):
        return (
            Contact.objects.filter(pk__in=ids)
            .restrict(self.user, scoping.DETAILS)
            .values_list("pk", flat=True)
        )

    def __contains__(self, pk) -> bool:
        if pk is None:
            return False
        if pk not in self.known:
            self.known[pk] = bool(list(self._visible([pk])))
        return self.known[pk]


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
    pagination_class = KeysetPagination

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if not hasattr(self, "details_visible"):
            self.details_visible = DetailsVisible(self.request.user)
        context["details_visible"] = self.details_visible
        return context

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        if page is not None:
            self.details_visible = DetailsVisible(self.request.user, page)
        return page

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
