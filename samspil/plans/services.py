"""Writing plans: drafts, needs (carried over from the survey and workshop 2 without retyping),
accepted courses, and the company's agreement, after which the version is frozen."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from samspil.catalogue.matching import areas_in_text
from samspil.catalogue.models import CompetenceArea
from samspil.core import scoping
from samspil.core.audit import acting_as
from samspil.core.services import ensure_can, save_record
from samspil.discovery.analysis import NEED_LEVELS
from samspil.discovery.models import Answer, NeedDecision
from samspil.organisations.scoping import PRACTITIONER_ROLES
from samspil.plans.models import CompetencePlan, PlanNeed


def current_plan(company, user):
    """The draft if there is one, else the newest agreed version (or None) the user may see."""
    plans = CompetencePlan.objects.restrict(user).filter(company=company).order_by("-version")
    return plans.filter(status=CompetencePlan.Status.DRAFT).first() or plans.first()


def draft_for(*, actor, company, project) -> CompetencePlan:
    """The company's draft, started (from the newest agreed version, if any) when there is none."""
    if not project.memberships.filter(user=actor, role__in=PRACTITIONER_ROLES).exists() and not (
        actor.is_superuser
    ):
        raise PermissionDenied
    with transaction.atomic(), acting_as(actor):
        existing = (
            CompetencePlan.objects.select_for_update().filter(company=company).order_by("-version")
        )
        draft = existing.filter(status=CompetencePlan.Status.DRAFT).first()
        if draft:
            return draft
        latest = existing.first()
        version = (existing.aggregate(v=Max("version"))["v"] or 0) + 1
        draft = CompetencePlan.objects.create(
            company=company, project=project, version=version, based_on=latest, created_by=actor
        )
        if latest is not None:
            for need in latest.needs.prefetch_related("offerings"):
                offerings = list(need.offerings.all())
                need.pk = None
                need._state.adding = True
                need._prefetched_objects_cache = {}  # the copy's courses are set afresh below
                need.plan = draft
                need.save()
                need.offerings.set(offerings)
    return draft


def ensure_editable(plan: CompetencePlan) -> None:
    if plan.is_frozen:
        raise ValidationError(
            _("The plan was agreed with the company and is frozen; start a new draft.")
        )


def save_need(
    *, actor, plan: CompetencePlan, need: PlanNeed | None = None, offerings=None, **fields
) -> PlanNeed:
    ensure_can(actor, scoping.CHANGE, plan)
    ensure_editable(plan)
    need = need or PlanNeed(plan=plan)
    with transaction.atomic(), acting_as(actor):
        save_record(need, actor=actor, **fields)
        if offerings is not None:
            need.offerings.set(offerings)
    return need


def accept_offering(*, actor, need: PlanNeed, offering) -> None:
    ensure_can(actor, scoping.CHANGE, need.plan)
    ensure_editable(need.plan)
    with acting_as(actor):
        need.offerings.add(offering)


def remove_need(*, actor, need: PlanNeed) -> None:
    ensure_can(actor, scoping.CHANGE, need.plan)
    ensure_editable(need.plan)
    with acting_as(actor):
        need.delete()


def agree(*, actor, plan: CompetencePlan, agreed_by: str, agreed_on) -> CompetencePlan:
    """The company agrees the plan: this version is frozen."""
    ensure_can(actor, scoping.CHANGE, plan)
    ensure_editable(plan)
    if not plan.needs.exists():
        raise ValidationError(_("A plan without needs cannot be agreed."))
    if not agreed_by.strip():
        raise ValidationError({"agreed_by": [_("Name who agreed the plan at the company.")]})
    return save_record(
        plan,
        actor=actor,
        status=CompetencePlan.Status.AGREED,
        agreed_by=agreed_by,
        agreed_on=agreed_on,
    )


def _area_for(text: str, theme: str = ""):
    areas = {a.name.lower(): a for a in CompetenceArea.objects.all()}
    if theme.lower() in areas:
        return areas[theme.lower()]
    found = areas_in_text(f"{theme} {text}")
    return CompetenceArea.objects.filter(pk__in=found).order_by("name").first()


def carry_over(*, actor, plan: CompetencePlan) -> int:
    """Needs the company stated in surveys, and workshop 2's decisions for it, become needs in
    the draft, once each (no retyping, no duplicates)."""
    ensure_can(actor, scoping.CHANGE, plan)
    ensure_editable(plan)
    with transaction.atomic(), acting_as(actor):
        return needs_from_discovery(plan)


def needs_from_discovery(plan: CompetencePlan) -> int:
    """The rule of carry_over, without the check of who asks (the demo builds with it)."""
    present = set(plan.needs.values_list("source_ref", flat=True))
    added = 0
    answers = Answer.objects.filter(
        invitation__company=plan.company, need__in=NEED_LEVELS, invitation__withdrawn=False
    ).select_related("statement")
    for answer in answers:
        ref = f"statement:{answer.statement_id}"
        area = _area_for(answer.statement.text, answer.statement.theme)
        if ref in present or area is None:
            continue
        PlanNeed.objects.create(
            plan=plan,
            area=area,
            description=answer.statement.text[:400],
            source=PlanNeed.Source.SURVEY,
            source_ref=ref,
            employees=answer.employees,
            priority=PlanNeed.Priority.HIGH
            if answer.need == Answer.Need.HIGH
            else PlanNeed.Priority.MEDIUM,
            current_level=1,
            target_level=3,
        )
        present.add(ref)
        added += 1
    decisions = NeedDecision.objects.filter(company=plan.company).select_related("statement")
    for decision in decisions:
        ref = f"statement:{decision.statement_id}"
        if ref in present:
            PlanNeed.objects.filter(plan=plan, source_ref=ref).update(
                source=PlanNeed.Source.WS2, notes=decision.get_kind_display()
            )
            continue
        area = _area_for(decision.statement.text, decision.statement.theme)
        if area is None:
            continue
        PlanNeed.objects.create(
            plan=plan,
            area=area,
            description=decision.statement.text[:400],
            source=PlanNeed.Source.WS2,
            source_ref=ref,
            notes=decision.get_kind_display(),
            horizon=decision.due_on,
            current_level=1,
            target_level=3,
        )
        present.add(ref)
        added += 1
    return added
