"""Who may be named on a record: the people of the organisations, partnerships and projects it
belongs to. A consultant on a contact, a facilitator of a workshop, an attendee of a meeting
and anyone invited by e-mail must be one of them (the services check; the forms offer only
them), so naming someone never shows a record to a stranger."""

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext as _

from samspil.organisations.models import OrganisationMembership


def _ids(records) -> list:
    return [getattr(r, "pk", r) for r in records if r is not None]


def members(*, organisations=(), partnerships=(), projects=()):
    """The active users who are members of any of the given organisations, partnerships or
    projects (records or ids), as a queryset."""
    from samspil.partnerships.models import PartnershipMembership
    from samspil.programmes.models import ProjectMembership

    condition = Q(pk__in=[])
    if organisations := _ids(organisations):
        condition |= Q(
            pk__in=OrganisationMembership.objects.filter(organisation__in=organisations).values(
                "user"
            )
        )
    if partnerships := _ids(partnerships):
        condition |= Q(
            pk__in=PartnershipMembership.objects.filter(partnership__in=partnerships).values("user")
        )
    if projects := _ids(projects):
        condition |= Q(pk__in=ProjectMembership.objects.filter(project__in=projects).values("user"))
    return get_user_model().objects.filter(is_active=True).filter(condition)


def outsiders(users, **where) -> list:
    """Those of ``users`` who are not ``members(**where)``."""
    users = [u for u in users if u is not None]
    if not users:
        return []
    inside = set(members(**where).filter(pk__in=[u.pk for u in users]).values_list("pk", flat=True))
    return [u for u in users if u.pk not in inside]


def outsider_error(people) -> str:
    return _(
        "%(names)s is not a member of the partnership, the project or an organisation taking "
        "part, and cannot be named here."
    ) % {"names": ", ".join(u.get_full_name() or u.username for u in people)}


def check_named(errors: dict, field: str, users, **where) -> None:
    """Add the refusal to ``errors[field]`` when any of ``users`` is an outsider."""
    strangers = outsiders(users, **where)
    if strangers:
        errors.setdefault(field, []).append(outsider_error(strangers))
