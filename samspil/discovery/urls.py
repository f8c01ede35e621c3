from django.urls import path

from samspil.discovery.views import surveys, workshops

app_name = "discovery"
urlpatterns = [
    path("", workshops.WorkshopListView.as_view(), name="workshop-list"),
    path("workshops/ny/", workshops.WorkshopCreateView.as_view(), name="workshop-create"),
    path("workshops/<int:pk>/", workshops.WorkshopDetailView.as_view(), name="workshop-detail"),
    path(
        "workshops/<int:pk>/rediger/",
        workshops.WorkshopUpdateView.as_view(),
        name="workshop-update",
    ),
    path("workshops/<int:pk>/udsagn/", workshops.add_statement, name="statement-add"),
    path("udsagn/<int:pk>/fjern/", workshops.remove_statement, name="statement-remove"),
    path("workshops/<int:pk>/filer/", workshops.add_file, name="file-add"),
    path("filer/<int:pk>/", workshops.download_file, name="file-download"),
    path(
        "workshops/<int:workshop>/survey/ny/",
        surveys.SurveyCreateView.as_view(),
        name="survey-create",
    ),
    path("surveys/<int:pk>/", surveys.SurveyDetailView.as_view(), name="survey-detail"),
    path("surveys/<int:pk>/rediger/", surveys.SurveyUpdateView.as_view(), name="survey-update"),
    path("surveys/<int:pk>/send/", surveys.send, name="survey-send"),
    path("surveys/<int:pk>/paamind/", surveys.send_reminders, name="survey-remind"),
    path("surveys/<int:pk>/analyse/", surveys.AnalysisView.as_view(), name="analysis"),
]
