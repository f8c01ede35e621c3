import functools

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from samspil.catalogue.matching import rank
from samspil.catalogue.models import Offering
from samspil.companies.models import Company
from samspil.core import scoping
from samspil.core.audit import history_for
from samspil.core.views import act_with, posted_pk, save_with
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
    if request.GET.get("format") == "pdf":
        return plan_pdf(request, pk)
    return plan_detail(request, pk, template="plans/plan_print.html")


def plan_pdf(request, pk):
    """The plan as a PDF for the company to keep, with its spider drawn on the server."""
    from samspil.core.pdf import pdf_response, spider_svg

    plan = get_object_or_404(
        CompetencePlan.objects.restrict(request.user).select_related("company", "project"), pk=pk
    )
    context = _plan_context(request, plan)
    chart = context["chart"]
    context["spider"] = spider_svg(
        chart["labels"],
        [
            (chart["current_label"], chart["current"], "#b35c00"),
            (chart["target_label"], chart["target"], "#0059b3"),
        ],
    )
    filename = f"kompetenceplan-{plan.company.pk}-v{plan.version}.pdf"
    return pdf_response("pdf/plan.html", context, request, filename)


def _plan_for_change(request, pk):
    plan = get_object_or_404(
        CompetencePlan.objects.restrict(request.user).select_related("company"), pk=pk
    )
    if not scoping.can(request.user, scoping.CHANGE, plan):
        raise PermissionDenied
    return plan


def post_or_back_to_plan(view):
    """A plan's form posts to its own address and, when refused, answers there with the plan
    page and the messages; reloading that address (a GET) leads back to the plan instead of
    answering 405 Method Not Allowed."""

    @functools.wraps(view)
    def wrapper(request, pk):
        if request.method != "POST":
            plan = get_object_or_404(CompetencePlan.objects.restrict(request.user), pk=pk)
            return HttpResponseRedirect(plan.get_absolute_url())
        return view(request, pk)

    return wrapper


@post_or_back_to_plan
def add_need(request, pk):
    plan = _plan_for_change(request, pk)
    form = NeedForm(request.POST)
    if form.is_valid() and save_with(
        services.save_need, [form], actor=request.user, plan=plan, **form.cleaned_data
    ):
        messages.success(request, _("The need was added."))
        return HttpResponseRedirect(plan.get_absolute_url() + "#needs")
    return render(
        request, "plans/plan_detail.html", _plan_context(request, plan, need_form=form), status=400
    )


@post_or_back_to_plan
def carry_over(request, pk):
    plan = _plan_for_change(request, pk)
    act_with(
        request,
        services.carry_over,
        done=lambda added: _("%(count)s needs were carried over.") % {"count": added},
        actor=request.user,
        plan=plan,
    )
    return HttpResponseRedirect(plan.get_absolute_url())


@post_or_back_to_plan
def agree(request, pk):
    plan = _plan_for_change(request, pk)
    form = AgreeForm(request.POST)
    if form.is_valid() and save_with(
        services.agree, [form], actor=request.user, plan=plan, **form.cleaned_data
    ):
        messages.success(request, _("The plan is agreed with the company and frozen."))
        return HttpResponseRedirect(plan.get_absolute_url())
    return render(
        request, "plans/plan_detail.html", _plan_context(request, plan, agree_form=form), status=400
    )


@post_or_back_to_plan
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
            offering = get_object_or_404(Offering, pk=posted_pk(request.POST["accept"]))
            act_with(
                request,
                services.accept_offering,
                done=lambda _result: (
                    _("%(course)s was accepted into the plan.") % {"course": offering.title}
                ),
                actor=request.user,
                need=need,
                offering=offering,
            )
            return HttpResponseRedirect(request.path)
        if form.is_valid() and save_with(
            services.save_need,
            [form],
            actor=request.user,
            plan=plan,
            need=PlanNeed.objects.get(pk=need.pk),
            **form.cleaned_data,
        ):
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
