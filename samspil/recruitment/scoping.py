"""Who sees and changes recruitment: openings, candidates (personal data), the pipeline,
job rotations and campaigns (registered by ``RecruitmentConfig.ready``). A candidate's person
is a participant: this app widens the participants app's rules for them."""

from django.db.models import Exists, OuterRef, Q

from samspil.core import scoping
from samspil.core.scoping import VIEW
from samspil.organisations.models import Role
from samspil.organisations.scoping import (
    PRACTITIONER_ROLES,
    in_employment_system,
    is_practitioner,
    organisations_of,
)
from samspil.participants.models import AccessLog, Participant
from samspil.programmes.scoping import on_project_team, project_team, projects_of
from samspil.recruitment.models import Campaign, Candidate, Opening, Proposal, Rotation


def practitioner(user, parent=None) -> bool:
    return is_practitioner(user)


@scoping.rule(Opening, parent="project", can_create=on_project_team)
def openings(user, action: str) -> Q:
    # The project's team keeps its openings; every jobcentre sees them, to find candidates.
    team = Q(project__in=project_team(user, action))
    if action == VIEW and in_employment_system(user):
        return Q()
    return team


@scoping.rule(Candidate, can_create=practitioner)
def candidates(user, action: str) -> Q:
    # Personal data: the referring jobcentre's practitioners and the recruiting project's
    # practitioners (an evaluator reads only aggregated figures).
    return Q(jobcentre__in=organisations_of(user, roles=PRACTITIONER_ROLES)) | Q(
        project__in=projects_of(user, roles=PRACTITIONER_ROLES)
    )


@scoping.rule(Proposal, can_create=practitioner)
def proposals(user, action: str) -> Q:
    # The opening side as a list, the candidate side as a correlated EXISTS: two lists made
    # SQLite probe the (opening, candidate) index for every pair of them.
    return Q(opening__in=scoping.restrict(Opening.objects.all(), user, VIEW)) & Q(
        Exists(scoping.restrict(Candidate.objects.filter(pk=OuterRef("candidate")), user, action))
    )


@scoping.rule(Rotation, can_create=practitioner)
def rotations(user, action: str) -> Q:
    return Q(opening__in=scoping.restrict(Opening.objects.all(), user, action)) & Q(
        Exists(scoping.restrict(Candidate.objects.filter(pk=OuterRef("substitute")), user, VIEW))
    )


@scoping.rule(Campaign, parent="project", can_create=on_project_team)
def campaigns(user, action: str) -> Q:
    # The project's team runs it; the jobcentres it targets see it, to refer through it.
    team = Q(project__in=project_team(user, action))
    if action == VIEW:
        targeted = Campaign.jobcentres.through.objects.filter(
            organisation__in=organisations_of(user)
        ).values("campaign")
        return team | Q(pk__in=targeted)
    return team


def candidate_persons(user, action: str) -> Q:
    # A candidate is also seen by the referring jobcentre and the recruiting project's team.
    return Q(
        Exists(scoping.restrict(Candidate.objects.filter(person=OuterRef("pk")), user, action))
    )


def candidate_access_logs(user, action: str) -> Q:
    # The recruiting project's operators read who has seen its candidates.
    if action != VIEW:
        return scoping.NOTHING
    operated = projects_of(user, roles=[Role.OPERATOR])
    return Q(Exists(Candidate.objects.filter(person=OuterRef("participant"), project__in=operated)))


scoping.widen(Participant, candidate_persons)
scoping.widen(AccessLog, candidate_access_logs)
