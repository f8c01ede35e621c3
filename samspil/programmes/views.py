from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from samspil.core import scoping
from samspil.core.views import ScopedDetailView, ScopedListView, posted_pk, save_with
from samspil.partnerships.forms import ToolForm
from samspil.programmes import budget, services
from samspil.programmes.budget_form import BudgetTable
from samspil.programmes.models import Project, Tool


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
        return Project.objects.select_related("operator", "programme", "region")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_change"] = scoping.can(self.request.user, scoping.CHANGE, self.object)
        context["partners"] = self.object.partners.select_related("organisation")
        context["activities"] = self.object.activities.all()
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
        if (remove := posted_pk(request.POST.get("remove"))) is not None:
            tool = get_object_or_404(Tool, pk=remove, project=self.object)
            services.remove_tool(actor=request.user, tool=tool)
            messages.success(request, _("%(tool)s was removed.") % {"tool": tool.name})
            return HttpResponseRedirect(request.path)
        form = ToolForm(request.POST)
        if form.is_valid() and save_with(
            services.add_tool, [form], actor=request.user, project=self.object, **form.cleaned_data
        ):
            messages.success(request, _("The tool was added."))
            return HttpResponseRedirect(request.path)
        return self.render_to_response(self.get_context_data(form=form))


def project_budget(request, pk):
    """The budget by line and year, its financing by source and year, spend against budget,
    and where it does not add up."""
    project = get_object_or_404(Project.objects.restrict(request.user), pk=pk)
    if not scoping.can(request.user, scoping.CHANGE, project):
        raise PermissionDenied  # budgets are the project's operators' (docs/scoping.md)
    return render(
        request,
        "programmes/project_budget.html",
        {
            "project": project,
            "budget": budget.summary(project),
            "can_change": scoping.can(request.user, scoping.CHANGE, project),
        },
    )


def budget_edit(request, pk):
    """Operators type the budget by line and year and its financing by source and year; it is
    saved whole only if it adds up, else the page says where not and keeps what was typed."""
    project = get_object_or_404(Project.objects.restrict(request.user), pk=pk)
    if not scoping.can(request.user, scoping.CHANGE, project):
        raise PermissionDenied
    if request.method == "POST":
        try:
            table = BudgetTable.from_post(project, request.POST)
        except ValidationError as exc:
            table = BudgetTable.of(project)
            table.errors = exc.messages
        lines, financing = table.as_budget()
        if not table.errors:
            try:
                services.save_budget(
                    actor=request.user, project=project, lines=lines, financing=financing
                )
            except ValidationError as exc:
                table.errors = [m for messages in exc.message_dict.values() for m in messages]
            else:
                messages.success(request, _("The budget was saved."))
                return HttpResponseRedirect(reverse("programmes:budget", args=[project.pk]))
    else:
        table = BudgetTable.of(project)
    return render(
        request,
        "programmes/budget_edit.html",
        {"project": project, "table": table, "rows": table.rows(), "years": table.years},
    )
