from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from samspil.core import scoping
from samspil.core.api import ScopedModelViewSet, call_service
from samspil.organisations.api.views import MembershipViewSet
from samspil.partnerships import services
from samspil.partnerships.api.serializers import (
    CaseSerializer,
    DecisionSerializer,
    EvaluationAnswerSerializer,
    EvaluationRoundSerializer,
    LearningNoteSerializer,
    MeetingSerializer,
    PartnershipMembershipSerializer,
    PartnershipSerializer,
)
from samspil.partnerships.models import (
    Case,
    CaseDecision,
    EvaluationRound,
    LearningNote,
    Meeting,
    Partnership,
    PartnershipMembership,
)
from samspil.programmes.models import Project, Tool


class PartnershipViewSet(viewsets.ReadOnlyModelViewSet):
    """Partnerships (LKS) the user is a member of, or that work under projects they operate."""

    queryset = Partnership.objects.prefetch_related("organisations", "municipalities")
    serializer_class = PartnershipSerializer

    def get_queryset(self):
        # Only the projects the user may see are listed, so others' existence does not leak.
        visible_projects = Project.objects.restrict(self.request.user, scoping.VIEW)
        return (
            super()
            .get_queryset()
            .restrict(self.request.user, scoping.VIEW)
            .prefetch_related(Prefetch("projects", queryset=visible_projects))
        )


class PartnershipMembershipViewSet(MembershipViewSet):
    queryset = PartnershipMembership.objects.select_related("user", "partnership")
    serializer_class = PartnershipMembershipSerializer
    filterset_fields = ["role", "partnership"]


class CaseViewSet(ScopedModelViewSet):
    """Companies taken up by a partnership, with the decisions on who acts and with what."""

    queryset = Case.objects.select_related("company").prefetch_related(
        Prefetch("decisions", CaseDecision.objects.prefetch_related("consultants", "tools"))
    )
    serializer_class = CaseSerializer
    filterset_fields = ["partnership", "company", "status"]
    http_method_names = ["get", "post", "patch", "put", "head", "options"]

    def create_record(self, serializer):
        data = dict(serializer.validated_data)
        serializer.instance = services.open_case(
            actor=self.request.user, partnership=data.pop("partnership"), **data
        )

    def update_record(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("partnership", None)
        serializer.instance = services.update_case(
            actor=self.request.user, case=serializer.instance, **data
        )

    @extend_schema(request=DecisionSerializer, responses=DecisionSerializer)
    @action(detail=True, methods=["post"])
    def decisions(self, request, pk=None, version=None):
        """Record a decision: systems, consultants (members only), project and its tools."""
        case = self.get_object()
        serializer = DecisionSerializer(data=request.data, context=self.get_serializer_context())
        # Only the partnership's own projects and their tools can be named: any other id is
        # refused as unknown, whether it exists or not.
        projects = case.partnership.projects.all()
        serializer.fields["project"].queryset = projects
        serializer.fields["tools"].child_relation.queryset = Tool.objects.filter(
            project__in=projects
        )
        serializer.is_valid(raise_exception=True)
        decision = self._decide(case, serializer.validated_data)
        return Response(DecisionSerializer(decision).data, status=status.HTTP_201_CREATED)

    def _decide(self, case, data):
        return call_service(services.decide_case, actor=self.request.user, case=case, **data)


class MeetingViewSet(ScopedModelViewSet):
    queryset = Meeting.objects.prefetch_related("attendees", "cases")
    serializer_class = MeetingSerializer
    filterset_fields = ["partnership", "status"]
    http_method_names = ["get", "post", "patch", "put", "head", "options"]

    def create_record(self, serializer):
        data = dict(serializer.validated_data)
        serializer.instance = services.plan_meeting(
            actor=self.request.user, partnership=data.pop("partnership"), **data
        )

    def update_record(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("partnership", None)
        data.pop("cases", None)
        serializer.instance = services.update_meeting(
            actor=self.request.user, meeting=serializer.instance, **data
        )


class EvaluationRoundViewSet(ScopedModelViewSet):
    queryset = EvaluationRound.objects.all()
    serializer_class = EvaluationRoundSerializer
    filterset_fields = ["partnership"]
    http_method_names = ["get", "post", "head", "options"]

    def create_record(self, serializer):
        data = dict(serializer.validated_data)
        serializer.instance = services.start_round(
            actor=self.request.user, partnership=data.pop("partnership"), **data
        )

    @extend_schema(request=EvaluationAnswerSerializer, responses={201: None})
    @action(detail=True, methods=["post"])
    def answer(self, request, pk=None, version=None):
        """Answer the round, once, as a member of the partnership."""
        round_ = self.get_object()
        serializer = EvaluationAnswerSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        call_service(
            services.submit_evaluation,
            actor=request.user,
            round=round_,
            ratings=serializer.validated_data["ratings"],
            comments=serializer.validated_data.get("comments"),
        )
        return Response(status=status.HTTP_201_CREATED)


class LearningNoteViewSet(ScopedModelViewSet):
    queryset = LearningNote.objects.all()
    serializer_class = LearningNoteSerializer
    filterset_fields = ["partnership", "success_story", "publish"]
    http_method_names = ["get", "post", "patch", "put", "head", "options"]

    def create_record(self, serializer):
        data = dict(serializer.validated_data)
        serializer.instance = services.save_learning_note(
            actor=self.request.user, partnership=data.pop("partnership"), **data
        )

    def update_record(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("partnership", None)
        note = serializer.instance
        serializer.instance = services.save_learning_note(
            actor=self.request.user, partnership=note.partnership, note=note, **data
        )
