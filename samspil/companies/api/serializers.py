from django.contrib.auth import get_user_model
from rest_framework import serializers

from samspil.companies.models import Cluster, Company, Contact, ContactPerson
from samspil.core.models import Municipality
from samspil.organisations.api.serializers import ScopedTargetField
from samspil.organisations.models import Organisation
from samspil.partnerships.models import Partnership
from samspil.programmes.models import Project


class CompanySerializer(serializers.ModelSerializer):
    municipality = serializers.SlugRelatedField(
        slug_field="code", queryset=Municipality.objects.all(), allow_null=True, required=False
    )
    is_sme = serializers.BooleanField(read_only=True)
    last_contact = serializers.DateField(read_only=True, default=None)
    clusters = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Company
        fields = [
            "id",
            "cvr",
            "orgnr",
            "p_number",
            "name",
            "address",
            "postcode",
            "city",
            "municipality",
            "industry_code",
            "industry_title",
            "employees",
            "size_band",
            "is_sme",
            "growth_company",
            "notes",
            "clusters",
            "last_contact",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]
        # Uniqueness is checked on the normalised number by the model, not on what was typed.
        extra_kwargs = {
            "cvr": {"validators": [], "max_length": 20},
            "orgnr": {"validators": [], "max_length": 20},
        }


class ContactPersonSerializer(serializers.ModelSerializer):
    company = ScopedTargetField(queryset=Company.objects.all())

    class Meta:
        model = ContactPerson
        fields = [
            "id",
            "company",
            "name",
            "role",
            "email",
            "phone",
            "consent_basis",
            "consent_date",
            "consent_note",
        ]


class ClusterSerializer(serializers.ModelSerializer):
    companies = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Company.objects.all(), required=False
    )
    projects = ScopedTargetField(many=True, queryset=Project.objects.all(), required=False)

    class Meta:
        model = Cluster
        fields = [
            "id",
            "name",
            "kind",
            "theme",
            "description",
            "mother_company",
            "mother_responsibilities",
            "companies",
            "projects",
        ]


RESTRICTED_CONTACT_FIELDS = ("purpose", "notes", "next_step", "outcome", "budget_override_reason")


class ContactSerializer(serializers.ModelSerializer):
    """The timeline fields are shared; what was said only with those who may see it."""

    organisations = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Organisation.objects.all(), required=False
    )
    consultants = serializers.SlugRelatedField(
        many=True,
        slug_field="username",
        queryset=get_user_model().objects.filter(is_active=True),
        required=False,
    )
    project = ScopedTargetField(queryset=Project.objects.all(), allow_null=True, required=False)
    partnership = ScopedTargetField(
        queryset=Partnership.objects.all(), allow_null=True, required=False
    )
    details_visible = serializers.SerializerMethodField()
    invite = serializers.SlugRelatedField(
        many=True,
        slug_field="username",
        queryset=get_user_model().objects.filter(is_active=True),
        required=False,
        write_only=True,
        help_text="Users to invite by e-mail to this (joint) visit.",
    )

    class Meta:
        model = Contact
        fields = [
            "id",
            "company",
            "kind",
            "status",
            "date",
            "organisations",
            "consultants",
            "project",
            "partnership",
            *RESTRICTED_CONTACT_FIELDS,
            "details_visible",
            "invite",
            "created_at",
        ]
        read_only_fields = ["created_at"]
        # null for callers outside the contact's partnership or project (the OpenAPI schema
        # says so: samspil.core.openapi)
        null_when_hidden = RESTRICTED_CONTACT_FIELDS

    def get_details_visible(self, contact) -> bool:
        return contact.pk in self.context.get("details_visible", set())

    def to_representation(self, contact):
        data = super().to_representation(contact)
        if not self.get_details_visible(contact):
            for name in RESTRICTED_CONTACT_FIELDS:
                data[name] = None
        return data
