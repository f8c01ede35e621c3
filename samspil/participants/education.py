"""Prior-learning assessments, education plans with their school periods, the company's
"which employee takes which education" matrix, and the pseudonymised research export: the
rules that pages, API and commands share."""

from collections import defaultdict

from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext

from samspil.core import scoping
from samspil.core.audit import acting_as, log_bulk
from samspil.core.services import save_record
from samspil.participants import crypto
from samspil.participants.models import (
    CHARACTERISTICS,
    RESULTS,
    EducationPlan,
    Enrolment,
    PriorLearningAssessment,
    SchoolPeriod,
)


def _require(actor, action, obj) -> None:
    if not scoping.can(actor, action, obj):
        raise PermissionDenied


def _require_current(actor, record) -> None:
    """A saved record may be changed only by someone who may change it where it is now, so
    no one moves another project's record into their own."""
    if record.pk:
        _require(actor, scoping.CHANGE, type(record).objects.get(pk=record.pk))


def save_assessment(*, actor, assessment: PriorLearningAssessment) -> PriorLearningAssessment:
    _require(actor, scoping.CHANGE, assessment.enrolment)
    _require_current(actor, assessment)
    return save_record(assessment, actor=actor)


def check_periods(
    plan: EducationPlan, periods: list[SchoolPeriod], numbers: list[int] | None = None
) -> None:
    """Each period is a real range inside the plan, and the periods do not overlap. Errors
    name the period by its number (1, 2, ... or the row ``numbers`` the user sees)."""
    errors = []
    numbers = numbers or list(range(1, len(periods) + 1))
    ordered = sorted((p for p in periods if p.start and p.end), key=lambda p: p.start)
    for number, period in zip(numbers, periods, strict=True):
        try:
            period.clean()
            period.check_within(plan)
        except ValidationError as exc:
            for messages in exc.message_dict.values():
                errors.extend(_numbered(number, message) for message in messages)
    for before, after in zip(ordered, ordered[1:], strict=False):
        if after.start <= before.end:
            errors.append(
                _numbered(
                    numbers[periods.index(after)],
                    gettext("The period overlaps the one before it."),
                )
            )
    if errors:
        raise ValidationError({"periods": errors})


def _numbered(number: int, message) -> str:
    return gettext("School period %(number)s: %(message)s") % {
        "number": number,
        "message": message,
    }


def save_education_plan(
    *, actor, plan: EducationPlan, periods: list[SchoolPeriod], numbers: list[int] | None = None
) -> EducationPlan:
    """Save a plan and replace its school periods, all or nothing."""
    _require(actor, scoping.CHANGE, plan.enrolment)
    _require_current(actor, plan)
    plan.full_clean()
    if plan.assessment and plan.assessment.enrolment.participant_id != (
        plan.enrolment.participant_id
    ):
        raise ValidationError(
            {"assessment": [gettext("The assessment is of another participant.")]}
        )
    check_periods(plan, periods, numbers)
    with transaction.atomic(), acting_as(actor):
        plan.save()
        plan.periods.all().delete()
        for period in periods:
            period.plan = plan
        log_bulk(SchoolPeriod.objects.bulk_create(periods), LogEntry.Action.CREATE)
    return plan


def company_matrix(user, company) -> dict:
    """Employees (participants employed at the company) against the subject areas of its
    latest competence supply plan; each cell lists the education plans in that area.
    Four queries, however many employees or plans."""
    from samspil.plans.models import CompetencePlan

    latest = (
        CompetencePlan.objects.restrict(user)
        .filter(company=company)
        .order_by("-version")
        .prefetch_related("needs__area")
        .first()
    )
    areas = []
    if latest:
        for need in latest.needs.all():
            if need.area not in areas:
                areas.append(need.area)
    plans = (
        EducationPlan.objects.restrict(user)
        .filter(enrolment__participant__employer=company)
        .select_related("enrolment__participant", "education", "provider")
        .prefetch_related("education__competence_areas", "periods")
        .order_by("enrolment__participant__name", "start_date")
    )
    rows: dict = {}
    for plan in plans:
        participant = plan.enrolment.participant
        row = rows.setdefault(
            participant.pk, {"participant": participant, "cells": defaultdict(list)}
        )
        plan_areas = set(plan.education.competence_areas.all())
        matched = [area for area in areas if area in plan_areas]
        for area in matched or [None]:
            row["cells"][area.pk if area else None].append(plan)
    return {
        "plan": latest,
        "areas": areas,
        "rows": [
            {
                "participant": row["participant"],
                "cells": [row["cells"].get(area.pk, []) for area in areas],
                "other": row["cells"].get(None, []),
            }
            for row in rows.values()
        ],
    }


RESEARCH_FIELDS = (
    "pseudonym",
    "gender",
    "birth_year",
    "entry_date",
    "employment_status",
    "isced",
    *CHARACTERISTICS,
    "leaving_date",
    "completed",
    *RESULTS,
    "employed_6m",
    "improved_situation_6m",
)


def research_rows(project):
    """The project's start and stop forms for research, one dict at a time (streamed from the
    database in chunks): no identifier, name, contact or employer; the birth date reduced to
    the year; the person behind a project-scoped pseudonym."""
    enrolments = Enrolment.objects.filter(project=project).select_related("participant")
    for enrolment in enrolments.order_by("pk").iterator(chunk_size=2000):
        participant = enrolment.participant
        row = {
            "pseudonym": crypto.pseudonym(project.code, participant.pk),
            "gender": participant.gender,
            "birth_year": participant.birth_date.year if participant.birth_date else "",
        }
        for name in RESEARCH_FIELDS[3:]:
            value = getattr(enrolment, name)
            row[name] = value.isoformat() if hasattr(value, "isoformat") else value
        yield row
