"""Sign-in with the organisation's identity (OpenID Connect): start, the provider's callback,
and the page for a person samspil does not know. Reachable before signing in."""

from django.contrib.auth.decorators import login_not_required
from django.urls import path

from samspil.accounts import oidc, views

urlpatterns = [
    path(
        "start/",
        login_not_required(oidc.StartView.as_view()),
        name="oidc_authentication_init",
    ),
    path(
        "retur/",
        login_not_required(oidc.CallbackView.as_view()),
        name="oidc_authentication_callback",
    ),
    path("afvist/", views.sso_refused, name="oidc-refused"),
]
