from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import generic

from samspil.core import scoping
from samspil.core.views import ScopedDetailView, ServiceFormMixin, save_with
from samspil.partnerships import insights, services
from samspil.partnerships.forms import EvaluationForm, RoundForm
from samspil.partnerships.models import DIMENSIONS, LEVELS, EvaluationResponse, EvaluationRound
from samspil.partnerships.views.common import PartnershipScopedMixin


class MaturityView(PartnershipScopedMixin, generic.TemplateView):
    """The partnership's level per dimension and round, the spread between members, progress
    as a chart (with the same figures as a table), and figures from the data beside it."""

    template_name = "partnerships/maturity.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        summaries = insights.maturity(self.partnership)
        context["summaries"] = summaries
        context["dimensions"] = DIMENSIONS
        context["levels"] = LEVELS
        context["rows"] = [
            {"dimension": d, "cells": [s.dimensions[d.code] for s in summaries]} for d in DIMENSIONS
        ]
        # A dict: json_script encodes it once (json.dumps first made the page's data a string).
        context["chart"] = {
            "labels": [str(d.label).split(" (")[0] for d in DIMENSIONS],
            "datasets": [
                {
                    "label": s.round.title,
                    "data": [s.dimensions[d.code]["mean"] for d in DIMENSIONS],
                }
                for s in summaries
            ],
            "levels": {str(k): str(v) for k, v in LEVELS.items()},
        }
        context["can_start_round"] = scoping.can(
            self.request.user, scoping.CHANGE, self.partnership
        )
        return context


class RoundCreateView(ServiceFormMixin, PartnershipScopedMixin, generic.CreateView):
    model = EvaluationRound
    form_class = RoundForm
    template_name = "partnerships/round_form.html"

    def get_initial(self):
        today = timezone.localdate()
        return {"opens_on": today, "closes_on": today + timezone.timedelta(days=14)}

    success_message = _("The evaluation round was started.")

    def save_with_service(self, form):
        return services.start_round(
            actor=self.request.user, partnership=self.partnership, **form.cleaned_data
        )

    def get(self, request, *args, **kwargs):
        if not scoping.can(request.user, scoping.CHANGE, self.partnership):
            raise PermissionDenied
        return super().get(request, *args, **kwargs)


class RoundDetailView(ScopedDetailView):
    """A member answers the round here, once; afterwards the page says so."""

    model = EvaluationRound
    template_name = "partnerships/round_detail.html"

    def get_base_queryset(self):
        return EvaluationRound.objects.select_related("partnership")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        round_ = self.object
        user = self.request.user
        context["answered"] = EvaluationResponse.objects.filter(
            round=round_, respondent=user
        ).exists()
        context["is_member"] = round_.partnership.memberships.filter(user=user).exists()
        today = timezone.localdate()
        context["is_open"] = round_.opens_on <= today <= round_.closes_on
        context["respondents"] = round_.responses.count()
        context["members"] = round_.partnership.memberships.count()
        context.setdefault("form", EvaluationForm())
        context["dimensions"] = DIMENSIONS
        return context

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        form = EvaluationForm(request.POST)
        if form.is_valid():
            ratings, comments = form.ratings()
            save_with(
                services.submit_evaluation,
                [form],
                actor=request.user,
                round=self.object,
                ratings=ratings,
                comments=comments,
            )
            if not form.errors:
                messages.success(request, _("Thank you. Your answer was saved."))
                return HttpResponseRedirect(
                    self.object.partnership.get_absolute_url() + "modenhed/"
                )
        return self.render_to_response(self.get_context_data(form=form))
