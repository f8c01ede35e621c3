"""The write layer of recruitment: openings (also made from a WS2 referral, a plan's need or a
case without retyping), candidates with their consent, the pipeline, job rotations checked
against the rules, and campaigns. Pages, API and the demo all write through these."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samspil.core import scoping
from samspil.core.audit import acting_as
from samspil.core.dates import add_months
from samspil.core.services import ensure_can, save_record
from samspil.organisations.scoping import PRACTITIONER_ROLES
from samspil.participants import services as participant_services
from samspil.participants.models import EmploymentStatus, Enrolment, Participant
from samspil.programmes.periods import outside_period
from samspil.programmes.scoping import on_project_team
from samspil.recruitment import rotation as rules
from samspil.recruitment.models import Campaign, Candidate, Opening, Proposal, Rotation

# Openings -----------------------------------------------------------------------------------


def opening_from(source) -> tuple[Opening, dict]:
    """An unsaved opening filled from where the need arose, and its competence areas: a WS2
    referral (``NeedDecision``), a need in a competence supply plan (``PlanNeed``) or a
    partnership's case (``Case``)."""
    from samspil.discovery.models import NeedDecision
    from samspil.partnerships.models import Case
    from samspil.plans.models import PlanNeed

    today = timezone.localdate()
    if isinstance(source, NeedDecision):
        statement = source.statement
        opening = Opening(
            need_decision=source,
            company=source.company,
            project=source.survey.workshop.project,
            role=statement.theme or statement.text[:200],
            description=statement.text + (f"\n{source.note}" if source.note else ""),
            start_date=source.due_on or today,
        )
        return opening, {}
    if isinstance(source, PlanNeed):
        plan = source.plan
        opening = Opening(
            plan_need=source,
            company=plan.company,
            project=plan.project,
            role=source.description[:200],
            description=source.description,
            kind=Opening.Kind.SHORTAGE,
            start_date=today,
            municipality=plan.company.municipality,
        )
        return opening, {"competence_areas": [source.area] if source.area_id else []}
    if isinstance(source, Case):
        opening = Opening(
            case=source,
            company=source.company,
            project=source.partnership.projects.order_by("pk").first(),
            role=source.need[:200],
            description=source.need,
            start_date=today,
        )
        return opening, {}
    raise TypeError(source)


def save_opening(*, actor, opening: Opening, competence_areas=None, esco_skills=None) -> Opening:
    """The project's team keeps its openings; where it came from must be theirs to see."""
    if not opening.project_id:
        opening.full_clean()  # names the missing project
    if not on_project_team(actor, opening.project):
        raise PermissionDenied
    stored = Opening.objects.filter(pk=opening.pk).first() if opening.pk else None
    for name in ("need_decision", "plan_need", "case"):
        source = getattr(opening, name)
        changed = stored is None or getattr(stored, f"{name}_id") != getattr(opening, f"{name}_id")
        if source is not None and changed and not scoping.can(actor, scoping.VIEW, source):
            raise PermissionDenied
    if opening.pk:
        ensure_can(actor, scoping.CHANGE, opening)
    else:
        opening.created_by = actor
    if opening.company_id and not opening.municipality_id:
        opening.municipality = opening.company.municipality
    return save_record(
        opening,
        actor=actor,
        m2m={"competence_areas": competence_areas, "esco_skills": esco_skills},
    )


# Candidates ---------------------------------------------------------------------------------


def may_refer(actor, jobcentre, project) -> bool:
    """A jobcentre's staff refer its candidates, as does the project's team."""
    from samspil.organisations.models import OrganisationMembership

    return OrganisationMembership.objects.filter(
        user=actor, organisation=jobcentre, role__in=PRACTITIONER_ROLES
    ).exists() or on_project_team(actor, project)


def refer_candidate(
    *, actor, candidate: Candidate, identifier, person: dict, competence_areas=(), esco_skills=()
) -> Candidate:
    """Register an unemployed person as a candidate: the same person (by identifier) is one
    record across candidacies and enrolments. Nothing is saved if anything is wrong."""
    if not candidate.jobcentre_id or not candidate.project_id:
        candidate.full_clean()  # names the missing field
    if not may_refer(actor, candidate.jobcentre, candidate.project):
        raise PermissionDenied
    participant = participant_services.find(identifier) or Participant()
    if participant.pk and (
        Candidate.objects.filter(person=participant).exists()
        or not scoping.can(actor, scoping.VIEW, participant)
    ):
        # Said the same whether the person is a candidate elsewhere or known to a project the
        # referrer does not work in; their details are never shown or attached here.
        raise ValidationError(
            {
                "personal_id": _(
                    "samspil already holds this person for another project or jobcentre. Ask "
                    "the operator of your project to refer them."
                )
            }
        )
    participant_services.fill_person(participant, identifier, person)
    participant.jobcentre = participant.jobcentre or candidate.jobcentre
    participant.full_clean(validate_unique=False)
    candidate.full_clean(exclude=["person"])
    with transaction.atomic(), acting_as(actor):
        participant.save()
        candidate.person = participant
        candidate.save()
        candidate.competence_areas.set(competence_areas)
        candidate.esco_skills.set(esco_skills)
    return candidate


def save_candidate(*, actor, candidate: Candidate, competence_areas=None, esco_skills=None):
    """Change a candidacy; moving it to another jobcentre or project (which would then see the
    person) is for those who may refer to that jobcentre and project."""
    stored = Candidate.objects.get(pk=candidate.pk)
    ensure_can(actor, scoping.CHANGE, stored)
    candidate.full_clean()
    from samspil.organisations.models import OrganisationMembership

    if candidate.jobcentre_id != stored.jobcentre_id and not (
        OrganisationMembership.objects.filter(user=actor, organisation=candidate.jobcentre).exists()
    ):
        raise ValidationError(
            {"jobcentre": _("Only staff of the jobcentre may move a candidate to it.")}
        )
    if candidate.project_id != stored.project_id:
        if not on_project_team(actor, candidate.project):
            raise ValidationError({"project": _("You are not on the team of this project.")})
        if stored.proposals.exclude(stage=Proposal.Stage.NOT_STARTED).exists():
            raise ValidationError(
                {"project": _("The candidate is in a pipeline of the present project.")}
            )
    return save_record(
        candidate,
        actor=actor,
        m2m={"competence_areas": competence_areas, "esco_skills": esco_skills},
    )


# The pipeline -------------------------------------------------------------------------------


def _needs_consent(candidate: Candidate) -> None:
    if not candidate.has_consent:
        raise ValidationError(
            {
                "candidate": _(
                    "%(candidate)s has not given consent (or has withdrawn it), so cannot be "
                    "matched or shown to a company."
                )
                % {"candidate": candidate}
            }
        )


def refer(*, actor, opening: Opening, candidate: Candidate, on=None) -> Proposal:
    """Put a consenting candidate in an opening's pipeline."""
    ensure_can(actor, scoping.CHANGE, candidate)
    if not scoping.can(actor, scoping.VIEW, opening):
        raise PermissionDenied
    _needs_consent(candidate)
    if candidate.project_id != opening.project_id:
        raise ValidationError(
            {"candidate": _("The candidate is recruited for another project than the opening's.")}
        )
    if candidate.proposals.filter(stage=Proposal.Stage.STARTED).exists():
        raise ValidationError({"candidate": _("The candidate has already started in a post.")})
    if opening.status != Opening.Status.OPEN:
        raise ValidationError(
            {
                "opening": _("The opening is %(status)s.")
                % {"status": opening.get_status_display().lower()}
            }
        )
    if Proposal.objects.filter(opening=opening, candidate=candidate).exists():
        raise ValidationError({"candidate": _("The candidate is already in this pipeline.")})
    proposal = Proposal(opening=opening, candidate=candidate, stage_on=on or timezone.localdate())
    return save_record(proposal, actor=actor)


def move(*, actor, proposal: Proposal, stage: str, on=None, reason: str = "") -> Proposal:
    """Move a proposal along the pipeline. Showing a candidate to the company needs their
    consent; a start enrols the same person in the opening's project."""
    ensure_can(actor, scoping.CHANGE, proposal)
    if proposal.stage == Proposal.Stage.STARTED:
        raise ValidationError(
            {"stage": _("The candidate has started; the start form is on the participant's page.")}
        )
    if stage in (Proposal.Stage.PROPOSED, Proposal.Stage.INTERVIEWED, Proposal.Stage.STARTED):
        _needs_consent(proposal.candidate)
    proposal.stage, proposal.stage_on, proposal.reason = stage, on or timezone.localdate(), reason
    proposal.full_clean()
    with transaction.atomic(), acting_as(actor):
        proposal.save()
        if stage == Proposal.Stage.STARTED:
            start(actor=actor, proposal=proposal)
    return proposal


def long_term_unemployed(candidate: Candidate, on: datetime.date) -> bool:
    """ESF.md: unemployed more than 12 months, or more than 6 months for those under 25."""
    birth = candidate.person.birth_date
    young = birth is not None and add_months(birth, 25 * 12) > on
    return add_months(candidate.unemployed_since, 6 if young else 12) < on


def start(*, actor, proposal: Proposal) -> Enrolment:
    """The candidate becomes a participant of the opening's project with the start form
    begun: entry date and employment status at entry come from the candidacy."""
    opening, candidate = proposal.opening, proposal.candidate
    if not on_project_team(actor, opening.project):
        raise PermissionDenied
    if opening.status != Opening.Status.OPEN:
        raise ValidationError(
            {
                "stage": _("The opening is %(status)s.")
                % {"status": opening.get_status_display().lower()}
            }
        )
    project, day = opening.project, proposal.stage_on
    if outside_period(project, day):
        raise ValidationError({"stage_on": _("The start is outside the project's period.")})
    if Enrolment.objects.filter(participant=candidate.person, project=project).exists():
        raise ValidationError(
            {
                "stage": _("%(candidate)s is already a participant of the project.")
                % {"candidate": candidate}
            }
        )
    status = (
        EmploymentStatus.LONG_TERM_UNEMPLOYED
        if long_term_unemployed(candidate, proposal.stage_on)
        else EmploymentStatus.UNEMPLOYED
    )
    enrolment = Enrolment(
        participant=candidate.person,
        project=opening.project,
        entry_date=proposal.stage_on,
        employment_status=status,
    )
    enrolment.full_clean()
    enrolment.save()
    if opening.kind != Opening.Kind.SHORTAGE:
        opening.status = Opening.Status.FILLED
        opening.save(update_fields=["status", "updated_at"])
    return enrolment


# Job rotation -------------------------------------------------------------------------------


def save_rotation(*, actor, rotation: Rotation, exception_reason: str = "") -> Rotation:
    """A rotation that breaks a rule is refused, naming the rule and why, unless an operator
    of the project records an exception with a reason."""
    opening = rotation.opening
    ensure_can(actor, scoping.CHANGE, opening)
    rotation.full_clean(exclude=["exception_reason"])
    if opening.kind != Opening.Kind.ROTATION:
        raise ValidationError({"opening": _("The opening is not a substitute post.")})
    _needs_consent(rotation.substitute)
    in_pipeline = Proposal.objects.filter(opening=opening, candidate=rotation.substitute)
    if not in_pipeline.exists() or not scoping.can(actor, scoping.VIEW, rotation.substitute):
        raise ValidationError(
            {"substitute": _("The substitute must be in the opening's pipeline.")}
        )
    broken = [check for check in rules.check(rotation) if not check.ok]
    rotation.broken_rules = [check.code for check in broken]
    stored = Rotation.objects.filter(pk=rotation.pk).first() if rotation.pk else None
    kept = stored and stored.exception_reason and stored.broken_rules == rotation.broken_rules
    if kept and not exception_reason.strip():
        # The operator's exception stands as long as the same rules are broken.
        rotation.exception_reason, rotation.exception_by = (
            stored.exception_reason,
            stored.exception_by,
        )
        broken = []
    else:
        rotation.exception_reason, rotation.exception_by = "", None
    if broken:
        if not exception_reason.strip():
            errors: dict = {}
            for check in broken:
                errors.setdefault(
                    check.field if check.field != "opening" else "__all__", []
                ).append(check.message)
            raise ValidationError(errors)
        if not scoping.can(actor, scoping.CHANGE, opening.project):
            raise ValidationError(
                {"exception_reason": _("Only an operator of the project may record an exception.")}
            )
        rotation.exception_reason, rotation.exception_by = exception_reason.strip(), actor
    with transaction.atomic(), acting_as(actor):
        rotation.save()
    return rotation


# Campaigns ----------------------------------------------------------------------------------


def save_campaign(*, actor, campaign: Campaign, jobcentres=None) -> Campaign:
    if not campaign.project_id:
        campaign.full_clean()  # names the missing project
    if not on_project_team(actor, campaign.project):
        raise PermissionDenied
    return save_record(campaign, actor=actor, m2m={"jobcentres": jobcentres})
