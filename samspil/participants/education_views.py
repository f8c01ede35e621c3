"""Pages for registering a participant with the start form, editing the start and stop
form, and the participant's education: the prior-learning assessment, the education plan
with its school periods, and the company's matrix of employees against subject areas."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from samspil.companies.models import Company
from samspil.core import scoping
from samspil.core.views import save_with
from samspil.participants import education, services
from samspil.participants.forms import (
    AssessmentForm,
    EducationPlanForm,
    ParticipantForm,
    PersonForm,
    SchoolPeriodFormSet,
    StartAndStopForm,
    StartForm,
)
from samspil.participants.models import (
    START_FORM,
    AccessLog,
    EducationPlan,
    Enrolment,
    Participant,
    PriorLearningAssessment,
    SchoolPeriod,
)
from samspil.programmes.models import Project
from samspil.programmes.scoping import on_project_team


def _participant(request, pk):
    """The participant whose form is opened; opening it shows personal data, so it is logged."""
    participant = get_object_or_404(Participant.objects.restrict(request.user), pk=pk)
    if request.method == "GET":
        services.log_access(request.user, [participant], AccessLog.Action.VIEW, request.path)
    return participant


def assessment_edit(request, participant_pk, pk=None):
    participant = _participant(request, participant_pk)
    assessment = (
        get_object_or_404(
            PriorLearningAssessment.objects.restrict(request.user, scoping.CHANGE),
            pk=pk,
            enrolment__participant=participant,
        )
        if pk
        else None
    )
    if assessment is not None and request.GET.get("format") == "pdf":
        from samspil.core.pdf import pdf_response

        context = {"participant": participant, "assessment": assessment}
        return pdf_response("pdf/assessment.html", context, request, f"rkv-{assessment.pk}.pdf")
    form = AssessmentForm(
        request.POST or None, instance=assessment, user=request.user, participant=participant
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and save_with(
            services.save_assessment, [form], actor=request.user, assessment=form.instance
        )
    ):
        return redirect(participant)
    return render(
        request,
        "participants/education_form.html",
        {
            "form": form,
            "participant": participant,
            "heading": _("Prior-learning assessment (RKV)"),
        },
    )


def education_plan_edit(request, participant_pk, pk=None):
    participant = _participant(request, participant_pk)
    plan = (
        get_object_or_404(
            EducationPlan.objects.restrict(request.user, scoping.CHANGE),
            pk=pk,
            enrolment__participant=participant,
        )
        if pk
        else None
    )
    if plan is not None and request.GET.get("format") == "pdf":
        from samspil.core.pdf import pdf_response

        context = {"participant": participant, "plan": plan, "periods": plan.periods.all()}
        filename = f"uddannelsesplan-{plan.pk}.pdf"
        return pdf_response("pdf/education_plan.html", context, request, filename)
    form = EducationPlanForm(
        request.POST or None, instance=plan, user=request.user, participant=participant
    )
    initial = [{"start": p.start, "end": p.end} for p in plan.periods.all()] if plan else []
    periods = SchoolPeriodFormSet(request.POST or None, initial=initial, prefix="periods")
    if request.method == "POST" and all([form.is_valid(), periods.is_valid()]):
        rows = [
            (number, f.cleaned_data)
            for number, f in enumerate(periods, start=1)
            if f.cleaned_data.get("start")
        ]
        if save_with(
            services.save_education_plan,
            [form],
            actor=request.user,
            plan=form.instance,
            periods=[SchoolPeriod(start=r["start"], end=r["end"]) for _n, r in rows],
            numbers=[number for number, _r in rows],
        ):
            return redirect(participant)
    return render(
        request,
        "participants/education_form.html",
        {
            "form": form,
            "periods": periods,
            "participant": participant,
            "heading": _("Education plan"),
        },
    )


def company_matrix(request, pk):
    """Which employee takes which education, against the company's competence supply plan."""
    company = get_object_or_404(Company.objects.restrict(request.user), pk=pk)
    matrix = education.company_matrix(request.user, company)
    services.log_access(
        request.user,
        [row["participant"] for row in matrix["rows"]],
        AccessLog.Action.VIEW,
        f"company matrix {company.pk}",
    )
    return render(
        request, "participants/company_matrix.html", {"company": company, "matrix": matrix}
    )


def register_participant(request, pk):
    """Enrol a person in the project with the start form, as one page."""
    project = get_object_or_404(Project.objects.restrict(request.user), pk=pk)
    if not on_project_team(request.user, project):
        raise PermissionDenied
    person = PersonForm(request.POST or None, prefix="person")
    start = StartForm(request.POST or None, prefix="start")
    if request.method == "POST" and all([person.is_valid(), start.is_valid()]):
        data = dict(person.cleaned_data)
        identifier = data.pop("identifier")
        for name in ("personal_id", "personal_id_type"):
            data.pop(name)
        enrolment = save_with(
            services.register,
            [person, start],
            actor=request.user,
            project=project,
            identifier=identifier,
            person=data,
            start={name: start.cleaned_data[name] for name in START_FORM},
        )
        if enrolment:
            return redirect(enrolment.participant)
    return render(
        request,
        "participants/person_and_forms.html",
        {
            "project": project,
            "person": person,
            "start": start,
            "forms": [person, start],
            "heading": _("Register a participant"),
            "intro": _(
                "The person and the ESF start form. A person already in samspil (the same "
                "identifier) is enrolled without a new record."
            ),
            "form_legend": _("Start form"),
            "cancel_url": reverse("participants:project-participants", args=[project.pk]),
        },
    )


def enrolment_edit(request, pk):
    """The start and stop form of one enrolment with the person's details: where the ESF
    report's incomplete records are fixed. The model's rules land on their fields."""
    enrolment = get_object_or_404(
        Enrolment.objects.restrict(request.user, scoping.CHANGE).select_related(
            "participant", "project"
        ),
        pk=pk,
    )
    if request.method == "GET":
        services.log_access(
            request.user, [enrolment.participant], AccessLog.Action.VIEW, request.path
        )
    person = ParticipantForm(request.POST or None, instance=enrolment.participant, prefix="person")
    form = StartAndStopForm(request.POST or None, instance=enrolment)
    if (
        request.method == "POST"
        and all([person.is_valid(), form.is_valid()])
        and save_with(
            services.save_enrolment,
            [form, person],
            actor=request.user,
            enrolment=form.instance,
            participant=person.instance,
        )
    ):
        return redirect(enrolment.participant)
    return render(
        request,
        "participants/person_and_forms.html",
        {
            "project": enrolment.project,
            "person": person,
            "start": form,
            "forms": [person, form],
            "heading": _("Start and stop form"),
            "intro": enrolment.participant.identifier_masked,
            "form_legend": _("Start and stop form"),
            "cancel_url": enrolment.participant.get_absolute_url(),
        },
    )
