from rest_framework import serializers

from samspil.organisations.api.serializers import MembershipSerializer, ScopedTargetField
from samspil.partnerships.models import Partnership, PartnershipMembership


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
        fields = [*MembershipSerializer.Meta.fields, "partnership"]
