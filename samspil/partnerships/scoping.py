"""Who sees and changes partnerships (LKS), their memberships and their work: cases, meetings,
the maturity self-evaluation and learning notes (registered by ``PartnershipsConfig.ready``)."""

from django.db.models import Q

from samspil.core import scoping
from samspil.core.scoping import CHANGE, DELETE, DETAILS, NOTHING, VIEW, scoped_through
from samspil.organisations.models import Role
from samspil.organisations.scoping import PRACTITIONER_ROLES, memberships_of
from samspil.partnerships.models import (
    AgendaItem,
    Case,
    CaseDecision,
    EvaluationRating,
    EvaluationResponse,
    EvaluationRound,
    LearningNote,
    Meeting,
    Partnership,
    PartnershipMembership,
)
from samspil.programmes.scoping import projects_of


def partnerships_of(user, *, roles=None):
    """The partnerships ``user`` is a member of (with one of ``roles``), as a subquery."""
    return memberships_of(user, PartnershipMembership, roles=roles).values("partnership")


def partnerships_under_projects(projects):
    return Partnership.projects.through.objects.filter(project__in=projects).values("partnership")


def member_of_partnership(user, partnership) -> bool:
    """Takes part in the partnership's work (evaluators only read); with None, in any."""
    memberships = memberships_of(user, PartnershipMembership, roles=PRACTITIONER_ROLES)
    if partnership is not None:
        memberships = memberships.filter(partnership=partnership)
    return memberships.exists()


def partnership_coordinator(user, partnership) -> bool:
    """A coordinator of the partnership (or, with None, of any): they keep its members."""
    memberships = memberships_of(user, PartnershipMembership, roles=[Role.COORDINATOR])
    if partnership is not None:
        memberships = memberships.filter(partnership=partnership)
    return memberships.exists()


def visible_partnerships(user, action=VIEW):
    return scoping.restrict(Partnership.objects.all(), user, action).values("pk")


def change_partnership(user, partnership) -> bool:
    """May change the partnership (or, with None, some partnership)."""
    if partnership is None:
        return scoping.restrict(Partnership.objects.all(), user, CHANGE).exists()
    return scoping.can(user, CHANGE, partnership)


def works_in(user, partnership) -> bool:
    """Members take up cases and write notes; so do those who may change the partnership."""
    if partnership is None:
        return member_of_partnership(user, None) or change_partnership(user, None)
    return member_of_partnership(user, partnership) or scoping.can(user, CHANGE, partnership)


@scoping.rule(Partnership)
def partnerships(user, action: str) -> Q:
    operated = projects_of(user, roles=[Role.OPERATOR])
    if action in (VIEW, DETAILS):
        return Q(pk__in=partnerships_of(user)) | Q(pk__in=partnerships_under_projects(operated))
    if action == DELETE:
        return NOTHING
    return Q(pk__in=partnerships_of(user, roles=[Role.COORDINATOR])) | Q(
        pk__in=partnerships_under_projects(operated)
    )


@scoping.rule(PartnershipMembership, parent="partnership", can_create=partnership_coordinator)
def partnership_memberships(user, action: str) -> Q:
    # Seen by those who see the partnership; its coordinators keep it, but not their own
    # membership.
    if action in (VIEW, DETAILS):
        return Q(partnership__in=visible_partnerships(user))
    return Q(partnership__in=partnerships_of(user, roles=[Role.COORDINATOR])) & ~Q(user=user)


@scoping.rule(Case, parent="partnership", can_create=works_in)
def cases(user, action: str) -> Q:
    # Cases belong to the partnership they were taken up in: its members see and work on them.
    if action in (VIEW, DETAILS):
        return Q(partnership__in=visible_partnerships(user))
    if action == DELETE:
        return NOTHING
    return Q(partnership__in=partnerships_of(user, roles=PRACTITIONER_ROLES)) | Q(
        partnership__in=visible_partnerships(user, CHANGE)
    )


# A decision is recorded by those who may change the case; nobody deletes one.
scoped_through(CaseDecision, "case", delete=None)


# A meeting or a round is planned by those who may change the partnership.
@scoping.rule(Meeting, parent="partnership", can_create=change_partnership)
def meetings(user, action: str) -> Q:
    # Members see the meetings; the coordinator (secretariat) plans them and keeps the minutes.
    if action in (VIEW, DETAILS):
        return Q(partnership__in=visible_partnerships(user))
    return Q(partnership__in=visible_partnerships(user, CHANGE))


scoping.rule(EvaluationRound, parent="partnership", can_create=change_partnership)(meetings)
scoped_through(AgendaItem, "meeting")


def _may_answer(user, round_) -> bool:
    memberships = memberships_of(user, PartnershipMembership)
    if round_ is not None:
        memberships = memberships.filter(partnership=round_.partnership_id)
    return memberships.exists()


# A member's answers to a round: seen with the round; nobody changes them afterwards.
scoped_through(EvaluationResponse, "round", change=CHANGE, delete=None, can_create=_may_answer)
scoped_through(EvaluationRating, "response", delete=None)


@scoping.rule(LearningNote, parent="partnership", can_create=works_in)
def learning_notes(user, action: str) -> Q:
    if action in (VIEW, DETAILS):
        return Q(partnership__in=visible_partnerships(user))
    return Q(author=user) | Q(partnership__in=visible_partnerships(user, CHANGE))
