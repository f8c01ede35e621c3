from django.urls import path

from samspil.catalogue import views

app_name = "catalogue"
urlpatterns = [
    path("", views.OfferingListView.as_view(), name="offering-list"),
    path("tilbud/<int:pk>/", views.OfferingDetailView.as_view(), name="offering-detail"),
    path("find/", views.MatchView.as_view(), name="match"),
    path("import/", views.OfferingImportView.as_view(), name="import"),
    path("kompetenceomraader/", views.CompetenceAreaListView.as_view(), name="area-list"),
    path("kompetenceomraader/ny/", views.CompetenceAreaCreateView.as_view(), name="area-create"),
    path(
        "kompetenceomraader/<int:pk>/", views.CompetenceAreaUpdateView.as_view(), name="area-update"
    ),
]
