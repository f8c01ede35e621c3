from django.urls import path

from samspil.recruitment import views

app_name = "recruitment"
urlpatterns = [
    path("rekruttering/", views.opening_list, name="opening-list"),
    path("rekruttering/stillinger/ny/", views.opening_create, name="opening-create"),
    path("rekruttering/stillinger/<int:pk>/", views.opening_detail, name="opening-detail"),
    path("rekruttering/kandidater/", views.candidate_list, name="candidate-list"),
    path("rekruttering/kandidater/ny/", views.candidate_create, name="candidate-create"),
    path("rekruttering/kandidater/<int:pk>/", views.candidate_detail, name="candidate-detail"),
    path("rekruttering/kampagner/", views.campaign_list, name="campaign-list"),
    path("rekruttering/kampagner/ny/", views.campaign_create, name="campaign-create"),
    path("rekruttering/kampagner/<int:pk>/", views.campaign_detail, name="campaign-detail"),
]
