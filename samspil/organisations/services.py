"""Writing organisations and memberships: the rules pages, API and the demo all go through."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from samspil.core import scoping
from samspil.core.audit import acting_as
from samspil.core.services import delete_record, ensure_can, ensure_can_create, save_record
from samspil.organisations.models import Organisation, OrganisationMembership, Role
from samspil.organisations.scoping import ROLE_ORDER, rank


def create_organisation(*, actor, **fields) -> Organisation:
    ensure_can_create(actor, Organisation)
    return save_record(Organisation(), actor=actor, **fields)


def update_organisation(*, actor, organisation: Organisation, **fields) -> Organisation:
    ensure_can(actor, scoping.CHANGE, organisation)
    return save_record(organisation, actor=actor, **fields)


def delete_organisation(*, actor, organisation: Organisation) -> None:
    """Remove an organisation nothing refers to (else the refusal says so)."""
    ensure_can(actor, scoping.DELETE, organisation)
    delete_record(organisation, actor=actor)


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


# Who manages whom (the one place; pages and API call these). An organisation's memberships
# are kept by its operators, a partnership's by its coordinators, a project's by its operators
# (the scoping rules of the three membership models say so), superusers everywhere. Nobody
# grants a role above their own in the same organisation, partnership or project, changes or
# removes a member whose role is above their own, or changes or removes their own membership.


def members_key(target) -> str:
    """How the audit trail names the team a membership change was made in
    (``additional_data["members_of"]``), so the team's page can list its changes."""
    return f"{target._meta.label_lower}:{target.pk}"


def may_manage_members(actor, target) -> bool:
    """Whether ``actor`` may add members to ``target`` (and so see the buttons for it)."""
    model, _field = membership_model_for(target)
    return scoping.can_create(actor, model, target)


def highest_grantable(actor, target) -> int | None:
    """The rank (``scoping.ROLE_ORDER``) of the highest role ``actor`` may grant in
    ``target``: their own role there; None for a superuser (any role)."""
    if actor.is_superuser:
        return None
    model, field = membership_model_for(target)
    roles = model.objects.filter(user=actor, **{field: target}).values_list("role", flat=True)
    return max((rank(role) for role in roles), default=-1)


def grantable_roles(actor, target) -> list[tuple[str, str]]:
    """The roles ``actor`` may give in ``target``, as choices, lowest first."""
    limit = highest_grantable(actor, target)
    return [(role.value, role.label) for role in ROLE_ORDER if limit is None or rank(role) <= limit]


def _check_rank(actor, target, role: str, *, field: str = "role") -> None:
    limit = highest_grantable(actor, target)
    if limit is not None and rank(role) > limit:
        raise ValidationError(
            {
                field: _("You cannot give or change a role above your own (%(role)s).")
                % {"role": Role(role).label}
            }
        )


def _check_not_own(actor, membership) -> None:
    if membership.user_id == actor.pk:
        raise PermissionDenied(_("Nobody changes or removes their own membership."))


def add_member(*, actor, target, user, role: str):
    model, field = membership_model_for(target)
    if not scoping.can_create(actor, model, target):
        raise PermissionDenied
    if role not in Role.values:
        raise ValidationError({"role": _("Choose one of the roles.")})
    _check_rank(actor, target, role)
    if model.objects.filter(user=user, **{field: target}).exists():
        raise ValidationError(
            {
                "user": _("%(user)s is already a member of %(target)s.")
                % {"user": user, "target": target}
            }
        )
    with acting_as(actor, additional_data={"members_of": members_key(target)}):
        return save_record(model(user=user, role=role, **{field: target}), actor=actor)


def change_member_role(*, actor, membership, role: str):
    _check_not_own(actor, membership)
    ensure_can(actor, scoping.CHANGE, membership)
    target = _target_of(membership)
    if role not in Role.values:
        raise ValidationError({"role": _("Choose one of the roles.")})
    _check_rank(actor, target, membership.role)
    _check_rank(actor, target, role)
    with acting_as(actor, additional_data={"members_of": members_key(target)}):
        return save_record(membership, actor=actor, role=role)


def remove_member(*, actor, membership) -> None:
    _check_not_own(actor, membership)
    ensure_can(actor, scoping.DELETE, membership)
    target = _target_of(membership)
    _check_rank(actor, target, membership.role)
    with acting_as(actor, additional_data={"members_of": members_key(target)}):
        delete_record(membership, actor=actor)


def _target_of(membership):
    for field in ("organisation", "partnership", "project"):
        if hasattr(type(membership), field):
            return getattr(membership, field)
    raise TypeError(type(membership).__name__)
