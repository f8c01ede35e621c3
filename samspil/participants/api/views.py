from django.db.models import Prefetch
from rest_framework import viewsets

from samspil.core import scoping
from samspil.core.api import KeysetPagination, ScopedModelViewSet
from samspil.participants import services
from samspil.participants.api.serializers import (
    AssessmentSerializer,
    EducationPlanSerializer,
    EnrolmentSerializer,
    ParticipantSerializer,
)
from samspil.participants.models import (
    AccessLog,
    EducationPlan,
    Enrolment,
    Participant,
    PriorLearningAssessment,
    SchoolPeriod,
)


class AccessLogged:
    """Every record an answer holds is written to the participants' access log."""

    participant_of = staticmethod(lambda obj: obj.participant_id)

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        rows = page if page is not None else queryset
        services.log_access(
            self.request.user,
            sorted({self.participant_of(obj) for obj in rows}),
            AccessLog.Action.VIEW,
            "API",
        )
        return page

    def get_object(self):
        obj = super().get_object()
        if self.request.method == "GET":
            services.log_access(
                self.request.user, [self.participant_of(obj)], AccessLog.Action.VIEW, "API"
            )
        return obj


class ParticipantViewSet(viewsets.ReadOnlyModelViewSet):
    """Participants of the projects whose team you are on; every answer is access-logged."""

    queryset = Participant.objects.order_by("name", "pk")
    serializer_class = ParticipantSerializer
    pagination_class = KeysetPagination  # by name (indexed): no count, no deep offsets
    filterset_fields = ["employer", "gender"]

    def get_queryset(self):
        return super().get_queryset().restrict(self.request.user, scoping.VIEW)

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        results = response.data.get("results", response.data)
        services.log_access(
            request.user, [row["id"] for row in results], AccessLog.Action.VIEW, "API"
        )
        return response

    def retrieve(self, request, *args, **kwargs):
        response = super().retrieve(request, *args, **kwargs)
        services.log_access(request.user, [response.data["id"]], AccessLog.Action.VIEW, "API")
        return response


class EnrolmentViewSet(AccessLogged, viewsets.ReadOnlyModelViewSet):
    """Start and stop forms, per project; written through the participant import."""

    queryset = Enrolment.objects.order_by("project_id", "entry_date", "pk")
    serializer_class = EnrolmentSerializer
    pagination_class = KeysetPagination  # by project and entry date (indexed)
    filterset_fields = ["project", "participant"]

    def get_queryset(self):
        return super().get_queryset().restrict(self.request.user, scoping.VIEW)


class AssessmentViewSet(AccessLogged, ScopedModelViewSet):
    """Prior-learning assessments (RKV), one template for every school."""

    participant_of = staticmethod(lambda obj: obj.enrolment.participant_id)
    queryset = PriorLearningAssessment.objects.select_related("enrolment")
    serializer_class = AssessmentSerializer
    filterset_fields = ["enrolment", "school", "track"]
    http_method_names = ["get", "post", "patch", "put", "head", "options"]

    def create_record(self, serializer):
        serializer.instance = services.save_assessment(
            actor=self.request.user,
            assessment=PriorLearningAssessment(**serializer.validated_data),
        )

    def update_record(self, serializer):
        assessment = serializer.instance
        for name, value in serializer.validated_data.items():
            setattr(assessment, name, value)
        serializer.instance = services.save_assessment(
            actor=self.request.user, assessment=assessment
        )


class EducationPlanViewSet(AccessLogged, ScopedModelViewSet):
    """Education plans with their school periods; periods are replaced as a whole."""

    participant_of = staticmethod(lambda obj: obj.enrolment.participant_id)
    queryset = EducationPlan.objects.select_related("enrolment").prefetch_related(
        Prefetch("periods", SchoolPeriod.objects.order_by("start"))
    )
    serializer_class = EducationPlanSerializer
    filterset_fields = ["enrolment", "education", "provider", "status"]
    http_method_names = ["get", "post", "patch", "put", "head", "options"]

    def create_record(self, serializer):
        self._save(serializer, EducationPlan())

    def update_record(self, serializer):
        self._save(serializer, serializer.instance)

    def _save(self, serializer, plan):
        data = dict(serializer.validated_data)
        periods = data.pop("periods", None)
        for name, value in data.items():
            setattr(plan, name, value)
        if periods is None:
            kept = plan.periods.all() if plan.pk else []
            periods = [SchoolPeriod(start=p.start, end=p.end) for p in kept]
        else:
            periods = [SchoolPeriod(**p) for p in periods]
        serializer.instance = services.save_education_plan(
            actor=self.request.user, plan=plan, periods=periods
        )
