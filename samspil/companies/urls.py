from django.urls import path

from samspil.companies.cluster_picker import cluster_suggestions
from samspil.companies.views import (
    clusters,
    companies,
    contact_import,
    contacts,
    coordination,
    imports,
)

app_name = "companies"
urlpatterns = [
    path("", companies.CompanyListView.as_view(), name="list"),
    path("ny/", companies.CompanyCreateView.as_view(), name="create"),
    path("import/", imports.CompanyImportView.as_view(), name="import"),
    path("kontakter/import/", contact_import.ContactImportView.as_view(), name="contact-import"),
    path("koordinering/", coordination.CoordinationOverviewView.as_view(), name="coordination"),
    path("<int:pk>/", companies.CompanyDetailView.as_view(), name="detail"),
    path("<int:pk>/rediger/", companies.CompanyUpdateView.as_view(), name="update"),
    path(
        "<int:company>/kontaktpersoner/ny/",
        companies.ContactPersonCreateView.as_view(),
        name="contact-person-create",
    ),
    path(
        "<int:company>/kontaktpersoner/<int:pk>/",
        companies.ContactPersonUpdateView.as_view(),
        name="contact-person-update",
    ),
    path(
        "<int:company>/kontakter/ny/", contacts.ContactCreateView.as_view(), name="contact-create"
    ),
    path(
        "<int:company>/kontakter/koordinering/",
        contacts.coordination_panel,
        name="coordination-panel",
    ),
    path("kontakter/<int:pk>/", contacts.ContactDetailView.as_view(), name="contact-detail"),
    path(
        "kontakter/<int:pk>/rediger/", contacts.ContactUpdateView.as_view(), name="contact-update"
    ),
    path("klynger/", clusters.ClusterListView.as_view(), name="cluster-list"),
    path("klynger/forslag/", cluster_suggestions, name="cluster-suggestions"),
    path("klynger/ny/", clusters.ClusterCreateView.as_view(), name="cluster-create"),
    path("klynger/<int:pk>/", clusters.ClusterDetailView.as_view(), name="cluster-detail"),
    path("klynger/<int:pk>/rediger/", clusters.ClusterUpdateView.as_view(), name="cluster-update"),
]
