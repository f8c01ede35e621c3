from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from django.views import generic

from samspil.core import scoping
from samspil.core.views import ScopedDetailView, ScopedUpdateView, ServiceFormMixin
from samspil.partnerships import services
from samspil.partnerships.forms import DecisionForm, MeetingForm
from samspil.partnerships.models import Meeting
from samspil.partnerships.scoping import member_of_partnership
from samspil.partnerships.views.cases import DECISIONS
from samspil.partnerships.views.common import PartnershipScopedMixin


class MeetingCreateView(ServiceFormMixin, PartnershipScopedMixin, generic.CreateView):
    """The coordinator prepares a meeting with its agenda drawn from the open cases."""

    model = Meeting
    form_class = MeetingForm
    template_name = "partnerships/meeting_form.html"

    def get(self, request, *args, **kwargs):
        self._ensure_may_plan()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self._ensure_may_plan()
        return super().post(request, *args, **kwargs)

    def _ensure_may_plan(self):
        if not scoping.can(self.request.user, scoping.CHANGE, self.partnership):
            raise PermissionDenied

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "partnership": self.partnership}

    def get_initial(self):
        return {"status": Meeting.Status.PLANNED}

    success_message = _("The meeting was planned.")

    def save_with_service(self, form):
        return services.plan_meeting(
            actor=self.request.user, partnership=self.partnership, **form.cleaned_data
        )


class MeetingDetailView(ScopedDetailView):
    """The meeting as it happens: each case on the agenda with its decision form (htmx)."""

    model = Meeting
    template_name = "partnerships/meeting_detail.html"

    def get_base_queryset(self):
        return Meeting.objects.select_related("partnership")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meeting = self.object
        items = meeting.agenda_items.select_related(
            "case__company", "case__partnership"
        ).prefetch_related(_decisions_of_case())
        can_decide = (
            member_of_partnership(self.request.user, meeting.partnership) or context["can_change"]
        )
        options = DecisionForm.options_for(meeting.partnership) if can_decide else None
        context["agenda"] = [
            {
                "case": item.case,
                "form": DecisionForm(case=item.case, prefix=f"case-{item.case.pk}", options=options)
                if can_decide
                else None,
            }
            for item in items
        ]
        context["attendees"] = meeting.attendees.order_by("first_name")
        context["can_decide"] = can_decide
        return context


def _decisions_of_case():
    return Prefetch("case__decisions", DECISIONS.queryset)


class MeetingPrintView(MeetingDetailView):
    """Agenda and minutes as a page to print or save as PDF."""

    template_name = "partnerships/meeting_print.html"

    def render_to_response(self, context, **kwargs):
        if self.request.GET.get("format") == "pdf":  # the minutes as a PDF to keep
            from samspil.core.pdf import pdf_response

            filename = f"referat-{self.object.date:%Y-%m-%d}.pdf"
            return pdf_response("pdf/meeting.html", context, self.request, filename)
        return super().render_to_response(context, **kwargs)


class MeetingUpdateView(ScopedUpdateView):
    model = Meeting
    form_class = MeetingForm
    template_name = "partnerships/meeting_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "partnership": self.object.partnership}

    def get_context_data(self, **kwargs):
        return super().get_context_data(partnership=self.object.partnership, **kwargs)

    def save_with_service(self, form):
        data = dict(form.cleaned_data)
        return services.update_meeting(
            actor=self.request.user, meeting=Meeting.objects.get(pk=self.object.pk), **data
        )

    def get_success_url(self):
        return self.object.get_absolute_url()
