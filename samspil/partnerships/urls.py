from django.urls import path

from samspil.partnerships import views

app_name = "partnerships"
urlpatterns = [
    path("", views.PartnershipListView.as_view(), name="list"),
    path("<int:pk>/", views.PartnershipDetailView.as_view(), name="detail"),
]
