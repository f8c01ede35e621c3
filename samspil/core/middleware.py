"""Request middleware: the language a page is shown in, sign-in for every page, the
Permissions-Policy header and the size limits of uploads."""

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


class UploadLimitMiddleware:
    """Size limits kept while a request's body is read (``samspil.core.uploads``).

    Every request gets the limit of its view (``@upload_limit``) or ``SAMSPIL_MAX_UPLOAD_MB``,
    and an upload handler that stops reading files past it. A body announced larger than the
    limit is answered 413 before it is read, unless the view shows the refusal on its own form.
    Must come before ``CsrfViewMiddleware``, whose ``process_view`` reads the form.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from samspil.core import uploads

        request.upload_limit = uploads.max_request_bytes()
        request.upload_refused = None
        request.upload_handlers.insert(0, uploads.LimitedUploadHandler(request))
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        from samspil.core import uploads

        limit = uploads.limit_for(view_func)
        if limit is not None:
            request.upload_limit = limit  # the view puts a refusal on its form
            return None
        if _content_length(request) > request.upload_limit + uploads.FORM_SLACK:
            return uploads.too_large_response(request, request.upload_limit)
        return None


def _content_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0
