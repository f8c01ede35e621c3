"""Version 1 of the REST API, under /api/v1/."""

from rest_framework.routers import DefaultRouter

from samspil.companies.api.views import (
    ClusterViewSet,
    CompanyViewSet,
    ContactPersonViewSet,
    ContactViewSet,
)
from samspil.organisations.api.views import OrganisationMembershipViewSet, OrganisationViewSet
from samspil.partnerships.api.views import PartnershipMembershipViewSet, PartnershipViewSet
from samspil.programmes.api.views import ProjectMembershipViewSet, ProjectViewSet

router = DefaultRouter()
router.register("organisations", OrganisationViewSet)
router.register("organisation-memberships", OrganisationMembershipViewSet)
router.register("partnerships", PartnershipViewSet)
router.register("partnership-memberships", PartnershipMembershipViewSet)
router.register("projects", ProjectViewSet)
router.register("project-memberships", ProjectMembershipViewSet)
router.register("companies", CompanyViewSet)
router.register("contact-persons", ContactPersonViewSet)
router.register("clusters", ClusterViewSet)
router.register("contacts", ContactViewSet)

app_name = "v1"
urlpatterns = router.urls
