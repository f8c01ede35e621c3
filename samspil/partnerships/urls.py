from django.urls import path

from samspil.partnerships.views import cases, learning, maturity, meetings, partnerships

app_name = "partnerships"
urlpatterns = [
    path("", partnerships.PartnershipListView.as_view(), name="list"),
    path("<int:pk>/", partnerships.PartnershipDetailView.as_view(), name="detail"),
    path("<int:partnership>/sager/", cases.CaseListView.as_view(), name="case-list"),
    path("<int:partnership>/sager/ny/", cases.CaseCreateView.as_view(), name="case-create"),
    path("sager/<int:pk>/", cases.CaseDetailView.as_view(), name="case-detail"),
    path("sager/<int:pk>/rediger/", cases.CaseUpdateView.as_view(), name="case-update"),
    path("sager/<int:pk>/beslutning/", cases.record_decision, name="case-decide"),
    path(
        "<int:partnership>/moeder/ny/", meetings.MeetingCreateView.as_view(), name="meeting-create"
    ),
    path("moeder/<int:pk>/", meetings.MeetingDetailView.as_view(), name="meeting-detail"),
    path("moeder/<int:pk>/rediger/", meetings.MeetingUpdateView.as_view(), name="meeting-update"),
    path("moeder/<int:pk>/print/", meetings.MeetingPrintView.as_view(), name="meeting-print"),
    path("<int:partnership>/modenhed/", maturity.MaturityView.as_view(), name="maturity"),
    path(
        "<int:partnership>/modenhed/ny-runde/",
        maturity.RoundCreateView.as_view(),
        name="round-create",
    ),
    path("runder/<int:pk>/", maturity.RoundDetailView.as_view(), name="round-detail"),
    path("<int:partnership>/laering/", learning.LearningNoteListView.as_view(), name="note-list"),
    path(
        "<int:partnership>/laering/ny/",
        learning.LearningNoteCreateView.as_view(),
        name="note-create",
    ),
    path("laering/<int:pk>/", learning.LearningNoteDetailView.as_view(), name="note-detail"),
    path(
        "laering/<int:pk>/rediger/", learning.LearningNoteUpdateView.as_view(), name="note-update"
    ),
]
