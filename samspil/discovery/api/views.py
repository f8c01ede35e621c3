from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from samspil.core import scoping
from samspil.core.api import ScopedModelViewSet, call_service
from samspil.discovery import services
from samspil.discovery.analysis import analyse
from samspil.discovery.api.serializers import (
    AnswerSerializer,
    InvitationSerializer,
    NeedDecisionSerializer,
    StatementSerializer,
    SurveySerializer,
    WorkshopSerializer,
)
from samspil.discovery.models import Answer, Invitation, NeedDecision, Statement, Survey, Workshop
from samspil.discovery.scoping import log_links_shown, surveys_with_visible_links


class WorkshopViewSet(ScopedModelViewSet):
    """Workshops of the projects the caller is on the team of."""

    queryset = Workshop.objects.prefetch_related("companies", "facilitators").order_by("-date")
    serializer_class = WorkshopSerializer
    filterset_fields = ["project", "cluster", "kind"]
    http_method_names = ["get", "post", "patch", "put", "head", "options"]

    def create_record(self, serializer):
        serializer.instance = services.save_workshop(
            actor=self.request.user, **serializer.validated_data
        )

    def update_record(self, serializer):
        serializer.instance = services.save_workshop(
            actor=self.request.user, workshop=serializer.instance, **serializer.validated_data
        )


class StatementViewSet(ScopedModelViewSet):
    http_method_names = [*ScopedModelViewSet.http_method_names, "delete"]
    queryset = Statement.objects.all()
    serializer_class = StatementSerializer
    filterset_fields = ["workshop"]

    def create_record(self, serializer):
        data = dict(serializer.validated_data)
        serializer.instance = services.save_statement(
            actor=self.request.user, workshop=data.pop("workshop"), **data
        )

    def update_record(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("workshop", None)
        statement = serializer.instance
        serializer.instance = services.save_statement(
            actor=self.request.user, workshop=statement.workshop, statement=statement, **data
        )

    def destroy_record(self, instance):
        services.delete_statement(actor=self.request.user, statement=instance)


class SurveyViewSet(ScopedModelViewSet):
    queryset = Survey.objects.prefetch_related("statements", "questions")
    serializer_class = SurveySerializer
    filterset_fields = ["workshop", "status"]
    http_method_names = ["get", "post", "patch", "put", "head", "options"]

    def create_record(self, serializer):
        data = dict(serializer.validated_data)
        serializer.instance = services.save_survey(
            actor=self.request.user, workshop=data.pop("workshop"), **data
        )

    def update_record(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("workshop", None)
        survey = serializer.instance
        data.setdefault("statements", list(survey.statements.all()))
        data["questions"] = [q.text for q in survey.questions.all()]
        serializer.instance = services.save_survey(
            actor=self.request.user, workshop=survey.workshop, survey=survey, **data
        )

    @extend_schema(request=None, responses={202: None})
    @action(detail=True, methods=["post"])
    def send(self, request, pk=None, version=None):
        """Send the survey; the e-mails go out from the task worker. Refused if sent before."""
        count = call_service(services.send_survey, actor=request.user, survey=self.get_object())
        return Response({"recipients": count}, status=status.HTTP_202_ACCEPTED)

    @extend_schema(request=None, responses={202: None})
    @action(detail=True, methods=["post"])
    def remind(self, request, pk=None, version=None):
        count = call_service(services.remind, actor=request.user, survey=self.get_object())
        return Response({"reminded": count}, status=status.HTTP_202_ACCEPTED)

    @action(detail=True, methods=["get"])
    def analysis(self, request, pk=None, version=None):
        """Statements with mean relevance, distribution (1-5, don't know) and needs."""
        result = analyse(self.get_object(), details=False)
        return Response(
            {
                "invited": result.invited,
                "answered": result.answered,
                "statements": [
                    {
                        "id": r.statement.pk,
                        "text": r.statement.text,
                        "answers": r.answers,
                        "mean_relevance": r.mean_relevance,
                        "distribution": r.distribution,
                        "companies_with_need": r.companies_with_need,
                        "high_need": r.high_need,
                        "employees": r.employees,
                    }
                    for r in result.results
                ],
            }
        )


class InvitationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Who has been invited, opened and answered. Visible to the survey's team only."""

    queryset = Invitation.objects.select_related("company")
    serializer_class = InvitationSerializer
    filterset_fields = ["survey", "company"]

    def get_queryset(self):
        return super().get_queryset().restrict(self.request.user, scoping.VIEW)

    def get_serializer(self, *args, **kwargs):
        # The personal links only for the project's operators, each showing logged.
        rows = args[0] if args else kwargs.get("instance")
        if rows is not None:
            rows = [rows] if isinstance(rows, Invitation) else list(rows)
            visible = surveys_with_visible_links(self.request.user, {i.survey_id for i in rows})
            log_links_shown(self.request.user, [i for i in rows if i.survey_id in visible])
            kwargs.setdefault("context", self.get_serializer_context())["links_visible"] = visible
        return super().get_serializer(*args, **kwargs)


class AnswerViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """The companies' answers, for the survey's team."""

    queryset = Answer.objects.select_related("invitation").order_by("statement", "pk")
    serializer_class = AnswerSerializer
    filterset_fields = ["statement", "invitation__survey"]

    def get_queryset(self):
        answers = super().get_queryset().filter(invitation__withdrawn=False)
        return scoping.restrict(answers, self.request.user, scoping.VIEW)


class NeedDecisionViewSet(ScopedModelViewSet):
    queryset = NeedDecision.objects.all()
    serializer_class = NeedDecisionSerializer
    filterset_fields = ["survey", "company", "kind", "status"]
    http_method_names = ["get", "post", "head", "options"]

    def create_record(self, serializer):
        data = dict(serializer.validated_data)
        serializer.instance = services.decide_need(
            actor=self.request.user, survey=data.pop("survey"), **data
        )
