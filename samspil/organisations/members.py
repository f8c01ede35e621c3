"""The members section of an organisation's, partnership's or project's page: who is on it,
add / change role / remove for those allowed (through ``organisations.services``), and the
changes from the audit trail. One page (``manage``) takes the three kinds of change."""

from auditlog.models import LogEntry
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from samspil.core import scoping
from samspil.core.views import posted_pk
from samspil.organisations import services
from samspil.organisations.models import Organisation, Role

ACTIONS = {
    LogEntry.Action.CREATE: gettext_lazy("added"),
    LogEntry.Action.UPDATE: gettext_lazy("changed"),
    LogEntry.Action.DELETE: gettext_lazy("removed"),
}


def target_models():
    from samspil.partnerships.models import Partnership
    from samspil.programmes.models import Project

    return {"organisation": Organisation, "partnership": Partnership, "project": Project}


def kind_of(target) -> str:
    return next(k for k, model in target_models().items() if isinstance(target, model))


def changes(target, limit: int = 20) -> list[dict]:
    """The latest membership changes in ``target`` from the audit trail (one query)."""
    model, _field = services.membership_model_for(target)
    entries = (
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(model),
            additional_data__members_of=services.members_key(target),
        )
        .select_related("actor")
        .order_by("-timestamp", "-pk")[:limit]
    )
    rows = []
    for entry in entries:
        role = (entry.changes_dict or {}).get("role")
        rows.append(
            {
                "at": entry.timestamp,
                "actor": entry.actor,
                "action": ACTIONS.get(entry.action, ""),
                "member": entry.object_repr,
                "role": [Role(v).label if v in Role.values else v for v in role] if role else None,
            }
        )
    return rows


def section(user, target, memberships) -> dict:
    """What the members section shows ``user`` (a constant number of queries)."""
    memberships = list(memberships)
    may_add = services.may_manage_members(user, target)
    manageable = set()
    if memberships:
        model, _field = services.membership_model_for(target)
        manageable = set(
            scoping.restrict(
                model.objects.filter(pk__in=[m.pk for m in memberships]), user, scoping.CHANGE
            ).values_list("pk", flat=True)
        )
    roles = services.grantable_roles(user, target) if (may_add or manageable) else []
    return {
        "target": target,
        "kind": kind_of(target),
        "memberships": memberships,
        "may_add": may_add,
        "manageable": manageable,
        "roles": roles,
        "changes": changes(target) if (may_add or manageable) else [],
    }


@require_POST
def manage(request, kind: str, pk: int):
    """Add a member (``username``, ``role``), change one's role (``membership``, ``role``) or
    remove one (``membership``, ``remove``); back to the page with what happened."""
    model = target_models().get(kind)
    if model is None:
        raise Http404
    target = get_object_or_404(model.objects.restrict(request.user), pk=pk)
    membership_model, field = services.membership_model_for(target)
    user = request.user
    try:
        if "membership" in request.POST:
            membership = get_object_or_404(
                membership_model.objects.restrict(user).filter(**{field: target}),
                pk=posted_pk(request.POST["membership"]),
            )
            if "remove" in request.POST:
                services.remove_member(actor=user, membership=membership)
                messages.success(request, _("%(user)s was removed.") % {"user": membership.user})
            else:
                services.change_member_role(
                    actor=user, membership=membership, role=request.POST.get("role", "")
                )
                messages.success(
                    request, _("%(user)s's role was changed.") % {"user": membership.user}
                )
        else:
            username = (request.POST.get("username") or "").strip()
            member = get_user_model().objects.filter(username=username, is_active=True).first()
            if member is None:
                raise ValidationError(
                    {"username": _("No user is called “%(name)s”.") % {"name": username}}
                )
            services.add_member(
                actor=user, target=target, user=member, role=request.POST.get("role", "")
            )
            messages.success(request, _("%(user)s was added.") % {"user": member})
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except PermissionDenied:
        messages.error(request, _("You may not make that change."))
    return HttpResponseRedirect(target.get_absolute_url() + "#medlemmer")
