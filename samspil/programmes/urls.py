from django.urls import path

from samspil.programmes import dashboard_views, views

app_name = "programmes"
urlpatterns = [
    path("programmer/", dashboard_views.ProgrammeListView.as_view(), name="programme-list"),
    path("programmer/<int:pk>/", dashboard_views.programme_detail, name="programme-detail"),
    path(
        "programmer/<int:pk>/statusrapport/",
        dashboard_views.programme_status_report,
        name="programme-status-report",
    ),
    path(
        "programmer/<int:pk>/koordinering/",
        dashboard_views.coordination_page,
        name="programme-coordination",
    ),
    path("projekter/", views.ProjectListView.as_view(), name="project-list"),
    path("projekter/<int:pk>/", views.ProjectDetailView.as_view(), name="project-detail"),
    path("projekter/<int:pk>/redskaber/", views.ToolboxView.as_view(), name="toolbox"),
    path("projekter/<int:pk>/budget/", views.project_budget, name="budget"),
    path("projekter/<int:pk>/budget/rediger/", views.budget_edit, name="budget-edit"),
    path("projekter/<int:pk>/forbrug/", dashboard_views.project_spend, name="spend"),
    path("projekter/<int:pk>/fremdrift/", dashboard_views.project_progress, name="progress"),
    path(
        "projekter/<int:pk>/fremdrift/statusrapport/",
        dashboard_views.project_status_report,
        name="project-status-report",
    ),
    path(
        "projekter/<int:pk>/fremdrift/<slug:indicator>/",
        dashboard_views.progress_records,
        name="progress-records",
    ),
    path(
        "projekter/<int:pk>/koordinering/",
        dashboard_views.coordination_page,
        {"of": "project"},
        name="project-coordination",
    ),
]
