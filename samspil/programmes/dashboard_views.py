"""The pages the operator steers by: programme and project dashboards, the records behind each
figure, the status report as XLSX, spend, and cross-project coordination."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samspil.companies.forms import DateInput
from samspil.core import scoping
from samspil.core.exports import workbook_response
from samspil.core.import_views import ImportForm, run_upload
from samspil.core.views import ScopedListView, posted_pk, save_with
from samspil.participants.models import AccessLog
from samspil.participants.services import log_access
from samspil.programmes import coordination, dashboard, progress, services, status_report
from samspil.programmes.imports import COLUMNS_HELP, SpendImporter
from samspil.programmes.models import Programme, Project, Spend, Target
from samspil.programmes.scoping import money_of

RECORDS_SHOWN = 500


def _project(request, pk):
    return get_object_or_404(
        Project.objects.restrict(request.user).select_related("operator", "programme"), pk=pk
    )


def _programme(request, pk):
    return get_object_or_404(Programme.objects.restrict(request.user), pk=pk)


def _chart(dates, rows) -> dict:
    """The share of each target reached at each report date, for one line chart."""
    return {
        "labels": [date_format(day, "SHORT_DATE_FORMAT") for day in dates],
        "datasets": [
            {
                "label": row.label,
                "data": [
                    round(100 * float(v) / float(row.target.value)) if row.target.value else 0
                    for v in row.points
                ],
            }
            for row in rows
        ],
    }


class TargetForm(forms.ModelForm):
    indicator = forms.ChoiceField(label=gettext_lazy("Indicator"))

    class Meta:
        model = Target
        fields = ["indicator", "value", "due_on", "note"]
        widgets = {"due_on": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].choices = progress.choices(self.instance.project.fund)

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
    """Targets against actuals at each status-report date, forecast and warnings, budget
    against spend; operators add targets."""
    project = _project(request, pk)
    can_change = scoping.can(request.user, scoping.CHANGE, project)
    form = TargetForm(request.POST or None, instance=Target(project=project))
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied
        if (remove := posted_pk(request.POST.get("remove"))) is not None:
            target = get_object_or_404(Target, pk=remove, project=project)
            services.remove_target(actor=request.user, target=target)
            messages.success(request, _("The target was removed."))
            return HttpResponseRedirect(request.path)
        if form.is_valid() and save_with(
            services.save_target, [form], actor=request.user, target=form.instance
        ):
            messages.success(request, _("The target was added."))
            return HttpResponseRedirect(request.path)
    today = timezone.localdate()
    found = dashboard.project_dashboard(project, today, money_of(request.user, [project]))
    return render(
        request,
        "programmes/project_progress.html",
        {
            "project": project,
            "today": today,
            "form": form if can_change else None,
            "entry": found,
            "dates": found["dates"],
            "warnings": dashboard.warnings(found),
            "chart": _chart(found["dates"], found["rows"]),
        },
    )


class ProgrammeListView(ScopedListView):
    model = Programme
    template_name = "programmes/programme_list.html"

    def get_queryset(self):
        return super().get_queryset().select_related("owner").order_by("name", "pk")


def _programme_dashboard(request, programme, today) -> dict:
    """The programme's dashboard over the projects the user may see."""
    projects = list(
        programme.projects.restrict(request.user).select_related("operator").order_by("name", "pk")
    )
    money = money_of(request.user, projects)
    return dashboard.programme_dashboard(programme, projects, today, money)


def programme_detail(request, pk):
    """The programme dashboard: each project's targets against live actuals, budget against
    financing and spend, warnings; a constant number of queries whatever the sizes."""
    programme = _programme(request, pk)
    today = timezone.localdate()
    found = _programme_dashboard(request, programme, today)
    # The companies two or more of the programme's own projects work with, a page at a time.
    shared = coordination.shared_companies(
        [entry["project"] for entry in found["projects"]],
        request.user,
        within=True,
        page=request.GET.get("shared"),
    )
    return render(
        request,
        "programmes/programme_detail.html",
        {
            "programme": programme,
            "today": today,
            "shared": [
                {"company": e["company"], "ours": ours}
                for e in shared
                if len(ours := [row for row in e["projects"] if row["ours"]]) > 1
            ],
            "shared_page": shared.page_obj,
            **found,
        },
    )


def programme_status_report(request, pk):
    programme = _programme(request, pk)
    today = timezone.localdate()
    found = _programme_dashboard(request, programme, today)
    book = status_report.workbook(programme.name, found["projects"], found["dates"], today)
    return workbook_response(book, f"status-{programme.code}-{today}.xlsx")


def project_status_report(request, pk):
    project = _project(request, pk)
    today = timezone.localdate()
    found = dashboard.project_dashboard(project, today, money_of(request.user, [project]))
    book = status_report.workbook(project.name, [found], found["dates"], today)
    return workbook_response(book, f"status-{project.code}-{today}.xlsx")


def progress_records(request, pk, indicator):
    """The records behind one figure, as far as the user may read them; personal records are
    logged as seen."""
    project = _project(request, pk)
    found = progress.INDICATORS.get(indicator)
    if found is None:
        if indicator in progress.esf_codes(project.fund):
            return redirect("participants:esf-report", project.pk)
        raise Http404
    if found.share_of:
        return redirect("programmes:progress-records", project.pk, found.share_of[0])
    today = progress.counted_until(project, timezone.localdate())
    records = found.records([project.pk], today)
    total = records.count()
    visible = records.restrict(request.user).order_by(f"-{found.date_field}", "-pk")
    if found.person:
        visible = visible.select_related(found.person)
    elif found.distinct:
        visible = visible.select_related(found.distinct)
    visible = list(visible[:RECORDS_SHOWN])
    rows = [
        {
            "date": _follow(record, found.date_field),
            "text": str(record),
            "url": (_follow(record, found.person) if found.person else record).get_absolute_url(),
        }
        for record in visible
    ]
    if found.person:
        people = {_follow(record, found.person + "_id") for record in visible}
        log_access(request.user, people, AccessLog.Action.VIEW, f"figure {indicator}")
    return render(
        request,
        "programmes/progress_records.html",
        {
            "project": project,
            "label": found.label,
            "total": total,
            "rows": rows,
            "distinct": found.distinct,
            "actual": progress.actuals([project], today, [indicator])
            .get(indicator, {})
            .get(project.pk, 0),
        },
    )


def _follow(record, path: str):
    value = record
    for step in path.split("__"):
        value = getattr(value, step)
    return value


class SpendForm(forms.ModelForm):
    class Meta:
        model = Spend
        fields = ["line", "period_start", "period_end", "amount", "note"]
        labels = {"line": gettext_lazy("Budget line")}
        widgets = {"period_start": DateInput(), "period_end": DateInput()}

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["line"].queryset = project.budget_lines.all()


def project_spend(request, pk):
    """Actual spend per budget line and period: operators record it by hand or import it from
    the accounts (all or nothing), and remove a wrong entry."""
    project = _project(request, pk)
    if not scoping.can(request.user, scoping.CHANGE, project):
        raise PermissionDenied
    form = SpendForm(project=project)
    upload = ImportForm()
    result = None
    if request.method == "POST":
        if (remove := posted_pk(request.POST.get("remove"))) is not None:
            spend = get_object_or_404(Spend, pk=remove, line__project=project)
            services.remove_spend(actor=request.user, spend=spend)
            messages.success(request, _("The spend was removed."))
            return HttpResponseRedirect(request.path)
        if "file" in request.FILES:
            upload = ImportForm(request.POST, request.FILES)
            if upload.is_valid():
                result = run_upload(upload, SpendImporter(project=project, actor=request.user))
        else:
            form = SpendForm(request.POST, project=project, instance=Spend())
            if form.is_valid() and save_with(
                services.record_spend, [form], actor=request.user, **form.cleaned_data
            ):
                messages.success(request, _("The spend was recorded."))
                return HttpResponseRedirect(request.path)
    return render(
        request,
        "programmes/project_spend.html",
        {
            "project": project,
            "form": form,
            "upload": upload,
            "result": result,
            "columns_help": COLUMNS_HELP,
            "spend": Spend.objects.filter(line__project=project).select_related("line"),
        },
    )


def coordination_page(request, pk, of="programme"):
    """The companies this programme's (or project's) projects share with other projects."""
    if of == "programme":
        owner = _programme(request, pk)
        projects = list(owner.projects.restrict(request.user))
    else:
        owner = _project(request, pk)
        projects = [owner]
    return render(
        request,
        "programmes/coordination.html",
        {
            "owner": owner,
            "companies": coordination.shared_companies(
                projects, request.user, page=request.GET.get("page")
            ),
        },
    )
