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
            return view.may_create(request)
        return True

    def has_object_permission(self, request, view, obj) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        action = scoping.DELETE if request.method == "DELETE" else scoping.CHANGE
        return scoping.can(request.user, action, obj)
