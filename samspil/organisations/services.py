"""Writing organisations and memberships: the rules pages, API and the demo all go through."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from samspil.core import scoping
from samspil.core.services import delete_record, ensure_can, ensure_can_create, save_record
from samspil.organisations.models import Organisation, OrganisationMembership


def create_organisation(*, actor, **fields) -> Organisation:
    ensure_can_create(actor, Organisation)
    return save_record(Organisation(), actor=actor, **fields)


def update_organisation(*, actor, organisation: Organisation, **fields) -> Organisation:
    ensure_can(actor, scoping.CHANGE, organisation)
    return save_record(organisation, actor=actor, **fields)


def membership_model_for(target):
    """The membership model that joins users to ``target`` (organisation, partnership, project)."""
    from samspil.partnerships.models import Partnership, PartnershipMembership
    from samspil.programmes.models import Project, ProjectMembership

    models = {
        Organisation: (OrganisationMembership, "organisation"),
        Partnership: (PartnershipMembership, "partnership"),
        Project: (ProjectMembership, "project"),
    }
    return models[type(target)]


def may_manage_members(actor, target) -> bool:
    """Operators keep the staff directory; coordinators and operators keep their teams."""
    if isinstance(target, Organisation):
        return scoping.can_create(actor, OrganisationMembership)
    return scoping.can(actor, scoping.CHANGE, target)


def add_member(*, actor, target, user, role: str):
    if not may_manage_members(actor, target):
        raise PermissionDenied
    model, field = membership_model_for(target)
    if model.objects.filter(user=user, **{field: target}).exists():
        raise ValidationError(
            {
                "user": _("%(user)s is already a member of %(target)s.")
                % {"user": user, "target": target}
            }
        )
    return save_record(model(user=user, role=role, **{field: target}), actor=actor)


def change_member_role(*, actor, membership, role: str):
    if not may_manage_members(actor, _target_of(membership)):
        raise PermissionDenied
    return save_record(membership, actor=actor, role=role)


def remove_member(*, actor, membership) -> None:
    if not may_manage_members(actor, _target_of(membership)):
        raise PermissionDenied
    delete_record(membership, actor=actor)


def _target_of(membership):
    for field in ("organisation", "partnership", "project"):
        if hasattr(type(membership), field):
            return getattr(membership, field)
    raise TypeError(type(membership).__name__)
