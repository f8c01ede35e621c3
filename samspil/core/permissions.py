"""The API's default permission (kept apart from viewsets: DRF imports it while starting)."""

from rest_framework import permissions

from samspil.core import scoping


class ScopedPermission(permissions.BasePermission):
    """Signed-in users only; reads are narrowed by the queryset, writes checked per object."""

    def has_permission(self, request, view) -> bool:
        user = request.user
        if not (user and user.is_authenticated):
            return False
        if getattr(view, "action", None) == "create":
            # Whether the user may create one at all (for a record created under a parent:
            # under some parent). The parent named in the request is checked once it is read
            # (``ScopedModelViewSet.perform_create``); a parent out of scope is refused as an
            # unknown id.
            return scoping.can_create(user, view.queryset.model)
        return True

    def has_object_permission(self, request, view, obj) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        action = scoping.DELETE if request.method == "DELETE" else scoping.CHANGE
        return scoping.can(request.user, action, obj)
