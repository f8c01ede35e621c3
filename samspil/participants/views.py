import json

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext_lazy

from samspil.core import scoping
from samspil.core.exports import workbook_response
from samspil.core.import_views import ImportView
from samspil.participants import services
from samspil.participants.imports import ParticipantImporter
from samspil.participants.indicators import compute, incomplete
from samspil.participants.models import (
    AccessLog,
    EducationPlan,
    Enrolment,
    Participant,
    PriorLearningAssessment,
)
from samspil.programmes.models import Project


def _project(request, pk):
    return get_object_or_404(Project.objects.restrict(request.user), pk=pk)


def project_participants(request, pk):
    """The project's participants, identifiers masked; the list view is logged too."""
    project = _project(request, pk)
    enrolments = list(
        Enrolment.objects.restrict(request.user)
        .filter(project=project)
        .select_related("participant__employer")
        .order_by("participant__name", "pk")
    )
    services.log_access(
        request.user, [e.participant_id for e in enrolments], AccessLog.Action.VIEW, "list"
    )
    return render(
        request,
        "participants/participant_list.html",
        {"project": project, "enrolments": enrolments},
    )


def participant_detail(request, pk):
    participant = get_object_or_404(
        Participant.objects.restrict(request.user).select_related("employer", "jobcentre"), pk=pk
    )
    services.log_access(request.user, [participant], AccessLog.Action.VIEW, request.path)
    changeable = set(
        participant.enrolments.restrict(request.user, scoping.CHANGE).values_list("pk", flat=True)
    )
    enrolments = [
        (enrolment, enrolment.pk in changeable)
        for enrolment in participant.enrolments.restrict(request.user).select_related("project")
    ]
    log = (
        AccessLog.objects.restrict(request.user)
        .filter(participant=participant)
        .select_related("user")[:50]
    )
    assessments = (
        PriorLearningAssessment.objects.restrict(request.user)
        .filter(enrolment__participant=participant)
        .select_related("school", "education")
    )
    plans = (
        EducationPlan.objects.restrict(request.user)
        .filter(enrolment__participant=participant)
        .select_related("education", "provider")
        .prefetch_related("periods")
    )
    return render(
        request,
        "participants/participant_detail.html",
        {
            "participant": participant,
            "assessments": assessments,
            "plans": plans,
            "can_change": scoping.can(request.user, scoping.CHANGE, participant),
            "enrolments": enrolments,
            "log": log,
            "can_read_log": AccessLog.objects.restrict(request.user)
            .filter(participant=participant)
            .exists(),
        },
    )


def data_subject_export(request, pk):
    """Everything held on one person, as a file to hand them; logged as an export."""
    participant = get_object_or_404(Participant.objects.restrict(request.user), pk=pk)
    if not services.may_export_everything(request.user, participant):
        raise PermissionDenied
    data = services.data_subject_export(actor=request.user, participant=participant)
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="deltager-{participant.pk}.json"'
    return response


def esf_report(request, pk):
    """The project's ESF indicators as a page (with a chart and its table), the incomplete
    records to fix, and the XLSX for the fund."""
    project = _project(request, pk)
    try:
        until = parse_date(request.GET.get("until") or "") or timezone.localdate()
    except ValueError:  # a date that does not exist, e.g. 2025-02-30
        until = timezone.localdate()
    report = compute(project, until)
    services.log_project(
        request.user, project, AccessLog.Action.REPORT, f"ESF report until {until}", until=until
    )
    if request.GET.get("format") == "xlsx":
        from samspil.core.management.commands.report import as_workbook

        return workbook_response(as_workbook(report), f"esf-{project.code}-{until}.xlsx")
    columns = [
        c
        for c in ("women", "men", "non_binary", "total")
        if c in next(iter(report["indicators"].values()))
    ]
    return render(
        request,
        "participants/esf_report.html",
        {
            "project": project,
            "report": report,
            "until": until,
            "columns": [COLUMN_LABELS[c] for c in columns],
            "rows": [
                (code, [values[c] for c in columns])
                for code, values in report["indicators"].items()
            ],
            "incomplete": [
                (enrolment, [_field_label(name) for name in lacks])
                for enrolment, lacks in incomplete(project, until)
            ],
            "chart": {
                "labels": list(report["indicators"]),
                "totals": [v["total"] for v in report["indicators"].values()],
            },
        },
    )


COLUMN_LABELS = {
    "women": gettext_lazy("Women"),
    "men": gettext_lazy("Men"),
    "non_binary": gettext_lazy("Non-binary"),
    "total": gettext_lazy("Total"),
}


def _field_label(name: str) -> str:
    model = Participant if name in ("gender", "birth_date") else Enrolment
    return model._meta.get_field(name).verbose_name


class ParticipantImportView(ImportView):
    importer = ParticipantImporter
    title = gettext_lazy("Import start and stop forms")
    columns_help = gettext_lazy(
        "A CSV or XLSX file with the columns of docs/import-participants.md. Re-importing updates "
        "the same participants. If any row is wrong, nothing is saved."
    )
