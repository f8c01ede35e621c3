from django.contrib.auth import get_user_model
from rest_framework import serializers

from samspil.core import scoping
from samspil.core.models import Municipality
from samspil.organisations.models import Organisation, OrganisationMembership


class OrganisationSerializer(serializers.ModelSerializer):
    municipality = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Municipality.objects.all(),
        allow_null=True,
        required=False,
        help_text="The municipality's official three-digit code, e.g. 751 for Aarhus.",
    )
    municipality_name = serializers.CharField(
        source="municipality.name", read_only=True, default=None
    )

    class Meta:
        model = Organisation
        fields = [
            "id",
            "name",
            "kind",
            "system",
            "municipality",
            "municipality_name",
            "email",
            "phone",
            "website",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]


class ScopedTargetField(serializers.PrimaryKeyRelatedField):
    """A related record the requesting user may see; others are reported as not existing."""

    def get_queryset(self):
        request = self.context["request"]
        return super().get_queryset().restrict(request.user, scoping.VIEW)


class MembershipSerializer(serializers.ModelSerializer):
    """Shared by the three membership endpoints; ``Meta.target`` names the joined record."""

    user = serializers.SlugRelatedField(
        slug_field="username", queryset=get_user_model().objects.filter(is_active=True)
    )
    user_name = serializers.SerializerMethodField()

    class Meta:
        fields = ["id", "user", "user_name", "role", "created_at"]
        read_only_fields = ["created_at"]

    def get_user_name(self, obj) -> str:
        return obj.user.get_full_name() or obj.user.username

    def validate(self, attrs):
        # Changing who or what a membership joins would rewrite history; make a new one.
        if self.instance is not None:
            target = self.Meta.target
            for field in ("user", target):
                if field in attrs and attrs[field] != getattr(self.instance, field):
                    raise serializers.ValidationError(
                        {field: "Cannot be changed; remove the membership and add a new one."}
                    )
        return attrs


class OrganisationMembershipSerializer(MembershipSerializer):
    organisation = ScopedTargetField(queryset=Organisation.objects.all())

    class Meta(MembershipSerializer.Meta):
        model = OrganisationMembership
        target = "organisation"
        fields = [*MembershipSerializer.Meta.fields, "organisation"]
