"""Version 1 of the REST API, under /api/v1/."""

from django.urls import path
from rest_framework.routers import DefaultRouter

from samspil.catalogue.api.views import (
    CompetenceAreaViewSet,
    OfferingViewSet,
    ProviderViewSet,
    match,
)
from samspil.companies.api.views import (
    ClusterViewSet,
    CompanyViewSet,
    ContactPersonViewSet,
    ContactViewSet,
)
from samspil.discovery.api.views import (
    AnswerViewSet,
    InvitationViewSet,
    NeedDecisionViewSet,
    StatementViewSet,
    SurveyViewSet,
    WorkshopViewSet,
)
from samspil.organisations.api.views import OrganisationMembershipViewSet, OrganisationViewSet
from samspil.participants.api.views import (
    AssessmentViewSet,
    EducationPlanViewSet,
    EnrolmentViewSet,
    ParticipantViewSet,
)
from samspil.partnerships.api.views import (
    CaseViewSet,
    EvaluationRoundViewSet,
    LearningNoteViewSet,
    MeetingViewSet,
    PartnershipMembershipViewSet,
    PartnershipViewSet,
)
from samspil.plans.api.views import PlanViewSet
from samspil.programmes.api.views import (
    ProgrammeViewSet,
    ProjectMembershipViewSet,
    ProjectViewSet,
    SpendViewSet,
    TargetViewSet,
    ToolViewSet,
)
from samspil.recruitment.api.views import (
    CampaignViewSet,
    CandidateViewSet,
    OpeningViewSet,
    ProposalViewSet,
    RotationViewSet,
)

router = DefaultRouter()
router.register("organisations", OrganisationViewSet)
router.register("organisation-memberships", OrganisationMembershipViewSet)
router.register("partnerships", PartnershipViewSet)
router.register("partnership-memberships", PartnershipMembershipViewSet)
router.register("projects", ProjectViewSet)
router.register("project-memberships", ProjectMembershipViewSet)
router.register("programmes", ProgrammeViewSet)
router.register("targets", TargetViewSet)
router.register("spend", SpendViewSet)
router.register("companies", CompanyViewSet)
router.register("contact-persons", ContactPersonViewSet)
router.register("clusters", ClusterViewSet)
router.register("contacts", ContactViewSet)
router.register("cases", CaseViewSet)
router.register("meetings", MeetingViewSet)
router.register("evaluation-rounds", EvaluationRoundViewSet)
router.register("learning-notes", LearningNoteViewSet)
router.register("tools", ToolViewSet)
router.register("workshops", WorkshopViewSet)
router.register("statements", StatementViewSet)
router.register("surveys", SurveyViewSet)
router.register("invitations", InvitationViewSet)
router.register("answers", AnswerViewSet)
router.register("need-decisions", NeedDecisionViewSet)
router.register("competence-areas", CompetenceAreaViewSet)
router.register("providers", ProviderViewSet)
router.register("offerings", OfferingViewSet)
router.register("plans", PlanViewSet)
router.register("participants", ParticipantViewSet)
router.register("enrolments", EnrolmentViewSet)
router.register("assessments", AssessmentViewSet)
router.register("education-plans", EducationPlanViewSet)
router.register("openings", OpeningViewSet)
router.register("candidates", CandidateViewSet)
router.register("proposals", ProposalViewSet)
router.register("rotations", RotationViewSet)
router.register("campaigns", CampaignViewSet)

app_name = "v1"
urlpatterns = [path("match/", match, name="match"), *router.urls]
