from django.urls import path

from samspil.participants import education_views, views

app_name = "participants"
urlpatterns = [
    path("projekter/<int:pk>/deltagere/", views.project_participants, name="project-participants"),
    path("projekter/<int:pk>/esf/", views.esf_report, name="esf-report"),
    path("deltagere/<int:pk>/", views.participant_detail, name="participant-detail"),
    path("deltagere/<int:pk>/udtraek/", views.data_subject_export, name="data-subject-export"),
    path(
        "projekter/<int:pk>/deltagere/ny/",
        education_views.register_participant,
        name="register",
    ),
    path("forloeb/<int:pk>/", education_views.enrolment_edit, name="enrolment-edit"),
    path(
        "deltagere/<int:participant_pk>/rkv/ny/",
        education_views.assessment_edit,
        name="assessment-add",
    ),
    path(
        "deltagere/<int:participant_pk>/rkv/<int:pk>/",
        education_views.assessment_edit,
        name="assessment-edit",
    ),
    path(
        "deltagere/<int:participant_pk>/uddannelsesplan/ny/",
        education_views.education_plan_edit,
        name="plan-add",
    ),
    path(
        "deltagere/<int:participant_pk>/uddannelsesplan/<int:pk>/",
        education_views.education_plan_edit,
        name="plan-edit",
    ),
    path(
        "virksomheder/<int:pk>/uddannelser/",
        education_views.company_matrix,
        name="company-matrix",
    ),
    path("deltagere/import/", views.ParticipantImportView.as_view(), name="import"),
]
