from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _
from django.views import generic

from samspil.companies.models import Contact
from samspil.core import scoping
from samspil.core.views import (
    ScopedDetailView,
    ScopedUpdateView,
    ServiceFormMixin,
    posted_pk,
    save_with,
)
from samspil.partnerships import services
from samspil.partnerships.forms import CaseForm, DecisionForm
from samspil.partnerships.models import Case, CaseDecision, CaseStatus, Meeting
from samspil.partnerships.scoping import member_of_partnership
from samspil.partnerships.views.common import PartnershipScopedMixin

DECISIONS = Prefetch(
    "decisions",
    CaseDecision.objects.select_related("project", "meeting", "decided_by").prefetch_related(
        "consultants", "tools"
    ),
)


class CaseListView(PartnershipScopedMixin, generic.ListView):
    template_name = "partnerships/case_list.html"
    paginate_by = 50

    def get_queryset(self):
        cases = (
            Case.objects.restrict(self.request.user)
            .filter(partnership=self.partnership)
            .select_related("company", "referred_by")
            .prefetch_related(DECISIONS)
            .order_by("-referred_on", "-pk")
        )
        status = self.request.GET.get("status")
        if status in CaseStatus.values:
            cases = cases.filter(status=status)
        elif status != "all":
            cases = cases.open()
        return cases

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["statuses"] = CaseStatus.choices
        context["status"] = self.request.GET.get("status", "")
        context["can_open_case"] = member_of_partnership(
            self.request.user, self.partnership
        ) or scoping.can(self.request.user, scoping.CHANGE, self.partnership)
        return context


class CaseCreateView(ServiceFormMixin, PartnershipScopedMixin, generic.CreateView):
    model = Case
    form_class = CaseForm
    template_name = "partnerships/case_form.html"

    def get_initial(self):
        initial = {"status": CaseStatus.NEW}
        if (company := posted_pk(self.request.GET.get("company"))) is not None:
            initial["company"] = company
        return initial

    success_message = _("The case was opened.")

    def save_with_service(self, form):
        return services.open_case(
            actor=self.request.user, partnership=self.partnership, **form.cleaned_data
        )


class CaseDetailView(ScopedDetailView):
    model = Case
    template_name = "partnerships/case_detail.html"

    def get_base_queryset(self):
        return Case.objects.select_related(
            "partnership", "company", "referred_by"
        ).prefetch_related(DECISIONS)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        case = self.object
        context["decision_form"] = DecisionForm(case=case) if context["can_change"] else None
        context["contacts"] = (
            Contact.objects.filter(company=case.company)
            .select_related("project")
            .prefetch_related("organisations")
            .order_by("-date", "-pk")[:10]
        )
        return context


class CaseUpdateView(ScopedUpdateView):
    model = Case
    form_class = CaseForm
    template_name = "partnerships/case_form.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["partnership"] = self.object.partnership
        return context

    def save_with_service(self, form):
        return services.update_case(
            actor=self.request.user, case=Case.objects.get(pk=self.object.pk), **form.cleaned_data
        )

    def get_success_url(self):
        return self.object.get_absolute_url()


def record_decision(request, pk):
    """Record a decision on a case: from the case page, or from a meeting's agenda (htmx, which
    then swaps just that agenda item, so the meeting goes on without page reloads)."""
    if request.method != "POST":  # a reload of a refused form's address leads back to the case
        case = get_object_or_404(Case.objects.restrict(request.user), pk=pk)
        return HttpResponseRedirect(case.get_absolute_url())
    case = get_object_or_404(
        Case.objects.restrict(request.user).select_related("partnership"), pk=pk
    )
    if not scoping.can(request.user, scoping.CHANGE, case):
        raise PermissionDenied
    meeting = None
    if (meeting_pk := posted_pk(request.POST.get("meeting"))) is not None:
        meeting = get_object_or_404(Meeting.objects.restrict(request.user), pk=meeting_pk)
    prefix = f"case-{case.pk}" if meeting else None
    form = DecisionForm(request.POST, case=case, prefix=prefix)
    decision = None
    if form.is_valid():
        decision = save_with(
            services.decide_case,
            [form],
            actor=request.user,
            case=case,
            meeting=meeting,
            **form.cleaned_data,
        )
    if meeting is None:
        if decision:
            messages.success(request, _("The decision was recorded."))
            return HttpResponseRedirect(case.get_absolute_url())
        view = CaseDetailView()
        view.setup(request, pk=pk)
        view.object = view.get_object()
        context = view.get_context_data(object=view.object)
        context["decision_form"] = form
        return render(request, view.template_name, context)
    case = Case.objects.prefetch_related(DECISIONS).select_related("company").get(pk=case.pk)
    return render(
        request,
        "partnerships/_agenda_item.html",
        {
            "case": case,
            "meeting": meeting,
            "form": DecisionForm(case=case, prefix=prefix) if decision else form,
            "saved": decision is not None,
            "can_change": True,
        },
    )
