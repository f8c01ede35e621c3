"""Targets against actuals. Every actual is computed from the records, never typed in, and
for many projects at once: one query per indicator whatever the number of projects, companies
or participants. The registry names what a target may measure."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samspil.core import scoping


@dataclass(frozen=True)
class Indicator:
    label: str
    actuals: Callable  # (project ids, until) -> {project id: number}


def _contacts():
    from samspil.companies.models import Contact

    return Contact.objects.filter(status=Contact.Status.DONE)


STARTED = ["started", "completed"]


def _women_share(project_ids, until):
    from samspil.participants.models import Enrolment

    rows = (
        Enrolment.objects.filter(project__in=project_ids, entry_date__lte=until)
        .values("project")
        .annotate(all=Count("pk"), women=Count("pk", filter=Q(participant__gender="female")))
    )
    return {row["project"]: round(100 * row["women"] / row["all"], 1) for row in rows if row["all"]}


def _by_entry(filter_q=None):
    def actuals(project_ids, until):
        from samspil.participants.models import Enrolment

        queryset = Enrolment.objects.filter(project__in=project_ids, entry_date__lte=until)
        if filter_q is not None:
            queryset = queryset.filter(filter_q)
        rows = queryset.values("project").annotate(n=Count("pk"))
        return {row["project"]: row["n"] for row in rows}

    return actuals


def _contacts_until(extra=None, distinct=None, sme=False):
    def actuals(project_ids, until):
        queryset = _contacts().filter(project__in=project_ids, date__lte=until)
        if extra is not None:
            queryset = queryset.filter(extra)
        if sme:
            from samspil.companies.models import SME_BANDS

            queryset = queryset.filter(company__size_band__in=SME_BANDS)
        rows = queryset.values("project").annotate(
            n=Count(distinct or "pk", distinct=bool(distinct))
        )
        return {row["project"]: row["n"] for row in rows}

    return actuals


def _simple(model_path, project_field, filters, date_field=None):
    def actuals(project_ids, until):
        from django.apps import apps

        model = apps.get_model(model_path)
        queryset = model.objects.filter(**{f"{project_field}__in": project_ids}, **filters)
        if date_field:
            queryset = queryset.filter(**{f"{date_field}__lte": until})
        rows = queryset.values(project_field).annotate(n=Count("pk"))
        return {row[project_field]: row["n"] for row in rows}

    return actuals


INDICATORS: dict[str, Indicator] = {
    "companies_supported": Indicator(
        gettext_lazy("Companies supported"), _contacts_until(distinct="company")
    ),
    "smes_supported": Indicator(
        gettext_lazy("SMEs supported"), _contacts_until(distinct="company", sme=True)
    ),
    "participants": Indicator(gettext_lazy("Participants"), _by_entry()),
    "employed_participants": Indicator(
        gettext_lazy("Employed participants"),
        _by_entry(Q(employment_status__in=["employed", "self_employed"])),
    ),
    "unemployed_participants": Indicator(
        gettext_lazy("Unemployed participants"),
        _by_entry(Q(employment_status__in=["unemployed", "long_term_unemployed"])),
    ),
    "women_share": Indicator(gettext_lazy("Women's share of participants (%)"), _women_share),
    "unskilled_to_skilled_started": Indicator(
        gettext_lazy("Unskilled to skilled, started"),
        _simple(
            "participants.EducationPlan",
            "enrolment__project",
            {
                "education__level_from": "unskilled",
                "education__level_to": "skilled",
                "status__in": STARTED,
            },
            "start_date",
        ),
    ),
    "unskilled_to_skilled_completed": Indicator(
        gettext_lazy("Unskilled to skilled, completed"),
        _simple(
            "participants.EducationPlan",
            "enrolment__project",
            {
                "education__level_from": "unskilled",
                "education__level_to": "skilled",
                "status": "completed",
            },
            "start_date",
        ),
    ),
    "skilled_to_academy_started": Indicator(
        gettext_lazy("Skilled to academy level, started"),
        _simple(
            "participants.EducationPlan",
            "enrolment__project",
            {
                "education__level_from": "skilled",
                "education__level_to": "academy",
                "status__in": STARTED,
            },
            "start_date",
        ),
    ),
    "skilled_to_academy_completed": Indicator(
        gettext_lazy("Skilled to academy level, completed"),
        _simple(
            "participants.EducationPlan",
            "enrolment__project",
            {
                "education__level_from": "skilled",
                "education__level_to": "academy",
                "status": "completed",
            },
            "start_date",
        ),
    ),
    "rkv_done": Indicator(
        gettext_lazy("Prior-learning assessments done"),
        _simple("participants.PriorLearningAssessment", "enrolment__project", {}, "assessed_on"),
    ),
    "joint_visits": Indicator(
        gettext_lazy("Joint visits"), _contacts_until(extra=Q(kind="joint_visit"))
    ),
    "workshops": Indicator(
        gettext_lazy("Workshops"), _simple("discovery.Workshop", "project", {}, "date")
    ),
    "plans_agreed": Indicator(
        gettext_lazy("Competence supply plans agreed"),
        _simple("plans.CompetencePlan", "project", {"status": "agreed"}, "agreed_on"),
    ),
}


def actuals(project_ids, until: datetime.date) -> dict[str, dict[int, float]]:
    """{indicator: {project id: actual}} for every indicator: one query each."""
    return {
        code: indicator.actuals(list(project_ids), until) for code, indicator in INDICATORS.items()
    }


def save_target(*, actor, target):
    """A target measures a known indicator by a date inside the project, never below zero."""
    if not scoping.can(actor, scoping.CHANGE, target.project):
        raise PermissionDenied
    errors = target_errors(target)
    try:
        target.full_clean(exclude=list(errors))
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    target.save()
    return target


def target_errors(target) -> dict:
    """What is wrong with a target beyond its fields: the indicator and the date."""
    errors = {}
    if target.indicator not in INDICATORS:
        errors["indicator"] = [_("Unknown indicator “%(code)s”.") % {"code": target.indicator}]
    project = target.project
    if target.due_on and (
        (project.start_date and target.due_on < project.start_date)
        or (project.end_date and target.due_on > project.end_date)
    ):
        errors["due_on"] = [_("The date is outside the project's period.")]
    return errors


def project_progress(project, until: datetime.date) -> list[dict]:
    """The project's targets with the actual by ``until`` and the share reached."""
    figures = actuals([project.pk], until)
    rows = []
    for target in project.targets.all():
        actual = figures.get(target.indicator, {}).get(project.pk, 0)
        rows.append(
            {
                "target": target,
                "label": INDICATORS[target.indicator].label
                if target.indicator in INDICATORS
                else target.indicator,
                "actual": actual,
                "reached": round(100 * float(actual) / float(target.value))
                if target.value
                else None,
            }
        )
    return rows
