from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from samspil.core import scoping, uploads
from samspil.core.uploads import upload_limit
from samspil.core.views import (
    ScopedCreateView,
    ScopedDetailView,
    ScopedListView,
    ScopedUpdateView,
    act_with,
    save_with,
)
from samspil.discovery import services
from samspil.discovery.forms import StatementForm, WorkshopFileForm, WorkshopForm
from samspil.discovery.models import Statement, Workshop, WorkshopFile


class WorkshopListView(ScopedListView):
    model = Workshop
    template_name = "discovery/workshop_list.html"

    def get_queryset(self):
        return super().get_queryset().select_related("project", "cluster").order_by("-date", "-pk")


class WorkshopFormMixin:
    model = Workshop
    form_class = WorkshopForm
    template_name = "discovery/workshop_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_success_url(self):
        return self.object.get_absolute_url()


class WorkshopCreateView(WorkshopFormMixin, ScopedCreateView):
    success_message = _("The workshop was saved and logged on the companies' timelines.")

    def get_initial(self):
        return {"facilitators": [self.request.user.pk]}

    def save_with_service(self, form):
        return services.save_workshop(actor=self.request.user, **form.cleaned_data)


class WorkshopUpdateView(WorkshopFormMixin, ScopedUpdateView):
    success_message = _("The changes to the workshop were saved.")

    def save_with_service(self, form):
        return services.save_workshop(
            actor=self.request.user,
            workshop=Workshop.objects.get(pk=self.object.pk),
            **form.cleaned_data,
        )


class WorkshopDetailView(ScopedDetailView):
    model = Workshop
    template_name = "discovery/workshop_detail.html"

    def get_base_queryset(self):
        return Workshop.objects.select_related("project", "cluster").prefetch_related(
            "companies", "facilitators", "files"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        workshop = self.object
        context["statements"] = workshop.statements.prefetch_related("surveys")
        context["surveys"] = workshop.surveys.order_by("-created_at")
        context.setdefault("statement_form", StatementForm())
        context.setdefault("file_form", WorkshopFileForm())
        return context


@require_POST
def add_statement(request, pk):
    workshop = get_object_or_404(Workshop.objects.restrict(request.user), pk=pk)
    form = StatementForm(request.POST)
    if form.is_valid() and save_with(
        services.save_statement, [form], actor=request.user, workshop=workshop, **form.cleaned_data
    ):
        messages.success(request, _("The statement was added."))
        return HttpResponseRedirect(workshop.get_absolute_url() + "#statements")
    view = WorkshopDetailView()
    view.setup(request, pk=pk)
    view.object = workshop
    return view.render_to_response(view.get_context_data(object=workshop, statement_form=form))


@require_POST
def remove_statement(request, pk):
    statement = get_object_or_404(
        Statement.objects.restrict(request.user).select_related("workshop"), pk=pk
    )
    act_with(
        request,
        services.delete_statement,
        done=lambda _result: _("The statement was removed."),
        actor=request.user,
        statement=statement,
    )
    return HttpResponseRedirect(statement.workshop.get_absolute_url() + "#statements")


@upload_limit(uploads.attachment_bytes)  # stops reading past it; the form says why
@require_POST
def add_file(request, pk):
    workshop = get_object_or_404(Workshop.objects.restrict(request.user), pk=pk)
    if not scoping.can(request.user, scoping.CHANGE, workshop):
        raise PermissionDenied
    form = WorkshopFileForm(request.POST, request.FILES, refused=uploads.refusal(request))
    if form.is_valid() and save_with(
        services.attach_file, [form], actor=request.user, workshop=workshop, **form.cleaned_data
    ):
        messages.success(request, _("The file was attached."))
        return HttpResponseRedirect(workshop.get_absolute_url() + "#documentation")
    view = WorkshopDetailView()
    view.setup(request, pk=pk)
    view.object = workshop
    return view.render_to_response(view.get_context_data(object=workshop, file_form=form))


def download_file(request, pk):
    """Workshop documents are the project team's: served only through the scoping rules, and
    only as a download (never shown as a page by the browser)."""
    attachment = get_object_or_404(WorkshopFile.objects.select_related("workshop"), pk=pk)
    if not scoping.can(request.user, scoping.VIEW, attachment.workshop):
        raise Http404
    return uploads.attachment_response(attachment.file, attachment.file.name.rsplit("/", 1)[-1])
