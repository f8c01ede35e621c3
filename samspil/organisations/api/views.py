from samspil.core.api import ScopedModelViewSet
from samspil.organisations import services
from samspil.organisations.api.serializers import (
    OrganisationMembershipSerializer,
    OrganisationSerializer,
)
from samspil.organisations.filtersets import OrganisationFilterSet
from samspil.organisations.models import Organisation, OrganisationMembership


class OrganisationViewSet(ScopedModelViewSet):
    """Organisations of the three systems: every signed-in user reads; operators write."""

    http_method_names = [*ScopedModelViewSet.http_method_names, "delete"]
    queryset = Organisation.objects.select_related("municipality")
    serializer_class = OrganisationSerializer
    filterset_class = OrganisationFilterSet

    def create_record(self, serializer):
        serializer.instance = services.create_organisation(
            actor=self.request.user, **serializer.validated_data
        )

    def update_record(self, serializer):
        serializer.instance = services.update_organisation(
            actor=self.request.user, organisation=serializer.instance, **serializer.validated_data
        )

    def destroy_record(self, instance):
        services.delete_organisation(actor=self.request.user, organisation=instance)


class MembershipViewSet(ScopedModelViewSet):
    """Memberships of users in organisations, partnerships or projects, with their roles.
    Who may add, change and remove one, and which roles they may grant, is decided by the
    memberships' services (``organisations.services``)."""

    http_method_names = [*ScopedModelViewSet.http_method_names, "delete"]
    filterset_fields = ["role"]

    def create_record(self, serializer):
        data = dict(serializer.validated_data)
        target = data.pop(serializer.Meta.target)
        serializer.instance = services.add_member(actor=self.request.user, target=target, **data)

    def update_record(self, serializer):
        serializer.instance = services.change_member_role(
            actor=self.request.user,
            membership=serializer.instance,
            role=serializer.validated_data.get("role", serializer.instance.role),
        )

    def destroy_record(self, instance):
        services.remove_member(actor=self.request.user, membership=instance)


class OrganisationMembershipViewSet(MembershipViewSet):
    queryset = OrganisationMembership.objects.select_related("user", "organisation")
    serializer_class = OrganisationMembershipSerializer
    filterset_fields = ["role", "organisation"]
