from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samspil.catalogue.matching import rank
from samspil.catalogue.models import Offering
from samspil.companies.models import Company
from samspil.core import scoping
from samspil.core.audit import history_for
from samspil.plans import services
from samspil.plans.forms import AgreeForm, NeedForm, StartPlanForm
from samspil.plans.models import CompetencePlan, PlanNeed


def _plan_context(request, plan, **extra):
    needs = list(
        plan.needs.select_related("area").prefetch_related(
            Prefetch("offerings", Offering.objects.select_related("provider"))
        )
    )
    chart = {
        "labels": [n.area.name for n in needs],
        "current": [n.current_level for n in needs],
        "target": [n.target_level for n in needs],
        "current_label": _("Current level"),
        "target_label": _("Target level"),
    }
    can_change = scoping.can(request.user, scoping.CHANGE, plan) and not plan.is_frozen
    return {
        "plan": plan,
        "company": plan.company,
        "needs": needs,
        "chart": chart,  # json_script encodes it
        "versions": CompetencePlan.objects.restrict(request.user)
        .filter(company=plan.company)
        .order_by("-version"),
        "can_change": can_change,
        "may_start_draft": plan.is_frozen and scoping.can(request.user, scoping.CHANGE, plan),
        "need_form": extra.pop("need_form", NeedForm()) if can_change else None,
        "agree_form": extra.pop(
            "agree_form", AgreeForm(initial={"agreed_on": timezone.localdate()})
        ),
        "history": history_for(plan),
        **extra,
    }


def company_plan(request, company):
    """The company's plan: the draft, or the newest agreed version; or a start."""
    company = get_object_or_404(Company.objects.restrict(request.user), pk=company)
    plan = services.current_plan(company, request.user)
    if plan is not None:
        return HttpResponseRedirect(plan.get_absolute_url())
    form = StartPlanForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            draft = services.draft_for(
                actor=request.user, company=company, project=form.cleaned_data["project"]
            )
        except PermissionDenied:
            form.add_error("project", _("You are not on this project's team."))
        else:
            added = services.carry_over(actor=request.user, plan=draft)
            messages.success(
                request,
                _("The plan was started with %(count)s needs from the survey and workshop 2.")
                % {"count": added},
            )
            return HttpResponseRedirect(draft.get_absolute_url())
    return render(request, "plans/start.html", {"company": company, "form": form})


def plan_detail(request, pk, template="plans/plan_detail.html"):
    plan = get_object_or_404(
        CompetencePlan.objects.restrict(request.user).select_related("company", "project"), pk=pk
    )
    return render(request, template, _plan_context(request, plan))


def plan_print(request, pk):
    return plan_detail(request, pk, template="plans/plan_print.html")


def _plan_for_change(request, pk):
    plan = get_object_or_404(
        CompetencePlan.objects.restrict(request.user).select_related("company"), pk=pk
    )
    if not scoping.can(request.user, scoping.CHANGE, plan):
        raise PermissionDenied
    return plan


@require_POST
def add_need(request, pk):
    plan = _plan_for_change(request, pk)
    form = NeedForm(request.POST)
    if form.is_valid():
        try:
            services.save_need(actor=request.user, plan=plan, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The need was added."))
            return HttpResponseRedirect(plan.get_absolute_url() + "#needs")
    return render(
        request, "plans/plan_detail.html", _plan_context(request, plan, need_form=form), status=400
    )


@require_POST
def carry_over(request, pk):
    plan = _plan_for_change(request, pk)
    try:
        added = services.carry_over(actor=request.user, plan=plan)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("%(count)s needs were carried over.") % {"count": added})
    return HttpResponseRedirect(plan.get_absolute_url())


@require_POST
def agree(request, pk):
    plan = _plan_for_change(request, pk)
    form = AgreeForm(request.POST)
    if form.is_valid():
        try:
            services.agree(actor=request.user, plan=plan, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The plan is agreed with the company and frozen."))
            return HttpResponseRedirect(plan.get_absolute_url())
    return render(
        request, "plans/plan_detail.html", _plan_context(request, plan, agree_form=form), status=400
    )


@require_POST
def new_draft(request, pk):
    plan = _plan_for_change(request, pk)
    draft = services.draft_for(actor=request.user, company=plan.company, project=plan.project)
    messages.success(
        request, _("A new draft was started from version %(version)s.") % {"version": plan.version}
    )
    return HttpResponseRedirect(draft.get_absolute_url())


def need_detail(request, pk):
    """One need: edit it, and see the courses that match it, with the reasons."""
    need = get_object_or_404(
        PlanNeed.objects.restrict(request.user).select_related(
            "plan__company__municipality", "area"
        ),
        pk=pk,
    )
    plan = need.plan
    can_change = scoping.can(request.user, scoping.CHANGE, plan) and not plan.is_frozen
    form = NeedForm(request.POST or None, instance=need)
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied
        if "accept" in request.POST:
            offering = get_object_or_404(Offering, pk=request.POST["accept"])
            try:
                services.accept_offering(actor=request.user, need=need, offering=offering)
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(
                    request,
                    _("%(course)s was accepted into the plan.") % {"course": offering.title},
                )
            return HttpResponseRedirect(request.path)
        if form.is_valid():
            try:
                services.save_need(
                    actor=request.user,
                    plan=plan,
                    need=PlanNeed.objects.get(pk=need.pk),
                    **form.cleaned_data,
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("The need was saved."))
                return HttpResponseRedirect(plan.get_absolute_url() + "#needs")
    matches = rank(
        need.description, areas=[need.area], company=plan.company, horizon=need.horizon, top=5
    )
    return render(
        request,
        "plans/need_detail.html",
        {
            "need": need,
            "plan": plan,
            "form": form,
            "can_change": can_change,
            "matches": matches,
            "accepted": set(need.offerings.values_list("pk", flat=True)),
        },
        status=400 if form.errors else 200,
    )
