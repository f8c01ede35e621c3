from django.urls import path

from samspil.accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.my_page, name="my-page"),
    path("api-noegler/<str:digest>/afbryd/", views.revoke, name="revoke"),
]
