from django.urls import path

from samspil.participants import views

app_name = "participants"
urlpatterns = [
    path("projekter/<int:pk>/deltagere/", views.project_participants, name="project-participants"),
    path("projekter/<int:pk>/esf/", views.esf_report, name="esf-report"),
    path("deltagere/<int:pk>/", views.participant_detail, name="participant-detail"),
    path("deltagere/<int:pk>/udtraek/", views.data_subject_export, name="data-subject-export"),
    path("deltagere/import/", views.ParticipantImportView.as_view(), name="import"),
]
