"""Who sees and changes organisations and their memberships, and the helpers about a user's
roles that the other apps' rules share (registered by ``OrganisationsConfig.ready``)."""

from django.db.models import Exists, OuterRef, Q

from samspil.core import scoping
from samspil.core.scoping import DELETE, EVERYTHING, NOTHING, VIEW
from samspil.organisations.models import Organisation, OrganisationMembership, Role, System

PRACTITIONER_ROLES = [Role.OPERATOR, Role.CONSULTANT, Role.COORDINATOR]

# The order of the roles, lowest first: nobody grants a role above their own.
ROLE_ORDER = [Role.EVALUATOR, Role.CONSULTANT, Role.COORDINATOR, Role.OPERATOR]


def rank(role: str) -> int:
    return ROLE_ORDER.index(role)


def memberships_of(user, model, *, roles=None):
    memberships = model.objects.filter(user=user)
    if roles:
        memberships = memberships.filter(role__in=roles)
    return memberships


def organisations_of(user, *, roles=None):
    return memberships_of(user, OrganisationMembership, roles=roles).values("organisation")


@scoping.capability("practitioner")
def is_practitioner(user) -> bool:
    """Someone who works with companies (not only reads): operators, consultants, coordinators."""
    from samspil.partnerships.models import PartnershipMembership
    from samspil.programmes.models import ProjectMembership

    return any(
        memberships_of(user, model, roles=PRACTITIONER_ROLES).exists()
        for model in (OrganisationMembership, PartnershipMembership, ProjectMembership)
    )


@scoping.capability("operator")
def is_operator(user) -> bool:
    """An operator runs projects: they manage organisations, partners and users."""
    from samspil.programmes.models import ProjectMembership

    return (
        memberships_of(user, ProjectMembership, roles=[Role.OPERATOR]).exists()
        or memberships_of(user, OrganisationMembership, roles=[Role.OPERATOR]).exists()
    )


def in_employment_system(user) -> bool:
    return OrganisationMembership.objects.filter(
        user=user, organisation__system=System.EMPLOYMENT
    ).exists()


def organisation_operator(user, organisation) -> bool:
    """Whether ``user`` is an operator of this organisation (or, with None, of any)."""
    operated = memberships_of(user, OrganisationMembership, roles=[Role.OPERATOR])
    if organisation is not None:
        operated = operated.filter(organisation=organisation)
    return operated.exists()


@scoping.rule(Organisation, can_create=lambda user, parent: is_operator(user))
def organisations(user, action: str) -> Q:
    # The register of organisations is shared by every signed-in user of the installation.
    if action == VIEW:
        return EVERYTHING
    if action == DELETE:
        return NOTHING
    # An organisation's own operators keep its record (its system decides who sees a
    # jobcentre's openings, so an evaluator or an operator elsewhere may not change it); an
    # organisation nobody operates yet (a partner just registered) is kept by any operator.
    own = Q(pk__in=organisations_of(user, roles=[Role.OPERATOR]))
    if not is_operator(user):
        return own
    operated = OrganisationMembership.objects.filter(
        organisation=OuterRef("pk"), role=Role.OPERATOR
    )
    return own | ~Exists(operated)


@scoping.rule(OrganisationMembership, parent="organisation", can_create=organisation_operator)
def organisation_memberships(user, action: str) -> Q:
    # Who works where is the installation's staff directory; each organisation's operators
    # keep its own part of it, but not their own membership.
    if action == VIEW:
        return EVERYTHING
    return Q(organisation__in=organisations_of(user, roles=[Role.OPERATOR])) & ~Q(user=user)
