"""Generic scoped views (every domain view is a short declaration over these)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import generic

from samspil.core import scoping
from samspil.core.audit import history_for


class ScopedQuerysetMixin:
    """Narrow the view's queryset to what the signed-in user may ``scope_action``."""

    model = None
    scope_action = scoping.VIEW

    def get_base_queryset(self):
        return self.model.objects.all()

    def get_queryset(self):
        return self.get_base_queryset().restrict(self.request.user, self.scope_action)


class ScopedListView(ScopedQuerysetMixin, generic.ListView):
    paginate_by = 50

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_create"] = scoping.can_create(self.request.user, self.model)
        return context


class ScopedDetailView(ScopedQuerysetMixin, generic.DetailView):
    """A record's page, with its audit history; out-of-scope records answer 404."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_change"] = scoping.can(self.request.user, scoping.CHANGE, self.object)
        context["history"] = history_for(self.object)
        return context


class ServiceFormMixin:
    """Save a validated form through a service function (by ``save_with``); a refusal lands
    on the field it names."""

    success_message = ""

    def save_with_service(self, form):  # pragma: no cover - subclasses implement
        raise NotImplementedError

    def form_valid(self, form):
        saved = save_with(lambda: self.save_with_service(form), [form])
        if form.errors:
            return self.form_invalid(form)
        self.object = saved
        if self.success_message:
            messages.success(self.request, self.success_message % {"object": self.object})
        return HttpResponseRedirect(self.get_success_url())


class ScopedUpdateView(ServiceFormMixin, ScopedQuerysetMixin, generic.UpdateView):
    """Edit a record: 404 when the user cannot see it, 403 when they may see but not change it."""

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        if not scoping.can(self.request.user, scoping.CHANGE, obj):
            raise PermissionDenied
        return obj


class ScopedCreateView(ServiceFormMixin, generic.CreateView):
    def dispatch(self, request, *args, **kwargs):
        if not scoping.can_create(request.user, self.model):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


@login_not_required
def switch_language(request, code: str):
    """Remember the chosen language in a cookie and go back to the page it was chosen on."""
    if code not in dict(settings.LANGUAGES):
        raise Http404
    next_url = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=365 * 24 * 3600,
        samesite="Lax",
        secure=request.is_secure(),
    )
    return response


def add_service_errors(exc, *forms) -> None:
    """A service's refusal lands on the field it names, in whichever of the page's forms has
    that field; what names no field goes to the top of the first form."""
    if not hasattr(exc, "error_dict"):  # a refusal of the whole record, naming no field
        for problem in exc.messages:
            forms[0].add_error(None, problem)
        return
    for field, problems in exc.message_dict.items():
        form = next((f for f in forms if field in f.fields), forms[0])
        for problem in problems:
            form.add_error(field if field in form.fields else None, problem)


def save_with(service, forms, *, denied=None, **kwargs):
    """Call a write ``service`` for a page. Its refusal lands on the page's ``forms`` (see
    ``add_service_errors``); a PermissionDenied lands there too when ``denied`` gives the
    ``(field, message)`` to show, else it answers 403. The service's result, or None."""
    try:
        return service(**kwargs)
    except ValidationError as exc:
        add_service_errors(exc, *forms)
    except PermissionDenied:
        if denied is None:
            raise
        forms[0].add_error(*denied)
    return None


def act_with(request, service, *, done=None, **kwargs) -> bool:
    """Call a write ``service`` for a button that posts no form: its refusal becomes error
    messages on the next page (a PermissionDenied answers 403); ``done(result)`` gives the
    success message. True when the service did it."""
    try:
        result = service(**kwargs)
    except ValidationError as exc:
        for problem in exc.messages:
            messages.error(request, problem)
        return False
    if done is not None:
        messages.success(request, done(result))
    return True


def posted_pk(value) -> int | None:
    """A record's id as a form or query string sends it, or None for anything else (also for
    digits that are not ASCII, such as "²", which ``int`` refuses)."""
    text = str(value or "")
    return int(text) if text.isascii() and text.isdigit() else None
