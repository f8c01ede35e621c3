"""Request middleware: the language a page is shown in, sign-in for every page, and the
Permissions-Policy header."""

from django.conf import settings
from django.contrib.auth.middleware import LoginRequiredMiddleware as DjangoLoginRequired
from django.utils import translation
from django.utils.cache import patch_vary_headers

SUPPORTED = {code for code, _name in settings.LANGUAGES}


class LanguageMiddleware:
    """Danish unless the person has chosen otherwise.

    Django's LocaleMiddleware follows the browser's Accept-Language, so a Danish caseworker
    with an English browser would get English pages. Danish public-sector pages are Danish by
    default; the language switcher sets a cookie. API clients may ask with Accept-Language.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = self.language_for(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Cookie",))
        translation.deactivate()
        return response

    @staticmethod
    def language_for(request) -> str:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if chosen in SUPPORTED:
            return chosen
        if request.path.startswith("/api/"):
            for part in request.headers.get("Accept-Language", "").split(","):
                code = part.split(";")[0].strip().lower()[:2]
                if code in SUPPORTED:
                    return code
        return settings.LANGUAGE_CODE


class LoginRequiredMiddleware(DjangoLoginRequired):
    """Every page needs a signed-in user, except views marked ``login_not_required``.

    The API authenticates itself (tokens are only read inside Django REST framework), so it
    is left to DRF's permission classes, which answer 401/403 instead of redirecting.
    """

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path_info.startswith("/api/"):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


class PermissionsPolicyMiddleware:
    """Switch off the browser features samspil never uses (``settings.PERMISSIONS_POLICY``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
