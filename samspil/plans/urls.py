from django.urls import path

from samspil.plans import views

app_name = "plans"
urlpatterns = [
    path("<int:pk>/", views.plan_detail, name="plan-detail"),
    path("<int:pk>/print/", views.plan_print, name="plan-print"),
    path("<int:pk>/behov/", views.add_need, name="need-add"),
    path("<int:pk>/hent-behov/", views.carry_over, name="carry-over"),
    path("<int:pk>/aftal/", views.agree, name="agree"),
    path("<int:pk>/ny-kladde/", views.new_draft, name="new-draft"),
    path("behov/<int:pk>/", views.need_detail, name="need-detail"),
]
