"""Pages of recruitment: openings with candidates ranked for them and their pipeline, job
rotations checked against the rules, candidates (personal data: every view is logged) with
openings ranked for them, and campaigns with their pipeline."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from samspil.core import scoping
from samspil.core.views import act_with, posted_pk, save_with
from samspil.discovery.models import NeedDecision
from samspil.participants.models import AccessLog
from samspil.participants.services import log_access
from samspil.partnerships.models import Case
from samspil.plans.models import PlanNeed
from samspil.recruitment import matching, rotation, services
from samspil.recruitment.forms import (
    CampaignForm,
    CandidateForm,
    MoveForm,
    OpeningForm,
    ReferPersonForm,
    RotationForm,
)
from samspil.recruitment.models import Campaign, Candidate, Opening, Proposal, Rotation

SOURCES = {"henvisning": NeedDecision, "plan": PlanNeed, "sag": Case}
NOT_ON_TEAM = ("project", _lazy("You are not on the team of this project."))
PER_PAGE = 50
WAITING_SHOWN = 50


def count_of(queryset, link: str):
    """How many rows of ``queryset`` point at the outer row through ``link``, as a subquery
    evaluated only for the rows a page shows (a GROUP BY over the whole table is not)."""
    counted = (
        queryset.filter(**{link: OuterRef("pk")})
        .order_by()
        .values(link)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _page(request, queryset):
    return Paginator(queryset, PER_PAGE).get_page(request.GET.get("page"))


def opening_list(request):
    """Open openings first; and the WS2 referrals that have no opening yet."""
    openings = (
        Opening.objects.restrict(request.user)
        .select_related("company", "project")
        .annotate(in_pipeline=count_of(Proposal.objects.all(), "opening"))
        .order_by("status", "start_date", "pk")
    )
    waiting = (
        NeedDecision.objects.restrict(request.user)
        .filter(kind=NeedDecision.Kind.REFER, openings__isnull=True)
        .exclude(status=NeedDecision.Status.DONE)
        .select_related("statement", "company")
    )
    page = _page(request, openings)
    return render(
        request,
        "recruitment/opening_list.html",
        {
            "openings": page.object_list,
            "page_obj": page,
            "waiting": waiting[:WAITING_SHOWN],
        },
    )


def opening_create(request):
    """A new opening, filled from a WS2 referral, a plan's need or a case when one is named."""
    if not scoping.can_create(request.user, Opening):
        raise PermissionDenied
    initial_areas = {}
    instance = Opening()
    source_kind = request.GET.get("fra", "")
    if source_kind in SOURCES:
        model = SOURCES[source_kind]
        source = get_object_or_404(
            model.objects.restrict(request.user), pk=posted_pk(request.GET.get("id"))
        )
        instance, initial_areas = services.opening_from(source)
    form = OpeningForm(
        request.POST or None,
        instance=instance,
        user=request.user,
        initial={"competence_areas": initial_areas.get("competence_areas", [])},
    )
    if request.method == "POST" and (opening := _save_opening(request, form)):
        messages.success(request, _("The opening was created."))
        return redirect(opening)
    return render(request, "recruitment/opening_form.html", {"form": form, "source": instance})


def _opening(request, pk):
    return get_object_or_404(
        Opening.objects.restrict(request.user).select_related(
            "company__municipality", "project", "municipality"
        ),
        pk=pk,
    )


def opening_detail(request, pk):
    opening = _opening(request, pk)
    proposals = list(
        Proposal.objects.restrict(request.user)
        .filter(opening=opening)
        .select_related("candidate__person")
        .order_by("pk")
    )
    can_change = scoping.can(request.user, scoping.CHANGE, opening)
    rotation_form = edit_form = None
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "edit":
            if not can_change:
                raise PermissionDenied
            edit_form = OpeningForm(request.POST, instance=opening, user=request.user)
            if _save_opening(request, edit_form):
                messages.success(request, _("The opening was saved."))
                return HttpResponseRedirect(request.path)
            opening.refresh_from_db()  # the page above the form shows what is saved
        elif action == "rotation":
            rotation_form = _save_rotation(request, opening, proposals)
            if rotation_form is None:
                messages.success(request, _("The job rotation was saved."))
                return HttpResponseRedirect(request.path)
        else:
            return _pipeline_post(request, opening)
    is_open = opening.status == Opening.Status.OPEN
    pairings = matching.candidates_for(opening, request.user) if is_open else []
    in_pipeline = {p.candidate_id for p in proposals}
    shown = [p.candidate.person_id for p in pairings] + [p.candidate.person_id for p in proposals]
    log_access(request.user, set(shown), AccessLog.Action.VIEW, f"opening {opening.pk}")
    context = {
        "opening": opening,
        "can_change": can_change,
        "edit_form": (edit_form or OpeningForm(instance=opening, user=request.user))
        if can_change
        else None,
        "pairings": [p for p in pairings if p.candidate.pk not in in_pipeline],
        "proposals": [
            (p, MoveForm(initial={"stage": p.stage}, prefix=f"p{p.pk}")) for p in proposals
        ],
    }
    if opening.kind == Opening.Kind.ROTATION:
        # The rotation names its substitute: only for those who may see them, and logged.
        existing = (
            Rotation.objects.restrict(request.user)
            .filter(opening=opening)
            .select_related("substitute__person")
            .first()
        )
        if existing:
            log_access(
                request.user, [existing.substitute.person_id], AccessLog.Action.VIEW, "rotation"
            )
        context.update(
            rotation=existing,
            rotation_form=rotation_form
            or RotationForm(instance=existing, candidates=_pipeline_candidates(proposals)),
            checks=rotation.check(existing) if existing else None,
            subsidy=rotation.subsidy(existing) if existing else None,
        )
    return render(request, "recruitment/opening_detail.html", context)


def _save_opening(request, form):
    """The saved opening, or None with the refusal on the form."""
    return form.is_valid() and save_with(
        services.save_opening,
        [form],
        denied=NOT_ON_TEAM,
        actor=request.user,
        opening=form.instance,
        competence_areas=form.cleaned_data["competence_areas"],
    )


def _pipeline_candidates(proposals):
    return Candidate.objects.filter(pk__in=[p.candidate_id for p in proposals]).select_related(
        "person"
    )


def _save_rotation(request, opening, proposals):
    """The rotation form with the refusal on it, or None when it was saved."""
    existing = Rotation.objects.filter(opening=opening).first()
    form = RotationForm(
        request.POST,
        instance=existing or Rotation(opening=opening),
        candidates=_pipeline_candidates(proposals),
    )
    saved = form.is_valid() and save_with(
        services.save_rotation,
        [form],
        actor=request.user,
        rotation=form.instance,
        exception_reason=form.cleaned_data["exception"],
    )
    return None if saved else form


def _pipeline_post(request, opening):
    action = request.POST.get("action", "")
    try:
        if action == "refer":
            candidate = get_object_or_404(
                Candidate.objects.restrict(request.user),
                pk=posted_pk(request.POST.get("candidate")),
            )
            act_with(
                request,
                services.refer,
                done=lambda _proposal: _("%(candidate)s was referred.") % {"candidate": candidate},
                actor=request.user,
                opening=opening,
                candidate=candidate,
            )
        elif action == "move":
            proposal = get_object_or_404(
                Proposal.objects.restrict(request.user).filter(opening=opening),
                pk=posted_pk(request.POST.get("proposal")),
            )
            form = MoveForm(request.POST, prefix=f"p{proposal.pk}")
            if not form.is_valid():
                messages.error(request, _("Choose a stage and a date."))
                return HttpResponseRedirect(request.path)
            data = form.cleaned_data
            moved = act_with(
                request,
                services.move,
                actor=request.user,
                proposal=proposal,
                stage=data["stage"],
                on=data["stage_on"],
                reason=data["reason"],
            )
            if not moved:
                return HttpResponseRedirect(request.path)
            if proposal.stage == Proposal.Stage.STARTED:
                enrolment = proposal.candidate.person.enrolments.get(project=opening.project)
                messages.success(
                    request,
                    _("%(candidate)s is now a participant: complete the start form.")
                    % {"candidate": proposal.candidate},
                )
                return redirect("participants:enrolment-edit", enrolment.pk)
            messages.success(request, _("The pipeline was updated."))
        else:
            raise Http404
    except PermissionDenied:
        messages.error(request, _("Only the team of the opening's project may do that."))
    return HttpResponseRedirect(request.path)


def candidate_list(request):
    """The candidates the user may see, a page at a time; only those shown are logged."""
    page = _page(
        request,
        Candidate.objects.restrict(request.user)
        .select_related("person", "jobcentre", "project")
        .order_by("person__name", "pk"),
    )
    candidates = list(page.object_list)
    log_access(request.user, [c.person_id for c in candidates], AccessLog.Action.VIEW, "candidates")
    return render(
        request, "recruitment/candidate_list.html", {"candidates": candidates, "page_obj": page}
    )


def candidate_create(request):
    if not scoping.can_create(request.user, Candidate):
        raise PermissionDenied
    person = ReferPersonForm(request.POST or None, prefix="person")
    form = CandidateForm(request.POST or None, instance=Candidate(), user=request.user)
    valid = request.method == "POST" and person.is_valid() and form.is_valid()
    data = person.cleaned_data if valid else {}
    candidate = valid and save_with(
        services.refer_candidate,
        [form, person],
        denied=("jobcentre", _("You work neither at this jobcentre nor on the project.")),
        actor=request.user,
        candidate=form.instance,
        identifier=data["identifier"],
        person={k: data[k] for k in ("name", "gender", "birth_date", "email", "phone")},
        competence_areas=form.cleaned_data["competence_areas"],
    )
    if candidate:
        messages.success(request, _("The candidate was registered."))
        return redirect(candidate)
    return render(
        request,
        "recruitment/candidate_form.html",
        {"person": person, "form": form, "forms": [person, form]},
    )


def candidate_detail(request, pk):
    candidate = get_object_or_404(
        Candidate.objects.restrict(request.user).select_related(
            "person", "jobcentre", "project", "municipality", "campaign"
        ),
        pk=pk,
    )
    log_access(request.user, [candidate.person_id], AccessLog.Action.VIEW, request.path)
    can_change = scoping.can(request.user, scoping.CHANGE, candidate)
    form = CandidateForm(request.POST or None, instance=candidate, user=request.user)
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied
        if form.is_valid() and save_with(
            services.save_candidate,
            [form],
            actor=request.user,
            candidate=form.instance,
            competence_areas=form.cleaned_data["competence_areas"],
        ):
            messages.success(request, _("The candidate was saved."))
            return HttpResponseRedirect(request.path)
    return render(
        request,
        "recruitment/candidate_detail.html",
        {
            "candidate": candidate,
            "form": form if can_change else None,
            "pairings": matching.openings_for(candidate, request.user),
            "proposals": candidate.proposals.select_related("opening__company"),
        },
    )


def campaign_list(request):
    campaigns = (
        Campaign.objects.restrict(request.user)
        .select_related("project")
        .annotate(
            referred=count_of(Candidate.objects.all(), "campaign"),
            jobcentre_count=count_of(Campaign.jobcentres.through.objects.all(), "campaign"),
        )
        .order_by("-start_date", "pk")
    )
    page = _page(request, campaigns)
    return render(
        request,
        "recruitment/campaign_list.html",
        {"campaigns": page.object_list, "page_obj": page},
    )


def campaign_create(request):
    if not scoping.can_create(request.user, Campaign):
        raise PermissionDenied
    form = CampaignForm(request.POST or None, instance=Campaign(), user=request.user)
    campaign = (
        request.method == "POST"
        and form.is_valid()
        and save_with(
            services.save_campaign,
            [form],
            denied=NOT_ON_TEAM,
            actor=request.user,
            campaign=form.instance,
            jobcentres=form.cleaned_data["jobcentres"],
        )
    )
    if campaign:
        messages.success(request, _("The campaign was created."))
        return redirect(campaign)
    return render(request, "recruitment/campaign_form.html", {"form": form})


def campaign_detail(request, pk):
    """A campaign's reach and its pipeline: its candidates' proposals by stage, and those
    not yet proposed for any opening."""
    campaign = get_object_or_404(
        Campaign.objects.restrict(request.user).select_related("project"), pk=pk
    )
    stages = Proposal.objects.filter(candidate__campaign=campaign).aggregate(
        **{value: Count("pk", filter=Q(stage=value)) for value, _label in Proposal.Stage.choices}
    )
    referred = campaign.candidates.count()
    pipeline = [(label, stages[value]) for value, label in Proposal.Stage.choices]
    return render(
        request,
        "recruitment/campaign_detail.html",
        {
            "campaign": campaign,
            "referred": referred,
            "pipeline": pipeline,
            "jobcentres": campaign.jobcentres.order_by("name"),
            "unproposed": campaign.candidates.filter(proposals__isnull=True).count(),
        },
    )
