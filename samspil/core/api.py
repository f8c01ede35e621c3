"""Base pieces for the REST API: scoped viewsets and the permission that guards writes."""

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import pagination, serializers, viewsets
from rest_framework.exceptions import PermissionDenied

from samspil.core import scoping


def as_api_error(exc: DjangoValidationError) -> serializers.ValidationError:
    if hasattr(exc, "error_dict"):
        errors = dict(exc.message_dict)
        if NON_FIELD_ERRORS in errors:  # a rule about the whole record, named as DRF names it
            errors.setdefault("non_field_errors", []).extend(errors.pop(NON_FIELD_ERRORS))
        return serializers.ValidationError(errors)
    return serializers.ValidationError({"non_field_errors": exc.messages})


def call_service(func, /, **kwargs):
    """Call a service function from the API: its refusals become 400 and 403 answers."""
    try:
        return func(**kwargs)
    except DjangoValidationError as exc:
        raise as_api_error(exc) from exc
    except DjangoPermissionDenied as exc:
        raise PermissionDenied from exc


class KeysetPagination(pagination.CursorPagination):
    """Pages of a long list by position (``WHERE name > 'last one shown'``), not by offset and
    count: the cost of a page is the same on the first page and the thousandth, whatever the
    size of the table. ``next`` and ``previous`` carry an opaque cursor; there is no ``count``.

    The order is the view's queryset's ``order_by`` (its first field decides the position, so
    it should be indexed and nearly unique; the later ones break ties)."""

    page_size = 50

    def get_ordering(self, request, queryset, view):
        return tuple(queryset.query.order_by) or super().get_ordering(request, queryset, view)


def restrict_relations(serializer, user):
    """Narrow every related field of a serializer that is written to what ``user`` may see, so
    an id out of scope is refused exactly as an id that does not exist (400, "object does not
    exist"): ids cannot be probed through writes."""
    fields = (
        serializer.child.fields
        if isinstance(serializer, serializers.ListSerializer)
        else (serializer.fields)
    )
    for field in fields.values():
        relation = getattr(field, "child_relation", field)
        queryset = getattr(relation, "queryset", None)
        if (
            isinstance(relation, serializers.RelatedField)
            and queryset is not None
            and not relation.read_only
            and scoping.is_registered(queryset.model)
        ):
            relation.queryset = scoping.restrict(queryset, user, scoping.VIEW)
    return serializer


class ScopedModelViewSet(viewsets.ModelViewSet):
    """A viewset over the rows the user may see (``scoping.restrict``); writes go through
    services.

    Subclasses implement ``create_record(serializer)`` and ``update_record(serializer)`` by
    calling their app's service functions, which validate the whole record. Who may create
    one is the registry's answer (``scoping.can_create`` under the parent named in the
    request); ids in a request body out of the caller's scope are refused as unknown. DELETE
    is offered only by viewsets that implement ``destroy_record`` (and list ``"delete"`` in
    ``http_method_names``); the others answer 405 and the schema does not offer it.
    """

    http_method_names = ["get", "post", "patch", "put", "head", "options"]

    def get_queryset(self):
        return scoping.restrict(super().get_queryset(), self.request.user, scoping.VIEW)

    def get_serializer(self, *args, **kwargs):
        serializer = super().get_serializer(*args, **kwargs)
        if self.request is not None and self.request.method not in ("GET", "HEAD", "OPTIONS"):
            restrict_relations(serializer, self.request.user)
        return serializer

    def perform_create(self, serializer):
        model = self.queryset.model
        field = scoping.parent_field(model)
        parent = serializer.validated_data.get(field) if field else None
        if not scoping.can_create(self.request.user, model, parent):
            raise PermissionDenied
        self._call(self.create_record, serializer)

    def perform_update(self, serializer):
        self._call(self.update_record, serializer)

    def perform_destroy(self, instance):
        self._call(self.destroy_record, instance)

    def _call(self, func, arg):
        call_service(lambda: func(arg))

    def create_record(self, serializer):  # pragma: no cover - every writable viewset overrides
        raise NotImplementedError

    def update_record(self, serializer):  # pragma: no cover
        raise NotImplementedError

    def destroy_record(self, instance):  # pragma: no cover - only where DELETE is offered
        raise NotImplementedError
