"""Who sees and changes the company register and the contacts with companies (registered by
``CompaniesConfig.ready``)."""

from django.db.models import Exists, OuterRef, Q

from samspil.companies.models import Cluster, Company, Contact, ContactPerson
from samspil.core import scoping
from samspil.core.scoping import DELETE, DETAILS, EVERYTHING, NOTHING, VIEW
from samspil.organisations.models import Role
from samspil.organisations.scoping import is_practitioner
from samspil.partnerships.scoping import partnerships_of
from samspil.programmes.scoping import projects_of


def practitioner(user, parent=None) -> bool:
    return is_practitioner(user)


def shared_register(user, action: str) -> Q:
    # The company register is the one shared picture: every signed-in user sees it, those who
    # work with companies keep it up to date, and nothing in it is deleted by hand.
    if action in (VIEW, DETAILS):
        return EVERYTHING
    if action == DELETE:
        return NOTHING
    return EVERYTHING if is_practitioner(user) else NOTHING


scoping.rule(Company, can_create=practitioner)(shared_register)
scoping.rule(ContactPerson, can_create=practitioner)(shared_register)
scoping.rule(Cluster, can_create=practitioner)(shared_register)


@scoping.rule(Contact, can_create=practitioner)
def contacts(user, action: str) -> Q:
    # The timeline (date, organisation, kind, project, consultant) is shared by all; what was
    # said (purpose, notes, next step, outcome) stays with those who took part and the members
    # of the partnership or project it was made in. Nobody deletes a contact by hand.
    if action == VIEW:
        return EVERYTHING
    if action == DELETE:
        return NOTHING
    # Correlated EXISTS, not ``pk IN (every contact the user took part in)``: a consultant
    # with tens of thousands of contacts would have them all read for every page.
    took_part = Q(created_by=user) | Q(
        Exists(Contact.consultants.through.objects.filter(contact=OuterRef("pk"), user=user))
    )
    if action == DETAILS:
        return (
            took_part | Q(partnership__in=partnerships_of(user)) | Q(project__in=projects_of(user))
        )
    return (
        took_part
        | Q(partnership__in=partnerships_of(user, roles=[Role.COORDINATOR]))
        | Q(project__in=projects_of(user, roles=[Role.OPERATOR]))
    )
