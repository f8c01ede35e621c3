from csp.decorators import csp_update
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import include, path
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)
from health_check.views import HealthCheckView
from rest_framework.permissions import AllowAny

from samspil.accounts.views import SignOutView, obtain_token
from samspil.core.health import CHECKS
from samspil.core.views import switch_language
from samspil.discovery.views.respond import respond
from samspil.partnerships.views.home import HomeView
from samspil.plans.views import company_plan


@login_not_required
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says; send them to the icon."""
    return redirect(static("samspil/favicon.svg"), permanent=True)


api_docs = {"permission_classes": [AllowAny], "authentication_classes": []}

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("favicon.ico", favicon),
    # For load balancers and monitoring: 200 when database, cache, storage and task queue answer.
    path("health/", login_not_required(HealthCheckView.as_view(checks=CHECKS)), name="health"),
    path(
        "log-ind/",
        login_not_required(auth_views.LoginView.as_view(redirect_authenticated_user=True)),
        name="login",
    ),
    path("log-ind/organisation/", include("samspil.accounts.oidc_urls")),
    path("log-ud/", SignOutView.as_view(), name="logout"),
    path("min-side/", include("samspil.accounts.urls")),
    path("sprog/<str:code>/", switch_language, name="set_language"),
    path("organisationer/", include("samspil.organisations.urls")),
    path("partnerskaber/", include("samspil.partnerships.urls")),
    path("virksomheder/", include("samspil.companies.urls")),
    path("behov/", include("samspil.discovery.urls")),
    path("katalog/", include("samspil.catalogue.urls")),
    path("planer/", include("samspil.plans.urls")),
    path("", include("samspil.participants.urls")),
    path("virksomheder/<int:company>/plan/", company_plan, name="company-plan"),
    path("spoergeskema/<str:token>/", respond, name="survey-respond"),
    path("", include("samspil.programmes.urls")),
    path("", include("samspil.recruitment.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", include("samspil.api_urls", namespace="v1")),
    path("api/token/", obtain_token, name="api-token"),
    path("api/schema/", SpectacularAPIView.as_view(**api_docs), name="api-schema"),
    # Swagger UI's set-up script is served from its own URL (no inline script); both pages
    # draw with styles their libraries insert, so only they allow inline styles.
    path(
        "api/docs/",
        csp_update({"style-src": ["'unsafe-inline'"]})(
            SpectacularSwaggerSplitView.as_view(url_name="api-schema", **api_docs)
        ),
        name="api-docs",
    ),
    path(
        "api/redoc/",
        csp_update({"style-src": ["'unsafe-inline'"], "worker-src": ["blob:"]})(
            SpectacularRedocView.as_view(url_name="api-schema", **api_docs)
        ),
        name="api-redoc",
    ),
]
