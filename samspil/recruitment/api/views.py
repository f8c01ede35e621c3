"""Recruitment over the API: openings with candidates ranked for them, candidates (personal
data: every answer showing a person is written to the access log) with openings ranked for
them, the pipeline, job rotations checked against the rules, and campaigns. Every write goes
through ``samspil.recruitment.services``."""

from django.db.models import Count, Q
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.response import Response

from samspil.core.api import ScopedModelViewSet, call_service
from samspil.participants.models import AccessLog
from samspil.participants.services import log_access
from samspil.recruitment import matching, services
from samspil.recruitment import rotation as rules
from samspil.recruitment.api.serializers import (
    CampaignSerializer,
    CandidatePairingSerializer,
    CandidateReferralSerializer,
    CandidateSerializer,
    CheckSerializer,
    MovedSerializer,
    MoveSerializer,
    OpeningPairingSerializer,
    OpeningSerializer,
    ProposalSerializer,
    RotationCheckSerializer,
    RotationSerializer,
)
from samspil.recruitment.models import Campaign, Candidate, Opening, Proposal, Rotation

M2M = ("competence_areas", "esco_skills")


class RecruitmentViewSet(ScopedModelViewSet):
    http_method_names = ["get", "post", "patch", "put", "head", "options"]

    def _call(self, func, arg):
        call_service(lambda: func(arg))

    def _split(self, serializer, *names):
        """The validated data, and the many-to-many values in it (None when not given)."""
        data = dict(serializer.validated_data)
        return data, {name: data.pop(name, None) for name in names}


class AccessLogged:
    """Every answer that shows a person is written to the access log (``person_of(obj)``)."""

    person_of = staticmethod(lambda obj: obj.person_id)

    def log(self, persons, detail: str = "") -> None:
        log_access(
            self.request.user,
            sorted(set(persons)),
            AccessLog.Action.VIEW,
            detail or f"API {self.basename}",
        )

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        self.log(self.person_of(obj) for obj in (queryset if page is None else page))
        return page

    def get_object(self):
        obj = super().get_object()
        self.log([self.person_of(obj)])
        return obj


# Openings -----------------------------------------------------------------------------------


class OpeningViewSet(RecruitmentViewSet):
    """Companies' openings: the project's team keeps them; every jobcentre sees them, to find
    candidates."""

    queryset = Opening.objects.select_related(
        "company", "project", "municipality"
    ).prefetch_related(*M2M)
    serializer_class = OpeningSerializer
    filterset_fields = ["company", "project", "kind", "status"]

    def create_record(self, serializer):
        data, m2m = self._split(serializer, *M2M)
        serializer.instance = services.save_opening(
            actor=self.request.user, opening=Opening(**data), **m2m
        )

    def update_record(self, serializer):
        data, m2m = self._split(serializer, *M2M)
        opening = serializer.instance
        for name, value in data.items():
            setattr(opening, name, value)
        serializer.instance = services.save_opening(actor=self.request.user, opening=opening, **m2m)

    @extend_schema(responses=CandidatePairingSerializer(many=True))
    @action(detail=True, methods=["get"])
    def candidates(self, request, pk=None, version=None):
        """The consenting candidates you may see, best first, with the reasons and the
        courses that close an education gap. Access-logged."""
        opening = self.get_object()
        pairings = matching.candidates_for(opening, request.user)
        log_access(
            request.user,
            sorted({p.candidate.person_id for p in pairings}),
            AccessLog.Action.VIEW,
            f"API opening {opening.pk} candidates",
        )
        return Response(CandidatePairingSerializer(pairings, many=True).data)


# Candidates ---------------------------------------------------------------------------------


class CandidateViewSet(AccessLogged, RecruitmentViewSet):
    """Unemployed people referred by a jobcentre with their consent: seen by the referring
    jobcentre's staff and the recruiting project's team. The identifier only masked; every
    answer is access-logged. POST refers a person (the identifier is written, never read)."""

    queryset = Candidate.objects.select_related(
        "person", "jobcentre", "project", "campaign", "municipality"
    ).prefetch_related(*M2M)
    serializer_class = CandidateSerializer
    filterset_fields = ["jobcentre", "project", "campaign"]

    def get_serializer_class(self):
        return CandidateReferralSerializer if self.action == "create" else CandidateSerializer

    def create_record(self, serializer):
        data, m2m = self._split(serializer, *M2M)
        identifier, person = data.pop("identifier"), data.pop("person_fields")
        candidate = services.refer_candidate(
            actor=self.request.user,
            candidate=Candidate(**data),
            identifier=identifier,
            person=person,
            competence_areas=m2m["competence_areas"] or [],
            esco_skills=m2m["esco_skills"] or [],
        )
        serializer.instance = candidate
        self.log([candidate.person_id])

    def update_record(self, serializer):
        data, m2m = self._split(serializer, *M2M)
        candidate = serializer.instance
        for name, value in data.items():
            setattr(candidate, name, value)
        serializer.instance = services.save_candidate(
            actor=self.request.user, candidate=candidate, **m2m
        )

    @extend_schema(responses=OpeningPairingSerializer(many=True))
    @action(detail=True, methods=["get"])
    def openings(self, request, pk=None, version=None):
        """The open openings you may see, best first, with the reasons; none without
        consent."""
        candidate = self.get_object()
        pairings = matching.openings_for(candidate, request.user)
        return Response(OpeningPairingSerializer(pairings, many=True).data)


# The pipeline -------------------------------------------------------------------------------


class ProposalViewSet(RecruitmentViewSet):
    """Each candidate's way through an opening's pipeline. POST puts a consenting candidate
    in a pipeline; ``move`` moves them along it, and a start makes them a participant."""

    http_method_names = ["get", "post", "head", "options"]
    queryset = Proposal.objects.select_related("opening", "candidate")
    serializer_class = ProposalSerializer
    filterset_fields = ["opening", "candidate", "stage"]

    def create_record(self, serializer):
        data = serializer.validated_data
        serializer.instance = services.refer(
            actor=self.request.user, opening=data["opening"], candidate=data["candidate"]
        )

    @extend_schema(request=MoveSerializer, responses=MovedSerializer)
    @action(detail=True, methods=["post"])
    def move(self, request, pk=None, version=None):
        """Move to a stage (since ``stage_on``, today if left out; ``reason`` when not
        started). At "started" the candidate is enrolled in the opening's project: the answer
        gives the enrolment, whose start form is to be completed."""
        proposal = self.get_object()
        move = MoveSerializer(data=request.data)
        move.is_valid(raise_exception=True)
        data = move.validated_data
        call_service(
            services.move,
            actor=request.user,
            proposal=proposal,
            stage=data["stage"],
            on=data.get("stage_on"),
            reason=data.get("reason", ""),
        )
        answer = dict(self.get_serializer(proposal).data)
        if proposal.stage == Proposal.Stage.STARTED:
            person = proposal.candidate.person
            answer["enrolment"] = person.enrolments.get(project=proposal.opening.project).pk
        return Response(answer)


# Job rotation -------------------------------------------------------------------------------


class RotationViewSet(AccessLogged, RecruitmentViewSet):
    """Job rotations with the rules checked. One that breaks a rule is refused, naming the
    rule, unless an operator of the project gives ``exception_reason``. Access-logged: the
    checks tell how long the substitute has been unemployed."""

    person_of = staticmethod(lambda obj: obj.substitute.person_id)
    queryset = Rotation.objects.select_related("opening", "substitute", "exception_by").order_by(
        "pk"
    )
    serializer_class = RotationSerializer
    filterset_fields = ["opening", "substitute"]

    def create_record(self, serializer):
        data = dict(serializer.validated_data)
        exception = data.pop("exception_reason", "")
        serializer.instance = services.save_rotation(
            actor=self.request.user, rotation=Rotation(**data), exception_reason=exception
        )
        self.log([serializer.instance.substitute.person_id])

    def update_record(self, serializer):
        data = dict(serializer.validated_data)
        rotation = serializer.instance
        # A partial update keeps the exception given before; the service checks it again.
        kept = rotation.exception_reason if serializer.partial else ""
        exception = data.pop("exception_reason", kept)
        for name, value in data.items():
            setattr(rotation, name, value)
        serializer.instance = services.save_rotation(
            actor=self.request.user, rotation=rotation, exception_reason=exception
        )

    @extend_schema(request=RotationSerializer, responses=RotationCheckSerializer)
    @action(detail=False, methods=["post"])
    def check(self, request, version=None):
        """The rules checked and the expected subsidy for a proposed rotation, saving
        nothing."""
        proposed = self.get_serializer(data=request.data)
        proposed.is_valid(raise_exception=True)
        data = dict(proposed.validated_data)
        data.pop("exception_reason", None)
        rotation = Rotation(**data)
        self.log([rotation.substitute.person_id], "API rotation check")
        return Response(
            {
                "checks": CheckSerializer(rules.check(rotation), many=True).data,
                "subsidy": str(rules.subsidy(rotation)),
            }
        )


# Campaigns ----------------------------------------------------------------------------------


def _counted(campaigns):
    """With ``referred`` and the pipeline by stage (``stage_<value>``); ordered again, as an
    aggregate ignores ``Meta.ordering``."""
    return campaigns.order_by("-start_date", "pk").annotate(
        referred=Count("candidates", distinct=True),
        **{
            f"stage_{stage}": Count(
                "candidates__proposals",
                filter=Q(candidates__proposals__stage=stage),
                distinct=True,
            )
            for stage in Proposal.Stage.values
        },
    )


class CampaignViewSet(RecruitmentViewSet):
    """Information campaigns towards jobcentres, with how many were referred through each and
    where their candidates are in the pipeline."""

    queryset = Campaign.objects.select_related("project").prefetch_related("jobcentres")
    serializer_class = CampaignSerializer
    filterset_fields = ["project"]

    def get_queryset(self):
        return _counted(super().get_queryset())

    def create_record(self, serializer):
        self._save(serializer, Campaign())

    def update_record(self, serializer):
        self._save(serializer, serializer.instance)

    def _save(self, serializer, campaign):
        data, m2m = self._split(serializer, "jobcentres")
        for name, value in data.items():
            setattr(campaign, name, value)
        campaign = services.save_campaign(actor=self.request.user, campaign=campaign, **m2m)
        serializer.instance = _counted(self.queryset.filter(pk=campaign.pk)).get()
