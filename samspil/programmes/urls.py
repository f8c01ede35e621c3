from django.urls import path

from samspil.programmes import views

app_name = "programmes"
urlpatterns = [
    path("projekter/", views.ProjectListView.as_view(), name="project-list"),
    path("projekter/<int:pk>/", views.ProjectDetailView.as_view(), name="project-detail"),
    path("projekter/<int:pk>/redskaber/", views.ToolboxView.as_view(), name="toolbox"),
    path("projekter/<int:pk>/budget/", views.project_budget, name="budget"),
    path("projekter/<int:pk>/fremdrift/", views.project_progress, name="progress"),
]
