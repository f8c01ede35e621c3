import json

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext_lazy

from samspil.core import scoping
from samspil.core.dates import date_from_query
from samspil.core.import_views import ImportView
from samspil.participants import crypto, services
from samspil.participants.identifiers import parse as parse_identifier
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


PAGE_SIZE = 50


class ParticipantFilter(forms.Form):
    q = forms.CharField(
        label=gettext_lazy("Name or personal identifier"),
        required=False,
        max_length=200,
        help_text=gettext_lazy("The start of the name, or the whole identifier."),
    )
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        required=False,
        choices=[
            ("", gettext_lazy("All")),
            ("active", gettext_lazy("Still taking part")),
            ("left", gettext_lazy("Has left")),
        ],
    )


def _search(text: str) -> Q:
    """Participants whose name starts with the text (a range on the name's index), or whose
    whole identifier it is (found by its keyed hash, never by reading identifiers)."""
    text = text.strip()
    found = Q(pk__in=[])
    for start in {text, text[:1].upper() + text[1:]}:
        # As typed, or with a capital first letter, as names are written.
        found |= Q(name__gte=start, name__lt=start + "\U0010ffff")
    for kind in (Participant.IdentifierType.CPR, Participant.IdentifierType.PERSONNUMMER):
        try:
            identifier = parse_identifier(kind, text)
        except ValidationError:
            continue
        found |= Q(identifier_hash__in=crypto.lookup_hashes(identifier.kind, identifier.value))
    return found


LARGE = 5_000


def _is_large(project) -> bool:
    """Whether the project has more than ``LARGE`` enrolments: one query, which stops
    counting there."""
    return Enrolment.objects.filter(project=project).order_by()[: LARGE + 1].count() > LARGE


def _cursor(text: str):
    name, _sep, pk = text.rpartition("|")
    try:
        return (name, int(pk)) if text else None
    except ValueError:
        return None


def _page(request, project, enrolments, people: Q):
    """One page of the project's enrolments in the order of the participants' names, by
    keyset (the cursor is the name and id of the last, or first, participant shown), so a
    deep page costs what the first does. Returns (enrolments, next cursor, previous cursor).

    A large project walks the participants' name index and keeps its own (sorting all its
    enrolments for every page would cost in proportion to its size); a small one sorts its
    few enrolments."""
    before = _cursor(request.GET.get("before", ""))
    after = None if before else _cursor(request.GET.get("after", ""))
    if _is_large(project):
        ordered = Participant.objects.filter(
            people, Exists(enrolments.filter(participant=OuterRef("pk")))
        )
        name, pk = "name", "pk"
    else:
        ordered = enrolments.filter(participant__in=Participant.objects.filter(people))
        name, pk = "participant__name", "participant_id"
    if before:
        ordered = ordered.filter(
            Q(**{f"{name}__lt": before[0]}) | Q(**{name: before[0], f"{pk}__lt": before[1]})
        ).order_by(f"-{name}", f"-{pk}")
    elif after:
        ordered = ordered.filter(
            Q(**{f"{name}__gt": after[0]}) | Q(**{name: after[0], f"{pk}__gt": after[1]})
        ).order_by(name, pk)
    else:
        ordered = ordered.order_by(name, pk)
    keys = list(ordered.values_list(name, pk)[: PAGE_SIZE + 1])
    more = len(keys) > PAGE_SIZE
    keys = keys[:PAGE_SIZE]
    if before:
        keys.reverse()
    position = {participant: i for i, (_name, participant) in enumerate(keys)}
    rows = sorted(
        enrolments.filter(participant__in=list(position)).select_related("participant__employer"),
        key=lambda e: position[e.participant_id],
    )

    def cursor(key):
        return f"{key[0]}|{key[1]}"

    has_next = more or bool(before)
    has_previous = bool(after) or (bool(before) and more)
    return (
        rows,
        cursor(keys[-1]) if keys and has_next else None,
        cursor(keys[0]) if keys and has_previous else None,
    )


def project_participants(request, pk):
    """The project's participants, identifiers masked, a page at a time (searched and
    filtered in the database); the participants on the page are logged as seen."""
    project = _project(request, pk)
    form = ParticipantFilter(request.GET or None)
    enrolments = Enrolment.objects.restrict(request.user).filter(project=project)
    people = Q(pk__isnull=False)
    if form.is_valid():
        if form.cleaned_data["q"]:
            people = _search(form.cleaned_data["q"])
        if form.cleaned_data["status"] == "active":
            enrolments = enrolments.filter(leaving_date__isnull=True)
        elif form.cleaned_data["status"] == "left":
            enrolments = enrolments.filter(leaving_date__isnull=False)
    rows, next_cursor, previous_cursor = _page(request, project, enrolments, people)
    services.log_access(
        request.user, [e.participant_id for e in rows], AccessLog.Action.VIEW, "list"
    )
    kept = request.GET.copy()
    for name in ("after", "before"):
        kept.pop(name, None)
    return render(
        request,
        "participants/participant_list.html",
        {
            "project": project,
            "enrolments": rows,
            "filter_form": form if form.is_bound else ParticipantFilter(),
            "next_query": _query(kept, after=next_cursor) if next_cursor else None,
            "previous_query": _query(kept, before=previous_cursor) if previous_cursor else None,
        },
    )


def _query(kept, **cursor) -> str:
    query = kept.copy()
    query.update(cursor)
    return query.urlencode()


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
    can_read_log = AccessLog.objects.restrict(request.user).filter(participant=participant).exists()
    # The project's operators read who has seen its participants (as AccessLog's rule says).
    log = (
        services.seen_by(
            participant,
            operated=Project.objects.restrict(request.user, scoping.CHANGE),
            limit=50,
        )
        if can_read_log
        else []
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
            "can_read_log": can_read_log,
        },
    )


def data_subject_export(request, pk):
    """Everything held on one person, as a file to hand them; logged as an export."""
    participant = get_object_or_404(Participant.objects.restrict(request.user), pk=pk)
    if not services.may_export_everything(request.user, participant):
        raise PermissionDenied
    data = services.data_subject_export(actor=request.user, participant=participant)
    if request.GET.get("format") == "page":  # a page to read; by default the file to hand over
        from samspil.participants.export_page import readable

        context = {"participant": participant, **readable(data)}
        return render(request, "participants/data_subject_export.html", context)
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="deltager-{participant.pk}.json"'
    return response


def esf_report(request, pk):
    """The project's ESF indicators as a page (with a chart and its table), the incomplete
    records to fix, and the XLSX for the fund."""
    project = _project(request, pk)
    until, until_error = date_from_query(request.GET, "until", timezone.localdate())
    if until_error:  # refused on its field, never replaced by another day (nor in the XLSX)
        context = {
            "project": project,
            "until_error": until_error,
            "until_raw": request.GET["until"],
        }
        return render(request, "participants/esf_report.html", context, status=400)
    report = compute(project, until)
    services.log_report(request.user, project, f"ESF report until {until}", until=until)
    if request.GET.get("format") == "xlsx":
        from samspil.core.management.commands.report import workbook_response_streamed

        return workbook_response_streamed(
            report, f"esf-{project.code}-{until}.xlsx", translated=True
        )
    columns = [
        c
        for c in ("women", "men", "non_binary", "total")
        if c in next(iter(report["indicators"].values()))
    ]
    try:
        after = max(int(request.GET.get("after") or 0), 0)
    except ValueError:
        after = 0
    # The records to fix, a page at a time (by keyset: after the last record shown).
    to_fix = incomplete(project, until, after=after, limit=PAGE_SIZE + 1)
    more = len(to_fix) > PAGE_SIZE
    to_fix = to_fix[:PAGE_SIZE]
    services.log_access(
        request.user, [e.participant_id for e, _lacks in to_fix], AccessLog.Action.VIEW, "ESF"
    )
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
                (enrolment, [_field_label(name) for name in lacks]) for enrolment, lacks in to_fix
            ],
            "incomplete_total": report["participants_total"] - report["participants_counted"],
            "incomplete_next": to_fix[-1][0].pk if more else None,
            "incomplete_paged": bool(after),
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
