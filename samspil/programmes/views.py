from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samspil.companies.forms import DateInput
from samspil.core import scoping
from samspil.core.views import ScopedDetailView, ScopedListView, add_service_errors
from samspil.partnerships.forms import ToolForm
from samspil.programmes import budget, progress, services
from samspil.programmes.models import Project, Target, Tool


class ProjectListView(ScopedListView):
    model = Project
    template_name = "programmes/project_list.html"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("operator")
            .annotate(member_count=Count("memberships", distinct=True))
            .order_by("name", "pk")
        )


class ProjectDetailView(ScopedDetailView):
    model = Project
    template_name = "programmes/project_detail.html"

    def get_base_queryset(self):
        return Project.objects.select_related("operator")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["memberships"] = self.object.memberships.select_related("user")
        context["partnerships"] = self.object.partnerships.restrict(self.request.user)
        context["tools"] = self.object.tools.all()
        return context


class ToolboxView(ScopedDetailView):
    """The project's toolbox: operators add and remove tools."""

    model = Project
    template_name = "programmes/toolbox.html"

    def get_object(self, queryset=None):
        # Team members see the project (404 for others); only its operators edit the toolbox.
        project = super().get_object(queryset)
        if not scoping.can(self.request.user, scoping.CHANGE, project):
            raise PermissionDenied
        return project

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["tools"] = self.object.tools.all()
        context.setdefault("form", ToolForm())
        return context

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        if "standard" in request.POST:
            added = services.add_standard_tools(actor=request.user, project=self.object)
            messages.success(request, _("%(count)s tools were added.") % {"count": added})
            return HttpResponseRedirect(request.path)
        if request.POST.get("remove", "").isdigit():
            tool = get_object_or_404(Tool, pk=request.POST["remove"], project=self.object)
            services.remove_tool(actor=request.user, tool=tool)
            messages.success(request, _("%(tool)s was removed.") % {"tool": tool.name})
            return HttpResponseRedirect(request.path)
        form = ToolForm(request.POST)
        if form.is_valid():
            try:
                services.add_tool(actor=request.user, project=self.object, **form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("The tool was added."))
                return HttpResponseRedirect(request.path)
        return self.render_to_response(self.get_context_data(form=form))


def project_budget(request, pk):
    """The budget by line and year, its financing by source and year, spend against budget,
    and where it does not add up."""
    project = get_object_or_404(Project.objects.restrict(request.user), pk=pk)
    return render(
        request,
        "programmes/project_budget.html",
        {"project": project, "budget": budget.summary(project)},
    )


class TargetForm(forms.ModelForm):
    indicator = forms.ChoiceField(label=gettext_lazy("Indicator"))

    class Meta:
        model = Target
        fields = ["indicator", "value", "due_on", "note"]
        widgets = {"due_on": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].choices = [
            (code, indicator.label) for code, indicator in progress.INDICATORS.items()
        ]

    def clean(self):
        data = super().clean()
        probe = Target(
            project=self.instance.project,
            indicator=data.get("indicator", ""),
            due_on=data.get("due_on"),
        )
        for field, problems in progress.target_errors(probe).items():
            for problem in problems:
                self.add_error(field, problem)
        return data


def project_progress(request, pk):
    """Targets against actuals computed from the records; operators add targets."""
    project = get_object_or_404(Project.objects.restrict(request.user), pk=pk)
    can_change = scoping.can(request.user, scoping.CHANGE, project)
    form = TargetForm(request.POST or None, instance=Target(project=project))
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied
        if form.is_valid():
            try:
                progress.save_target(actor=request.user, target=form.instance)
                return HttpResponseRedirect(request.path)
            except ValidationError as exc:
                add_service_errors(exc, form)
    return render(
        request,
        "programmes/project_progress.html",
        {
            "project": project,
            "rows": progress.project_progress(project, timezone.localdate()),
            "form": form if can_change else None,
        },
    )
