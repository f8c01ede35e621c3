"""Recruitment over the API. A candidate is personal data: the identifier leaves only masked,
and the views log every answer that shows a person."""

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers

from samspil.catalogue.models import CompetenceArea, EscoSkill
from samspil.companies.models import Company
from samspil.core.models import Municipality
from samspil.discovery.models import NeedDecision
from samspil.organisations.api.serializers import ScopedTargetField
from samspil.organisations.models import Organisation, System
from samspil.participants import identifiers
from samspil.participants.models import Gender, Participant
from samspil.partnerships.models import Case
from samspil.plans.models import PlanNeed
from samspil.programmes.models import Project
from samspil.recruitment import rotation as rules
from samspil.recruitment.models import Campaign, Candidate, Opening, Proposal, Rotation


def _areas():
    return serializers.SlugRelatedField(
        slug_field="name", many=True, queryset=CompetenceArea.objects.all(), required=False
    )


def _skills():
    return serializers.SlugRelatedField(
        slug_field="uri", many=True, queryset=EscoSkill.objects.all(), required=False
    )


def _municipality():
    return serializers.SlugRelatedField(
        slug_field="code", queryset=Municipality.objects.all(), allow_null=True, required=False
    )


def _jobcentres():
    return Organisation.objects.filter(system=System.EMPLOYMENT)


# Matching -----------------------------------------------------------------------------------


class TrainingSerializer(serializers.Serializer):
    """A course from the catalogue that closes the education gap."""

    code = serializers.CharField(source="offering.code")
    title = serializers.CharField(source="offering.title")
    provider = serializers.CharField(source="offering.provider.name")


class CandidatePairingSerializer(serializers.Serializer):
    """A candidate ranked for an opening, with the reasons."""

    candidate = serializers.IntegerField(source="candidate.pk")
    name = serializers.CharField(source="candidate.person.name")
    jobcentre = serializers.CharField(
        source="candidate.jobcentre.name", help_text="The referring jobcentre's name."
    )
    score = serializers.FloatField()
    reasons = serializers.ListField(child=serializers.CharField())
    gap = serializers.BooleanField(help_text="The education is below the opening's.")
    training = TrainingSerializer(many=True)


class OpeningPairingSerializer(serializers.Serializer):
    """An open opening ranked for a candidate, with the reasons."""

    opening = serializers.IntegerField(source="opening.pk")
    role = serializers.CharField(source="opening.role")
    company = serializers.CharField(source="opening.company.name")
    score = serializers.FloatField()
    reasons = serializers.ListField(child=serializers.CharField())
    gap = serializers.BooleanField(help_text="The education is below the opening's.")
    training = TrainingSerializer(many=True)


# Openings -----------------------------------------------------------------------------------


class OpeningSerializer(serializers.ModelSerializer):
    company = ScopedTargetField(queryset=Company.objects.all())
    project = ScopedTargetField(queryset=Project.objects.all())
    competence_areas = _areas()
    esco_skills = _skills()
    municipality = _municipality()
    need_decision = ScopedTargetField(
        queryset=NeedDecision.objects.all(), allow_null=True, required=False
    )
    plan_need = ScopedTargetField(queryset=PlanNeed.objects.all(), allow_null=True, required=False)
    case = ScopedTargetField(queryset=Case.objects.all(), allow_null=True, required=False)

    class Meta:
        model = Opening
        fields = [
            "id",
            "company",
            "project",
            "kind",
            "status",
            "role",
            "description",
            "competence_areas",
            "esco_skills",
            "education_level",
            "hours_per_week",
            "start_date",
            "end_date",
            "municipality",
            "need_decision",
            "plan_need",
            "case",
        ]


# Candidates ---------------------------------------------------------------------------------


class CandidateSerializer(serializers.ModelSerializer):
    """Never the identifier in clear: only masked."""

    person = serializers.PrimaryKeyRelatedField(read_only=True)
    name = serializers.CharField(source="person.name", read_only=True)
    identifier_masked = serializers.CharField(source="person.identifier_masked", read_only=True)
    jobcentre = serializers.PrimaryKeyRelatedField(queryset=_jobcentres())
    project = ScopedTargetField(queryset=Project.objects.all())
    campaign = ScopedTargetField(queryset=Campaign.objects.all(), allow_null=True, required=False)
    has_consent = serializers.BooleanField(read_only=True)
    competence_areas = _areas()
    esco_skills = _skills()
    municipality = _municipality()

    class Meta:
        model = Candidate
        fields = [
            "id",
            "person",
            "name",
            "identifier_masked",
            "jobcentre",
            "project",
            "campaign",
            "consent_given_on",
            "consent_withdrawn_on",
            "has_consent",
            "education_level",
            "education",
            "competence_areas",
            "esco_skills",
            "wishes",
            "municipality",
            "unemployed_since",
            "available_from",
            "hours_per_week",
        ]


class CandidateReferralSerializer(CandidateSerializer):
    """A referral: who the person is (the identifier is written, never read back) and the
    candidacy. The same person (by identifier) is one record across candidacies and
    enrolments."""

    personal_id_type = serializers.ChoiceField(
        choices=Participant.IdentifierType.choices, write_only=True
    )
    personal_id = serializers.CharField(
        max_length=40,
        write_only=True,
        help_text="CPR number (DDMMYY-XXXX), Swedish personnummer or an external reference.",
    )
    name = serializers.CharField(source="person.name", max_length=200)
    gender = serializers.ChoiceField(
        choices=Gender.choices, write_only=True, required=False, allow_blank=True
    )
    birth_date = serializers.DateField(
        write_only=True,
        required=False,
        allow_null=True,
        help_text="Taken from the CPR number or personnummer when they give it.",
    )

    class Meta(CandidateSerializer.Meta):
        fields = [
            "personal_id_type",
            "personal_id",
            *CandidateSerializer.Meta.fields,
            "gender",
            "birth_date",
        ]

    def validate(self, attrs):
        try:
            identifier = identifiers.parse(attrs.pop("personal_id_type"), attrs.pop("personal_id"))
        except DjangoValidationError as exc:
            raise serializers.ValidationError({"personal_id": exc.messages}) from exc
        person = attrs.pop("person", {})
        for name in ("gender", "birth_date"):
            if name in attrs:
                person[name] = attrs.pop(name)
        attrs.update(identifier=identifier, person_fields=person)
        return attrs


# The pipeline -------------------------------------------------------------------------------


class ProposalSerializer(serializers.ModelSerializer):
    """A candidate in an opening's pipeline; it moves only through ``move``."""

    opening = ScopedTargetField(queryset=Opening.objects.all())
    candidate = ScopedTargetField(queryset=Candidate.objects.all())

    class Meta:
        model = Proposal
        fields = ["id", "opening", "candidate", "stage", "stage_on", "reason"]
        read_only_fields = ["stage", "stage_on", "reason"]
        validators = []  # the service says "already in this pipeline" on the candidate


class MoveSerializer(serializers.Serializer):
    stage = serializers.ChoiceField(choices=Proposal.Stage.choices)
    stage_on = serializers.DateField(
        required=False, allow_null=True, help_text="Today if left out."
    )
    reason = serializers.CharField(
        max_length=300, required=False, allow_blank=True, help_text="Why not started."
    )


class MovedSerializer(ProposalSerializer):
    enrolment = serializers.IntegerField(
        required=False,
        help_text="Given when the candidate started: their enrolment in the opening's project.",
    )

    class Meta(ProposalSerializer.Meta):
        fields = [*ProposalSerializer.Meta.fields, "enrolment"]


# Job rotation -------------------------------------------------------------------------------


class CheckSerializer(serializers.Serializer):
    code = serializers.CharField()
    ok = serializers.BooleanField()
    message = serializers.CharField()


class RotationSerializer(serializers.ModelSerializer):
    """A job rotation checked against the rules. A rotation that breaks one is refused unless
    an operator of the project gives ``exception_reason``."""

    opening = ScopedTargetField(queryset=Opening.objects.all())
    substitute = ScopedTargetField(queryset=Candidate.objects.all())
    exception_reason = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text="Only to go ahead although a rule is broken (operators of the project).",
    )
    exception_by = serializers.SlugRelatedField(
        slug_field="username", read_only=True, allow_null=True
    )
    checks = serializers.SerializerMethodField()
    subsidy = serializers.SerializerMethodField(help_text="Expected subsidy (DKK).")

    class Meta:
        model = Rotation
        fields = [
            "id",
            "opening",
            "substitute",
            "employee",
            "employee_employed_since",
            "employee_has_eud_agreement",
            "training_hours",
            "exception_reason",
            "broken_rules",
            "exception_by",
            "checks",
            "subsidy",
        ]
        read_only_fields = ["broken_rules"]

    def get_checks(self, obj) -> list[dict]:
        return CheckSerializer(rules.check(obj), many=True).data

    def get_subsidy(self, obj) -> str:
        return str(rules.subsidy(obj))


class RotationCheckSerializer(serializers.Serializer):
    checks = CheckSerializer(many=True)
    subsidy = serializers.CharField(help_text="Expected subsidy (DKK).")


# Campaigns ----------------------------------------------------------------------------------


class CampaignSerializer(serializers.ModelSerializer):
    project = ScopedTargetField(queryset=Project.objects.all())
    jobcentres = serializers.PrimaryKeyRelatedField(
        many=True, queryset=_jobcentres(), allow_empty=False
    )
    referred = serializers.IntegerField(read_only=True, help_text="Candidates referred through it.")
    pipeline = serializers.SerializerMethodField(help_text="Proposals of its candidates by stage.")

    class Meta:
        model = Campaign
        fields = [
            "id",
            "project",
            "title",
            "jobcentres",
            "start_date",
            "end_date",
            "materials",
            "people_reached",
            "referred",
            "pipeline",
        ]

    def get_pipeline(self, obj) -> dict[str, int]:
        # Counted by the viewset's queryset (``stage_<value>``).
        return {stage: getattr(obj, f"stage_{stage}") for stage in Proposal.Stage.values}
