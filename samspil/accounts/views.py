"""The user's own page: their API tokens, named, with expiry; made, revoked, and all ended at
sign-out when the user asks."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from rest_framework import serializers
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.response import Response
from rest_framework.views import APIView

from samspil.accounts import services
from samspil.accounts.forms import TokenForm
from samspil.accounts.models import ApiToken


@never_cache
def my_page(request):
    form = TokenForm(request.POST or None, user=request.user)
    new_token = None
    if request.method == "POST" and form.is_valid():
        record, new_token = services.issue_token(
            user=request.user, name=form.cleaned_data["name"], days=form.cleaned_data["days"]
        )
        form = TokenForm(user=request.user)
    tokens = ApiToken.objects.filter(user=request.user, expiry__gt=timezone.now())
    return render(
        request,
        "accounts/my_page.html",
        {"form": form, "tokens": tokens, "new_token": new_token, "page_title": _("My page")},
    )


@require_POST
def revoke(request, digest):
    if services.revoke_token(user=request.user, digest=digest):
        messages.success(request, _("The token is revoked; it no longer works."))
    return redirect("accounts:my-page")


class SignOutView(auth_views.LogoutView):
    """Sign out; with ``revoke_tokens`` ticked, every API token of the user ends too."""

    def post(self, request, *args, **kwargs):
        if request.user.is_authenticated and request.POST.get("revoke_tokens"):
            services.revoke_all(user=request.user)
        return super().post(request, *args, **kwargs)


class TokenRequestSerializer(AuthTokenSerializer):
    name = serializers.CharField(required=False, max_length=100, default="API")


class TokenResponseSerializer(serializers.Serializer):
    token = serializers.CharField()
    expiry = serializers.DateTimeField()
    name = serializers.CharField()


class ObtainTokenView(APIView):
    """``POST /api/token/`` with ``username``, ``password`` (and an optional ``name``): a new
    token, valid SAMSPIL_API_TOKEN_DAYS. The password is checked against Django's own request,
    so the sign-in lockout counts token requests and refuses them as it does the page."""

    authentication_classes = []
    permission_classes = []
    serializer_class = TokenRequestSerializer

    def post(self, request, *args, **kwargs):
        serializer = TokenRequestSerializer(
            data=request.data, context={"request": request._request}
        )
        serializer.is_valid(raise_exception=True)
        record, token = services.issue_token(
            user=serializer.validated_data["user"], name=serializer.validated_data["name"]
        )
        return Response({"token": token, "expiry": record.expiry, "name": record.name})


obtain_token = ObtainTokenView.as_view()


@login_not_required
def sso_refused(request):
    """The provider knows the person, samspil does not (or the sign-in failed): say so, and
    what to do; never create a user."""
    return render(
        request,
        "accounts/sso_refused.html",
        {"provider": settings.SAMSPIL_OIDC_NAME, "page_title": _("Sign-in refused")},
        status=403,
    )
