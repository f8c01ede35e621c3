from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import generic
from django.views.decorators.http import require_POST

from samspil.core import scoping
from samspil.core.exports import table_response
from samspil.core.views import (
    ScopedDetailView,
    ScopedUpdateView,
    ServiceFormMixin,
    act_with,
    save_with,
)
from samspil.discovery import services
from samspil.discovery.analysis import analyse
from samspil.discovery.forms import NeedDecisionForm, SurveyForm
from samspil.discovery.models import Survey, Workshop

INVITATIONS_PER_PAGE = 50
HEAT_CELLS = {value: (str(value), str(value)) for value in (1, 2, 3, 4, 5, "?")}
HEAT_EMPTY = ("none", "–")


class SurveyCreateView(ServiceFormMixin, generic.CreateView):
    model = Survey
    form_class = SurveyForm
    template_name = "discovery/survey_form.html"
    success_message = _("The survey was saved as a draft.")

    def dispatch(self, request, *args, **kwargs):
        self.workshop = get_object_or_404(
            Workshop.objects.restrict(request.user, scoping.CHANGE), pk=kwargs["workshop"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "workshop": self.workshop}

    def get_initial(self):
        return {
            "title": _("Competence needs in %(theme)s") % {"theme": self.workshop.theme},
            "statements": list(self.workshop.statements.values_list("pk", flat=True)),
            "deadline": timezone.localtime() + timezone.timedelta(days=14),
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(workshop=self.workshop, **kwargs)

    def save_with_service(self, form):
        return services.save_survey(
            actor=self.request.user, workshop=self.workshop, **form.service_arguments()
        )

    def get_success_url(self):
        return self.object.get_absolute_url()


class SurveyUpdateView(ScopedUpdateView):
    model = Survey
    form_class = SurveyForm
    template_name = "discovery/survey_form.html"
    success_message = _("The survey was saved.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "workshop": self.object.workshop}

    def get_context_data(self, **kwargs):
        return super().get_context_data(workshop=self.object.workshop, **kwargs)

    def save_with_service(self, form):
        survey = Survey.objects.get(pk=self.object.pk)
        return services.save_survey(
            actor=self.request.user,
            workshop=survey.workshop,
            survey=survey,
            **form.service_arguments(),
        )

    def get_success_url(self):
        return self.object.get_absolute_url()


class SurveyDetailView(ScopedDetailView):
    """The survey and its tracking: who has been invited, opened, answered, reminded."""

    model = Survey
    template_name = "discovery/survey_detail.html"

    def get_base_queryset(self):
        return Survey.objects.select_related("workshop__cluster", "workshop__project")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        survey = self.object
        context["statements"] = survey.statements.all()
        context["questions"] = survey.questions.all()
        context["page_obj"] = Paginator(
            survey.invitations.select_related("company", "contact_person").order_by(
                "company__name", "email", "pk"
            ),
            INVITATIONS_PER_PAGE,
        ).get_page(self.request.GET.get("page"))
        context["invitations"] = context["page_obj"].object_list
        # The personal links, to the project's operators only, each showing logged.
        context["links"] = {
            invitation.pk: self.request.build_absolute_uri(invitation.get_absolute_url())
            for invitation in services.links_shown(
                actor=self.request.user, survey=survey, invitations=context["invitations"]
            )
        }
        context["tracking"] = survey.invitations.aggregate(
            invited=Count("pk", filter=Q(invited_at__isnull=False)),
            opened=Count("pk", filter=Q(opened_at__isnull=False)),
            answered=Count("pk", filter=Q(answered_at__isnull=False)),
            total=Count("pk"),
        )
        context["recipients"] = (
            services.recipients(survey) if survey.status == Survey.Status.DRAFT else []
        )
        return context


def _survey_for_change(request, pk):
    return get_object_or_404(Survey.objects.restrict(request.user, scoping.CHANGE), pk=pk)


@require_POST
def send(request, pk):
    survey = _survey_for_change(request, pk)
    act_with(
        request,
        services.send_survey,
        done=lambda count: (
            _("The survey is on its way to %(count)s respondents.") % {"count": count}
        ),
        actor=request.user,
        survey=survey,
    )
    return HttpResponseRedirect(survey.get_absolute_url())


@require_POST
def send_reminders(request, pk):
    survey = _survey_for_change(request, pk)
    act_with(
        request,
        services.remind,
        done=lambda count: _("%(count)s who have not answered get a reminder.") % {"count": count},
        actor=request.user,
        survey=survey,
    )
    return HttpResponseRedirect(survey.get_absolute_url())


class AnalysisView(ScopedDetailView):
    """Workshop 2's material: rankings, distributions, heat map, comments, and the decisions."""

    model = Survey
    template_name = "discovery/analysis.html"

    def get_base_queryset(self):
        return Survey.objects.select_related("workshop__project", "workshop__cluster")

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if request.GET.get("export") == "xlsx":
            return analysis_workbook(analyse(self.object, details=False))
        return self.render_to_response(self.get_context_data(object=self.object))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        result = analyse(
            self.object,
            company_page=self.request.GET.get("virksomheder", 1),
            comment_page=self.request.GET.get("kommentarer", 1),
        )
        context["analysis"] = result
        statements = [r.statement.pk for r in result.results]
        context["heat_rows"] = [
            {
                "company": c,
                # (class, text) per cell, ready to print: 2,500 cells render in milliseconds.
                "cells": [
                    HEAT_CELLS.get(result.heat.get((c["pk"], pk)), HEAT_EMPTY) for pk in statements
                ],
            }
            for c in result.companies
        ]
        context["decisions"] = self.object.decisions.select_related(
            "statement", "company", "responsible"
        )
        context.setdefault("decision_form", NeedDecisionForm(survey=self.object))
        context["chart"] = {
            "labels": [f"{i}" for i in range(1, len(result.results) + 1)],
            "relevance": [r.mean_relevance for r in result.results],
            "need": [r.companies_with_need for r in result.results],
        }
        return context

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        if not scoping.can(request.user, scoping.CHANGE, self.object):
            raise PermissionDenied
        form = NeedDecisionForm(request.POST, survey=self.object)
        if form.is_valid() and save_with(
            services.decide_need,
            [form],
            actor=request.user,
            survey=self.object,
            **form.cleaned_data,
        ):
            messages.success(request, _("The decision was recorded."))
            return HttpResponseRedirect(request.path + "#decisions")
        return self.render_to_response(
            self.get_context_data(object=self.object, decision_form=form)
        )


def analysis_workbook(result):
    """The analysis as a workbook: the ranking on the first sheet."""
    headers = [
        _("Statement"),
        _("Theme"),
        _("Answers"),
        _("Mean relevance (1-5)"),
        "1",
        "2",
        "3",
        "4",
        "5",
        _("Don't know"),
        _("Companies with a need"),
        _("of which high"),
        _("Employees affected"),
    ]
    rows = [
        [
            r.statement.text,
            r.statement.theme,
            r.answers,
            r.mean_relevance,
            *r.distribution,
            r.companies_with_need,
            r.high_need,
            r.employees,
        ]
        for r in result.by_relevance()
    ]
    return table_response("analyse", headers, rows, "xlsx")
