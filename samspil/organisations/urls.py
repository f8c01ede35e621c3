from django.urls import path

from samspil.organisations import members, views

app_name = "organisations"
urlpatterns = [
    path("", views.OrganisationListView.as_view(), name="list"),
    path("ny/", views.OrganisationCreateView.as_view(), name="create"),
    path("<int:pk>/", views.OrganisationDetailView.as_view(), name="detail"),
    path("<int:pk>/rediger/", views.OrganisationUpdateView.as_view(), name="update"),
    # Members of an organisation, partnership or project: add, change role, remove.
    path("medlemmer/<str:kind>/<int:pk>/", members.manage, name="members"),
]
